import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { type Actor, type Connection, ErrorCode, HubError, NotFoundError, Scope, ValidationError } from '@hub/common';
import { keysetPage, type PageArgs } from '@hub/database';
import { ChangeFeedService, EventHandlerRegistry, JobQueue, type OutboxEvent, OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { actorRef } from '@hub/persons';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { signWebhook } from './webhook-signature.js';
import { SecretBoxError } from './secret-box.js';
import { SecretBoxService } from './secret-box.service.js';
import { COULD_NOT_DELIVER, sendWebhook } from './webhook-sender.js';
import { type Resolver, systemResolver, type WebhookUrlPolicy, webhookResolvedProblem, webhookUrlProblem } from './webhook-url-policy.js';
import { Permission, requirePermission } from '@hub/access';

export const DELIVER_WEBHOOK_TASK = 'sync:deliver_webhook';
const MAX_ATTEMPTS = 8;
/** The most attempts a delivery keeps (the latest): WebhookDelivery.attempts lists at most so many. */
export const ATTEMPTS_KEPT = 20;

/** A URL an endpoint may have: http(s), and what the policy allows (checked again at every connection). */
async function checkUrl(url: string, policy: WebhookUrlPolicy, resolve: Resolver): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError([{ field: 'url', messages: ['not a URL'] }]);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new ValidationError([{ field: 'url', messages: ['http or https only'] }]);
  const problem = webhookUrlProblem(policy, parsed) ?? (await webhookResolvedProblem(policy, parsed, resolve));
  if (problem) throw new ValidationError([{ field: 'url', messages: [problem] }], problem);
}

function checkEventTypes(eventTypes: string[]): void {
  if (eventTypes.length === 0 || eventTypes.some((t) => !/^(\*|[a-z_]+\.[a-z_]+)$/.test(t)))
    throw new ValidationError([{ field: 'eventTypes', messages: ["event types like person.created, or '*'"] }]);
}

/** What a sealed signing secret is bound to: this column of this row. */
export function secretContext(endpointId: string): string {
  return `webhook_endpoint.secret:${endpointId}`;
}

/** The receiving organisation as an actor reading its feed: deliveries carry only what it may query. */
function receiver(organisationId: string, organisationKind: string): Actor {
  return {
    kind: 'client',
    id: `webhooks-${organisationId}`,
    displayName: 'Webhooks',
    organisationId,
    organisationKind: organisationKind as Actor['organisationKind'],
    organisationRegions: [],
    roles: [],
    scopes: [Scope.PEOPLE_READ],
    purpose: 'casework',
    requestId: 'webhook',
  };
}

/**
 * Webhooks: organisations register endpoints and event types; every event the organisation may see
 * becomes one delivery, signed (HMAC-SHA256 over timestamp and body), retried with exponential
 * backoff by the job queue, every attempt logged, and replayable.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');
  private readonly policy: WebhookUrlPolicy;
  /** How endpoint host names are resolved; tests put a stub here. */
  resolver: Resolver = systemResolver;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: EventHandlerRegistry,
    private readonly queue: JobQueue,
    private readonly feed: ChangeFeedService,
    private readonly outbox: OutboxService,
    private readonly secrets: SecretBoxService,
    private readonly organisations: OrganisationsService,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.policy = {
      mode: config.webhooks.urlPolicy,
      allowedHosts: config.webhooks.allowedHosts,
      allowedCidrs: config.webhooks.allowedCidrs,
    };
  }

  async onModuleInit(): Promise<void> {
    this.registry.onEvents('sync.webhooks', ['*'], (m, events) => this.fanOut(m, events));
    this.registry.task(DELIVER_WEBHOOK_TASK, (p) => this.deliver(String(p.deliveryId)));
    // Admin commands never read secrets (and may run before the key is configured).
    if (process.env.HUB_ROLE !== 'cli') await this.sealStoredSecrets();
  }

  /**
   * At start: every signing secret not sealed with the current key (clear text from before
   * encryption at rest, or sealed with an old key) is sealed with it, in one transaction; a second
   * run, or a second process starting at once, finds nothing to do. Refuses to start in production
   * without DATA_ENCRYPTION_KEY while endpoints exist. Returns how many secrets it sealed.
   */
  async sealStoredSecrets(): Promise<number> {
    const [state]: { any: boolean }[] = await this.db.query('SELECT EXISTS (SELECT 1 FROM webhook_endpoint) AS any');
    if (!state.any) return 0;
    if (this.secrets.keyMissing) {
      throw new SecretBoxError(
        'DATA_ENCRYPTION_KEY_REQUIRED',
        'webhook endpoints keep signing secrets: in production set DATA_ENCRYPTION_KEY (32 bytes, base64 or hex) before starting the hub',
      );
    }
    const box = await this.secrets.box();
    const sealed = await this.db.transaction(async (m) => {
      const rows: { id: string; secret: string }[] = await m.query(
        'SELECT id, secret FROM webhook_endpoint WHERE NOT starts_with(secret, $1) FOR UPDATE',
        [box.currentPrefix()],
      );
      for (const row of rows) {
        const plain = await this.secrets.open(row.secret, secretContext(row.id));
        await m.query('UPDATE webhook_endpoint SET secret = $2 WHERE id = $1', [row.id, box.seal(plain, secretContext(row.id))]);
      }
      return rows.length;
    });
    if (sealed) this.logger.log(`sealed ${sealed} webhook signing secret(s) with data key ${box.current!.id}`);
    return sealed;
  }

  private requireAdmin(actor: Actor): void {
    requirePermission(actor, Permission.WEBHOOK_MANAGE);
  }

  async create(actor: Actor, url: string, eventTypes: string[]): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    this.requireAdmin(actor);
    await checkUrl(url, this.policy, this.resolver);
    checkEventTypes(eventTypes);
    const id = randomUUID();
    const { secret, sealed } = await this.newSecret(id);
    const endpoint = await this.db.transaction(async (m) => {
      const saved = await m.save(
        m.create(WebhookEndpoint, {
          id,
          organisationId: actor.organisationId,
          url,
          eventTypes,
          secret: sealed,
          createdBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'webhook.created',
        aggregateType: 'webhook_endpoint',
        aggregateId: saved.id,
        payload: { eventTypes },
      });
      return saved;
    });
    delete (endpoint as Partial<WebhookEndpoint>).secret;
    return { endpoint, secret };
  }

  /** Changes an endpoint of the actor's organisation: where it goes, which events, or whether it is in use (an inactive one is sent nothing). */
  async update(
    actor: Actor,
    id: string,
    change: { url?: string | null; eventTypes?: string[] | null; active?: boolean | null },
  ): Promise<WebhookEndpoint> {
    this.requireAdmin(actor);
    if (change.url != null) await checkUrl(change.url, this.policy, this.resolver);
    if (change.eventTypes != null) checkEventTypes(change.eventTypes);
    return this.db.transaction(async (m) => {
      const endpoint = await this.ownEndpoint(m, actor, id);
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      for (const [field, value] of [
        ['url', change.url],
        ['eventTypes', change.eventTypes],
        ['active', change.active],
      ] as const) {
        if (value == null || JSON.stringify(endpoint[field]) === JSON.stringify(value)) continue;
        changes[field] = { old: endpoint[field], new: value };
        Object.assign(endpoint, { [field]: value });
      }
      if (!Object.keys(changes).length) return endpoint;
      const saved = await m.save(endpoint);
      if (changes.active && saved.active) await this.resume(m, id);
      await this.outbox.emit(m, actor, {
        type: 'webhook.updated',
        aggregateType: 'webhook_endpoint',
        aggregateId: id,
        payload: { fields: Object.keys(changes) },
        changes,
      });
      return saved;
    });
  }

  /** The deliveries paused while an endpoint was off go out again (their attempts so far still count). */
  private async resume(m: EntityManager, endpointId: string): Promise<void> {
    const paused: { id: string }[] = await m.query(
      `WITH resumed AS (UPDATE webhook_delivery SET status = 'pending' WHERE endpoint_id = $1 AND status = 'paused' RETURNING id) SELECT id FROM resumed`,
      [endpointId],
    );
    for (const { id } of paused) await this.queue.addWithin(m, DELIVER_WEBHOOK_TASK, { deliveryId: id }, { maxAttempts: MAX_ATTEMPTS });
  }

  /** A new signing secret (shown this once); every delivery from now on, retries included, is signed with it. */
  async rotateSecret(actor: Actor, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    this.requireAdmin(actor);
    const { secret, sealed } = await this.newSecret(id);
    const endpoint = await this.db.transaction(async (m) => {
      const own = await this.ownEndpoint(m, actor, id);
      await m.update(WebhookEndpoint, { id }, { secret: sealed });
      await this.outbox.emit(m, actor, { type: 'webhook.secret_rotated', aggregateType: 'webhook_endpoint', aggregateId: id, payload: {} });
      return own;
    });
    return { endpoint, secret };
  }

  private async ownEndpoint(m: EntityManager, actor: Actor, id: string): Promise<WebhookEndpoint> {
    const endpoint = await m.findOne(WebhookEndpoint, {
      where: { id, organisationId: actor.organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    return endpoint;
  }

  private async newSecret(endpointId: string): Promise<{ secret: string; sealed: string }> {
    if (this.secrets.keyMissing)
      throw new HubError(ErrorCode.ServiceUnavailable, 'Webhooks are unavailable until the hub is given a data encryption key');
    const secret = `whs_${randomBytes(24).toString('base64url')}`;
    return { secret, sealed: await this.secrets.seal(secret, secretContext(endpointId)) };
  }

  async list(actor: Actor, limit?: number): Promise<WebhookEndpoint[]> {
    this.requireAdmin(actor);
    return this.db
      .getRepository(WebhookEndpoint)
      .find({ where: { organisationId: actor.organisationId }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  /** An endpoint's deliveries, newest first. */
  async deliveries(actor: Actor, endpointId: string, page: PageArgs = {}): Promise<Connection<WebhookDelivery>> {
    this.requireAdmin(actor);
    const endpoint = await this.db.getRepository(WebhookEndpoint).findOneBy({ id: endpointId, organisationId: actor.organisationId });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.endpoint_id = :endpointId', { endpointId });
    return keysetPage(qb, { alias: 'd', at: 'created_at', id: 'uuid' }, page);
  }

  async replay(actor: Actor, deliveryId: string): Promise<WebhookDelivery> {
    this.requireAdmin(actor);
    return this.db.transaction(async (m) => {
      const delivery = await m.findOneBy(WebhookDelivery, { id: deliveryId });
      const endpoint = delivery && (await m.findOneBy(WebhookEndpoint, { id: delivery.endpointId, organisationId: actor.organisationId }));
      if (!delivery || !endpoint) throw new NotFoundError('Webhook delivery');
      delivery.status = 'pending';
      await m.save(delivery);
      await this.queue.addWithin(m, DELIVER_WEBHOOK_TASK, { deliveryId }, { maxAttempts: MAX_ATTEMPTS });
      return delivery;
    });
  }

  /** One delivery per endpoint that wants this event type and whose organisation may see the event. */
  private async fanOut(m: EntityManager, events: readonly OutboxEvent[]): Promise<void> {
    // Asked for every delivery (one statement for all its events): a cached "no endpoint" would be
    // stale in the other processes, and an endpoint registered through one of them would miss events meanwhile.
    const types = [...new Set(events.map((e) => e.type))];
    const endpoints: { id: string; organisation_id: string; event_types: string[] }[] = await m.query(
      `SELECT w.id, w.organisation_id, w.event_types FROM webhook_endpoint w WHERE w.active AND (w.event_types && $1::text[] OR '*' = ANY(w.event_types)) ORDER BY w.id`,
      [types],
    );
    if (!endpoints.length) return;
    const organisations = new Map(
      (await this.organisations.byIds([...new Set(endpoints.map((e) => e.organisation_id))], m)).map((o) => [o.id, o]),
    );
    for (const event of events) {
      for (const e of endpoints) {
        if (!e.event_types.includes(event.type) && !e.event_types.includes('*')) continue;
        const organisation = organisations.get(e.organisation_id);
        if (!organisation?.active) continue;
        if (!(await this.feed.visibility(receiver(e.organisation_id, organisation.kind), event.id, m))) continue;
        const [row] = await m.query<({ id: string } | undefined)[]>(
          `INSERT INTO webhook_delivery (endpoint_id, event_id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT uq_webhook_delivery DO NOTHING RETURNING id`,
          [e.id, event.id],
        );
        if (row) await this.queue.addWithin(m, DELIVER_WEBHOOK_TASK, { deliveryId: row.id }, { maxAttempts: MAX_ATTEMPTS });
      }
    }
  }

  /**
   * One attempt; a failure throws so the queue retries it with exponential backoff. Whether the
   * organisation may see the event is asked again first, since it may have changed since fan-out (a
   * consent withdrawn, a relationship ended): what it may no longer see is withheld, not sent, and
   * an event it sees only as a party to it goes without its person.
   */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.db.getRepository(WebhookDelivery).findOneBy({ id: deliveryId });
    if (!delivery || delivery.status === 'delivered') return;
    const endpoint = await this.db
      .getRepository(WebhookEndpoint)
      .createQueryBuilder('w')
      .addSelect('w.secret')
      .where('w.id = :id', { id: delivery.endpointId })
      .getOne();
    const event = await this.outbox.event(this.db.manager, delivery.eventId);
    if (!endpoint || !event) return;
    if (!endpoint.active) {
      // Off: kept, and sent again once the endpoint is turned on (update, which holds the endpoint's row
      // while it resumes what is paused). Read again under a share lock, so a pause and a resume never
      // pass each other: if it was turned on meanwhile, this attempt fails and the queue retries it.
      const paused = await this.db.transaction(async (m) => {
        const [w]: { active: boolean }[] = await m.query(`SELECT active FROM webhook_endpoint WHERE id = $1 FOR SHARE`, [endpoint.id]);
        if (!w || w.active) return !w;
        await m.query(`UPDATE webhook_delivery SET status = 'paused' WHERE id = $1 AND status = 'pending'`, [delivery.id]);
        return true;
      });
      if (paused) return;
      throw new Error('the endpoint was turned on meanwhile: the next attempt sends it');
    }
    const [organisation] = await this.organisations.byIds([endpoint.organisationId]);
    const to = receiver(endpoint.organisationId, organisation?.kind ?? '');
    const seen = organisation?.active ? await this.feed.visibility(to, event.id) : null;
    if (!seen) {
      await this.db.getRepository(WebhookDelivery).update({ id: delivery.id }, { status: 'withheld' });
      return;
    }
    const personId = seen === 'person' ? event.personId : null;
    // The payload through the same field policy as the feed and the person page, with the receiver's facts now.
    const [masked] = await this.feed.mask(to, [
      { type: event.type, personId: event.personId, organisationId: event.organisationId, payload: event.payload },
    ]);
    const secret = await this.secrets.open(endpoint.secret, secretContext(endpoint.id));
    const body = JSON.stringify({
      sequence: String(event.id),
      type: event.type,
      entityType: event.aggregateType,
      entityId: event.aggregateId,
      personId,
      occurredAt: event.occurredAt,
      payload: masked.payload,
      withheldFields: masked.withheld,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    // The delivery log tells the org admin the receiver's status or that it could not be reached, never
    // why (a refused port, an address, a TLS error): the log must not map the network behind the URL.
    const result = await sendWebhook(
      endpoint.url,
      {
        'content-type': 'application/json',
        'x-hub-signature': signWebhook(secret, timestamp, body),
        'x-hub-event-id': String(event.id),
        'x-hub-delivery-id': delivery.id,
      },
      body,
      { policy: this.policy, timeoutMs: 10_000, resolve: this.resolver },
    );
    const statusCode = result.statusCode;
    const error = statusCode === null ? COULD_NOT_DELIVER : statusCode < 200 || statusCode >= 300 ? `HTTP ${statusCode}` : null;
    const sent = result.connected;
    const attempt = { at: new Date().toISOString(), statusCode, error, ms: Date.now() - started };
    const attempts = delivery.attempts.length + 1;
    const status = error ? (attempts >= MAX_ATTEMPTS ? 'failed' : 'pending') : 'delivered';
    await this.db.transaction(async (m) => {
      await m.query(
        // Only the latest ATTEMPTS_KEPT attempts are kept (replays add more): WebhookDelivery.attempts stays bounded.
        `UPDATE webhook_delivery SET attempts = (CASE WHEN jsonb_array_length(attempts) >= ${ATTEMPTS_KEPT} THEN (SELECT coalesce(jsonb_agg(a ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(attempts) WITH ORDINALITY AS t(a, n) WHERE n > jsonb_array_length(attempts) - ${ATTEMPTS_KEPT - 1}) ELSE attempts END) || $2::jsonb, status = $3, delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END WHERE id = $1`,
        [delivery.id, JSON.stringify([attempt]), status],
      );
      // The body went out (whatever the answer): a disclosure to the receiving organisation, audited
      // with the attempt's bookkeeping. Events about no person disclose no person data.
      if (sent && personId) {
        await this.feed.recordDisclosures(m, to, [{ type: event.type, personId, payload: masked.payload }], {
          channel: 'webhook',
          endpointId: endpoint.id,
          deliveryId: delivery.id,
          eventId: String(event.id),
          attempt: attempts,
          statusCode,
        });
      }
    });
    if (error) {
      this.logger.warn(`webhook delivery ${delivery.id} attempt ${attempts} failed: ${error}${result.detail ? ` (${result.detail})` : ''}`);
      throw new Error(`delivery failed: ${error}`);
    }
  }
}
