// Org admins: the organisation's users (users), a new user with roles and a first password (createUser),
// roles changed, and a user deactivated (signed out, no sign-in) or reactivated (updateUser); where the
// organisation has an identity provider, each user's link to their account there (linkUserIdentity,
// unlinkUserIdentity). Teams and their members are on the Teams screen.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, TextField } from '../forms';
import { graphql } from '../gql';
import type { OrgAdminUsersQuery, Role } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { mayManageMembers } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const OrgAdminUsersDocument = graphql(`
  query OrgAdminUsers($after: String) {
    users(first: 25, after: $after) {
      edges {
        node {
          id
          name
          email
          roles
          active
          identities {
            issuer
            subject
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    identityProvider {
      issuer
      identityClaim
    }
  }
`);

const LinkUserIdentityDocument = graphql(`
  mutation LinkUserIdentity($input: LinkUserIdentityInput!) {
    linkUserIdentity(input: $input) {
      id
    }
  }
`);

const UnlinkUserIdentityDocument = graphql(`
  mutation UnlinkUserIdentity($userId: ID!) {
    unlinkUserIdentity(userId: $userId) {
      id
    }
  }
`);

const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      name
    }
  }
`);

const UpdateUserDocument = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id
      active
      roles
    }
  }
`);

const ResetUserPasswordDocument = graphql(`
  mutation ResetUserPassword($input: ResetUserPasswordInput!) {
    resetUserPassword(input: $input) {
      id
      passwordChangeRequired
    }
  }
`);

type User = OrgAdminUsersQuery['users']['edges'][number]['node'];
type Provider = NonNullable<OrgAdminUsersQuery['identityProvider']>;

/** The user's link to their account at the organisation's identity provider: shown, made or removed. */
function IdentityLink({ user, provider, onChanged }: { user: User; provider: Provider; onChanged: () => void }) {
  const [linking, setLinking] = useState(false);
  const [subject, setSubject] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = `subject-${user.id}`;
  const label = `${provider.identityClaim === 'email' ? 'Email address' : 'Account id'} of ${user.name} at ${provider.issuer}`;
  async function link(e: SubmitEvent) {
    e.preventDefault();
    if (!subject.trim()) {
      setErrors({ [field]: `Enter the ${provider.identityClaim} claim the provider gives for ${user.name}` });
      return;
    }
    setBusy(true);
    try {
      await gql(LinkUserIdentityDocument, { input: { userId: user.id, subject: subject.trim() } });
      setErrors({});
      setLinking(false);
      setSubject('');
      flash(`${user.name} can sign in through ${provider.issuer}`, true);
      onChanged();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  async function unlink() {
    if (!window.confirm(`Unlink ${user.name} from their account at ${provider.issuer}? They can no longer sign in through it.`)) return;
    setBusy(true);
    try {
      await gql(UnlinkUserIdentityDocument, { userId: user.id });
      flash(`${user.name} is no longer linked to ${provider.issuer}`, true);
      onChanged();
    } catch (err) {
      setErrors({ [field]: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }
  const linked = user.identities.filter((i) => i.issuer === provider.issuer);
  if (linked.length)
    return (
      <p>
        Signs in through {provider.issuer} as {linked.map((i) => i.subject).join(', ')}.{' '}
        <button type="button" className="link-button" disabled={busy} onClick={() => void unlink()}>
          Unlink
          <span className="visually-hidden">
            {' '}
            {user.name} from {provider.issuer}
          </span>
        </button>
        {errors[field] && <span className="error-message"> {errors[field]}</span>}
      </p>
    );
  if (!linking)
    return (
      <p>
        Not linked to an account at {provider.issuer}.{' '}
        <button type="button" className="link-button" onClick={() => setLinking(true)}>
          Link<span className="visually-hidden"> {user.name} to their account</span>
        </button>
      </p>
    );
  return (
    <form onSubmit={(e) => void link(e)} noValidate>
      <ErrorSummary errors={errors} labels={{ [field]: label }} />
      <TextField
        name={field}
        label={label}
        hint={`The value of the provider’s ${provider.identityClaim} claim for them, exactly as it sends it`}
        autoComplete="off"
        value={subject}
        onChange={setSubject}
        error={errors[field]}
      />
      <div className="button-group">
        <Button busy={busy}>Link account</Button>
        <Button type="button" secondary onClick={() => setLinking(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The roles an organisation's admin grants (hub admins and commissioners are the hub's to grant). */
const ROLES: { value: Role; label: string }[] = [
  { value: 'CASEWORKER', label: 'Caseworker' },
  { value: 'MANAGER', label: 'Manager' },
  { value: 'DATA_PROTECTION_OFFICER', label: 'Data protection officer' },
  { value: 'ORG_ADMIN', label: 'Organisation admin' },
];
const roleNames = (roles: Role[]) => roles.map((r) => ROLES.find((x) => x.value === r)?.label ?? r.toLowerCase()).join(', ') || 'No roles';

function UserRow({ user, self, provider, onChanged }: { user: User; self: boolean; provider: Provider | null; onChanged: () => void }) {
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [temporary, setTemporary] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = `roles-${user.id}`;
  async function change(input: { roles?: Role[]; active?: boolean }, done: string) {
    setBusy(true);
    try {
      await gql(UpdateUserDocument, { input: { id: user.id, ...input } });
      setErrors({});
      setEditing(false);
      flash(done, true);
      onChanged();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  function saveRoles(e: SubmitEvent) {
    e.preventDefault();
    void change({ roles: roles as Role[] }, `${user.name}’s roles saved`);
  }
  async function resetPassword(e: SubmitEvent) {
    e.preventDefault();
    if (temporary.length < 12) {
      setErrors({ [`temporary-${user.id}`]: 'Enter a temporary password of at least 12 characters' });
      return;
    }
    setBusy(true);
    try {
      await gql(ResetUserPasswordDocument, { input: { userId: user.id, temporaryPassword: temporary } });
      setErrors({});
      setResetting(false);
      setTemporary('');
      flash(`${user.name} must choose a new password at their next sign-in`, true);
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  function switchActive() {
    if (user.active && !window.confirm(`Deactivate ${user.name}? They are signed out and cannot sign in until reactivated.`)) return;
    void change({ active: !user.active }, `${user.name} ${user.active ? 'deactivated' : 'reactivated'}`);
  }
  return (
    <li className="card">
      <h3 className="card__title">
        {user.name} {user.active ? '' : '(deactivated)'}
      </h3>
      <p>
        {user.email}. {roleNames(user.roles)}.
      </p>
      {provider && <IdentityLink user={user} provider={provider} onChanged={onChanged} />}
      <ErrorSummary
        errors={errors}
        labels={{ [field]: `Roles of ${user.name}`, [`temporary-${user.id}`]: `Temporary password for ${user.name}` }}
      />
      {resetting ? (
        <form onSubmit={(e) => void resetPassword(e)} noValidate>
          <TextField
            name={`temporary-${user.id}`}
            label={`Temporary password for ${user.name}`}
            hint="Give it to them by a safe channel: they sign in with it once and choose their own. Their sessions end now."
            type="password"
            autoComplete="new-password"
            value={temporary}
            onChange={setTemporary}
            error={errors[`temporary-${user.id}`]}
          />
          <div className="button-group">
            <Button busy={busy}>Reset the password</Button>
            <Button type="button" secondary onClick={() => setResetting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : editing ? (
        <form onSubmit={saveRoles} noValidate>
          <Checkboxes
            name={field}
            label={`Roles of ${user.name}`}
            values={roles}
            onChange={setRoles}
            options={ROLES}
            error={errors[field]}
          />
          <div className="button-group">
            <Button busy={busy}>Save roles</Button>
            <Button type="button" secondary onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-group">
          <Button type="button" secondary onClick={() => setEditing(true)} aria-expanded={false}>
            Change roles<span className="visually-hidden"> of {user.name}</span>
          </Button>
          {!self && user.active && (
            <Button type="button" secondary onClick={() => setResetting(true)}>
              Reset password<span className="visually-hidden"> of {user.name}</span>
            </Button>
          )}
          {!self && (
            <Button type="button" secondary={!user.active} warning={user.active} busy={busy} onClick={switchActive}>
              {user.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {user.name}</span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const empty = { name: '', email: '', password: '', roles: [] as string[] };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    if (form.name.trim().length < 2) problems.name = 'Enter the person’s full name';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(form.email.trim())) problems.email = 'Enter an email address, like name@example.org';
    if (form.password && form.password.length < 12) problems.password = 'Enter a password of at least 12 characters, or leave it empty';
    if (!form.roles.length) problems.roles = 'Choose at least one role';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const input = { name: form.name.trim(), email: form.email.trim(), roles: form.roles as Role[], password: form.password || null };
      await gql(CreateUserDocument, { input });
      flash(`${input.name} can now sign in`, true);
      setForm(empty);
      onCreated();
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'email', 'password', 'roles']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a user</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ name: 'Full name', email: 'Email address', password: 'First password', roles: 'Roles' }} />
        <TextField name="name" label="Full name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errors.name} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(v) => setForm({ ...form, email: v })}
          error={errors.email}
        />
        <TextField
          name="password"
          label="First password (optional)"
          hint="At least 12 characters, hard to guess. Leave it empty for someone who signs in with your organisation’s account."
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(v) => setForm({ ...form, password: v })}
          error={errors.password}
        />
        <Checkboxes
          name="roles"
          label="Roles"
          values={form.roles}
          onChange={(v) => setForm({ ...form, roles: v })}
          options={ROLES}
          error={errors.roles}
        />
        <Button busy={busy}>Add user</Button>
      </form>
    </section>
  );
}

/** The Users screen, for the organisation's admins. */
export function Users() {
  usePageTitle('Users');
  const { viewer } = useSession();
  const allowed = mayManageMembers(viewer);
  const cursors = useCursors('users');
  const q = useQuery(
    () => (allowed ? gql(OrgAdminUsersDocument, { after: cursors.after }) : Promise.resolve(null)),
    [allowed, cursors.after],
  );
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading users…');
  if (fallback) return fallback;
  const users = q.data!.users.edges.map((e) => e.node);
  return (
    <>
      <h1>Users</h1>
      <p className="lead">
        Who at {viewer.organisation.name} signs in to the hub, and with which roles. Teams and their members are on the{' '}
        <Link to="/teams">Teams</Link> screen.
      </p>
      <NewUser onCreated={q.reload} />
      <section className="section" aria-labelledby="users-title">
        <h2 id="users-title">Your organisation’s users</h2>
        <ul className="card-list">
          {users.map((u) => (
            <UserRow
              key={`${u.id}-${u.roles.join()}-${u.active}`}
              user={u}
              self={u.id === viewer.id}
              provider={q.data!.identityProvider ?? null}
              onChanged={q.reload}
            />
          ))}
        </ul>
        <Pagination page={cursors.page} pageInfo={q.data!.users.pageInfo} cursors={cursors} />
      </section>
    </>
  );
}
