/**
 * The security settings: the hub's signing key and the partners' identity providers, secrets at rest,
 * proxies and cross-origin callers, webhook targets, token lifetimes, sign-in throttling and
 * passwords, the metrics token, the demo accounts, and the secrets production cannot start without.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { bool, type Env, int, list, oneOf } from './env-readers.js';
import type { AuthConfig, ExternalIssuerConfig, HubConfig } from './hub-config.types.js';

export function issuers(env: Env, production: boolean, problems: string[]): ExternalIssuerConfig[] {
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
          if (!/^https:\/\/[^/?#\s]+/i.test(e[key]!))
            throw new Error(`entry ${i}: ${key} must be an https:// URL in production (got "${e[key]}")`);
        }
      }
      return { issuer: e.issuer!, jwksUri: e.jwksUri!, audience: e.audience! };
    });
  } catch (err) {
    problems.push(`OIDC_ISSUERS must be a JSON array of {issuer, jwksUri, audience}: ${(err as Error).message}`);
    return [];
  }
}

/** A 256-bit key written as 64 hex digits or as base64 (standard or URL-safe alphabet). */
function parseKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) return undefined;
  const key = Buffer.from(
    text.replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')),
    'base64',
  );
  return key.length === 32 ? key : undefined;
}

/** The key itself is never echoed in a problem: it is a secret. */
export function dataEncryption(env: Env, problems: string[]): HubConfig['dataEncryption'] {
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

/** The demo accounts' password when DEMO_PASSWORD is not set: published in docs/guide/README.md, so loopback only. */
export const PUBLISHED_DEMO_PASSWORD = 'Rehab-Demo-2026!';

/** True when HOST names only this machine (a loopback address or localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
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
export function trustProxy(env: Env, problems: string[]): HubConfig['http']['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  const entries = raw.split(/\s*,\s*/).filter(Boolean);
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const bad = entries.filter((e) => !named.has(e) && !isAddress(e) && !isCidr(e));
  if (/^(true|yes|on|all|\*)$/i.test(raw) || bad.length) {
    problems.push(
      `TRUST_PROXY must be off or the proxies' addresses or CIDR ranges (comma-separated; loopback, linklocal, uniquelocal allowed); every peer is never trusted (got "${raw}")`,
    );
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
export function corsOrigins(env: Env, production: boolean, problems: string[]): string[] {
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

export function webhooks(env: Env, production: boolean, problems: string[]): HubConfig['webhooks'] {
  const urlPolicy = oneOf(env, 'WEBHOOK_URL_POLICY', ['public-https', 'any'] as const, production ? 'public-https' : 'any', problems);
  const allowedHosts = list(env, 'WEBHOOK_ALLOWED_HOSTS');
  for (const host of allowedHosts) {
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(host))
      problems.push(`WEBHOOK_ALLOWED_HOSTS: "${host}" is not a host name (or *.domain)`);
  }
  const allowedCidrs = list(env, 'WEBHOOK_ALLOWED_CIDRS');
  for (const cidr of allowedCidrs) {
    if (!ipaddr.isValidCIDR(cidr)) problems.push(`WEBHOOK_ALLOWED_CIDRS: "${cidr}" is not an address range such as 10.20.0.0/16`);
  }
  return { urlPolicy, allowedHosts, allowedCidrs };
}

/** Token lifetimes, sign-in throttling and the password rule (docs/operations/configuration.md, Resource limits). */
export function authConfig(env: Env, accessTokenTtlSeconds: number, problems: string[]): AuthConfig {
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

/** METRICS_TOKEN: a secret, so never echoed; long enough not to be guessed. */
export function metricsToken(env: Env, problems: string[]): string | undefined {
  const raw = env.METRICS_TOKEN;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\x21-\x7e]{24,512}$/.test(raw))
    problems.push('METRICS_TOKEN must be 24 to 512 visible characters (e.g. openssl rand -base64 32)');
  return raw;
}

/** JWT_PRIVATE_KEY, with `\n` written out as two characters taken for line breaks. */
export function jwtPrivateKey(env: Env, problems: string[]): string | undefined {
  const key = env.JWT_PRIVATE_KEY ? env.JWT_PRIVATE_KEY.replace(/\\n/g, '\n') : undefined;
  if (key && !key.includes('PRIVATE KEY')) {
    problems.push('JWT_PRIVATE_KEY must be a PEM-encoded private key (PKCS#8)');
  }
  return key;
}

/**
 * DEMO_PASSWORD and SEED_DEMO: the demo world is never seeded in production, and its published
 * password is accepted on a loopback HOST only.
 */
export function demoAccounts(env: Env, host: string, production: boolean, problems: string[]): { seed: boolean; password: string } {
  const password = env.DEMO_PASSWORD || PUBLISHED_DEMO_PASSWORD;
  if (password.length < 10) problems.push('DEMO_PASSWORD must be at least 10 characters');
  const seed = bool(env, 'SEED_DEMO', !production, problems);
  if (production && seed) {
    problems.push(
      'SEED_DEMO: the demo world (accounts with a shared password, a hub admin among them) is never seeded in production; unset SEED_DEMO',
    );
  }
  if (seed && !isLoopbackHost(host) && password === PUBLISHED_DEMO_PASSWORD) {
    problems.push(
      `HOST=${host} makes the demo accounts reachable from the network: set DEMO_PASSWORD to a password of your own (the published one is accepted on a loopback HOST only), or SEED_DEMO=false`,
    );
  }
  return { seed, password };
}

/**
 * Each secret production needs, named at once; without them the hub would generate keys it keeps in
 * its own database, or run an embedded database in a local folder.
 */
export function productionSecrets(env: Env, problems: string[]): void {
  const missing = [
    ['DATABASE_URL', 'the PostgreSQL server (production never runs the embedded one)'],
    ['JWT_PRIVATE_KEY', 'the PEM key the hub signs its tokens with (production never generates one)'],
    ['DATA_ENCRYPTION_KEY', 'the 32-byte key secrets are encrypted with at rest (openssl rand -base64 32)'],
  ].filter(([name]) => !env[name]);
  for (const [name, what] of missing) problems.push(`${name} is required in production: ${what}`);
}
