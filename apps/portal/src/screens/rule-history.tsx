// Hub admins: the versions of one referral rule (referralRules(history: true)), newest first, each with
// who saved it, when, and what changed from the version before (a field-by-field diff).
import { useState } from 'react';
import { graphql } from '../gql';
import type { RuleVersionsQuery } from '../gql/graphql';
import { Select } from '../forms';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';

const RuleVersionsDocument = graphql(`
  query RuleVersions {
    referralRules(history: true) {
      ruleId
      version
      name
      active
      triggerEvent
      conditions
      serviceCode
      matchRegion
      consentPurpose
      cooldownDays
      createdBy
      createdAt
    }
  }
`);

type Version = RuleVersionsQuery['referralRules'][number];
const FIELDS: [keyof Version, string][] = [
  ['name', 'Name'],
  ['active', 'On'],
  ['triggerEvent', 'Trigger event'],
  ['conditions', 'Conditions'],
  ['serviceCode', 'Service'],
  ['matchRegion', 'Receiver covers the region'],
  ['consentPurpose', 'Consent needed'],
  ['cooldownDays', 'Cool-down (days)'],
];
const shown = (v: unknown) => (v === null || v === undefined ? 'none' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/** What changed from `before` to `after`, field by field. */
export function ruleDiff(before: Version, after: Version): { field: string; from: string; to: string }[] {
  return FIELDS.filter(([k]) => before[k] !== after[k]).map(([k, label]) => ({
    field: label,
    from: shown(before[k]),
    to: shown(after[k]),
  }));
}

function Versions({ ruleId }: { ruleId: string }) {
  const q = useQuery(RuleVersionsDocument, {});
  if (q.error) return <p className="error-message">{q.error.message}</p>;
  if (!q.data) return <p className="loading">Loading versions…</p>;
  const versions = q.data.referralRules.filter((r) => r.ruleId === ruleId).sort((a, b) => b.version - a.version);
  return (
    <ol className="plain-list" aria-label="Versions, newest first">
      {versions.map((v, i) => {
        const before = versions[i + 1];
        const changes = before ? ruleDiff(before, v) : [];
        return (
          <li key={v.version} className="card">
            <h4 className="card__title">
              Version {v.version}, {formatDateTime(v.createdAt)} by {v.createdBy}
            </h4>
            {!before ? (
              <p>The first version.</p>
            ) : changes.length ? (
              <ul aria-label={`Changes in version ${v.version}`}>
                {changes.map((c) => (
                  <li key={c.field}>
                    {c.field}: {c.from} → {c.to}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Saved again with no change.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The history of a rule chosen from those in force. */
export function RuleHistory({ rules }: { rules: { ruleId: string; name: string }[] }) {
  const [ruleId, setRuleId] = useState('');
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 id="history-title">A rule’s versions</h2>
      <Select
        name="historyRule"
        label="Rule"
        value={ruleId}
        onChange={setRuleId}
        options={rules.map((r) => ({ value: r.ruleId, label: r.name }))}
        placeholder="Choose a rule"
      />
      {ruleId && <Versions key={ruleId} ruleId={ruleId} />}
    </section>
  );
}
