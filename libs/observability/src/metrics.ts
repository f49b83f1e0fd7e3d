import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sqlStatementCount } from '@hub/database';

/** Prometheus metrics of one process. */
export class HubMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly graphqlOperations = new Counter({
    name: 'hub_graphql_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlExecutions = new Counter({
    name: 'hub_graphql_executions_total',
    help: 'GraphQL operations executed, by path: compiled (graphql-jit) or interpreted (graphql-js)',
    labelNames: ['path'] as const,
    registers: [this.registry],
  });

  readonly sqlStatements = new Gauge({
    name: 'hub_db_statements_total',
    help: 'SQL statements sent to PostgreSQL by this process (failed: outcome=error)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
    collect() {
      const { statements, failed } = sqlStatementCount();
      this.set({ outcome: 'sent' }, statements);
      this.set({ outcome: 'error' }, failed);
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
  }
}

export const METRICS = Symbol('HUB_METRICS');
