import { dataSourceOptions, sessionTimeoutsFor } from './data-source-options.js';

describe('session time limits of the pool', () => {
  const limits = { requestMs: 30_000, idleInTransactionMs: 60_000, migrationMs: 0, backgroundMs: 600_000 };

  it('the hub serves requests, a worker runs jobs, the CLI runs an operator`s commands: each its own statement limit', () => {
    expect(sessionTimeoutsFor(undefined, limits)).toEqual({ statementMs: 30_000, idleInTransactionMs: 60_000 });
    expect(sessionTimeoutsFor('worker', limits).statementMs).toBe(600_000);
    expect(sessionTimeoutsFor('cli', limits).statementMs).toBe(0);
  });

  it('hands them to node-postgres, which sends them as each session opens', () => {
    const options = dataSourceOptions('postgres://x@127.0.0.1/db', 5, {}, { statementMs: 1234, idleInTransactionMs: 5678 }) as {
      extra: Record<string, unknown>;
    };
    expect(options.extra).toMatchObject({ max: 5, statement_timeout: 1234, idle_in_transaction_session_timeout: 5678 });
  });
});
