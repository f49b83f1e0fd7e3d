/**
 * Resource limits, one reader per group of HubConfig: GraphQL, lists, WebSocket subscriptions, input
 * sizes, statement timeouts, bulk loads and health, the worker (docs/operations/configuration.md, Resource limits).
 */
import { bool, type Env, int, oneOf } from './env-readers.js';
import type { HubConfig } from './hub-config.types.js';

const MIB = 1024 * 1024;

export function graphql(env: Env, problems: string[], production: boolean): HubConfig['graphql'] {
  return {
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', !production, problems),
    explorer: bool(env, 'GRAPHQL_EXPLORER', !production, problems),
    maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100, problems),
    maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', 15, 1, 1000, problems),
    // A full person page (50 interventions with outcomes, consents) costs about 7,400 in armor's model.
    maxCost: int(env, 'GRAPHQL_MAX_COST', 12000, 10, 1_000_000, problems),
    maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', 2000, 50, 100_000, problems),
    executor: oneOf(env, 'GRAPHQL_EXECUTOR', ['compiled', 'graphql-js'] as const, 'compiled', problems),
  };
}

export function lists(env: Env, problems: string[]): HubConfig['lists'] {
  return {
    perPersonMax: int(env, 'LIST_PER_PERSON_MAX', 100, 1, 1000, problems),
    directoryMax: int(env, 'LIST_DIRECTORY_MAX', 500, 1, 5000, problems),
  };
}

export function subscriptions(env: Env, problems: string[]): HubConfig['subscriptions'] {
  return {
    maxPayloadBytes: int(env, 'WS_MAX_PAYLOAD_BYTES', 16_384, 1024, 1_048_576, problems),
    connectionInitTimeoutMs: int(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 5_000, 100, 60_000, problems),
    maxSubscriptionsPerConnection: int(env, 'WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 1000, problems),
    maxConnectionsPerActor: int(env, 'WS_MAX_CONNECTIONS_PER_ACTOR', 10, 1, 10_000, problems),
    maxConnections: int(env, 'WS_MAX_CONNECTIONS', 2_000, 1, 1_000_000, problems),
    maxUnauthenticatedPerAddress: int(env, 'WS_MAX_UNAUTHENTICATED_PER_ADDRESS', 20, 0, 100_000, problems),
  };
}

export function input(env: Env, problems: string[]): HubConfig['input'] {
  return {
    graphqlBodyBytes: int(env, 'GRAPHQL_MAX_BODY_BYTES', 4 * 1_048_576, 1024, 10 * 1_048_576, problems),
    httpBodyBytes: int(env, 'HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576, problems),
    maxStringLength: int(env, 'GRAPHQL_MAX_STRING_LENGTH', 20_000, 100, 1_000_000, problems),
    maxIdLength: int(env, 'GRAPHQL_MAX_ID_LENGTH', 512, 36, 100_000, problems),
    maxSearchLength: int(env, 'GRAPHQL_MAX_SEARCH_LENGTH', 200, 10, 100_000, problems),
  };
}

export function statementTimeouts(env: Env, problems: string[]): HubConfig['statementTimeouts'] {
  return {
    requestMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000, problems),
    idleInTransactionMs: int(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 0, 3_600_000, problems),
    migrationMs: int(env, 'DATABASE_MIGRATION_STATEMENT_TIMEOUT_MS', 0, 0, 86_400_000, problems),
    backgroundMs: int(env, 'DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS', 600_000, 0, 86_400_000, problems),
  };
}

export function loadLimits(env: Env, problems: string[], poolSize: number): HubConfig['loadLimits'] {
  const bulkMaxConcurrent = int(env, 'SYNC_BULK_MAX_CONCURRENT', Math.max(1, Math.min(4, Math.floor(poolSize / 4))), 1, 1000, problems);
  // Each running load holds one connection for its whole length: leave the pool room for everything else.
  if (bulkMaxConcurrent >= poolSize && env.SYNC_BULK_MAX_CONCURRENT)
    problems.push(`SYNC_BULK_MAX_CONCURRENT (${bulkMaxConcurrent}) must be less than DATABASE_POOL_SIZE (${poolSize})`);
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

/** `mode` is WORKER_MODE, read by loadConfig with the top-level values. */
export function worker(env: Env, problems: string[], mode: HubConfig['worker']['mode']): HubConfig['worker'] {
  return {
    mode,
    concurrency: int(env, 'WORKER_CONCURRENCY', 4, 1, 100, problems),
    pollIntervalMs: int(env, 'WORKER_POLL_INTERVAL_MS', 1000, 50, 60_000, problems),
    relayBatchSize: int(env, 'OUTBOX_RELAY_BATCH', 100, 1, 10_000, problems),
    sealIntervalMs: int(env, 'AUDIT_SEAL_INTERVAL_MS', 1000, 50, 60_000, problems),
    sealBatchSize: int(env, 'AUDIT_SEAL_BATCH', 10_000, 1, 100_000, problems),
  };
}
