import { isIP } from 'node:net';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

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
  /** The hub's public base URL (RFC 8414 issuer identifier); derived from each request when unset outside production. */
  publicUrl?: string;
  /** Token, sign-in and password rules (libs/auth, libs/organisations). */
  auth: AuthConfig;
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
  /** `password` is DEMO_PASSWORD, or the published default (accepted on a loopback-only hub alone). */
  demo: { seed: boolean; people: boolean; password: string };
  /** HTTP answers: proxies trusted for X-Forwarded-*, cross-origin callers, HSTS. */
  http: {
    /** Fastify's trustProxy: false (no proxy), or the proxies' addresses and CIDR ranges (comma-separated). */
    trustProxy: false | string;
    /** Origins (scheme://host[:port]) whose web apps may call the API from a browser; none by default. */
    corsOrigins: string[];
    /** Strict-Transport-Security max-age in seconds; 0 sends none (the default: only behind TLS). */
    hstsMaxAgeSeconds: number;
  };
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
  /** Bearer token a scraper of GET /metrics must send; without it, only callers on this machine may read it. */
  metricsToken?: string;
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
  /**
   * Where webhooks may be sent. `public-https` (production default): https to public addresses only,
   * checked when an endpoint is saved and again at every connection; `any`: http too, to any address.
   */
  webhooks: {
    urlPolicy: 'public-https' | 'any';
    /** Host names allowed whatever they resolve to (exact, or `*.example.org`). */
    allowedHosts: string[];
    /** Non-public address ranges allowed (CIDR). */
    allowedCidrs: string[];
  };
  // --- Resource limits of the WebSocket, input strings and statement time (sec-ws) ---
  /** GraphQL subscriptions over WebSocket at /graphql (see apps/hub/src/subscription-server.ts). */
  subscriptions: {
    /** Largest WebSocket message accepted, in bytes; a larger one closes the connection (1009) before it is buffered whole. */
    maxPayloadBytes: number;
    /** Time a connection has to send connection_init with a valid token (ms); then it is closed (4408). */
    connectionInitTimeoutMs: number;
    /** Subscriptions at once on one connection; one more is refused with RATE_LIMITED. */
    maxSubscriptionsPerConnection: number;
    /** Signed-in connections at once per actor (user or API client), across the process; one more is closed with 4429. */
    maxConnectionsPerActor: number;
    /** WebSocket connections at once in this process, signed in or not; one more is refused with 503. */
    maxConnections: number;
    /** Connections per remote address not yet signed in; one more is refused with 429 (0: no such limit). */
    maxUnauthenticatedPerAddress: number;
  };
  /** Sizes of what a GraphQL request may carry (HTTP and WebSocket alike). */
  input: {
    /** Largest HTTP body of a GraphQL request, in bytes (a sync batch of 5,000 records fits; other routes keep HTTP_BODY_LIMIT_BYTES). */
    graphqlBodyBytes: number;
    /** Largest HTTP body of any other JSON route, in bytes (NDJSON bulk loads are streamed, not bounded by it). */
    httpBodyBytes: number;
    /** Longest String value of any argument or input field, in characters. */
    maxStringLength: number;
    /** Longest ID value (identifiers, cursors), in characters. */
    maxIdLength: number;
    /** Longest search term (an argument or input field named `search`), in characters. */
    maxSearchLength: number;
  };
  /** PostgreSQL time limits of the hub's pool; long work (migrations, bulk loads, jobs) takes its own. */
  statementTimeouts: {
    /** Every statement of a request (ms); past it PostgreSQL cancels it and the caller gets QUERY_TIMEOUT. 0: none. */
    requestMs: number;
    /** A transaction left idle this long is ended by PostgreSQL (ms). 0: none. */
    idleInTransactionMs: number;
    /** Statements of migrations (ms). 0: none. */
    migrationMs: number;
    /** Statements of bulk loads and background jobs (ms). 0: none. */
    backgroundMs: number;
  };
  // --- end of sec-ws limits ---
  // --- sec-bulk: load limits (bulk sync, request bodies, database pool, health) ---
  /** Bounds on what one request may hold and how long the hub waits for its database (docs/configuration.md, Resource limits). */
  loadLimits: {
    /** Longest NDJSON line of a bulk load (bytes); a longer one stops the load with 413. */
    bulkMaxLineBytes: number;
    /** Largest NDJSON body of one bulk load (bytes); a larger one stops the load with 413. */
    bulkMaxBodyBytes: number;
    /** Rejected lines a load keeps (with line, code and reason); past it only the count grows. */
    bulkMaxRejections: number;
    /** Bulk loads running at once per process, each on one pooled connection. */
    bulkMaxConcurrent: number;
    /** Bulk loads waiting for a turn; past it a load is refused at once (503, Retry-After). */
    bulkMaxQueued: number;
    /** How long a queued load waits for its turn before it is refused (503, Retry-After). */
    bulkQueueWaitMs: number;
    /** How long a request waits for a pooled database connection before it is answered SERVICE_UNAVAILABLE. */
    databaseAcquireTimeoutMs: number;
    /** An event-loop stall this long makes /health/live answer 503. */
    liveMaxEventLoopStallMs: number;
    /** Requests waiting on the pool with none served for this long make /health/live answer 503 (readiness fails sooner). */
    liveMaxPoolStarvedMs: number;
  };
  // --- end sec-bulk ---
}

export interface AuthConfig {
  /** Longest lifetime (exp - iat) accepted for the hub's own tokens, in seconds. */
  hubTokenMaxLifetimeSeconds: number;
  /** Longest lifetime (exp - iat) accepted for tokens of the partners' identity providers, in seconds. */
  externalTokenMaxLifetimeSeconds: number;
  /** Clock difference allowed when checking exp, nbf and iat, in seconds. */
  clockSkewSeconds: number;
  throttle: {
    /** Failures are forgotten once this long has passed without another one, in seconds. */
    windowSeconds: number;
    /** Failed sign-ins (any account) from one client address before delays begin. */
    freePerAddress: number;
    /** Failed sign-ins to one account from one client address before delays begin. */
    freePerAccountAddress: number;
    /** Failed sign-ins to one account from all addresses before delays begin (a spread-out attack). */
    freePerAccount: number;
    /** The first delay, doubled at each further failure, in seconds. */
    baseDelaySeconds: number;
    /** The longest delay, in seconds. */
    maxDelaySeconds: number;
  };
  password: {
    minLength: number;
    /** Lowest zxcvbn score (0-4) a chosen password must reach. */
    minScore: number;
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

function issuers(env: Env, production: boolean, problems: string[]): ExternalIssuerConfig[] {
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
      // In production a partner's keys and identity are trusted only over TLS: over plain http anyone on
      // the path could swap the keys and sign tokens the hub would accept.
      if (production) {
        for (const key of ['jwksUri', 'issuer'] as const) {
          if (!/^https:\/\/[^/?#\s]+/i.test(e[key]!)) throw new Error(`entry ${i}: ${key} must be an https:// URL in production (got "${e[key]}")`);
        }
      }
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

/** The demo accounts' password when DEMO_PASSWORD is not set: published in the README, so loopback only. */
export const PUBLISHED_DEMO_PASSWORD = 'Rehab-Demo-2026!';

/** True when HOST names only this machine (a loopback address or localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (!isIP(h)) return false;
  const addr = ipaddr.process(h);
  return addr.range() === 'loopback';
}

/**
 * TRUST_PROXY: which peers may set X-Forwarded-For/-Proto/-Host. Off by default: with every peer
 * trusted, any caller could choose the address the hub sees. `loopback`, addresses and CIDR ranges
 * (comma-separated); `true` (every peer) and hop counts (which fastify cannot check) are refused.
 */
function trustProxy(env: Env, problems: string[]): HubConfig['http']['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  const entries = raw.split(/\s*,\s*/).filter(Boolean);
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const bad = entries.filter((e) => !named.has(e) && !isAddress(e) && !isCidr(e));
  if (/^(true|yes|on|all|\*)$/i.test(raw) || bad.length) {
    problems.push(`TRUST_PROXY must be off or the proxies' addresses or CIDR ranges (comma-separated; loopback, linklocal, uniquelocal allowed); every peer is never trusted (got "${raw}")`);
    return false;
  }
  return entries.join(',');
}

/** A written-out address (ipaddr.js alone would also take "2" or "0x7f.1" as IPv4). */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length || !address || !/^[0-9]{1,3}$/.test(bits ?? '') || !isAddress(address)) return false;
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

/** CORS_ORIGINS: exact origins, comma-separated; `*` is refused (person data is never for any site). */
function corsOrigins(env: Env, production: boolean, problems: string[]): string[] {
  const entries = (env.CORS_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?\/?$/i.exec(entry);
    if (!m) {
      problems.push(`CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], no path, no wildcard)`);
      continue;
    }
    if (production && m[1].toLowerCase() !== 'https') {
      problems.push(`CORS_ORIGINS: "${entry}" must be https:// in production`);
      continue;
    }
    origins.push(`${m[1]}://${m[2]}${m[3] ?? ''}`.toLowerCase());
  }
  return origins;
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

function list(env: Env, name: string): string[] {
  return (env[name] ?? '').split(/[\s,]+/).filter(Boolean);
}

function webhooks(env: Env, production: boolean, problems: string[]): HubConfig['webhooks'] {
  const urlPolicy = oneOf(env, 'WEBHOOK_URL_POLICY', ['public-https', 'any'] as const, production ? 'public-https' : 'any', problems);
  const allowedHosts = list(env, 'WEBHOOK_ALLOWED_HOSTS');
  for (const host of allowedHosts) {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(host)) problems.push(`WEBHOOK_ALLOWED_HOSTS: "${host}" is not a host name (or *.domain)`);
  }
  const allowedCidrs = list(env, 'WEBHOOK_ALLOWED_CIDRS');
  for (const cidr of allowedCidrs) {
    if (!ipaddr.isValidCIDR(cidr)) problems.push(`WEBHOOK_ALLOWED_CIDRS: "${cidr}" is not an address range such as 10.20.0.0/16`);
  }
  return { urlPolicy, allowedHosts, allowedCidrs };
}

/** Token lifetimes, sign-in throttling and the password rule (docs/configuration.md, Resource limits). */
function authConfig(env: Env, accessTokenTtlSeconds: number, problems: string[]): AuthConfig {
  const hubTokenMaxLifetimeSeconds = int(env, 'HUB_TOKEN_MAX_LIFETIME', Math.max(3600, accessTokenTtlSeconds), 30, 86400, problems);
  if (hubTokenMaxLifetimeSeconds < accessTokenTtlSeconds) {
    problems.push(`HUB_TOKEN_MAX_LIFETIME (${hubTokenMaxLifetimeSeconds}) must be at least ACCESS_TOKEN_TTL (${accessTokenTtlSeconds})`);
  }
  const baseDelaySeconds = int(env, 'SIGN_IN_BASE_DELAY', 1, 1, 3600, problems);
  const maxDelaySeconds = int(env, 'SIGN_IN_MAX_DELAY', 900, 1, 86400, problems);
  if (maxDelaySeconds < baseDelaySeconds) problems.push('SIGN_IN_MAX_DELAY must be at least SIGN_IN_BASE_DELAY');
  return {
    hubTokenMaxLifetimeSeconds,
    externalTokenMaxLifetimeSeconds: int(env, 'EXTERNAL_TOKEN_MAX_LIFETIME', 86400, 60, 7 * 86400, problems),
    clockSkewSeconds: int(env, 'TOKEN_CLOCK_SKEW', 5, 1, 300, problems),
    throttle: {
      windowSeconds: int(env, 'SIGN_IN_WINDOW', 900, 10, 86400, problems),
      freePerAddress: int(env, 'SIGN_IN_FREE_PER_ADDRESS', 20, 1, 100_000, problems),
      freePerAccountAddress: int(env, 'SIGN_IN_FREE_PER_ACCOUNT_ADDRESS', 5, 1, 1000, problems),
      freePerAccount: int(env, 'SIGN_IN_FREE_PER_ACCOUNT', 50, 1, 100_000, problems),
      baseDelaySeconds,
      maxDelaySeconds,
    },
    password: {
      minLength: int(env, 'PASSWORD_MIN_LENGTH', 12, 8, 128, problems),
      minScore: int(env, 'PASSWORD_MIN_SCORE', 3, 0, 4, problems),
    },
  };
}

/**
 * The configuration for an entry point (hub, worker, CLI): on a ConfigError, prints every problem on
 * stderr, no stack, and exits with status 78 (EX_CONFIG), before anything is started or written.
 */
export function loadConfigOrExit(env: Env = process.env): HubConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nThe hub did not start. See docs/configuration.md.\n`);
    process.exit(78);
  }
}

// --- sec-bulk: load limits ---
const MIB = 1024 * 1024;

function loadLimits(env: Env, poolSize: number, problems: string[]): HubConfig['loadLimits'] {
  const bulkMaxConcurrent = int(env, 'SYNC_BULK_MAX_CONCURRENT', Math.max(1, Math.min(4, Math.floor(poolSize / 4))), 1, 1000, problems);
  // Each running load holds one connection for its whole length: leave the pool room for everything else.
  if (bulkMaxConcurrent >= poolSize && env.SYNC_BULK_MAX_CONCURRENT) problems.push(`SYNC_BULK_MAX_CONCURRENT (${bulkMaxConcurrent}) must be less than DATABASE_POOL_SIZE (${poolSize})`);
  const bulkMaxLineBytes = int(env, 'SYNC_BULK_MAX_LINE_BYTES', 64 * 1024, 1024, 16 * MIB, problems);
  const bulkMaxBodyBytes = int(env, 'SYNC_BULK_MAX_BODY_BYTES', 256 * MIB, 64 * 1024, 64 * 1024 * MIB, problems);
  if (bulkMaxLineBytes > bulkMaxBodyBytes) problems.push('SYNC_BULK_MAX_LINE_BYTES must not exceed SYNC_BULK_MAX_BODY_BYTES');
  return {
    bulkMaxLineBytes,
    bulkMaxBodyBytes,
    bulkMaxRejections: int(env, 'SYNC_BULK_MAX_REJECTIONS', 1000, 1, 100_000, problems),
    bulkMaxConcurrent,
    bulkMaxQueued: int(env, 'SYNC_BULK_MAX_QUEUED', 16, 0, 10_000, problems),
    bulkQueueWaitMs: int(env, 'SYNC_BULK_QUEUE_WAIT_MS', 30_000, 0, 3_600_000, problems),
    databaseAcquireTimeoutMs: int(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 5000, 100, 600_000, problems),
    liveMaxEventLoopStallMs: int(env, 'HEALTH_MAX_EVENT_LOOP_STALL_MS', 10_000, 100, 600_000, problems),
    liveMaxPoolStarvedMs: int(env, 'HEALTH_MAX_POOL_STARVED_MS', 30_000, 1000, 3_600_000, problems),
  };
}
// --- end sec-bulk ---

/** METRICS_TOKEN: a secret, so never echoed; long enough not to be guessed. */
function metricsToken(env: Env, problems: string[]): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]{24,512}$/.test(raw)) problems.push('METRICS_TOKEN must be 24 to 512 visible characters (e.g. openssl rand -base64 32)');
  return raw;
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
  // Production logs requests (JSON); development prints its one ready line and only what goes wrong.
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'production' ? 'info' : 'warn');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  const jwtPrivateKey = env.JWT_PRIVATE_KEY ? env.JWT_PRIVATE_KEY.replace(/\\n/g, '\n') : undefined;
  if (jwtPrivateKey && !jwtPrivateKey.includes('PRIVATE KEY')) {
    problems.push('JWT_PRIVATE_KEY must be a PEM-encoded private key (PKCS#8)');
  }
  const demoPassword = env.DEMO_PASSWORD || PUBLISHED_DEMO_PASSWORD;
  if (demoPassword.length < 10) problems.push('DEMO_PASSWORD must be at least 10 characters');
  const host = env.HOST || '127.0.0.1';
  const seedDemo = bool(env, 'SEED_DEMO', !production, problems);
  if (production && seedDemo) {
    problems.push('SEED_DEMO: the demo world (accounts with a shared password, a hub admin among them) is never seeded in production; unset SEED_DEMO');
  }
  if (seedDemo && !isLoopbackHost(host) && demoPassword === PUBLISHED_DEMO_PASSWORD) {
    problems.push(`HOST=${host} makes the demo accounts reachable from the network: set DEMO_PASSWORD to a password of your own (the published one is accepted on a loopback HOST only), or SEED_DEMO=false`);
  }
  if (production) {
    // Each secret production needs, named at once; without them the hub would generate keys it keeps
    // in its own database, or run an embedded database in a local folder.
    const missing = [
      ['DATABASE_URL', 'the PostgreSQL server (production never runs the embedded one)'],
      ['JWT_PRIVATE_KEY', 'the PEM key the hub signs its tokens with (production never generates one)'],
      ['DATA_ENCRYPTION_KEY', 'the 32-byte key secrets are encrypted with at rest (openssl rand -base64 32)'],
    ].filter(([name]) => !env[name]);
    for (const [name, what] of missing) problems.push(`${name} is required in production: ${what}`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must be an http(s) URL without query or fragment, e.g. https://hub.example.org (got "${env.PUBLIC_URL}")`);
  }
  const accessTokenTtlSeconds = int(env, 'ACCESS_TOKEN_TTL', 900, 30, 86400, problems);
  const auth = authConfig(env, accessTokenTtlSeconds, problems);
  const workerMode = oneOf(env, 'WORKER_MODE', ['embedded', 'off'] as const, 'embedded', problems);
  const config: HubConfig = {
    nodeEnv,
    host,
    port: int(env, 'PORT', 3000, 0, 65535, problems),
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    databaseUrl,
    databaseReadUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 20, 1, 1000, problems),
    logLevel,
    // The hub's tokens name the hub's public URL as their issuer when it is known (RFC 9068), as its discovery document does.
    jwtIssuer: env.JWT_ISSUER ?? publicUrl ?? 'urn:rehab-hub',
    jwtAudience: env.JWT_AUDIENCE ?? 'rehab-hub-api',
    jwtPrivateKey,
    dataEncryption: dataEncryption(env, problems),
    accessTokenTtlSeconds,
    publicUrl,
    auth,
    externalIssuers: issuers(env, production, problems),
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
    demo: { seed: seedDemo, people: bool(env, 'SEED_DEMO_PEOPLE', true, problems), password: demoPassword },
    http: {
      trustProxy: trustProxy(env, problems),
      corsOrigins: corsOrigins(env, production, problems),
      hstsMaxAgeSeconds: int(env, 'HSTS_MAX_AGE', 0, 0, 63_072_000, problems),
    },
    retentionDays: retention(env, problems),
    retentionSchedule: schedule(env, 'RETENTION_SCHEDULE', '30 2 * * *', problems),
    syncRecordsDays: int(env, 'SYNC_RECORDS_DAYS', 7, 1, 3650, problems),
    redisUrl,
    metricsToken: metricsToken(env, problems),
    worker: {
      mode: workerMode,
      concurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 100, problems),
      pollIntervalMs: int(env, 'WORKER_POLL_INTERVAL_MS', 1000, 50, 60_000, problems),
      relayBatchSize: int(env, 'OUTBOX_RELAY_BATCH', 100, 1, 10_000, problems),
    },
    webhooks: webhooks(env, production, problems),
    // --- sec-ws limits (docs/configuration.md, Resource limits) ---
    subscriptions: {
      maxPayloadBytes: int(env, 'WS_MAX_PAYLOAD_BYTES', 16_384, 1024, 1_048_576, problems),
      connectionInitTimeoutMs: int(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 5_000, 100, 60_000, problems),
      maxSubscriptionsPerConnection: int(env, 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000, problems),
      maxConnectionsPerActor: int(env, 'WS_MAX_CONNECTIONS_PER_ACTOR', 10, 1, 10_000, problems),
      maxConnections: int(env, 'WS_MAX_CONNECTIONS', 2_000, 1, 1_000_000, problems),
      maxUnauthenticatedPerAddress: int(env, 'WS_MAX_UNAUTHENTICATED_PER_ADDRESS', 20, 0, 100_000, problems),
    },
    input: {
      graphqlBodyBytes: int(env, 'GRAPHQL_MAX_BODY_BYTES', 4 * 1_048_576, 1024, 10 * 1_048_576, problems),
      httpBodyBytes: int(env, 'HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576, problems),
      maxStringLength: int(env, 'GRAPHQL_MAX_STRING_LENGTH', 20_000, 100, 1_000_000, problems),
      maxIdLength: int(env, 'GRAPHQL_MAX_ID_LENGTH', 512, 36, 100_000, problems),
      maxSearchLength: int(env, 'GRAPHQL_MAX_SEARCH_LENGTH', 200, 10, 100_000, problems),
    },
    statementTimeouts: {
      requestMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000, problems),
      idleInTransactionMs: int(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 0, 3_600_000, problems),
      migrationMs: int(env, 'DATABASE_MIGRATION_STATEMENT_TIMEOUT_MS', 0, 0, 86_400_000, problems),
      backgroundMs: int(env, 'DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS', 600_000, 0, 86_400_000, problems),
    },
    // --- end of sec-ws limits ---
    loadLimits: loadLimits(env, int(env, 'DATABASE_POOL_SIZE', 20, 1, 1000, []), problems), // sec-bulk
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
