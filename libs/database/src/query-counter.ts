import type { Logger, QueryRunner } from 'typeorm';

let statements = 0;
let failed = 0;

/** Counts every SQL statement the hub sends (for metrics, and for tests that bound the statements of a request). */
export class QueryCountingLogger implements Logger {
  constructor(private readonly verbose = false) {}

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    statements++;
    if (this.verbose) console.log(query, parameters ?? '');
  }
  logQueryError(error: string | Error, query: string): void {
    failed++;
    if (this.verbose) console.log('failed:', query, String(error));
  }
  logQuerySlow(): void {
    // not counted
  }
  logSchemaBuild(): void {
    // not counted
  }
  logMigration(): void {
    // not counted
  }
  log(): void {
    // not counted
  }
}

export function sqlStatementCount(): { statements: number; failed: number } {
  return { statements, failed };
}
