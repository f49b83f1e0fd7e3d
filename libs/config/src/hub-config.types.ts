/** The shape of the hub's configuration, as loadConfig (hub-config.ts) returns it. */

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
  /** Retention period in days per data category, overriding the defaults (libs/privacy retention-policy.ts). */
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
    /** How often the audit sealer seals the events of finished transactions (ms). */
    sealIntervalMs: number;
    /** Events per seal at most: a larger backlog is sealed in several seals at once. */
    sealBatchSize: number;
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
  /** Bounds on what one request may hold and how long the hub waits for its database (docs/operations/configuration.md, Resource limits). */
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
