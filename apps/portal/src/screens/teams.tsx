// Org admins: the organisation's teams and their members (createTeam, addTeamMember, removeTeamMember),
// and who among its staff opens a person it works with (setCaseVisibility). Managers allocate cases to
// the teams' members, and with the team-and-region rule a team sees the people allocated to it.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, Select, TextField } from '../forms';
import { graphql } from '../gql';
import type { CaseVisibilityRule, OrgUsersQuery, TeamAdminQuery } from '../gql/graphql';
import { mayManageTeams } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { NotFound } from './not-found';

const TeamAdminDocument = graphql(`
  query TeamAdmin {
    viewer {
      organisation {
        id
        visibility
      }
    }
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

/** The organisation's users, asked apart from its teams: each list alone stays within the query cost limit. */
const OrgUsersDocument = graphql(`
  query OrgUsers {
    users(first: 500) {
      edges {
        node {
          id
          name
          active
        }
      }
    }
  }
`);

const CreateTeamDocument = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`);

const AddTeamMemberDocument = graphql(`
  mutation AddTeamMember($input: TeamMemberInput!) {
    addTeamMember(input: $input) {
      id
    }
  }
`);

const RemoveTeamMemberDocument = graphql(`
  mutation RemoveTeamMember($input: TeamMemberInput!) {
    removeTeamMember(input: $input) {
      id
    }
  }
`);

const SetCaseVisibilityDocument = graphql(`
  mutation SetCaseVisibility($input: SetCaseVisibilityInput!) {
    setCaseVisibility(input: $input) {
      id
      visibility
    }
  }
`);

type Team = TeamAdminQuery['teams'][number];
type User = OrgUsersQuery['users']['edges'][number]['node'];

const RULES: Record<CaseVisibilityRule, string> = {
  ORGANISATION: 'Everyone in the organisation with a casework role',
  TEAM_AND_REGION: 'Only staff in the person’s region, or in the team the person is allocated to, and the case owner',
};

const failed = (err: unknown) => (err as { code?: string }).code !== 'UNAUTHENTICATED';

function Visibility({ current, onSaved }: { current: CaseVisibilityRule; onSaved: () => void }) {
  const [rule, setRule] = useState<string>(current);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await gql(SetCaseVisibilityDocument, { input: { visibility: rule as CaseVisibilityRule } });
      setErrors({});
      flash('Who opens a person’s record is saved', true);
      onSaved();
    } catch (err) {
      if (failed(err)) setErrors(errorsFrom(err, ['visibility']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="visibility-title">
      <h2 id="visibility-title">Who opens a person’s record</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ visibility: 'Who opens a person’s record' }} />
        <Radios
          name="visibility"
          label="Among your staff, who may open the record of a person your organisation works with?"
          value={rule}
          onChange={setRule}
          options={Object.entries(RULES).map(([value, label]) => ({ value, label }))}
          error={errors.visibility}
        />
        <Button busy={busy} secondary>
          Save
        </Button>
      </form>
    </section>
  );
}

function TeamCard({ team, users, onChanged }: { team: Team; users: User[]; onChanged: () => void }) {
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const inTeam = new Set(team.members.map((m) => m.userId));
  const choices = users.filter((u) => u.active && !inTeam.has(u.id)).map((u) => ({ value: u.id, label: u.name }));
  const field = `add-${team.id}`;

  async function change(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await run();
      setErrors({});
      setAdding('');
      flash(done, true);
      onChanged();
    } catch (err) {
      if (failed(err)) setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }

  function add(e: SubmitEvent) {
    e.preventDefault();
    if (!adding) {
      setErrors({ [field]: 'Choose who to add' });
      return;
    }
    const name = users.find((u) => u.id === adding)?.name ?? 'The user';
    void change(() => gql(AddTeamMemberDocument, { input: { teamId: team.id, userId: adding } }), `${name} added to ${team.name}`);
  }

  return (
    <li className="card">
      <h3 className="card__title">{team.name}</h3>
      <ErrorSummary errors={errors} labels={{ [field]: `Add to ${team.name}` }} />
      {team.members.length ? (
        <ul className="plain-list" aria-label={`Members of ${team.name}`}>
          {team.members.map((m) => (
            <li key={m.userId}>
              {m.name}{' '}
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() =>
                  void change(
                    () => gql(RemoveTeamMemberDocument, { input: { teamId: team.id, userId: m.userId } }),
                    `${m.name} taken out of ${team.name}`,
                  )
                }
              >
                Remove
                <span className="visually-hidden">
                  {' '}
                  {m.name} from {team.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>Nobody is in this team yet.</p>
      )}
      {choices.length > 0 && (
        <form onSubmit={add} noValidate className="inline-form">
          <Select
            name={field}
            label={`Add to ${team.name}`}
            value={adding}
            onChange={setAdding}
            options={choices}
            placeholder="Choose someone"
            error={errors[field]}
          />
          <Button busy={busy} secondary>
            Add<span className="visually-hidden"> to {team.name}</span>
          </Button>
        </form>
      )}
    </li>
  );
}

function NewTeam({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const text = name.trim();
    if (text.length < 2 || text.length > 120) {
      setErrors({ name: 'Enter a team name of 2 to 120 characters' });
      return;
    }
    setBusy(true);
    try {
      await gql(CreateTeamDocument, { input: { name: text } });
      setErrors({});
      setName('');
      flash(`Team ${text} created`, true);
      onCreated();
    } catch (err) {
      if (failed(err)) setErrors(errorsFrom(err, ['name']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-team-title">
      <h2 id="new-team-title">Create a team</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ name: 'Team name' }} />
        <TextField
          name="name"
          label="Team name"
          hint="For example, Resettlement team"
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <Button busy={busy}>Create team</Button>
      </form>
    </section>
  );
}

/** The Teams screen, for the organisation's admins. */
export function Teams() {
  usePageTitle('Teams');
  const { viewer } = useSession();
  const allowed = mayManageTeams(viewer);
  const q = useQuery(
    () =>
      allowed
        ? Promise.all([gql(TeamAdminDocument), gql(OrgUsersDocument)]).then(([teams, users]) => ({ ...teams, users: users.users }))
        : Promise.resolve(null),
    [allowed],
  );
  if (!allowed) return <NotFound />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  if (!q.data)
    return (
      <p className="loading" role="status">
        Loading teams…
      </p>
    );
  const users = q.data.users.edges.map((e) => e.node);
  return (
    <>
      <h1>Teams</h1>
      <p className="lead">
        {viewer.organisation.name}’s teams. Managers allocate cases to the members of these teams, and to a team as a whole.
      </p>
      <section className="section" aria-labelledby="teams-title">
        <h2 id="teams-title">Your organisation’s teams</h2>
        {q.data.teams.length ? (
          <ul className="card-list">
            {q.data.teams.map((t) => (
              <TeamCard key={t.id} team={t} users={users} onChanged={q.reload} />
            ))}
          </ul>
        ) : (
          <p>Your organisation has no teams yet.</p>
        )}
      </section>
      <NewTeam onCreated={q.reload} />
      <Visibility key={q.data.viewer.organisation.visibility} current={q.data.viewer.organisation.visibility} onSaved={q.reload} />
    </>
  );
}
