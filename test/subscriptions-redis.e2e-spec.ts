import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHub } from '../apps/hub/src/create-hub.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { LiveEvents } from '../libs/events/src/index.js';
import { HubWorker } from '../libs/jobs/src/index.js';
import { eventually, startTestHub, type TestHub } from './support/hub.js';
import { subscribe, type Subscriber, wsUrl } from './support/subscriptions.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const RECEIVED = `subscription { referralReceived { id personId serviceCode } }`;

/** Runs `make` with `env` in process.env (the hub reads its configuration from there). */
async function withEnv<T>(env: Record<string, string>, make: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await make();
  } finally {
    process.env = saved;
  }
}

/**
 * With REDIS_URL, live events cross processes: two hubs that run no jobs (WORKER_MODE=off) and a
 * worker on one database; the worker handles the event and publishes it to Redis; subscribers on
 * both hubs receive it, once each.
 */
describe('subscriptions across processes through Redis', () => {
  let hub: TestHub;
  let second: NestFastifyApplication;
  let worker: INestApplicationContext;
  const open: Subscriber<unknown>[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ REDIS_URL, WORKER_MODE: 'off' });
    const shared = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: hub.databaseUrl,
      SEED_DEMO: 'false',
      REDIS_URL,
      WORKER_POLL_INTERVAL_MS: '100',
      DATABASE_POOL_SIZE: '5',
    };
    second = await withEnv({ ...shared, WORKER_MODE: 'off' }, () => createHub());
    worker = await withEnv(shared, () => NestFactory.createApplicationContext(WorkerModule, { logger: false }));
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    await second.listen({ port: 0, host: '127.0.0.1' });
    expect([hub.app.get(HubWorker).running, second.get(HubWorker).running, worker.get(HubWorker).running]).toEqual([false, false, true]);
    expect(worker.get(LiveEvents).transport).toBe('redis');
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await worker?.close();
    await second?.close();
    await hub?.close();
  });

  it('a referral made by the worker reaches the receiver’s subscribers on both hubs, once each', async () => {
    const probation = await hub.tokenFor('probation.officer');
    const employer = await hub.tokenFor('employer');
    const orgs = (await hub.gql<{ organisations: { id: string; name: string }[] }>(`{ organisations { id name } }`, {}, probation)).data!
      .organisations;
    const northway = orgs.find((o) => o.name === 'Northway Construction Ltd')!.id;

    const subscribers: Subscriber<{ referralReceived: { id: string; personId: string; serviceCode: string } }>[] = [];
    for (const app of [hub.app, second]) {
      const live = app.get(LiveEvents);
      const before = live.listeners;
      const sub = subscribe<{ referralReceived: { id: string; personId: string; serviceCode: string } }>(
        wsUrl(app.getHttpServer()),
        employer,
        RECEIVED,
      );
      open.push(sub);
      subscribers.push(sub);
      await sub.connected;
      await eventually(async () => live.listeners > before, 10_000, 'subscribed');
      await live.ready();
    }

    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
      {
        input: {
          givenName: 'Rhys',
          familyName: 'Redis',
          dateOfBirth: '1989-05-06',
          region: 'north_west',
          identifiers: [],
          confirmNew: true,
        },
      },
      probation,
    );
    const id = created.data!.createPerson.person.id;
    await hub.gql(
      `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
      { input: { personId: id, purpose: 'ETE', organisationId: northway, method: 'SIGNED_FORM', personPresent: true } },
      probation,
    );
    const logged = await hub.gql(
      `mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }`,
      {
        input: {
          personId: id,
          typeCode: 'training_cscs',
          status: 'COMPLETED',
          occurredAt: new Date().toISOString(),
          qualification: { qualification: 'CSCS Labourer card' },
        },
      },
      probation,
    );
    expect(logged.errors).toBeUndefined();

    await eventually(async () => subscribers.every((s) => s.messages.length > 0), 20_000, 'both hubs heard it');
    await new Promise((r) => setTimeout(r, 500));
    const [referral] = (await hub.db.query(`SELECT id FROM referral WHERE person_id = $1`, [id])) as { id: string }[];
    for (const s of subscribers)
      expect(s.messages).toEqual([{ data: { referralReceived: { id: referral.id, personId: id, serviceCode: 'employment' } } }]);
    // Handled by the worker: the hubs run no jobs.
    const handlers = (await hub.db.query(
      `SELECT DISTINCT d.worker_id FROM event_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE e.aggregate_id = $1`,
      [referral.id],
    )) as { worker_id: string }[];
    expect(handlers.map((h) => h.worker_id)).toEqual([worker.get(HubWorker).workerId]);
  });
});
