// The record's history in plain words: who changed what, when and why, oldest first. A value the
// viewer may not read is "Withheld" with why, as on the person page (the hub decides, per value).
import { useEffect, useState } from 'react';
import { gql } from '../api';
import { type PersonChange, type PersonHistory as History, personHistory } from '../record-api';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { type Region, regionName, useRegions } from '../regions-api';
import { formatDate, RISK, SCHEMES, STAGES } from '../vocabulary';
import { queryFallback } from './not-found';
import { personName, Withheld } from './people-table';
import { OrganisationNamesDocument } from './person/person-record';
import { WhyLink } from './person/record-section';

const ACTIONS: Record<string, string> = {
  created: 'Record created',
  updated: 'Details changed',
  stage_changed: 'Progression stage changed',
  merged: 'Another record for the same person merged into this one',
  unmerged: 'A merge undone',
  involvement_added: 'An organisation started working with them',
  involvement_ended: 'An organisation’s work with them ended',
};

const FIELDS: Record<string, { label: string; category: string; show?: (v: unknown, regions: Region[]) => string }> = {
  givenName: { label: 'First name', category: 'IDENTITY' },
  familyName: { label: 'Last name', category: 'IDENTITY' },
  dateOfBirth: { label: 'Date of birth', category: 'IDENTITY', show: (v) => formatDate(String(v)) },
  region: { label: 'Region', category: 'IDENTITY', show: (v, regions) => regionName(regions, String(v)) },
  releaseDate: { label: 'Release date', category: 'IDENTITY', show: (v) => formatDate(String(v)) },
  stage: { label: 'Progression stage', category: 'ETE', show: (v) => STAGES[String(v).toUpperCase()] ?? String(v) },
  offenceSummary: { label: 'Offence', category: 'OFFENDING' },
  ogrsScore: { label: 'OGRS score (year 1)', category: 'OFFENDING', show: (v) => `${String(v)}%` },
  riskLevel: { label: 'Risk level', category: 'RISK', show: (v) => RISK[String(v).toUpperCase()] ?? String(v) },
  healthNotes: { label: 'Health notes', category: 'HEALTH' },
  identifiers: {
    label: 'Identifiers',
    category: 'IDENTITY',
    show: (v) =>
      Array.isArray(v) ? v.map((i: { scheme: string; value: string }) => `${SCHEMES[i.scheme] ?? i.scheme}: ${i.value}`).join(', ') : '',
  },
};

/** A JSON value of a change as words; empty for none. */
function shown(field: string, json: string | null, regions: Region[]): string {
  if (json === null) return '';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null || value === '' || value === undefined) return '';
  const f = FIELDS[field];
  if (f?.show) return f.show(value, regions);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Change({ change, personId }: { change: PersonChange['changes'][number]; personId: string }) {
  const f = FIELDS[change.field] ?? { label: change.field.replace(/([A-Z])/g, ' $1').toLowerCase(), category: 'IDENTITY' };
  const regions = useRegions();
  if (change.withheld)
    return (
      <li>
        {f.label}: <Withheld what={f.label} /> <WhyLink personId={personId} category={f.category} />
      </li>
    );
  const before = shown(change.field, change.oldValue, regions);
  const after = shown(change.field, change.newValue, regions);
  return (
    <li>
      {f.label}: {before ? <>from “{before}” to </> : ''}
      {after ? `“${after}”` : 'removed'}
    </li>
  );
}

export function PersonHistory({ personId }: { personId: string }) {
  const { viewer } = useSession();
  const q = useQuery(async () => {
    const [first, orgs] = await Promise.all([personHistory(personId), gql(OrganisationNamesDocument).catch(() => ({ organisations: [] }))]);
    return { first, orgs: new Map(orgs.organisations.map((o) => [o.id, o.name])) };
  }, [personId]);
  const [more, setMore] = useState<History['history']['edges']>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setMore([]);
    setCursor(q.data?.first.history.pageInfo.hasNextPage ? (q.data.first.history.pageInfo.endCursor ?? null) : null);
  }, [q.data]);
  usePageTitle(q.data ? `History of ${personName(q.data.first)}’s record` : 'Record history');
  const fallback = queryFallback(q, 'Person');
  if (fallback || !q.data) return fallback;
  const { first, orgs } = q.data;
  const edges = [...first.history.edges, ...more];

  async function loadMore() {
    setLoadingMore(true);
    try {
      const page = await personHistory(personId, cursor);
      setMore((m) => [...m, ...page.history.edges]);
      setCursor(page.history.pageInfo.hasNextPage ? (page.history.pageInfo.endCursor ?? null) : null);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <span className="caption">{personName(first)}</span>
      <h1>History of the record</h1>
      <p>
        Every change to {personName(first)}’s record, oldest first: {first.history.totalCount}{' '}
        {first.history.totalCount === 1 ? 'change' : 'changes'}. What you may not see is shown as withheld.
      </p>
      <p>
        <Link to={`/people/${personId}`}>Back to the record</Link>
      </p>
      <ol className="timeline">
        {edges.map(({ node: c }) => (
          <li key={`${c.version}-${c.changedAt}-${c.action}`} className="timeline__item">
            <h2 className="timeline__title">{ACTIONS[c.action] ?? c.action.replace(/_/g, ' ')}</h2>
            <p className="timeline__meta">
              {formatDateTime(c.changedAt)} · by{' '}
              {c.changedBy === `user:${viewer.id}`
                ? 'you'
                : `${c.changedBy.startsWith('client:') ? 'a connected system of' : 'someone at'} ${orgs.get(c.organisationId) ?? 'another organisation'}`}
            </p>
            {c.reason && <p>Why: {c.reason}</p>}
            {c.changes.length > 0 && (
              <ul className="plain-list">
                {c.changes.map((ch) => (
                  <Change key={ch.field} change={ch} personId={personId} />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more changes'}
        </button>
      )}
    </>
  );
}
