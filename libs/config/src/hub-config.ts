import { resolve } from 'node:path';

export interface ExternalIssuerConfig {
  /** Value of the `iss` claim the provider puts in its tokens. */
  issuer: string;
  /** Where the provider publishes its signing keys. */
  jwksUri: string;
  /** The audience the tokens must carry. */
  audience: string;
}

export interface HubConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** A streaming replica for aggregate reads (reports); the primary when unset. */
  databaseReadUrl?: string;
  databasePoolSize: number;
  logLevel: string;
  jwtIssuer: string;
  jwtAudience: string;
  jwtPrivateKey?: string;
  /**
   * Encryption at rest of secrets the hub must read back (webhook signing secrets): the 32-byte key
   * new values are sealed with, and earlier keys still accepted for reading (rotation).
   */
  dataEncryption: { key?: Buffer; oldKeys: Buffer[] };
  accessTokenTtlSeconds: number;
  externalIssuers: ExternalIssuerConfig[];
  graphql: {
    introspection: boolean;
    explorer: boolean;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
    /** `compiled`: operations run as compiled functions (graphql-jit); `graphql-js`: graphql-js's interpreter. */
    executor: 'compiled' | 'graphql-js';
  };
  /**
   * Lists that are not pages: the most items each returns (the rest is left out and the field named in
   * the answer's `extensions.truncated`); the query cost limit counts each at this size.
   */
  lists: {
    /** A person's consents, involvements and job sustainment windows (LIST_PER_PERSON_MAX). */
    perPersonMax: number;
    /** The directory lists: organisations, the intervention catalogue, sharing agreements, referral rules, API clients, webhook endpoints (LIST_DIRECTORY_MAX). */
    directoryMax: number;
  };
  demo: { seed: boolean; people: boolean; password: string };
  /** Retention period in days per data category, overriding the defaults (libs/audit retention-policy.ts). */
  retentionDays: Record<string, number>;
  /** When the worker applies retention (crontab time fields, UTC), or null when an operator runs it by hand. */
  retentionSchedule: string | null;
  /**
   * Days a sync's bookkeeping is kept: idempotency keys with their answers, and bulk loads with their
   * errors (the external ids they name). A key past it may be used again; a load past it starts over.
   */
  syncRecordsDays: number;
  /** Redis URL: live events (GraphQL subscriptions) fan out across processes through it; in-process without it. */
  redisUrl?: string;
  worker: {
    /** `embedded`: the hub process also relays the outbox and runs jobs; `off`: only `npm run worker` does. */
    mode: 'embedded' | 'off';
    /** Jobs run at once per process. */
    concurrency: number;
    /** How often the outbox relay and the queue look for work when idle (ms). */
    pollIntervalMs: number;
    /** Outbox events moved to the queue per relay transaction. */
    relayBatchSize: number;
  };
}

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return fallback;
}

function issuers(env: Env, problems: string[]): ExternalIssuerConfig[] {
  const raw = env.OIDC_ISSUERS;
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) throw new Error('not an array');
    return parsed.map((entry: unknown, i) => {
      const e = entry as Partial<ExternalIssuerConfig>;
      for (const key of ['issuer', 'jwksUri', 'audience'] as const) {
        if (typeof e?.[key] !== 'string' || !e[key]) throw new Error(`entry ${i} lacks "${key}"`);
      }
      if (!/^https?:\/\//.test(e.jwksUri!)) throw new Error(`entry ${i}: jwksUri must be an http(s) URL`);
      return { issuer: e.issuer!, jwksUri: e.jwksUri!, audience: e.audience! };
    });
  } catch (err) {
    problems.push(`OIDC_ISSUERS must be a JSON array of {issuer, jwksUri, audience}: ${(err as Error).message}`);
    return [];
  }
}

function retention(env: Env, problems: string[]): Record<string, number> {
  const raw = env.RETENTION_DAYS;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    for (const [key, days] of Object.entries(parsed)) {
      if (!/^[a-z_]+$/.test(key)) throw new Error(`"${key}" is not a data category`);
      if (!Number.isInteger(days) || (days as number) < 1) throw new Error(`${key}: days must be a whole number of at least 1`);
    }
    return parsed as Record<string, number>;
  } catch (err) {
    problems.push(`RETENTION_DAYS must be a JSON object of data category to days, e.g. {"health":2190}: ${(err as Error).message}`);
    return {};
  }
}

/** A 256-bit key written as 64 hex digits or as base64 (standard or URL-safe alphabet). */
function parseKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return undefined;
  const key = Buffer.from(text.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')), 'base64');
  return key.length === 32 ? key : undefined;
}

/** The key itself is never echoed in a problem: it is a secret. */
function dataEncryption(env: Env, problems: string[]): HubConfig['dataEncryption'] {
  const shape = 'must be 32 bytes written as 64 hex digits or as base64 (e.g. openssl rand -base64 32)';
  let key: Buffer | undefined;
  if (env.DATA_ENCRYPTION_KEY) {
    key = parseKey(env.DATA_ENCRYPTION_KEY);
    if (!key) problems.push(`DATA_ENCRYPTION_KEY ${shape}`);
  }
  const oldKeys: Buffer[] = [];
  const old = (env.DATA_ENCRYPTION_OLD_KEYS ?? '').split(/[\s,]+/).filter(Boolean);
  old.forEach((raw, i) => {
    const parsed = parseKey(raw);
    if (parsed) oldKeys.push(parsed);
    else problems.push(`DATA_ENCRYPTION_OLD_KEYS: entry ${i + 1} ${shape}`);
  });
  return { key, oldKeys };
}

/** Five crontab time fields (minute hour day-of-month month day-of-week), as graphile-worker reads them. */
const CRON_TIME = /^(\S+\s+){4}\S+$/;

function schedule(env: Env, name: string, fallback: string, problems: string[]): string | null {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  if (/^(off|none|false|0)$/i.test(raw)) return null;
  if (!CRON_TIME.test(raw) || !/^[0-9*/,\-\s]+$/.test(raw)) {
    problems.push(`${name} must be five crontab time fields such as "30 2 * * *", or off (got "${raw}")`);
    return fallback;
  }
  return raw.split(/\s+/).join(' ');
}

/** Reads and validates the hub's configuration from environment variables. Throws a ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): HubConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as HubConfig['nodeEnv'];
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const databaseReadUrl = env.DATABASE_READ_URL || undefined;
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    problems.push('DATABASE_READ_URL must be a postgres:// or postgresql:// URL');
  }
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  const jwtPrivateKey = env.JWT_PRIVATE_KEY ? env.JWT_PRIVATE_KEY.replace(/\\n/g, '\n') : undefined;
  if (jwtPrivateKey && !jwtPrivateKey.includes('PRIVATE KEY')) {
    problems.push('JWT_PRIVATE_KEY must be a PEM-encoded private key (PKCS#8)');
  }
  const demoPassword = env.DEMO_PASSWORD ?? 'Rehab-Demo-2026!';
  if (demoPassword.length < 10) problems.push('DEMO_PASSWORD must be at least 10 characters');
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const workerMode = oneOf(env, 'WORKER_MODE', ['embedded', 'off'] as const, 'embedded', problems);
  const config: HubConfig = {
    nodeEnv,
    host: env.HOST ?? '0.0.0.0',
    port: int(env, 'PORT', 3000, 0, 65535, problems),
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    databaseUrl,
    databaseReadUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 20, 1, 1000, problems),
    logLevel,
    jwtIssuer: env.JWT_ISSUER ?? 'urn:rehab-hub',
    jwtAudience: env.JWT_AUDIENCE ?? 'rehab-hub-api',
    jwtPrivateKey,
    dataEncryption: dataEncryption(env, problems),
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 30, 86400, problems),
    externalIssuers: issuers(env, problems),
    graphql: {
      introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production, problems),
      explorer: bool(env, 'GRAPHQL_EXPLORER', !production, problems),
      maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100, problems),
      maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 1, 1000, problems),
      // A full person page (50 interventions with outcomes, consents) costs about 7,400 in armor's model.
      maxCost: int(env, 'GRAPHQL_MAX_COST', 12000, 10, 1_000_000, problems),
      maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 2000, 50, 100_000, problems),
      executor: oneOf(env, 'GRAPHQL_EXECUTOR', ['compiled', 'graphql-js'] as const, 'compiled', problems),
    },
    lists: {
      perPersonMax: int(env, 'LIST_PER_PERSON_MAX', 100, 1, 1000, problems),
      directoryMax: int(env, 'LIST_DIRECTORY_MAX', 500, 1, 5000, problems),
    },
    demo: { seed: bool(env, 'SEED_DEMO', !production, problems), people: bool(env, 'SEED_DEMO_PEOPLE', true, problems), password: demoPassword },
    retentionDays: retention(env, problems),
    retentionSchedule: schedule(env, 'RETENTION_SCHEDULE', '30 2 * * *', problems),
    syncRecordsDays: int(env, 'SYNC_RECORDS_DAYS', 7, 1, 3650, problems),
    redisUrl,
    worker: {
      mode: workerMode,
      concurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 100, problems),
      pollIntervalMs: int(env, 'WORKER_POLL_INTERVAL_MS', 1000, 50, 60_000, problems),
      relayBatchSize: int(env, 'OUTBOX_RELAY_BATCH', 100, 1, 10_000, problems),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
