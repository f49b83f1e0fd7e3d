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

  it('sends webhooks only over https to public addresses in production, anywhere otherwise, and validates the exceptions', () => {
    expect(loadConfig({}).webhooks).toEqual({ urlPolicy: 'any', allowedHosts: [], allowedCidrs: [] });
    expect(loadConfig({ NODE_ENV: 'production' }).webhooks.urlPolicy).toBe('public-https');
    expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_URL_POLICY: 'public-https' }).webhooks.urlPolicy).toBe('public-https');
    expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'receiver.internal, *.corp.example', WEBHOOK_ALLOWED_CIDRS: '10.20.0.0/16 fd00::/8' }).webhooks).toMatchObject({ allowedHosts: ['receiver.internal', '*.corp.example'], allowedCidrs: ['10.20.0.0/16', 'fd00::/8'] });
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
      throttle: { windowSeconds: 900, freePerAddress: 20, freePerAccountAddress: 5, freePerAccount: 50, baseDelaySeconds: 1, maxDelaySeconds: 900 },
      password: { minLength: 12, minScore: 3 },
    });
    expect(c.publicUrl).toBeUndefined();
    expect(c.jwtIssuer).toBe('urn:rehab-hub');
    expect(loadConfig({ ACCESS_TOKEN_TTL: '7200' }).auth.hubTokenMaxLifetimeSeconds).toBe(7200);
    expect(() => loadConfig({ ACCESS_TOKEN_TTL: '7200', HUB_TOKEN_MAX_LIFETIME: '3600' })).toThrow(/HUB_TOKEN_MAX_LIFETIME \(3600\) must be at least ACCESS_TOKEN_TTL/);
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
    expect(c.subscriptions).toEqual({ maxPayloadBytes: 16_384, connectionInitTimeoutMs: 5_000, maxSubscriptionsPerConnection: 20, maxConnectionsPerActor: 10, maxConnections: 2_000, maxUnauthenticatedPerAddress: 20 });
    expect(c.input).toEqual({ graphqlBodyBytes: 4 * 1_048_576, httpBodyBytes: 1_048_576, maxStringLength: 20_000, maxIdLength: 512, maxSearchLength: 200 });
    expect(c.statementTimeouts).toEqual({ requestMs: 30_000, idleInTransactionMs: 60_000, migrationMs: 0, backgroundMs: 600_000 });
  });

  it('reads them and refuses values out of range', () => {
    const c = loadConfig({ WS_MAX_PAYLOAD_BYTES: '4096', GRAPHQL_MAX_SEARCH_LENGTH: '50', DATABASE_STATEMENT_TIMEOUT_MS: '0' });
    expect([c.subscriptions.maxPayloadBytes, c.input.maxSearchLength, c.statementTimeouts.requestMs]).toEqual([4096, 50, 0]);
    expect(() => loadConfig({ WS_MAX_PAYLOAD_BYTES: '10', WS_MAX_CONNECTIONS_PER_ACTOR: '0', GRAPHQL_MAX_BODY_BYTES: 'lots', DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(
      /WS_MAX_PAYLOAD_BYTES[\s\S]*WS_MAX_CONNECTIONS_PER_ACTOR[\s\S]*GRAPHQL_MAX_BODY_BYTES[\s\S]*DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });
});
