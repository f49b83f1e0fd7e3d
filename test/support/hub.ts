import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createHub } from '../../apps/hub/src/create-hub.js';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { generatePopulation, type PopulationOptions, type PopulationSummary } from '../../libs/demo/src/population-generator.js';
import { createTestDatabase } from './database.js';

export const DEMO_PASSWORD = 'Test-Demo-Password-1';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
  extensions?: Record<string, unknown>;
}

/** Polls `probe` until it returns a truthy value; fails with the last value after `ms`. */
export async function eventually<T>(probe: () => Promise<T>, ms = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestHub {
  /** The database URL of this hub (for a second process on the same database). */
  databaseUrl: string;
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  /** A token for a demo user, by the local part of its email (`housing.worker`) or a full email. */
  tokenFor(who: string, password?: string): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * The whole hub on its own fresh database (demo world seeded), served in-process for supertest; or on
 * `database` as another hub left it (a restart: close the first with `app.close()`, which keeps it).
 */
export async function startTestHub(env: Record<string, string> = {}, existing?: TestDatabase): Promise<TestHub> {
  const database = existing ?? (await createTestDatabase());
  const saved = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DEMO_PASSWORD,
    SEED_DEMO: 'true',
    SEED_DEMO_PEOPLE: 'false',
    DATABASE_POOL_SIZE: '12',
    WORKER_POLL_INTERVAL_MS: '100',
    ...env,
    // 'same': the test database stands in for a replica (a separate, read-only pool on it).
    ...(env.DATABASE_READ_URL === 'same' ? { DATABASE_READ_URL: database.url } : {}),
  });
  let app: NestFastifyApplication;
  try {
    app = await createHub();
  } finally {
    process.env = saved;
  }
  const server = app.getHttpServer();
  const tokens = new Map<string, string>();
  const hub: TestHub = {
    databaseUrl: database.url,
    app,
    http: () => request(server),
    db: app.get<DataSource>(getDataSourceToken()),
    async tokenFor(who, password = DEMO_PASSWORD) {
      const email = who.includes('@') ? who : `${who}@${DEMO_DOMAIN}`;
      const cached = tokens.get(email);
      if (cached) return cached;
      const res = await request(server).post('/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(email, res.body.access_token);
      return res.body.access_token as string;
    },
    async gql(query, variables, token, headers = {}) {
      let req = request(server).post('/graphql').set('content-type', 'application/json');
      if (token) req = req.set('authorization', `Bearer ${token}`);
      for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
      const res = await req.send({ query, variables });
      return { status: res.status, ...res.body };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
  return hub;
}

/** A connection's page as GraphQL returns it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The nodes of a connection's page, in order. */
export function nodes<T>(page: Page<T>): T[] {
  return page.edges.map((e) => e.node);
}

/** A token for a new API client of the admin's organisation (client credentials, as an integrator gets one). */
export async function apiClientToken(hub: TestHub, admin: string, name = 'Case system', scopes = ['SYNC']): Promise<string> {
  const created = await hub.gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
    `mutation($name: String!, $scopes: [Scope!]!) { createApiClient(input: { name: $name, scopes: $scopes }) { client { clientId } clientSecret } }`,
    { name, scopes },
    await hub.tokenFor(admin),
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const { client, clientSecret } = created.data!.createApiClient;
  const res = await hub
    .http()
    .post('/oauth/token')
    .type('form')
    .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret });
  if (res.status !== 200) throw new Error(`token for ${name} failed: ${res.status}`);
  return res.body.access_token as string;
}

/** Generates a synthetic population into the hub's database on one of its connections (the generator takes a raw pg client). */
export async function generateInto(hub: TestHub, options: PopulationOptions): Promise<PopulationSummary> {
  const qr = hub.db.createQueryRunner();
  await qr.connect();
  try {
    const client = (
      qr as unknown as {
        databaseConnection: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };
      }
    ).databaseConnection;
    return await generatePopulation(client, options);
  } finally {
    await qr.release();
  }
}
