// Who in the viewer's organisation owns the person's case (case owner and team), since when and why,
// with the history of allocations; managers allocate or reallocate (allocatePerson, with a reason).
// The caseworkers a manager chooses from are the members of the organisation's teams (`teams`, which
// everyone of the organisation may read; the list of all users is for admins only). Restrictions and
// exclusions in force are shown, read-only, to those the API shows them to.
// Read apart from the record, so that allocating reloads only this section.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../../api';
import { flash } from '../../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, type Option, Select, TextArea } from '../../forms';
import { graphql } from '../../gql';
import type { PersonAllocationQuery, TeamsQuery } from '../../gql/graphql';
import { useSession } from '../../session-context';
import { useQuery } from '../../use-query';
import { formatDate } from '../../vocabulary';
import { caseOwner } from '../people-table';

const PersonAllocationDocument = graphql(`
  query PersonAllocation($id: ID!) {
    person(id: $id) {
      id
      allocation {
        id
        caseOwnerId
        caseOwnerName
        teamId
        teamName
        reason
        allocatedAt
        allocatedBy
      }
      allocationHistory {
        id
        caseOwnerId
        caseOwnerName
        teamId
        teamName
        reason
        allocatedAt
        allocatedBy
        endedAt
      }
      restrictions {
        id
        kind
        userIds
        reason
        reviewOn
        allowsBreakGlass
        placedAt
      }
    }
  }
`);

const TeamsDocument = graphql(`
  query Teams {
    teams {
      id
      name
      members {
        userId
        name
      }
    }
  }
`);

const AllocatePersonDocument = graphql(`
  mutation AllocatePerson($input: AllocatePersonInput!) {
    allocatePerson(input: $input) {
      id
      caseOwnerName
      teamName
    }
  }
`);

type Teams = TeamsQuery['teams'];
type Allocation = NonNullable<PersonAllocationQuery['person']['allocation']>;

const LABELS = { caseOwnerId: 'Case owner', teamId: 'Team', reason: 'Why are you allocating this case?' };

/** People's names by user id, from the teams' members (all the viewer's organisation may read of its staff). */
function namesOf(teams: Teams): Map<string, string> {
  return new Map(teams.flatMap((t) => t.members.map((m) => [m.userId, m.name] as const)));
}

/** Who allocated: "you", a named colleague, or, for one the viewer cannot name, what kind of actor. */
function allocatedBy(ref: string, viewerId: string, names: Map<string, string>): string {
  const [kind, id] = ref.split(':');
  if (kind === 'user' && id === viewerId) return 'you';
  if (kind === 'user') return names.get(id) ?? 'a colleague';
  if (kind === 'client') return 'a connected system';
  return 'the hub';
}

function AllocateForm(props: {
  personId: string;
  person: string;
  current: Allocation | null;
  teams: Teams;
  onAllocated: (to: string) => void;
  onCancel: () => void;
}) {
  const { personId, person, current, teams, onAllocated, onCancel } = props;
  const [caseOwnerId, setCaseOwnerId] = useState(current?.caseOwnerId ?? '');
  const [teamId, setTeamId] = useState(current?.teamId ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  // Each member once, by name, with their teams; the current case owner too when in no team.
  const members = new Map<string, { name: string; teams: string[] }>();
  for (const t of teams)
    for (const m of t.members) {
      const entry = members.get(m.userId) ?? { name: m.name, teams: [] };
      entry.teams.push(t.name);
      members.set(m.userId, entry);
    }
  if (current?.caseOwnerId && !members.has(current.caseOwnerId))
    members.set(current.caseOwnerId, { name: current.caseOwnerName ?? 'The current case owner', teams: [] });
  const ownerOptions: Option[] = [...members]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([value, m]) => ({ value, label: m.teams.length ? `${m.name} (${m.teams.join(', ')})` : m.name }));
  const teamOptions: Option[] = teams.map((t) => ({ value: t.id, label: t.name }));

  function chooseOwner(id: string) {
    setCaseOwnerId(id);
    // A caseworker in exactly one team: that team, unless one is chosen already.
    const theirs = teams.filter((t) => t.members.some((m) => m.userId === id));
    if (!teamId && theirs.length === 1) setTeamId(theirs[0].id);
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!caseOwnerId && !teamId) found.caseOwnerId = 'Choose a case owner, a team, or both';
    const text = reason.trim();
    if (text.length < 3) found.reason = 'Enter why you are allocating this case, in at least 3 characters';
    else if (text.length > 500) found.reason = 'The reason must be 500 characters or fewer';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const done = await gql(AllocatePersonDocument, {
        input: { personId, caseOwnerId: caseOwnerId || null, teamId: teamId || null, reason: text },
      });
      onAllocated(caseOwner(done.allocatePerson));
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const code = (err as { code?: string }).code;
      // NOT_FOUND: the caseworker or team is no longer of the organisation (or the person no longer works with it).
      setErrors(
        code === 'NOT_FOUND'
          ? { _form: 'That case owner or team could not be found in your organisation. Reload the page and choose again.' }
          : errorsFrom(err, ['caseOwnerId', 'teamId', 'reason']),
      );
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form" aria-labelledby="allocate-title">
      <ErrorSummary errors={errors} labels={LABELS} />
      <h3 id="allocate-title">{current ? `Reallocate ${person}` : `Allocate ${person}`}</h3>
      <Select
        name="caseOwnerId"
        label={LABELS.caseOwnerId}
        hint="The members of your organisation’s teams"
        value={caseOwnerId}
        onChange={chooseOwner}
        options={ownerOptions}
        placeholder="No named case owner"
        error={errors.caseOwnerId}
      />
      <Select
        name="teamId"
        label={LABELS.teamId}
        value={teamId}
        onChange={setTeamId}
        options={teamOptions}
        placeholder="No team"
        error={errors.teamId}
      />
      <TextArea
        name="reason"
        label={LABELS.reason}
        hint="For example, new referral, caseload balancing or the case owner has left. Kept in the allocation history. Between 3 and 500 characters."
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <div className="button-group">
        <Button busy={busy}>{current ? 'Reallocate' : 'Allocate'}</Button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The "Case allocation" section of the person page, and the restrictions in force, if any are shown to the viewer. */
export function AllocationSection(props: {
  personId: string;
  person: string;
  /** The viewer's organisation works with the person (only then may it allocate). */
  worksWith: boolean;
  open: string | null;
  onOpen: (key: string | null) => void;
}) {
  const { personId, person, worksWith, open, onOpen } = props;
  const { viewer } = useSession();
  const manager = viewer.roles.includes('MANAGER');
  const q = useQuery(async () => {
    const [record, teams] = await Promise.all([
      gql(PersonAllocationDocument, { id: personId }),
      gql(TeamsDocument).catch(() => ({ teams: [] as Teams })),
    ]);
    return { ...record.person, teams: teams.teams };
  }, [personId]);

  if (q.error)
    return (
      <section className="section" aria-labelledby="allocation">
        <h2 id="allocation">Case allocation</h2>
        <p className="error-message" role="alert">
          {q.error.message}
        </p>
      </section>
    );
  if (!q.data)
    return (
      <section className="section" aria-labelledby="allocation">
        <h2 id="allocation">Case allocation</h2>
        <p className="loading" role="status">
          Loading the allocation…
        </p>
      </section>
    );

  const { allocation: a, allocationHistory: history, restrictions, teams } = q.data;
  const names = namesOf(teams);
  const mayAllocate = manager && worksWith;
  const allocating = open === 'allocate';
  // The names the viewer may know (its organisation's teams' members, and itself); others counted.
  const named = (userIds: string[]) => {
    const known = userIds.flatMap((u) => (u === viewer.id ? [`${viewer.name} (you)`] : names.has(u) ? [names.get(u)!] : []));
    const others = userIds.length - known.length;
    if (others) known.push(`${others} ${others === 1 ? 'other person' : 'other people'} (not in your organisation’s teams)`);
    return known.join(', ');
  };

  return (
    <>
      <section className="section" aria-labelledby="allocation">
        <h2 id="allocation">Case allocation</h2>
        {a ? (
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt className="summary-list__key">Case owner</dt>
              <dd className="summary-list__value">
                {a.caseOwnerName ?? 'No named case owner'}
                {a.caseOwnerId === viewer.id && <span className="secondary-text"> (you)</span>}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Team</dt>
              <dd className="summary-list__value">{a.teamName ?? 'No team'}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Allocated</dt>
              <dd className="summary-list__value">
                Since {formatDate(a.allocatedAt)} by {allocatedBy(a.allocatedBy, viewer.id, names)}: {a.reason}
              </dd>
            </div>
          </dl>
        ) : (
          <p>Nobody in {viewer.organisation.name} is allocated this case.</p>
        )}
        {mayAllocate && !allocating && (
          <button type="button" className="button button--secondary" onClick={() => onOpen('allocate')}>
            {a ? 'Reallocate' : 'Allocate'}
            <span className="visually-hidden"> this case</span>
          </button>
        )}
        {mayAllocate && allocating && teams.length === 0 && !a?.caseOwnerId && (
          <p className="inset-text">
            Your organisation has no teams yet. An administrator of your organisation sets up its teams and their members; then you can
            allocate cases to them.
          </p>
        )}
        {mayAllocate && allocating && (teams.length > 0 || a?.caseOwnerId) && (
          <AllocateForm
            personId={personId}
            person={person}
            current={a ?? null}
            teams={teams}
            onCancel={() => onOpen(null)}
            onAllocated={(to) => {
              onOpen(null);
              flash(`${person} allocated to ${to}`, true);
              q.reload();
            }}
          />
        )}
        {history.length > 0 && (
          <table className="table">
            <caption className="table__caption table__caption--small">Allocation history, newest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Case owner</th>
                <th scope="col">Team</th>
                <th scope="col">Why</th>
                <th scope="col">Until</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td data-label="From">
                    {formatDate(h.allocatedAt)}
                    <span className="secondary-text"> by {allocatedBy(h.allocatedBy, viewer.id, names)}</span>
                  </td>
                  <td data-label="Case owner">{h.caseOwnerName ?? 'None'}</td>
                  <td data-label="Team">{h.teamName ?? 'None'}</td>
                  <td data-label="Why">{h.reason}</td>
                  <td data-label="Until">{h.endedAt ? formatDate(h.endedAt) : 'Now'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {restrictions.length > 0 && (
        <section className="section" aria-labelledby="restrictions">
          <h2 id="restrictions">Restrictions on this record</h2>
          <ul className="card-list">
            {restrictions.map((r) => (
              <li key={r.id} className="card">
                <h3 className="card__title">
                  {r.kind === 'RESTRICTION'
                    ? 'Restricted: only the people named may open this record'
                    : 'Exclusion: the people named may not open this record'}
                </h3>
                <p>{r.reason}</p>
                <p className="secondary-text">
                  Placed {formatDate(r.placedAt)}; to be reviewed by {formatDate(r.reviewOn)}
                  {r.kind === 'RESTRICTION' && (r.allowsBreakGlass ? '; emergency access allowed' : '; no emergency access')}
                </p>
                <p>Named: {named(r.userIds)}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
