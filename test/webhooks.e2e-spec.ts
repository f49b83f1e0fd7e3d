import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../libs/config/src/hub-config.js';
import { DEMO_DOMAIN } from '../libs/demo/src/demo-world.js';
import { EventHandlerRegistry } from '../libs/events/src/event-handlers.js';
import { dataKey, SecretBoxError } from '../libs/sync/src/webhooks/secret-box.js';
import { SecretBoxService } from '../libs/sync/src/webhooks/secret-box.service.js';
import { verifyWebhook } from '../libs/sync/src/webhooks/webhook-signature.js';
import { WebhooksService } from '../libs/sync/src/webhooks/webhooks.service.js';
import { createTestDatabase } from './support/database.js';
import { eventually, nodes, type Page, startTestHub, type TestDatabase, type TestHub } from './support/hub.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver started by the test: it records what arrives, and can be told to fail the first N requests, or every one while held. */
function receiver() {
  const received: Received[] = [];
  let failNext = 0;
  let held = false;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (held) res.statusCode = 503;
      else if (failNext > 0) {
        failNext--;
        res.statusCode = 503;
      }
      res.end();
    });
  });
  return {
    received,
    failNextRequests: (n: number) => (failNext = n),
    hold: (on: boolean) => (held = on),
    start: () =>
      new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('webhooks', () => {
  let hub: TestHub;
  const probationHook = receiver();
  const housingHook = receiver();
  let probationSecret: string;
  let housingSecret: string;
  let probationEndpoint: string;
  let housingUrl: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const create = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret } }`;
    const p = await hub.gql<{ createWebhookEndpoint: { endpoint: { id: string }; secret: string } }>(
      create,
      { input: { url: await probationHook.start(), eventTypes: ['person.created', 'intervention.logged'] } },
      await hub.tokenFor('probation.admin'),
    );
    const h = await hub.gql<{ createWebhookEndpoint: { endpoint: { id: string }; secret: string } }>(
      create,
      { input: { url: (housingUrl = await housingHook.start()), eventTypes: ['*'] } },
      await hub.tokenFor('housing.admin'),
    );
    expect(p.errors ?? h.errors).toBeUndefined();
    probationSecret = p.data!.createWebhookEndpoint.secret;
    probationEndpoint = p.data!.createWebhookEndpoint.endpoint.id;
    housingSecret = h.data!.createWebhookEndpoint.secret;
  });
  afterAll(async () => {
    await hub.close();
    await probationHook.stop();
    await housingHook.stop();
  });

  it('delivers each event the organisation may see once, signed; never what it may not see; retries with backoff and logs each attempt', async () => {
    probationHook.failNextRequests(1);
    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName: 'Webhook', familyName: 'Subject', dateOfBirth: '1990-05-05', identifiers: [], confirmNew: true } },
      await hub.tokenFor('probation.officer'),
    );
    const personId = created.data!.createPerson.person.id;
    // The first attempt is answered 503; the queue retries it after a backoff.
    const forPerson = () => probationHook.received.filter((r) => JSON.parse(r.body).entityId === personId);
    await eventually(async () => forPerson().length >= 2, 30_000, 'retried delivery');
    expect(forPerson()).toHaveLength(2);
    const [first, second] = forPerson();
    expect(first.headers['x-hub-event-id']).toBe(second.headers['x-hub-event-id']);
    for (const r of [first, second]) expect(verifyWebhook(probationSecret, String(r.headers['x-hub-signature']), r.body)).toBe(true);
    expect(
      verifyWebhook(probationSecret, String(second.headers['x-hub-signature']), second.body.replace('person.created', 'person.updated')),
    ).toBe(false);
    expect(JSON.parse(second.body)).toMatchObject({ type: 'person.created', personId });

    // The worker records the answer once the endpoint has given it: on a loaded machine, a moment after the request arrived.
    const admin = await hub.tokenFor('probation.admin');
    const delivered = async () =>
      nodes(
        (
          await hub.gql<{ webhookDeliveries: Page<{ id: string; status: string; attempts: { statusCode: number }[] }> }>(
            'query($id: ID!) { webhookDeliveries(endpointId: $id, first: 20) { edges { node { id status attempts { statusCode } } } } }',
            { id: probationEndpoint },
            admin,
          )
        ).data!.webhookDeliveries,
      ).find((d) => d.status === 'DELIVERED'.toLowerCase());
    await eventually(async () => (await delivered()) !== undefined, 30_000, 'delivery recorded');
    const delivery = (await delivered())!;
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([503, 200]);

    // The housing charity does not work with this person: nothing about them reaches its endpoint.
    expect(housingHook.received.filter((r) => JSON.parse(r.body).personId === personId)).toEqual([]);
    expect(housingHook.received.every((r) => verifyWebhook(housingSecret, String(r.headers['x-hub-signature']), r.body))).toBe(true);

    // Every attempt that sent the body is a disclosure to the receiving organisation, in the audit log.
    const [{ organisation_id: probationOrg }]: { organisation_id: string }[] = await hub.db.query(
      'SELECT organisation_id FROM webhook_endpoint WHERE id = $1',
      [probationEndpoint],
    );
    interface Disclosure {
      actor: string;
      organisation_id: string;
      action: string;
      categories: string[];
      detail: Record<string, unknown>;
    }
    const disclosures = (): Promise<Disclosure[]> =>
      hub.db.query(
        `SELECT actor, organisation_id, action, categories, detail FROM audit_event WHERE person_id = $1 AND detail->>'channel' = 'webhook' ORDER BY id`,
        [personId],
      );
    const eventId = String(second.headers['x-hub-event-id']);
    const expected = { actor: `client:webhooks-${probationOrg}`, organisation_id: probationOrg, action: 'read', categories: ['identity'] };
    const atAttempt = (statusCode: number) =>
      expect.objectContaining({
        ...expected,
        detail: expect.objectContaining({
          endpointId: probationEndpoint,
          deliveryId: delivery.id,
          eventId,
          event: 'person.created',
          statusCode,
        }),
      });
    await eventually(async () => (await disclosures()).length >= 2, 15_000, 'deliveries audited');
    expect(await disclosures()).toEqual([atAttempt(503), atAttempt(200)]);

    // Replay sends it again, same event id.
    const replay = await hub.gql(
      'mutation($id: ID!) { replayWebhookDelivery(id: $id) { id } }',
      { id: delivery.id },
      await hub.tokenFor('probation.admin'),
    );
    expect(replay.errors).toBeUndefined();
    await eventually(async () => forPerson().length >= 3, 30_000, 'replayed delivery');
    expect(forPerson()).toHaveLength(3);
    await eventually(async () => (await disclosures()).length >= 3, 15_000, 'replay audited');
    expect(await disclosures()).toEqual([atAttempt(503), atAttempt(200), atAttempt(200)]);
  });

  it('records no disclosure for an event about no person', async () => {
    // The housing organisation's own endpoint creation reaches its '*' endpoint: no person, no audit.
    await eventually(
      async () => housingHook.received.some((r) => JSON.parse(r.body).type === 'webhook.created'),
      30_000,
      'webhook.created delivered',
    );
    const [{ organisation_id: housingOrg }]: { organisation_id: string }[] = await hub.db.query(
      `SELECT organisation_id FROM webhook_endpoint WHERE url = $1`,
      [housingUrl],
    );
    await eventually(
      async () =>
        Number(
          (
            await hub.db.query(
              `SELECT count(*) AS n FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id WHERE w.url = $1 AND d.status = 'delivered'`,
              [housingUrl],
            )
          )[0].n,
        ) > 0,
      15_000,
      'delivery recorded',
    );
    const rows: { n: string }[] = await hub.db.query(`SELECT count(*) AS n FROM audit_event WHERE actor = $1 AND person_id IS NULL`, [
      `client:webhooks-${housingOrg}`,
    ]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('asks again before each attempt: a referral withdrawn meanwhile reaches the receiver without the person, and what it can no longer see is withheld', async () => {
    const officer = await hub.tokenFor('probation.officer');
    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName: 'Webhook', familyName: 'Referred', dateOfBirth: '1991-06-06', identifiers: [], confirmNew: true } },
      officer,
    );
    const personId = created.data!.createPerson.person.id;
    const [{ id: housingOrg }]: { id: string }[] = await hub.db.query(`SELECT organisation_id AS id FROM webhook_endpoint WHERE url = $1`, [
      housingUrl,
    ]);
    housingHook.hold(true);
    const sent = await hub.gql<{ sendReferral: { id: string } }>(
      `mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }`,
      {
        input: {
          personId,
          toOrganisationId: housingOrg,
          serviceCode: 'accommodation_support',
          reason: 'Needs a tenancy',
          sharedCategories: [],
        },
      },
      officer,
    );
    expect(sent.errors).toBeUndefined();
    const referralId = sent.data!.sendReferral.id;
    const bodies = (type: string) =>
      housingHook.received.map((r) => JSON.parse(r.body)).filter((b) => b.entityId === referralId && b.type === type);
    // While the referral is open the charity works with the person: the first attempts carry them (and are refused).
    await eventually(async () => bodies('referral.created').length > 0 && bodies('referral.sent').length > 0, 30_000, 'first attempts');
    expect(bodies('referral.sent')[0].personId).toBe(personId);

    const withdrawn = await hub.gql(
      `mutation($input: ReferralReasonInput!) { withdrawReferral(input: $input) { id } }`,
      { input: { referralId, reason: 'Moved out of area' } },
      officer,
    );
    expect(withdrawn.errors).toBeUndefined();
    housingHook.hold(false);
    const statuses = async () =>
      Object.fromEntries(
        (
          await hub.db.query(
            `SELECT e.type, d.status FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id JOIN outbox_event e ON e.id = d.event_id WHERE w.url = $1 AND e.aggregate_id = $2`,
            [housingUrl, referralId],
          )
        ).map((r: { type: string; status: string }) => [r.type, r.status]),
      );
    const expected = { 'referral.created': 'withheld', 'referral.sent': 'delivered', 'referral.withdrawn': 'delivered' };
    await eventually(async () => isDeepStrictEqual(await statuses(), expected), 75_000, 'retried after the withdrawal');
    expect(await statuses()).toEqual(expected);
    // The referral's two steps reached the charity as its party, without the person; the draft's creation never went again.
    expect(bodies('referral.sent').at(-1)).toMatchObject({
      personId: null,
      payload: { referralId, state: 'sent', parties: [expect.any(String), housingOrg] },
    });
    expect(bodies('referral.withdrawn')).toEqual([
      expect.objectContaining({ personId: null, payload: expect.objectContaining({ state: 'withdrawn' }) }),
    ]);
    expect(bodies('referral.created').every((b) => b.personId === personId)).toBe(true);
    // Only the attempts that carried the person are disclosures in the audit log.
    const carried = housingHook.received.filter((r) => JSON.parse(r.body).personId === personId).length;
    const audited: { n: string }[] = await hub.db.query(
      `SELECT count(*) AS n FROM audit_event WHERE person_id = $1 AND organisation_id = $2 AND detail->>'channel' = 'webhook'`,
      [personId, housingOrg],
    );
    expect(Number(audited[0].n)).toBe(carried);
  }, 120_000);

  it('keeps signing secrets sealed at rest (with a key the hub generated, no DATA_ENCRYPTION_KEY being set)', async () => {
    const rows: { id: string; secret: string }[] = await hub.db.query('SELECT id, secret FROM webhook_endpoint');
    expect(rows).toHaveLength(2);
    const [stored]: { id: string }[] = await hub.db.query('SELECT id FROM data_encryption_key');
    for (const row of rows) {
      expect(row.secret.startsWith(`v1:${stored.id}:`)).toBe(true);
      expect(row.secret).not.toContain(probationSecret);
      expect(row.secret).not.toContain(housingSecret);
    }
  });

  it('only org admins manage endpoints, and a bad URL is refused', async () => {
    const res = await hub.gql(
      `mutation { createWebhookEndpoint(input: { url: "ftp://x", eventTypes: ["*"] }) { secret } }`,
      {},
      await hub.tokenFor('housing.admin'),
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const caseworker = await hub.gql(`{ webhookEndpoints { id } }`, {}, await hub.tokenFor('housing.worker'));
    expect(caseworker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an org admin turns an endpoint off and on (deliveries due meanwhile wait), changes it, and rotates its secret; no one else can', async () => {
    const hook = receiver();
    const admin = await hub.tokenFor('probation.admin');
    const made = await hub.gql<{ createWebhookEndpoint: { endpoint: { id: string }; secret: string } }>(
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret } }`,
      { input: { url: await hook.start(), eventTypes: ['person.created'] } },
      admin,
    );
    const id = made.data!.createWebhookEndpoint.endpoint.id;
    const oldSecret = made.data!.createWebhookEndpoint.secret;
    const person = async (given: string) =>
      (
        await hub.gql<{ createPerson: { person: { id: string } } }>(
          `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
          { input: { givenName: given, familyName: 'Hooked', dateOfBirth: '1991-01-01', identifiers: [], confirmNew: true } },
          await hub.tokenFor('probation.officer'),
        )
      ).data!.createPerson.person.id;
    const arrived = (personId: string) => hook.received.filter((r) => JSON.parse(r.body).personId === personId);
    const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id url eventTypes active } }`;
    const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { endpoint { id } secret } }`;
    try {
      // Rotated: what is sent from now on is signed with the new secret only.
      const rotated = await hub.gql<{ rotateWebhookSecret: { secret: string } }>(ROTATE, { id }, admin);
      const newSecret = rotated.data!.rotateWebhookSecret.secret;
      expect(newSecret).not.toBe(oldSecret);
      const signed = await person('Signed');
      await eventually(async () => arrived(signed).length === 1, 30_000, 'delivery after rotation');
      const [r] = arrived(signed);
      expect(verifyWebhook(newSecret, String(r.headers['x-hub-signature']), r.body)).toBe(true);
      expect(verifyWebhook(oldSecret, String(r.headers['x-hub-signature']), r.body)).toBe(false);
      // Off: an event handled meanwhile makes no delivery to it; on again, the next one arrives.
      expect((await hub.gql(UPDATE, { input: { id, active: false } }, admin)).data).toEqual({
        updateWebhookEndpoint: { id, url: expect.any(String), eventTypes: ['person.created'], active: false },
      });
      const quiet = await person('Quiet');
      await eventually(
        async () =>
          (
            await hub.db.query(
              `SELECT 1 FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.person_id = $1 AND e.type = 'person.created' AND d.handler = 'sync.webhooks'`,
              [quiet],
            )
          ).length === 1,
        30_000,
        'event handled while off',
      );
      await hub.gql(UPDATE, { input: { id, active: true } }, admin);
      const loud = await person('Loud');
      await eventually(async () => arrived(loud).length === 1, 30_000, 'delivery once on again');
      expect(arrived(quiet)).toEqual([]);
      expect(
        await hub.db.query(
          `SELECT 1 FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE d.endpoint_id = $1 AND e.person_id = $2`,
          [id, quiet],
        ),
      ).toEqual([]);
      // A delivery due while the endpoint is off is paused, not lost: it goes once the endpoint is on again.
      hook.hold(true);
      const paused = await person('Paused');
      const deliveryOf = async () =>
        (
          await hub.db.query(
            `SELECT d.id, d.status, jsonb_array_length(d.attempts) AS attempts FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE d.endpoint_id = $1 AND e.person_id = $2`,
            [id, paused],
          )
        )[0] as { id: string; status: string; attempts: number } | undefined;
      await eventually(async () => ((await deliveryOf())?.attempts ?? 0) >= 1, 30_000, 'a first attempt refused');
      await hub.gql(UPDATE, { input: { id, active: false } }, admin);
      await eventually(async () => (await deliveryOf())?.status === 'paused', 30_000, 'the retry finds the endpoint off');
      const attemptsWhilePaused = (await deliveryOf())!.attempts;
      const listed = await hub.gql<{ webhookDeliveries: Page<{ id: string; status: string }> }>(
        `query($id: ID!) { webhookDeliveries(endpointId: $id, first: 5) { edges { node { id status } } } }`,
        { id },
        admin,
      );
      expect(nodes(listed.data!.webhookDeliveries)).toContainEqual({ id: (await deliveryOf())!.id, status: 'paused' });
      hook.hold(false);
      await hub.gql(UPDATE, { input: { id, active: true } }, admin);
      await eventually(async () => (await deliveryOf())?.status === 'delivered', 30_000, 'the paused delivery sent once on again');
      expect((await deliveryOf())!.attempts).toBe(attemptsWhilePaused + 1);
      expect(arrived(paused).length).toBe(attemptsWhilePaused + 1);
      // Changed: other events, checked like at creation.
      expect((await hub.gql(UPDATE, { input: { id, eventTypes: ['person.created', 'intervention.logged'] } }, admin)).data).toMatchObject({
        updateWebhookEndpoint: { eventTypes: ['person.created', 'intervention.logged'], active: true },
      });
      expect((await hub.gql(UPDATE, { input: { id, eventTypes: ['Not An Event'] } }, admin)).errors?.[0].extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await hub.gql(UPDATE, { input: { id, url: 'ftp://x' } }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      // Another organisation's admin finds no such endpoint; a caseworker may not manage endpoints.
      expect(
        (await hub.gql(UPDATE, { input: { id, active: false } }, await hub.tokenFor('housing.admin'))).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect((await hub.gql(ROTATE, { id }, await hub.tokenFor('housing.admin'))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await hub.gql(ROTATE, { id }, await hub.tokenFor('probation.officer'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await hub.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [id])).toEqual([
        { type: 'webhook.created' },
        { type: 'webhook.secret_rotated' },
        { type: 'webhook.updated' },
        { type: 'webhook.updated' },
        { type: 'webhook.updated' },
        { type: 'webhook.updated' },
        { type: 'webhook.updated' },
      ]);
    } finally {
      await hook.stop();
    }
  });
});

describe('webhook secrets sealed at start-up', () => {
  let database: TestDatabase;
  let hub: TestHub;
  const hook = receiver();
  const key = randomBytes(32);

  beforeAll(async () => {
    database = await createTestDatabase();
    // No worker: nothing else in this process sends SQL while statements are counted.
    hub = await startTestHub({ WORKER_MODE: 'off' }, database);
  });
  afterAll(async () => {
    await hub.close();
    await hook.stop();
  });

  async function createPerson(givenName: string): Promise<string> {
    const res = await hub.gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      { input: { givenName, familyName: 'Atrest', dateOfBirth: '1988-02-02', identifiers: [], confirmNew: true } },
      await hub.tokenFor('probation.officer'),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createPerson.person.id;
  }

  it('seals a clear-text secret found at start-up with DATA_ENCRYPTION_KEY, once, and still signs with it', async () => {
    const clear = 'whs_written-before-encryption-at-rest';
    const [{ organisation_id: probationOrg }]: { organisation_id: string }[] = await hub.db.query(
      'SELECT organisation_id FROM user_account WHERE email = $1',
      [`probation.officer@${DEMO_DOMAIN}`],
    );
    const [{ id }]: { id: string }[] = await hub.db.query(
      `INSERT INTO webhook_endpoint (organisation_id, url, event_types, secret, created_by) VALUES ($1, $2, '{person.created}', $3, 'test') RETURNING id`,
      [probationOrg, await hook.start(), clear],
    );
    await hub.app.close();
    hub = await startTestHub({ DATA_ENCRYPTION_KEY: key.toString('base64') }, database);

    const sealed = async () =>
      ((await hub.db.query('SELECT secret FROM webhook_endpoint WHERE id = $1', [id])) as { secret: string }[])[0].secret;
    const atStart = await sealed();
    expect(atStart.startsWith(`v1:${dataKey(key).id}:`)).toBe(true);
    expect(atStart).not.toContain(clear);
    expect(await hub.app.get(WebhooksService).sealStoredSecrets()).toBe(0);
    expect(await sealed()).toBe(atStart);

    const personId = await createPerson('Sealed');
    const got = await eventually(async () => hook.received.find((r) => JSON.parse(r.body).entityId === personId), 30_000, 'delivery');
    expect(verifyWebhook(clear, String(got.headers['x-hub-signature']), got.body)).toBe(true);
  });

  it('rotates: started with a new key and the previous one in DATA_ENCRYPTION_OLD_KEYS, it reseals every secret with the new key', async () => {
    const newKey = randomBytes(32);
    await hub.app.close();
    hub = await startTestHub({ DATA_ENCRYPTION_KEY: newKey.toString('hex'), DATA_ENCRYPTION_OLD_KEYS: key.toString('base64') }, database);
    const rows: { secret: string }[] = await hub.db.query('SELECT secret FROM webhook_endpoint');
    expect(rows.map((r) => r.secret.slice(0, 12))).toEqual([`v1:${dataKey(newKey).id}:`]);
    const personId = await createPerson('Rotated');
    const got = await eventually(async () => hook.received.find((r) => JSON.parse(r.body).entityId === personId), 30_000, 'delivery');
    expect(verifyWebhook('whs_written-before-encryption-at-rest', String(got.headers['x-hub-signature']), got.body)).toBe(true);
  });

  it('refuses to start in production without DATA_ENCRYPTION_KEY while endpoints exist, and refuses new endpoints', async () => {
    // Production's configuration now refuses to load without its secrets; the key is taken away after.
    const secretsGiven = {
      DATABASE_URL: 'postgres://unused',
      JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----',
      DATA_ENCRYPTION_KEY: 'ab'.repeat(32),
    };
    const production = { ...loadConfig({ NODE_ENV: 'production', ...secretsGiven }), dataEncryption: { oldKeys: [] } };
    const secrets = new SecretBoxService(production, hub.db);
    const webhooks = new WebhooksService(
      hub.db,
      new EventHandlerRegistry(),
      null as never,
      null as never,
      null as never,
      secrets,
      null as never,
      production,
    );
    const refused = await webhooks.sealStoredSecrets().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SecretBoxError);
    expect((refused as SecretBoxError).code).toBe('DATA_ENCRYPTION_KEY_REQUIRED');
    const actor = { kind: 'user', roles: ['org_admin'] } as never;
    await expect(webhooks.create(actor, 'https://receiver.example/hook', ['*'])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
