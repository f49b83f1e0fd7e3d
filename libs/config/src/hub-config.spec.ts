import { ConfigError, isLoopbackHost, loadConfig, PUBLISHED_DEMO_PASSWORD } from './hub-config.js';

/** The secrets production requires (values only shaped right: nothing here signs or decrypts). */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://hub@db.internal:5432/hub',
  JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIG...\\n-----END PRIVATE KEY-----',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('hex'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

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
    const c = loadConfig(PRODUCTION);
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
    const c = loadConfig({
      OIDC_ISSUERS: JSON.stringify([{ issuer: 'https://id.example', jwksUri: 'https://id.example/jwks', audience: 'hub' }]),
    });
    expect(c.externalIssuers).toEqual([{ issuer: 'https://id.example', jwksUri: 'https://id.example/jwks', audience: 'hub' }]);
  });

  it('parses retention overrides and refuses bad ones', () => {
    expect(loadConfig({}).retentionDays).toEqual({});
    expect(loadConfig({ RETENTION_DAYS: '{"health":1095}' }).retentionDays).toEqual({ health: 1095 });
    expect(() => loadConfig({ RETENTION_DAYS: '{"health":-1}' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ RETENTION_DAYS: '[1]' })).toThrow(/RETENTION_DAYS/);
  });

  it('runs the worker inside the hub by default and validates its settings', () => {
    expect(loadConfig({}).worker).toEqual({
      mode: 'embedded',
      concurrency: 4,
      pollIntervalMs: 1000,
      relayBatchSize: 100,
      sealIntervalMs: 1000,
      sealBatchSize: 10_000,
    });
    expect(loadConfig({ WORKER_MODE: 'off', WORKER_CONCURRENCY: '2' }).worker).toMatchObject({ mode: 'off', concurrency: 2 });
    expect(() => loadConfig({ WORKER_MODE: 'sometimes', WORKER_POLL_INTERVAL_MS: '1' })).toThrow(
      /WORKER_MODE[\s\S]*WORKER_POLL_INTERVAL_MS/,
    );
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
    expect(loadConfig({ DATA_ENCRYPTION_OLD_KEYS: `${old.toString('base64url')}, ${key.toString('hex')}` }).dataEncryption.oldKeys).toEqual(
      [old, key],
    );
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

  it('sends webhooks only over https to public addresses in production, anywhere otherwise, and validates the exceptions', () => {
    expect(loadConfig({}).webhooks).toEqual({ urlPolicy: 'any', allowedHosts: [], allowedCidrs: [] });
    expect(loadConfig(PRODUCTION).webhooks.urlPolicy).toBe('public-https');
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_URL_POLICY: 'public-https' }).webhooks.urlPolicy).toBe('public-https');
    expect(
      loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'receiver.internal, *.corp.example', WEBHOOK_ALLOWED_CIDRS: '10.20.0.0/16 fd00::/8' }).webhooks,
    ).toMatchObject({ allowedHosts: ['receiver.internal', '*.corp.example'], allowedCidrs: ['10.20.0.0/16', 'fd00::/8'] });
    expect(() => loadConfig({ WEBHOOK_URL_POLICY: 'strict' })).toThrow(/WEBHOOK_URL_POLICY must be one of public-https, any/);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_CIDRS: '10.0.0.1' })).toThrow(/WEBHOOK_ALLOWED_CIDRS/);
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://x' })).toThrow(/WEBHOOK_ALLOWED_HOSTS/);
  });

  it('reads the token, sign-in and password limits (auth) and PUBLIC_URL, and refuses inconsistent ones', () => {
    const c = loadConfig({});
    expect(c.auth).toEqual({
      hubTokenMaxLifetimeSeconds: 3600,
      externalTokenMaxLifetimeSeconds: 86400,
      clockSkewSeconds: 5,
      throttle: {
        windowSeconds: 900,
        freePerAddress: 20,
        freePerAccountAddress: 5,
        freePerAccount: 50,
        baseDelaySeconds: 1,
        maxDelaySeconds: 900,
      },
      password: { minLength: 12, minScore: 3 },
    });
    expect(c.publicUrl).toBeUndefined();
    expect(c.jwtIssuer).toBe('urn:rehab-hub');
    expect(loadConfig({ ACCESS_TOKEN_TTL: '7200' }).auth.hubTokenMaxLifetimeSeconds).toBe(7200);
    expect(() => loadConfig({ ACCESS_TOKEN_TTL: '7200', HUB_TOKEN_MAX_LIFETIME: '3600' })).toThrow(
      /HUB_TOKEN_MAX_LIFETIME \(3600\) must be at least ACCESS_TOKEN_TTL/,
    );
    expect(() => loadConfig({ SIGN_IN_BASE_DELAY: '60', SIGN_IN_MAX_DELAY: '30' })).toThrow(/SIGN_IN_MAX_DELAY must be at least/);
    expect(() => loadConfig({ PASSWORD_MIN_SCORE: '5' })).toThrow(/PASSWORD_MIN_SCORE/);
    const pub = loadConfig({ PUBLIC_URL: 'https://hub.example.org/' });
    expect(pub.publicUrl).toBe('https://hub.example.org');
    expect(pub.jwtIssuer).toBe('https://hub.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://hub.example.org', JWT_ISSUER: 'urn:x' }).jwtIssuer).toBe('urn:x');
    expect(() => loadConfig({ PUBLIC_URL: 'hub.example.org' })).toThrow(/PUBLIC_URL must be an http\(s\) URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://hub.example.org/?a=1' })).toThrow(/PUBLIC_URL/);
  });
});

describe('loadConfig: limits of the WebSocket, input strings and statement time', () => {
  it('has defaults', () => {
    const c = loadConfig({});
    expect(c.subscriptions).toEqual({
      maxPayloadBytes: 16_384,
      connectionInitTimeoutMs: 5_000,
      maxSubscriptionsPerConnection: 20,
      maxConnectionsPerActor: 10,
      maxConnections: 2_000,
      maxUnauthenticatedPerAddress: 20,
    });
    expect(c.input).toEqual({
      graphqlBodyBytes: 4 * 1_048_576,
      httpBodyBytes: 1_048_576,
      maxStringLength: 20_000,
      maxIdLength: 512,
      maxSearchLength: 200,
    });
    expect(c.statementTimeouts).toEqual({ requestMs: 30_000, idleInTransactionMs: 60_000, migrationMs: 0, backgroundMs: 600_000 });
  });

  it('reads them and refuses values out of range', () => {
    const c = loadConfig({ WS_MAX_PAYLOAD_BYTES: '4096', GRAPHQL_MAX_SEARCH_LENGTH: '50', DATABASE_STATEMENT_TIMEOUT_MS: '0' });
    expect([c.subscriptions.maxPayloadBytes, c.input.maxSearchLength, c.statementTimeouts.requestMs]).toEqual([4096, 50, 0]);
    expect(() =>
      loadConfig({
        WS_MAX_PAYLOAD_BYTES: '10',
        WS_MAX_CONNECTIONS_PER_ACTOR: '0',
        GRAPHQL_MAX_BODY_BYTES: 'lots',
        DATABASE_STATEMENT_TIMEOUT_MS: '-1',
      }),
    ).toThrow(/WS_MAX_PAYLOAD_BYTES[\s\S]*WS_MAX_CONNECTIONS_PER_ACTOR[\s\S]*GRAPHQL_MAX_BODY_BYTES[\s\S]*DATABASE_STATEMENT_TIMEOUT_MS/);
  });
});

describe('loadConfig: safe defaults, secrets, proxies and browsers', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_PASSWORD: 'a-password-of-my-own' }).host).toBe('0.0.0.0');
    for (const h of ['127.0.0.1', '127.3.4.5', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'hub.example', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses the published demo password on a hub reachable from the network', () => {
    expect(problemsOf({ HOST: '0.0.0.0' }).join('\n')).toMatch(/HOST=0\.0\.0\.0 makes the demo accounts reachable[\s\S]*DEMO_PASSWORD/);
    expect(problemsOf({ HOST: '0.0.0.0', DEMO_PASSWORD: PUBLISHED_DEMO_PASSWORD })).toHaveLength(1);
    expect(problemsOf({ HOST: '0.0.0.0', SEED_DEMO: 'false' })).toEqual([]);
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_PASSWORD: 'a-password-of-my-own' }).demo.password).toBe('a-password-of-my-own');
    expect(loadConfig({}).demo.password).toBe(PUBLISHED_DEMO_PASSWORD);
  });

  it('refuses production without each secret it needs, naming every one at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production' }).join('\n');
    expect(problems).toMatch(/DATABASE_URL is required in production/);
    expect(problems).toMatch(/JWT_PRIVATE_KEY is required in production/);
    expect(problems).toMatch(/DATA_ENCRYPTION_KEY is required in production/);
    const { JWT_PRIVATE_KEY: _omitted, ...withoutKey } = PRODUCTION;
    expect(problemsOf(withoutKey)).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY is required/)]);
    expect(problemsOf(PRODUCTION)).toEqual([]);
  });

  it('never seeds the demo world in production, even when asked', () => {
    expect(problemsOf({ ...PRODUCTION, SEED_DEMO: 'true' })).toEqual([
      expect.stringMatching(/^SEED_DEMO: the demo world .* is never seeded in production/),
    ]);
    expect(loadConfig({ ...PRODUCTION, SEED_DEMO: 'false' }).demo.seed).toBe(false);
  });

  it('trusts partner identity providers over https only in production', () => {
    const issuer = (jwksUri: string, iss = 'https://id.example') => JSON.stringify([{ issuer: iss, jwksUri, audience: 'hub' }]);
    expect(problemsOf({ ...PRODUCTION, OIDC_ISSUERS: issuer('http://id.example/jwks') }).join('\n')).toMatch(
      /jwksUri must be an https:\/\/ URL in production/,
    );
    expect(problemsOf({ ...PRODUCTION, OIDC_ISSUERS: issuer('https://id.example/jwks', 'http://id.example') }).join('\n')).toMatch(
      /issuer must be an https:\/\/ URL in production/,
    );
    expect(loadConfig({ ...PRODUCTION, OIDC_ISSUERS: issuer('https://id.example/jwks') }).externalIssuers).toHaveLength(1);
    expect(loadConfig({ OIDC_ISSUERS: issuer('http://127.0.0.1:9000/jwks', 'http://127.0.0.1:9000') }).externalIssuers).toHaveLength(1);
  });

  it('trusts no proxy by default, and refuses to trust every peer', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).http.trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.2' }).http.trustProxy).toBe('10.0.0.0/8,192.168.1.2');
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY/);
  });

  it('allows no cross-origin caller by default, and exact origins only', () => {
    expect(loadConfig({}).http.corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.partner.example, http://localhost:5173/' }).http.corsOrigins).toEqual([
      'https://app.partner.example',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://*.partner.example' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.partner.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(problemsOf({ ...PRODUCTION, CORS_ORIGINS: 'http://app.partner.example' }).join('\n')).toMatch(
      /must be https:\/\/ in production/,
    );
  });

  it('sends HSTS only when configured', () => {
    expect(loadConfig({}).http.hstsMaxAgeSeconds).toBe(0);
    expect(loadConfig({ HSTS_MAX_AGE: '31536000' }).http.hstsMaxAgeSeconds).toBe(31536000);
    expect(() => loadConfig({ HSTS_MAX_AGE: '-1' })).toThrow(/HSTS_MAX_AGE/);
  });
});

// --- sec-bulk: load limits ---
describe('load limits', () => {
  it('has bounded defaults, bulk turns leaving room in the pool', () => {
    const l = loadConfig({}).loadLimits;
    expect(l).toMatchObject({
      bulkMaxLineBytes: 65536,
      bulkMaxBodyBytes: 256 * 1024 * 1024,
      bulkMaxRejections: 1000,
      bulkMaxConcurrent: 4,
      bulkMaxQueued: 16,
      databaseAcquireTimeoutMs: 5000,
    });
    expect(loadConfig({ DATABASE_POOL_SIZE: '6' }).loadLimits.bulkMaxConcurrent).toBe(1);
  });

  it('refuses limits out of range, and bulk turns that would take the whole pool', () => {
    expect(() => loadConfig({ SYNC_BULK_MAX_LINE_BYTES: '10' })).toThrow(/SYNC_BULK_MAX_LINE_BYTES must be a whole number/);
    expect(() => loadConfig({ DATABASE_ACQUIRE_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_ACQUIRE_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '4', SYNC_BULK_MAX_CONCURRENT: '4' })).toThrow(
      /SYNC_BULK_MAX_CONCURRENT \(4\) must be less than DATABASE_POOL_SIZE \(4\)/,
    );
    expect(() => loadConfig({ SYNC_BULK_MAX_LINE_BYTES: '2000000', SYNC_BULK_MAX_BODY_BYTES: '1000000' })).toThrow(/must not exceed/);
  });
});
