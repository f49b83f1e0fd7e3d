/**
 * loadConfig: the hub's configuration from environment variables, every problem listed at once. The
 * groups are read in security-settings.ts and limit-settings.ts; retention and its schedule here.
 */
import { resolve } from 'node:path';
import { bool, ConfigError, type Env, int, oneOf } from './env-readers.js';
import type { HubConfig } from './hub-config.types.js';
import { graphql, input, lists, loadLimits, statementTimeouts, subscriptions, worker } from './limit-settings.js';
import {
  authConfig,
  corsOrigins,
  dataEncryption,
  demoAccounts,
  issuers,
  jwtPrivateKey,
  metricsToken,
  productionSecrets,
  trustProxy,
  webhooks,
} from './security-settings.js';

export * from './hub-config.types.js';
export { ConfigError } from './env-readers.js';
export { isLoopbackHost, PUBLISHED_DEMO_PASSWORD } from './security-settings.js';

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

/**
 * The configuration for an entry point (hub, worker, CLI): on a ConfigError, prints every problem on
 * stderr, no stack, and exits with status 78 (EX_CONFIG), before anything is started or written.
 */
export function loadConfigOrExit(env: Env = process.env): HubConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nThe hub did not start. See docs/operations/configuration.md.\n`);
    process.exit(78);
  }
}

const NODE_ENVS = ['development', 'production', 'test'];

function nodeEnvOf(env: Env, problems: string[]): HubConfig['nodeEnv'] {
  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!NODE_ENVS.includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  return (NODE_ENVS.includes(nodeEnvRaw) ? nodeEnvRaw : 'development') as HubConfig['nodeEnv'];
}

/** An optional postgres:// URL (DATABASE_URL, DATABASE_READ_URL). */
function postgresUrl(env: Env, name: string, problems: string[]): string | undefined {
  const url = env[name] || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) problems.push(`${name} must be a postgres:// or postgresql:// URL`);
  return url;
}

/** Production logs requests (JSON); development prints its one ready line and only what goes wrong. */
function logLevelOf(env: Env, production: boolean, problems: string[]): string {
  const logLevel = env.LOG_LEVEL || (production ? 'info' : 'warn');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`);
  }
  return logLevel;
}

function redisUrlOf(env: Env, problems: string[]): string | undefined {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  return redisUrl;
}

function publicUrlOf(env: Env, problems: string[]): string | undefined {
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicUrl)) {
    problems.push(`PUBLIC_URL must be an http(s) URL without query or fragment, e.g. https://hub.example.org (got "${env.PUBLIC_URL}")`);
  }
  return publicUrl;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** SMTP_URL, MAIL_FROM and the base of links in emails (docs/operations/configuration.md, Email notifications). */
function mail(env: Env, production: boolean, publicUrl: string | undefined, port: number, problems: string[]): HubConfig['mail'] {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl !== undefined) {
    let parsed: URL | null;
    try {
      parsed = new URL(smtpUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname)
      problems.push('SMTP_URL must be smtp://[user:password@]host[:port] or smtps://... (the password is never logged)');
    if (production && !publicUrl) problems.push('SMTP_URL needs PUBLIC_URL in production: links in emails must point at the portal');
  }
  const from = env.MAIL_FROM || 'Rehab Hub <no-reply@rehab-hub.invalid>';
  const bare = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  if (!ADDRESS.test(bare.trim()) || /[\r\n]/.test(from))
    problems.push(`MAIL_FROM must be an email address, or "Name <address>" (got "${from}")`);
  return {
    smtpUrl,
    from,
    linkBaseUrl: publicUrl ?? `http://localhost:${port || 3000}`,
    digestHour: int(env, 'MAIL_DIGEST_HOUR', 7, 0, 23, problems),
    sendTimeoutMs: int(env, 'MAIL_SEND_TIMEOUT_MS', 15_000, 1000, 120_000, problems),
    maxAttempts: int(env, 'MAIL_MAX_ATTEMPTS', 6, 1, 25, problems),
  };
}

/** Reads and validates the hub's configuration from environment variables. Throws a ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): HubConfig {
  const problems: string[] = [];
  // Read in this order so that the problems are listed in it.
  const nodeEnv = nodeEnvOf(env, problems);
  const production = nodeEnv === 'production';
  const databaseUrl = postgresUrl(env, 'DATABASE_URL', problems);
  const databaseReadUrl = postgresUrl(env, 'DATABASE_READ_URL', problems);
  const logLevel = logLevelOf(env, production, problems);
  const privateKey = jwtPrivateKey(env, problems);
  const host = env.HOST || '127.0.0.1';
  const demo = demoAccounts(env, host, production, problems);
  if (production) productionSecrets(env, problems);
  const redisUrl = redisUrlOf(env, problems);
  const publicUrl = publicUrlOf(env, problems);
  const accessTokenTtlSeconds = int(env, 'ACCESS_TOKEN_TTL', 900, 30, 86400, problems);
  const auth = authConfig(env, accessTokenTtlSeconds, problems);
  const workerMode = oneOf(env, 'WORKER_MODE', ['embedded', 'off'] as const, 'embedded', problems);
  const port = int(env, 'PORT', 3000, 0, 65535, problems);
  const databasePoolSize = int(env, 'DATABASE_POOL_SIZE', 20, 1, 1000, problems);
  const config: HubConfig = {
    nodeEnv,
    host,
    port,
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    databaseUrl,
    databaseReadUrl,
    databasePoolSize,
    logLevel,
    // The hub's tokens name the hub's public URL as their issuer when it is known (RFC 9068), as its discovery document does.
    jwtIssuer: env.JWT_ISSUER ?? publicUrl ?? 'urn:rehab-hub',
    jwtAudience: env.JWT_AUDIENCE ?? 'rehab-hub-api',
    jwtPrivateKey: privateKey,
    dataEncryption: dataEncryption(env, problems),
    accessTokenTtlSeconds,
    publicUrl,
    auth,
    externalIssuers: issuers(env, production, problems),
    graphql: graphql(env, problems, production),
    lists: lists(env, problems),
    demo: { seed: demo.seed, people: bool(env, 'SEED_DEMO_PEOPLE', true, problems), password: demo.password },
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
    worker: worker(env, problems, workerMode),
    webhooks: webhooks(env, production, problems),
    mail: mail(env, production, publicUrl, port, problems),
    subscriptions: subscriptions(env, problems),
    input: input(env, problems),
    statementTimeouts: statementTimeouts(env, problems),
    loadLimits: loadLimits(env, problems, databasePoolSize),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
