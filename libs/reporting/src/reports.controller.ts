import { Controller, Get, Header, Query } from '@nestjs/common';
import { type Actor, csvOf, CurrentActor } from '@hub/common';
import { EteFunnelService } from './ete-funnel.service.js';
import { ReoffendingInput, ReportFilterInput } from './report.inputs.js';
import { ReoffendingService } from './reoffending.service.js';
import { Permission, RequirePermission } from '@hub/access';

/** The same reports as CSV files (bearer token as for GraphQL). */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly funnel: EteFunnelService,
    private readonly reoffending: ReoffendingService,
  ) {}

  @RequirePermission(Permission.REPORT_READ)
  @Get('ete-funnel.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="ete-funnel.csv"')
  async eteFunnel(@CurrentActor() actor: Actor, @Query() query: ReportFilterInput): Promise<string> {
    const report = await this.funnel.funnel(actor, query);
    const rows: (string | number | boolean | null)[][] = [['step', 'label', 'breakdown', 'people', 'suppressed', 'conversion']];
    for (const s of report.steps) {
      rows.push([s.step, s.label, '', s.people, s.suppressed, s.conversion]);
      for (const b of s.breakdown) rows.push([s.step, s.label, b.key, b.count, b.suppressed, null]);
    }
    return csvOf(rows);
  }

  @RequirePermission(Permission.REPORT_READ)
  @Get('reoffending.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="reoffending.csv"')
  async reoffendingCsv(@CurrentActor() actor: Actor, @Query() query: ReoffendingInput): Promise<string> {
    const r = await this.reoffending.analyse(actor, query);
    return csvOf([
      [
        'cohort',
        'from',
        'to',
        'reference',
        'as_of',
        'cohort_size',
        'actual_rate',
        'predicted_rate',
        'difference_points',
        'fewer_reoffenders',
        'suppressed',
      ],
      [
        r.cohort,
        r.from,
        r.to,
        r.reference,
        r.asOf,
        r.cohortSize,
        r.actualRate,
        r.predictedRate,
        r.differencePoints,
        r.fewerReoffenders,
        r.suppressed,
      ],
    ]);
  }
}
