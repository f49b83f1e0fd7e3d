// Which optional parts of the API this hub has: the portal shows the referral and task screens, and asks
// the hub why data is withheld, only when the schema has the fields. The hub that serves the portal has
// them all; the check keeps the portal usable against a hub built without a lib.
import { useEffect, useState } from 'react';
import { gql } from './api';

export interface Capabilities {
  referrals: boolean;
  tasks: boolean;
  explainAccess: boolean;
}

const NONE: Capabilities = { referrals: false, tasks: false, explainAccess: false };
let cached: Promise<Capabilities> | null = null;

async function probe(field: string): Promise<boolean> {
  // Without introspection (production), a query naming a missing field fails validation.
  try {
    await gql(`{ ${field} { __typename } }`);
    return true;
  } catch (e) {
    return !['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED'].includes((e as { code?: string }).code ?? '');
  }
}

async function load(): Promise<Capabilities> {
  let names: Set<string>;
  try {
    const data = await gql<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } | null } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
    );
    names = new Set([...data.__schema.queryType.fields, ...(data.__schema.mutationType?.fields ?? [])].map((f) => f.name));
  } catch (e) {
    if ((e as { code?: string }).code === 'UNAUTHENTICATED') return NONE;
    const [inbox, sent, tasks] = await Promise.all([probe('referralInbox'), probe('sentReferrals'), probe('tasks')]);
    // explainAccess takes arguments, so it cannot be probed this way: it is tried, and the portal falls back if it fails.
    return { referrals: inbox && sent, tasks, explainAccess: true };
  }
  return {
    referrals: ['referralInbox', 'sentReferrals', 'acceptReferral', 'declineReferral'].every((n) => names.has(n)),
    tasks: names.has('tasks'),
    explainAccess: names.has('explainAccess'),
  };
}

export function resetCapabilities(): void {
  cached = null;
}

export function useCapabilities(enabled: boolean): Capabilities {
  const [caps, setCaps] = useState<Capabilities>(NONE);
  useEffect(() => {
    if (!enabled) return;
    cached ??= load().catch(() => NONE);
    let live = true;
    void cached.then((c) => live && setCaps(c));
    return () => {
      live = false;
    };
  }, [enabled]);
  return caps;
}
