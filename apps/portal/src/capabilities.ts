// Which optional parts of the API this hub has: the portal shows the referral and task screens, and asks
// the hub why data is withheld, only when the schema has the fields. The hub that serves the portal has
// them all; the check keeps the portal usable against a hub built without a lib.
import { useEffect, useState } from 'react';
import { gql } from './api';
import { graphql } from './gql';
import type { TypedDocumentString } from './gql/graphql';

export interface Capabilities {
  referrals: boolean;
  tasks: boolean;
  explainAccess: boolean;
  /** Assigning a task to a colleague or team (assignTask, and colleagues to choose from). */
  assignTasks: boolean;
  /** The user's own email notifications (notificationSettings). */
  notifications: boolean;
}

const NONE: Capabilities = { referrals: false, tasks: false, explainAccess: false, assignTasks: false, notifications: false };
let cached: Promise<Capabilities> | null = null;

const SchemaFieldsDocument = graphql(`
  query SchemaFields {
    __schema {
      queryType {
        fields {
          name
        }
      }
      mutationType {
        fields {
          name
        }
      }
    }
  }
`);

// Without introspection (production), a query naming a missing field fails validation.
const PROBES = {
  referralInbox: graphql(`
    query ProbeReferralInbox {
      referralInbox(first: 1) {
        __typename
      }
    }
  `),
  sentReferrals: graphql(`
    query ProbeSentReferrals {
      sentReferrals(first: 1) {
        __typename
      }
    }
  `),
  tasks: graphql(`
    query ProbeTasks {
      tasks(first: 1) {
        __typename
      }
    }
  `),
};

async function probe<T>(document: TypedDocumentString<T, Record<string, never>>): Promise<boolean> {
  try {
    await gql(document);
    return true;
  } catch (e) {
    return !['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED'].includes((e as { code?: string }).code ?? '');
  }
}

async function load(): Promise<Capabilities> {
  let names: Set<string>;
  try {
    const data = await gql(SchemaFieldsDocument);
    names = new Set([...(data.__schema.queryType.fields ?? []), ...(data.__schema.mutationType?.fields ?? [])].map((f) => f.name));
  } catch (e) {
    if ((e as { code?: string }).code === 'UNAUTHENTICATED') return NONE;
    const [inbox, sent, tasks] = await Promise.all([probe(PROBES.referralInbox), probe(PROBES.sentReferrals), probe(PROBES.tasks)]);
    // explainAccess takes arguments, so it cannot be probed this way: it is tried, and the portal falls back if it fails.
    // Those without a probe are taken to be there when tasks are (they came to the hub together).
    return { referrals: inbox && sent, tasks, explainAccess: true, assignTasks: tasks, notifications: tasks };
  }
  return {
    referrals: ['referralInbox', 'sentReferrals', 'acceptReferral', 'declineReferral'].every((n) => names.has(n)),
    tasks: names.has('tasks'),
    explainAccess: names.has('explainAccess'),
    assignTasks: names.has('assignTask') && names.has('colleagues'),
    notifications: names.has('notificationSettings') && names.has('updateNotificationSettings'),
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
