import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';

/** Running a report is recorded like any other use of the data: a `report.run` event (audited) with its parameters. */
@Injectable()
export class ReportRunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async record(actor: Actor, report: string, parameters: Record<string, unknown>): Promise<void> {
    await this.db.transaction((m) =>
      this.outbox.emit(m, actor, {
        type: 'report.run',
        aggregateType: 'report',
        aggregateId: '00000000-0000-0000-0000-000000000000',
        payload: { report, parameters },
      }),
    );
  }
}
