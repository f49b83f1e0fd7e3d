import { type ReactNode, useState } from 'react';
import { gql } from '../api';
import { flash, useSession } from '../app';
import { Link, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { OPEN_STATES, personReferrals } from '../referrals-api';
import { CATEGORIES, CONSENT_STATUSES, formatDate, METHODS, ORG_KINDS, PURPOSES, RISK, SCHEMES, STAGES, STATUSES, words } from '../vocabulary';
import { whyHref } from '../why';
import { type Changed, StatusChange } from './intervention-status';
import { type Involvement, Involvements, WorkEnded } from './involvements';
import { NotFound } from './not-found';
import { personName, Withheld } from './people-table';
import { type Sustainment, Sustainments } from './sustainment-form';

interface InterventionNode {
  id: string;
  typeCode: string;
  version: number;
  status: string;
  occurredAt: string;
  notes: string | null;
  dataCategory: string;
  organisationId: string;
  organisation: { name: string } | null;
  type: { name: string } | null;
  outcome:
    | { __typename: 'JobOutcome'; employer: string; sector: string; hoursPerWeek: number; startDate: string }
    | { __typename: 'QualificationOutcome'; qualification: string; level: string | null; awardedOn: string | null }
    | null;
}
interface Interventions {
  edges: { node: InterventionNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
export interface PersonDetail {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  region: string | null;
  releaseDate: string | null;
  offenceSummary: string | null;
  ogrsScore: number | null;
  riskLevel: string | null;
  healthNotes: string | null;
  stage: string | null;
  withheldFields: string[];
  readableCategories: string[];
  identifiers: { scheme: string; value: string }[] | null;
  interventions: Interventions;
  consents: { id: string; purpose: string; categories: string[]; organisationId: string | null; organisationKind: string | null; status: string; givenAt: string; method: string; expiresAt: string | null }[];
  sustainments: Sustainment[];
  involvements: Involvement[];
}

const INTERVENTION_FIELDS = `edges { node { id typeCode version status occurredAt notes dataCategory organisationId organisation { name } type { name }
  outcome { __typename ... on JobOutcome { employer sector hoursPerWeek startDate } ... on QualificationOutcome { qualification level awardedOn } } } }
  pageInfo { hasNextPage endCursor }`;

const PERSON = `query Person($id: ID!) { person(id: $id) {
  id givenName familyName dateOfBirth region releaseDate offenceSummary ogrsScore riskLevel healthNotes stage withheldFields readableCategories
  identifiers { scheme value }
  interventions(first: 20) { ${INTERVENTION_FIELDS} }
  consents { id purpose categories organisationId organisationKind status givenAt method expiresAt }
  sustainments { id interventionId startDate dueOn status }
  involvements { id organisationId role startedAt endedAt } } }`;

const MORE = `query More($id: ID!, $after: String) { person(id: $id) { id interventions(first: 20, after: $after) { ${INTERVENTION_FIELDS} } } }`;

/** The categories interventions can be in; those not readable are withheld unless written by you. */
const INTERVENTION_CATEGORIES = ['ETE', 'EMPLOYMENT', 'ACCOMMODATION', 'HEALTH', 'SUBSTANCE_MISUSE', 'FINANCE', 'FAMILY'];

export function WhyLink({ personId, category }: { personId: string; category: string }) {
  return (
    <Link to={whyHref(personId, category)} className="why-link">
      Why?<span className="visually-hidden"> {CATEGORIES[category] ?? category} information is withheld</span>
    </Link>
  );
}

function Row({ label, value, field, p, category }: { label: string; value: ReactNode; field: string; p: PersonDetail; category?: string }) {
  const withheld = p.withheldFields.includes(field);
  return (
    <div className="summary-list__row">
      <dt className="summary-list__key">{label}</dt>
      <dd className="summary-list__value">
        {withheld ? (
          <>
            <Withheld what={label} /> {category && <WhyLink personId={p.id} category={category} />}
          </>
        ) : value === null || value === undefined || value === '' ? (
          <span className="secondary-text">Not recorded</span>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

function Section({ id, title, category, fields, p, children }: { id: string; title: string; category: string; fields: string[]; p: PersonDetail; children: ReactNode }) {
  const allWithheld = fields.every((f) => p.withheldFields.includes(f));
  return (
    <section className={`section${allWithheld ? ' section--withheld' : ''}`} aria-labelledby={id} data-category={category}>
      <h2 id={id}>{title}</h2>
      {allWithheld ? (
        <div className="withheld-panel">
          <p>
            <Withheld /> {title} information is withheld from you. It is not empty: you are not allowed to see it. <WhyLink personId={p.id} category={category} />
          </p>
        </div>
      ) : (
        <dl className="summary-list">{children}</dl>
      )}
    </section>
  );
}

function outcomeText(o: InterventionNode['outcome']): string | null {
  if (!o) return null;
  if (o.__typename === 'JobOutcome') return `${o.employer}, ${o.sector}, ${o.hoursPerWeek} hours a week, from ${formatDate(o.startDate)}`;
  return [o.qualification, o.level, o.awardedOn && `awarded ${formatDate(o.awardedOn)}`].filter(Boolean).join(', ');
}

export function PersonPage({ id }: { id: string }) {
  const { viewer, capabilities } = useSession();
  const q = useQuery(async () => {
    const [person, orgs] = await Promise.all([
      gql<{ person: PersonDetail }>(PERSON, { id }),
      gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }').catch(() => ({ organisations: [] })),
    ]);
    return { person: person.person, orgs: new Map(orgs.organisations.map((o) => [o.id, o.name])) };
  }, [id]);
  // Apart from the record, so that learning what the hub offers (capabilities) never reads the record twice.
  const referrals = useQuery(() => (capabilities.referrals ? personReferrals(id).catch(() => null) : Promise.resolve(null)), [id, capabilities.referrals]).data;
  const [more, setMore] = useState<InterventionNode[]>([]);
  const [moreCursor, setMoreCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  // The one inline form open on the page (`end:<id>`, `sustain:<id>`, `status:<id>`): one at a time.
  const [open, setOpen] = useState<string | null>(null);
  // Set once the caller's organisation ended its own work with the person (their name): it may no longer see them.
  const [endedOwn, setEndedOwn] = useState<string | null>(null);
  const gone = endedOwn !== null && q.error?.code === 'NOT_FOUND';
  const title = q.data ? personName(q.data.person) : gone ? 'Work ended' : q.error?.code === 'NOT_FOUND' ? 'Person not found' : 'Person';
  usePageTitle(title);

  if (gone) return <WorkEnded name={endedOwn} />;
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error) return <p className="error-message" role="alert">{q.error.message}</p>;
  if (!q.data) return <p className="loading" role="status">Loading the record…</p>;
  const p = q.data.person;
  const orgs = q.data.orgs;
  const interventions = [...p.interventions.edges.map((e) => e.node), ...more];
  const cursor = moreCursor === undefined ? (p.interventions.pageInfo.hasNextPage ? p.interventions.pageInfo.endCursor : null) : moreCursor;
  const withheldCategories = INTERVENTION_CATEGORIES.filter((c) => !p.readableCategories.includes(c));

  /** Reads the record again from its first page of interventions (versions and windows change with an update). */
  function refresh() {
    setMore([]);
    setMoreCursor(undefined);
    q.reload();
  }

  function statusChanged(c: Changed) {
    setOpen(null);
    flash(`Status changed to ${STATUSES[c.status]?.toLowerCase() ?? c.status}`, true);
    refresh();
  }

  async function loadMore() {
    setLoadingMore(true);
    try {
      const d = await gql<{ person: { interventions: Interventions } }>(MORE, { id, after: cursor });
      setMore((m) => [...m, ...d.person.interventions.edges.map((e) => e.node)]);
      setMoreCursor(d.person.interventions.pageInfo.hasNextPage ? d.person.interventions.pageInfo.endCursor : null);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <span className="caption">Person</span>
      <h1>{personName(p)}</h1>
      <div className="button-group">
        <Link to={`/people/${p.id}/log`} className="button">
          Log an intervention
        </Link>
        <Link to={`/people/${p.id}/consent`} className="button button--secondary">
          Record consent
        </Link>
        {capabilities.referrals && (
          <Link to={`/people/${p.id}/refer`} className="button button--secondary">
            Make a referral
          </Link>
        )}
      </div>

      <section className="section" aria-labelledby="details">
        <h2 id="details">Personal details</h2>
        <dl className="summary-list">
          <Row p={p} label="Name" field="givenName" value={personName(p)} category="IDENTITY" />
          <Row p={p} label="Date of birth" field="dateOfBirth" value={formatDate(p.dateOfBirth)} category="IDENTITY" />
          <Row p={p} label="Region" field="region" value={p.region?.replace(/_/g, ' ')} category="IDENTITY" />
          <Row p={p} label="Release date" field="releaseDate" value={formatDate(p.releaseDate)} category="IDENTITY" />
          <Row
            p={p}
            label="Identifiers"
            field="identifiers"
            category="IDENTITY"
            value={p.identifiers?.length ? (
              <ul className="plain-list">
                {p.identifiers.map((i) => (
                  <li key={i.scheme + i.value}>
                    {SCHEMES[i.scheme] ?? i.scheme}: {i.value}
                  </li>
                ))}
              </ul>
            ) : null}
          />
        </dl>
      </section>

      <Involvements
        involvements={p.involvements}
        orgs={orgs}
        person={personName(p)}
        open={open}
        onOpen={setOpen}
        onEnded={(organisation) => {
          flash(`${organisation}’s work with ${personName(p)} has ended`, true);
          refresh();
        }}
        onEndedOwn={() => {
          // Still shown if something else lets the organisation see the record; otherwise WorkEnded.
          setEndedOwn(personName(p));
          flash(`Your organisation’s work with ${personName(p)} has ended`, true);
          refresh();
        }}
      />

      <Section id="progression" title="Progression" category="ETE" fields={['stage']} p={p}>
        <Row p={p} label="Stage" field="stage" value={p.stage ? STAGES[p.stage] : null} category="ETE" />
      </Section>
      <Section id="offending" title="Offending" category="OFFENDING" fields={['offenceSummary', 'ogrsScore']} p={p}>
        <Row p={p} label="Offence" field="offenceSummary" value={p.offenceSummary} category="OFFENDING" />
        <Row p={p} label="OGRS score (year 1)" field="ogrsScore" value={p.ogrsScore === null ? null : `${p.ogrsScore}%`} category="OFFENDING" />
      </Section>
      <Section id="risk" title="Risk" category="RISK" fields={['riskLevel']} p={p}>
        <Row p={p} label="Risk level" field="riskLevel" value={p.riskLevel ? RISK[p.riskLevel] : null} category="RISK" />
      </Section>
      <Section id="health" title="Health" category="HEALTH" fields={['healthNotes']} p={p}>
        <Row p={p} label="Health notes" field="healthNotes" value={p.healthNotes} category="HEALTH" />
      </Section>

      <section className="section" aria-labelledby="interventions">
        <h2 id="interventions">Interventions</h2>
        {withheldCategories.length > 0 && (
          <div className="withheld-panel">
            <p>Other organisations’ interventions in these categories are withheld from you (yours are always shown):</p>
            <ul className="withheld-list">
              {withheldCategories.map((c) => (
                <li key={c}>
                  <Withheld /> {CATEGORIES[c]} <WhyLink personId={p.id} category={c} />
                </li>
              ))}
            </ul>
          </div>
        )}
        {interventions.length === 0 ? (
          <p>No interventions you can see.</p>
        ) : (
          <ol className="timeline">
            {interventions.map((i) => (
              <li key={i.id} className="timeline__item">
                <h3 className="timeline__title">{i.type?.name ?? i.typeCode}</h3>
                <p className="timeline__meta">
                  {formatDate(i.occurredAt)} · {STATUSES[i.status] ?? i.status} · {i.organisation?.name ?? orgs.get(i.organisationId) ?? 'Another organisation'}
                </p>
                {outcomeText(i.outcome) && <p>{outcomeText(i.outcome)}</p>}
                {i.notes && <p className="timeline__notes">{i.notes}</p>}
                {i.organisationId === viewer.organisation.id && (
                  <StatusChange intervention={i} name={i.type?.name ?? i.typeCode} open={open} onOpen={setOpen} onChanged={statusChanged} onReload={refresh} />
                )}
              </li>
            ))}
          </ol>
        )}
        {cursor && (
          <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Show more interventions'}
          </button>
        )}
      </section>

      <Sustainments
        sustainments={p.sustainments}
        employers={Object.fromEntries(interventions.flatMap((i) => (i.outcome?.__typename === 'JobOutcome' ? [[i.id, i.outcome.employer]] : [])))}
        open={open}
        onOpen={setOpen}
        onRecorded={(sustained) => {
          flash(sustained ? 'Outcome recorded: the job was sustained' : 'Outcome recorded: the job was not sustained', true);
          refresh();
        }}
      />

      {referrals && (
        <section className="section" aria-labelledby="referrals">
          <h2 id="referrals">Referrals</h2>
          {referrals.length === 0 ? (
            <p>Your organisation has not sent or received a referral for this person.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Referrals your organisation sent or received</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Made</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {referrals.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Service">{words(r.service)}</td>
                    <td data-label="From">{r.fromOrganisation?.name}</td>
                    <td data-label="To">{r.toOrganisation?.name}</td>
                    <td data-label="Made">{formatDate(r.createdAt)}</td>
                    <td data-label="Status">
                      <strong className={`tag${OPEN_STATES.includes(r.status) ? ' tag--green' : ' tag--grey'}`}>{words(r.status)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section className="section" aria-labelledby="consents">
        <h2 id="consents">Consent</h2>
        {p.consents.length === 0 ? (
          <p>No consents you can see.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Consents</caption>
            <thead>
              <tr>
                <th scope="col">Purpose</th>
                <th scope="col">Shared with</th>
                <th scope="col">Given</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.consents.map((c) => (
                <tr key={c.id}>
                  <td data-label="Purpose">{PURPOSES[c.purpose] ?? c.purpose}</td>
                  <td data-label="Shared with">
                    {c.organisationId ? orgs.get(c.organisationId) ?? (c.organisationId === viewer.organisation.id ? viewer.organisation.name : 'An organisation') : `Every ${ORG_KINDS[c.organisationKind ?? '']?.toLowerCase() ?? 'organisation'}`}
                  </td>
                  <td data-label="Given">
                    {formatDate(c.givenAt)} ({METHODS[c.method]?.toLowerCase() ?? c.method})
                  </td>
                  <td data-label="Status">
                    <strong className={`tag${c.status === 'IN_FORCE' ? ' tag--green' : ' tag--grey'}`}>{CONSENT_STATUSES[c.status] ?? c.status}</strong>
                  </td>
                  <td>
                    {c.status === 'IN_FORCE' && (
                      <Link to={`/people/${p.id}/consents/${c.id}/withdraw`}>
                        Withdraw<span className="visually-hidden"> consent for {PURPOSES[c.purpose]?.toLowerCase()}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
