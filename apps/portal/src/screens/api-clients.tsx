// Org admins: the organisation's API clients (apiClients): a new one with its scopes (createApiClient),
// its secret shown once; a new secret (rotateApiClientSecret) and revoking one (revokeApiClient), each confirmed.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, TextField } from '../forms';
import { graphql } from '../gql';
import type { OrgApiClientsQuery, Scope } from '../gql/graphql';
import { mayManageMembers } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const OrgApiClientsDocument = graphql(`
  query OrgApiClients {
    apiClients {
      id
      name
      clientId
      scopes
      active
      createdAt
    }
  }
`);

const CreateApiClientDocument = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      client {
        id
        name
        clientId
      }
      clientSecret
    }
  }
`);

const RotateApiClientSecretDocument = graphql(`
  mutation RotateApiClientSecret($id: ID!) {
    rotateApiClientSecret(id: $id) {
      client {
        id
        name
        clientId
      }
      clientSecret
    }
  }
`);

const RevokeApiClientDocument = graphql(`
  mutation RevokeApiClient($id: ID!) {
    revokeApiClient(id: $id) {
      id
      active
    }
  }
`);

type Client = OrgApiClientsQuery['apiClients'][number];

const SCOPES: { value: Scope; label: string }[] = [
  { value: 'PEOPLE_READ', label: 'Read people (as the rules allow your organisation)' },
  { value: 'PEOPLE_WRITE', label: 'Record and change people' },
  { value: 'REFERRALS_WRITE', label: 'Make and answer referrals' },
  { value: 'REPORTS_READ', label: 'Read reports' },
  { value: 'SYNC', label: 'Load records from your case system' },
];

/** A secret, shown this once. */
function Secret({ shown }: { shown: { name: string; clientId: string; secret: string } }) {
  return (
    <div className="panel" role="status" aria-labelledby="secret-title">
      <h2 id="secret-title">The secret of {shown.name}</h2>
      <p>Copy it now into your system: the hub keeps only a hash of it and never shows it again.</p>
      <dl className="summary">
        <dt>Client id</dt>
        <dd>
          <code data-testid="client-id">{shown.clientId}</code>
        </dd>
        <dt>Client secret</dt>
        <dd>
          <code data-testid="client-secret">{shown.secret}</code>
        </dd>
      </dl>
    </div>
  );
}

function ClientRow({
  client,
  onSecret,
  onChanged,
}: {
  client: Client;
  onSecret: (s: { name: string; clientId: string; secret: string }) => void;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function run(question: string, action: () => Promise<void>) {
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      await action();
      setError('');
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const rotate = () =>
    run(`Give ${client.name} a new secret? The old one stops working at once.`, async () => {
      const made = (await gql(RotateApiClientSecretDocument, { id: client.id })).rotateApiClientSecret;
      onSecret({ name: made.client.name, clientId: made.client.clientId, secret: made.clientSecret });
    });
  const revoke = () =>
    run(`Revoke ${client.name}? It can no longer get tokens, and its tokens stop working.`, async () => {
      await gql(RevokeApiClientDocument, { id: client.id });
      flash(`${client.name} revoked`, true);
    });
  return (
    <li className="card">
      <h3 className="card__title">
        {client.name} {client.active ? '' : '(revoked)'}
      </h3>
      <p>
        Client id <code>{client.clientId}</code>. {client.scopes.map((s) => SCOPES.find((x) => x.value === s)?.label ?? s).join('; ')}.
      </p>
      {error && <p className="error-message">{error}</p>}
      {client.active && (
        <div className="button-group">
          <Button type="button" secondary busy={busy} onClick={() => void rotate()}>
            New secret<span className="visually-hidden"> for {client.name}</span>
          </Button>
          <Button type="button" warning busy={busy} onClick={() => void revoke()}>
            Revoke<span className="visually-hidden"> {client.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

function NewClient({ onCreated }: { onCreated: (s: { name: string; clientId: string; secret: string }) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    if (name.trim().length < 2) problems.name = 'Enter a name for the system, for example Case management system';
    if (!scopes.length) problems.scopes = 'Choose what it may do';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const made = (await gql(CreateApiClientDocument, { input: { name: name.trim(), scopes: scopes as Scope[] } })).createApiClient;
      setName('');
      setScopes([]);
      onCreated({ name: made.client.name, clientId: made.client.clientId, secret: made.clientSecret });
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'scopes']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-client-title">
      <h2 id="new-client-title">Add an API client</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ name: 'Name', scopes: 'What it may do' }} />
        <TextField name="name" label="Name" hint="The system that will call the hub" value={name} onChange={setName} error={errors.name} />
        <Checkboxes name="scopes" label="What it may do" values={scopes} onChange={setScopes} options={SCOPES} error={errors.scopes} />
        <Button busy={busy}>Add API client</Button>
      </form>
    </section>
  );
}

/** The API clients screen, for the organisation's admins. */
export function ApiClients() {
  usePageTitle('API clients');
  const { viewer } = useSession();
  const allowed = mayManageMembers(viewer);
  const [secret, setSecret] = useState<{ name: string; clientId: string; secret: string } | null>(null);
  const q = useQuery(() => (allowed ? gql(OrgApiClientsDocument) : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading API clients…');
  if (fallback) return fallback;
  const show = (s: { name: string; clientId: string; secret: string }) => {
    setSecret(s);
    q.reload();
  };
  return (
    <>
      <h1>API clients</h1>
      <p className="lead">The systems of {viewer.organisation.name} that call the hub, and what each may do.</p>
      {secret && <Secret shown={secret} />}
      <NewClient onCreated={show} />
      <section className="section" aria-labelledby="clients-title">
        <h2 id="clients-title">Your organisation’s API clients</h2>
        {q.data!.apiClients.length ? (
          <ul className="card-list">
            {q.data!.apiClients.map((c) => (
              <ClientRow key={`${c.id}-${c.active}`} client={c} onSecret={show} onChanged={q.reload} />
            ))}
          </ul>
        ) : (
          <p>Your organisation has no API clients.</p>
        )}
      </section>
    </>
  );
}
