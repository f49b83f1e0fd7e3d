// Org admins: the organisation's webhook endpoints (webhookEndpoints): a new one with its event types
// (createWebhookEndpoint, the signing secret shown once), paused and resumed (updateWebhookEndpoint),
// and each one's deliveries (webhookDeliveries) with a replay of one (replayWebhookDelivery).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextField } from '../forms';
import { graphql } from '../gql';
import type { OrgWebhooksQuery } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { mayManageMembers } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const OrgWebhooksDocument = graphql(`
  query OrgWebhooks {
    webhookEndpoints {
      id
      url
      eventTypes
      active
    }
  }
`);

const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($endpointId: ID!, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {
      edges {
        node {
          id
          eventId
          status
          deliveredAt
          attempts {
            at
            statusCode
            error
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateWebhookEndpointDocument = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
      secret
    }
  }
`);

const UpdateWebhookEndpointDocument = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      id
      active
    }
  }
`);

const ReplayWebhookDeliveryDocument = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      id
      status
    }
  }
`);

type Endpoint = OrgWebhooksQuery['webhookEndpoints'][number];

function Deliveries({ endpointId }: { endpointId: string }) {
  const cursors = useCursors(`deliveries-${endpointId}`);
  const q = useQuery(() => gql(WebhookDeliveriesDocument, { endpointId, after: cursors.after }), [endpointId, cursors.after]);
  const [error, setError] = useState('');
  if (q.error) return <p className="error-message">{q.error.message}</p>;
  if (!q.data) return <p className="loading">Loading deliveries…</p>;
  const rows = q.data.webhookDeliveries.edges.map((e) => e.node);
  if (!rows.length && cursors.page === 1) return <p>Nothing has been sent to it yet.</p>;
  async function replay(id: string) {
    try {
      await gql(ReplayWebhookDeliveryDocument, { id });
      flash('Delivery sent again', true);
      q.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <>
      {error && <p className="error-message">{error}</p>}
      <ul className="plain-list" aria-label={`Deliveries to endpoint ${endpointId.slice(0, 8)}`}>
        {rows.map((d) => (
          <li key={d.id}>
            Event {d.eventId}: {d.status}
            {d.deliveredAt ? `, ${formatDateTime(d.deliveredAt)}` : ''}, {d.attempts.length} attempts
            {d.attempts.at(-1)?.statusCode ? ` (last answer ${d.attempts.at(-1)!.statusCode})` : ''}{' '}
            <button type="button" className="link-button" onClick={() => void replay(d.id)}>
              Replay<span className="visually-hidden"> event {d.eventId}</span>
            </button>
          </li>
        ))}
      </ul>
      <Pagination page={cursors.page} pageInfo={q.data.webhookDeliveries.pageInfo} cursors={cursors} />
    </>
  );
}

function EndpointCard({ endpoint, onChanged }: { endpoint: Endpoint; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  async function toggle() {
    if (endpoint.active && !window.confirm(`Pause ${endpoint.url}? Nothing is sent to it until it is resumed; what is due waits.`)) return;
    setBusy(true);
    try {
      await gql(UpdateWebhookEndpointDocument, { input: { id: endpoint.id, active: !endpoint.active } });
      flash(`${endpoint.url} ${endpoint.active ? 'paused' : 'resumed'}`, true);
      onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card">
      <h3 className="card__title">
        {endpoint.url} {endpoint.active ? '' : '(paused)'}
      </h3>
      <p>Events: {endpoint.eventTypes.join(', ')}</p>
      <div className="button-group">
        <Button type="button" secondary busy={busy} onClick={() => void toggle()}>
          {endpoint.active ? 'Pause' : 'Resume'}
          <span className="visually-hidden"> {endpoint.url}</span>
        </Button>
        <Button type="button" secondary aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide deliveries' : 'Show deliveries'}
          <span className="visually-hidden"> to {endpoint.url}</span>
        </Button>
      </div>
      {open && <Deliveries endpointId={endpoint.id} />}
    </li>
  );
}

function NewEndpoint({ onCreated }: { onCreated: (secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('*');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const eventTypes = types
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    const problems: Errors = {};
    if (!/^https?:\/\/\S+$/.test(url.trim())) problems.url = 'Enter the address the hub posts to, starting https://';
    if (!eventTypes.length) problems.eventTypes = 'Enter the event types, or * for all';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const made = (await gql(CreateWebhookEndpointDocument, { input: { url: url.trim(), eventTypes } })).createWebhookEndpoint;
      setUrl('');
      onCreated(made.secret);
    } catch (err) {
      setErrors(errorsFrom(err, ['url', 'eventTypes']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-endpoint-title">
      <h2 id="new-endpoint-title">Add a webhook endpoint</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ url: 'Address', eventTypes: 'Event types' }} />
        <TextField
          name="url"
          label="Address"
          hint="Where the hub posts the events, for example https://cases.example.org/hub"
          value={url}
          onChange={setUrl}
          error={errors.url}
        />
        <TextField
          name="eventTypes"
          label="Event types"
          hint="Separated by commas, for example referral.sent, person.updated; * for all"
          value={types}
          onChange={setTypes}
          error={errors.eventTypes}
        />
        <Button busy={busy}>Add endpoint</Button>
      </form>
    </section>
  );
}

/** The webhooks screen, for the organisation's admins. */
export function Webhooks() {
  usePageTitle('Webhooks');
  const { viewer } = useSession();
  const allowed = mayManageMembers(viewer);
  const [secret, setSecret] = useState<string | null>(null);
  const q = useQuery(() => (allowed ? gql(OrgWebhooksDocument) : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading webhooks…');
  if (fallback) return fallback;
  return (
    <>
      <h1>Webhooks</h1>
      <p className="lead">
        Where the hub posts the events {viewer.organisation.name} may see, signed with a secret of each endpoint’s own.
      </p>
      {secret && (
        <div className="panel" role="status" aria-labelledby="webhook-secret-title">
          <h2 id="webhook-secret-title">The signing secret</h2>
          <p>Copy it now: it is not shown again.</p>
          <code data-testid="webhook-secret">{secret}</code>
        </div>
      )}
      <NewEndpoint
        onCreated={(s) => {
          setSecret(s);
          q.reload();
        }}
      />
      <section className="section" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Your organisation’s endpoints</h2>
        {q.data!.webhookEndpoints.length ? (
          <ul className="card-list">
            {q.data!.webhookEndpoints.map((e) => (
              <EndpointCard key={`${e.id}-${e.active}`} endpoint={e} onChanged={q.reload} />
            ))}
          </ul>
        ) : (
          <p>Your organisation has no webhook endpoints.</p>
        )}
      </section>
    </>
  );
}
