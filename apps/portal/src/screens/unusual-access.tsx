// Data protection officers (their organisation's users) and hub admins (everyone's): users whose access in a
// period looks unusual (unusualAccess), each finding with the events behind it. The review is audited.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { Button, type Errors, ErrorSummary, errorsFrom, TextField, typedDate } from '../forms';
import { graphql } from '../gql';
import type { UnusualAccessInput, UnusualAccessKind, UnusualAccessReviewQuery } from '../gql/graphql';
import { mayReviewAccess } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { NotFound } from './not-found';

const UnusualAccessReviewDocument = graphql(`
  query UnusualAccessReview($input: UnusualAccessInput!) {
    unusualAccess(input: $input) {
      kind
      actor
      organisationId
      count
      eventCount
      events {
        id
        occurredAt
        personId
        action
        breakGlass
      }
    }
  }
`);

type Finding = UnusualAccessReviewQuery['unusualAccess'][number];

const KINDS: Record<UnusualAccessKind, { title: string; unit: string }> = {
  NOT_ALLOCATED: { title: 'Records read that were not allocated to them', unit: 'records' },
  NO_INVOLVEMENT: { title: 'Records read that their organisation does not work with', unit: 'records' },
  OUT_OF_HOURS: { title: 'Reading out of hours', unit: 'reads' },
  BREAK_GLASS: { title: 'Breaking the glass often', unit: 'grants' },
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function FindingCard({ finding }: { finding: Finding }) {
  return (
    <li className="card">
      <h4 className="card__title">
        {finding.actor}: {finding.count} {KINDS[finding.kind].unit}
      </h4>
      <p>
        {finding.eventCount} events in the log; the newest {finding.events.length}:
      </p>
      <ul className="plain-list" aria-label={`Events behind ${finding.actor}`}>
        {finding.events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.occurredAt)}: {e.action}
            {e.breakGlass ? ' (break-glass)' : ''}
            {e.personId && (
              <>
                {' '}
                <Link to={`/people/${e.personId}`}>{e.personId.slice(0, 8)}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The unusual-access review screen. */
export function UnusualAccess() {
  usePageTitle('Unusual access');
  const { viewer } = useSession();
  const [form, setForm] = useState({ from: daysAgo(7), minRecords: '10', minOutOfHours: '5', minBreakGlass: '3' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  if (!mayReviewAccess(viewer)) return <NotFound />;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  async function review(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    const from = typedDate(form.from);
    if (!from) problems.from = 'Enter the first day, for example 2026-11-30';
    const number = (k: 'minRecords' | 'minOutOfHours' | 'minBreakGlass', max: number) => {
      const n = Number(form[k]);
      if (!Number.isInteger(n) || n < 1 || n > max) problems[k] = `Enter a whole number from 1 to ${max}`;
      return n;
    };
    const input: UnusualAccessInput = {
      from: from ?? '',
      minRecords: number('minRecords', 1000),
      minOutOfHours: number('minOutOfHours', 1000),
      minBreakGlass: number('minBreakGlass', 100),
    };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      setFindings((await gql(UnusualAccessReviewDocument, { input })).unusualAccess);
    } catch (err) {
      setErrors(errorsFrom(err, ['from', 'minRecords', 'minOutOfHours', 'minBreakGlass']));
    } finally {
      setBusy(false);
    }
  }
  const labels = { from: 'From', minRecords: 'Records', minOutOfHours: 'Reads out of hours', minBreakGlass: 'Break-glass grants' };
  return (
    <>
      <h1>Unusual access</h1>
      <p className="lead">
        Staff whose access since a day looks unusual, with the events behind it. Out of hours is before 8:00, after 19:00 or at a weekend
        (UK time). Looking is recorded in the log.
      </p>
      <form onSubmit={(e) => void review(e)} noValidate>
        <ErrorSummary errors={errors} labels={labels} />
        <TextField
          name="from"
          label="From"
          hint="The first day, for example 2026-11-30"
          value={form.from}
          onChange={set('from')}
          error={errors.from}
        />
        <TextField
          name="minRecords"
          label="Records"
          hint="Name someone who read at least this many records not allocated to them, or that their organisation does not work with"
          inputMode="numeric"
          value={form.minRecords}
          onChange={set('minRecords')}
          error={errors.minRecords}
        />
        <TextField
          name="minOutOfHours"
          label="Reads out of hours"
          inputMode="numeric"
          value={form.minOutOfHours}
          onChange={set('minOutOfHours')}
          error={errors.minOutOfHours}
        />
        <TextField
          name="minBreakGlass"
          label="Break-glass grants"
          inputMode="numeric"
          value={form.minBreakGlass}
          onChange={set('minBreakGlass')}
          error={errors.minBreakGlass}
        />
        <Button busy={busy}>Review</Button>
      </form>
      {findings && (
        <section className="section" aria-labelledby="findings-title">
          <h2 id="findings-title">Findings</h2>
          {findings.length === 0 && <p>Nothing unusual with these thresholds.</p>}
          {(Object.keys(KINDS) as UnusualAccessKind[]).map((kind) => {
            const of = findings.filter((f) => f.kind === kind);
            return of.length ? (
              <section key={kind} aria-labelledby={`kind-${kind}`}>
                <h3 id={`kind-${kind}`}>{KINDS[kind].title}</h3>
                <ul className="card-list">
                  {of.map((f) => (
                    <FindingCard key={`${f.kind}-${f.actor}`} finding={f} />
                  ))}
                </ul>
              </section>
            ) : null;
          })}
        </section>
      )}
    </>
  );
}
