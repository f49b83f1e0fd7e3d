import { ConfigError, loadConfig } from './hub-config.js';

describe('loadConfig', () => {
  it('applies development defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.graphql.introspection).toBe(true);
    expect(c.demo.seed).toBe(true);
    expect(c.dataDir.endsWith('.data')).toBe(true);
    expect(c.graphql.executor).toBe('compiled');
  });

  it('chooses the GraphQL executor and refuses an unknown one', () => {
    expect(loadConfig({ GRAPHQL_EXECUTOR: 'graphql-js' }).graphql.executor).toBe('graphql-js');
    expect(() => loadConfig({ GRAPHQL_EXECUTOR: 'fast' })).toThrow(/GRAPHQL_EXECUTOR must be one of compiled, graphql-js/);
  });

  it('turns introspection, explorer and demo seeding off in production', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.graphql.introspection).toBe(false);
    expect(c.graphql.explorer).toBe(false);
    expect(c.demo.seed).toBe(false);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', OIDC_ISSUERS: '{}', GRAPHQL_INTROSPECTION: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/OIDC_ISSUERS/);
    expect(problems).toMatch(/GRAPHQL_INTROSPECTION/);
  });

  it('parses external issuers', () => {
    const c = loadConfig({ OIDC_ISSUERS: JSON.stringify([{ issuer: 'https://id.example', jwksUri: 'https://id.example/jwks', audience: 'hub' }]) });
    expect(c.externalIssuers).toEqual([{ issuer: 'https://id.example', jwksUri: 'https://id.example/jwks', audience: 'hub' }]);
  });

  it('parses retention overrides and refuses bad ones', () => {
    expect(loadConfig({}).retentionDays).toEqual({});
    expect(loadConfig({ RETENTION_DAYS: '{"health":1095}' }).retentionDays).toEqual({ health: 1095 });
    expect(() => loadConfig({ RETENTION_DAYS: '{"health":-1}' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ RETENTION_DAYS: '[1]' })).toThrow(/RETENTION_DAYS/);
  });

  it('runs the worker inside the hub by default and validates its settings', () => {
    expect(loadConfig({}).worker).toEqual({ mode: 'embedded', concurrency: 4, pollIntervalMs: 1000, relayBatchSize: 100 });
    expect(loadConfig({ WORKER_MODE: 'off', WORKER_CONCURRENCY: '2' }).worker).toMatchObject({ mode: 'off', concurrency: 2 });
    expect(() => loadConfig({ WORKER_MODE: 'sometimes', WORKER_POLL_INTERVAL_MS: '1' })).toThrow(/WORKER_MODE[\s\S]*WORKER_POLL_INTERVAL_MS/);
  });

  it('reads REDIS_URL and the retention schedule', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
    expect(loadConfig({}).retentionSchedule).toBe('30 2 * * *');
    expect(loadConfig({ RETENTION_SCHEDULE: '0  3 * * 1' }).retentionSchedule).toBe('0 3 * * 1');
    expect(loadConfig({ RETENTION_SCHEDULE: 'off' }).retentionSchedule).toBeNull();
    expect(() => loadConfig({ RETENTION_SCHEDULE: 'daily' })).toThrow(/RETENTION_SCHEDULE/);
    expect(() => loadConfig({ RETENTION_SCHEDULE: '0 3 * * * audit:retention_run' })).toThrow(/RETENTION_SCHEDULE/);
  });

  it('reads the data encryption keys (hex or base64, 32 bytes) and refuses malformed ones without echoing them', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({}).dataEncryption).toEqual({ key: undefined, oldKeys: [] });
    expect(loadConfig({ DATA_ENCRYPTION_KEY: key.toString('hex') }).dataEncryption.key).toEqual(key);
    expect(loadConfig({ DATA_ENCRYPTION_KEY: key.toString('base64') }).dataEncryption.key).toEqual(key);
    const old = Buffer.alloc(32, 9);
    expect(loadConfig({ DATA_ENCRYPTION_OLD_KEYS: `${old.toString('base64url')}, ${key.toString('hex')}` }).dataEncryption.oldKeys).toEqual([old, key]);
    let error: unknown;
    try {
      loadConfig({ DATA_ENCRYPTION_KEY: 'c2hvcnQta2V5', DATA_ENCRYPTION_OLD_KEYS: `${key.toString('hex')},abc123` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_CONFIGURATION');
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATA_ENCRYPTION_KEY must be 32 bytes/);
    expect(problems).toMatch(/DATA_ENCRYPTION_OLD_KEYS: entry 2/);
    expect(problems).not.toMatch(/c2hvcnQta2V5|abc123/);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(31).toString('base64') })).toThrow(/DATA_ENCRYPTION_KEY/);
  });
});

// --- sec-bulk: load limits ---
describe('load limits', () => {
  it('has bounded defaults, bulk turns leaving room in the pool', () => {
    const l = loadConfig({}).loadLimits;
    expect(l).toMatchObject({ bulkMaxLineBytes: 65536, bulkMaxBodyBytes: 256 * 1024 * 1024, bulkMaxRejections: 1000, bulkMaxConcurrent: 4, bulkMaxQueued: 16, jsonBodyBytes: 1024 * 1024, databaseAcquireTimeoutMs: 5000 });
    expect(loadConfig({ DATABASE_POOL_SIZE: '6' }).loadLimits.bulkMaxConcurrent).toBe(1);
  });

  it('refuses limits out of range, and bulk turns that would take the whole pool', () => {
    expect(() => loadConfig({ SYNC_BULK_MAX_LINE_BYTES: '10' })).toThrow(/SYNC_BULK_MAX_LINE_BYTES must be a whole number/);
    expect(() => loadConfig({ DATABASE_ACQUIRE_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_ACQUIRE_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '4', SYNC_BULK_MAX_CONCURRENT: '4' })).toThrow(/SYNC_BULK_MAX_CONCURRENT \(4\) must be less than DATABASE_POOL_SIZE \(4\)/);
    expect(() => loadConfig({ SYNC_BULK_MAX_LINE_BYTES: '2000000', SYNC_BULK_MAX_BODY_BYTES: '1000000' })).toThrow(/must not exceed/);
  });
});
