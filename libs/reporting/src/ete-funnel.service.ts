import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@hub/common';
import { OutboxService } from '@hub/events';
import { InterventionsService } from '@hub/interventions';
import { PersonsService } from '@hub/persons';
import { controlBreakdown, controlCount, DEFAULT_THRESHOLD } from './disclosure-control.js';
import type { ReportFilterInput } from './report.inputs.js';
import type { EteFunnelModel, FunnelStepModel } from './report.models.js';
import { checkPeriod, reportScope } from './report-scope.js';

const STEPS: { step: string; label: string; where: string }[] = [
  { step: 'referred', label: 'Referred (any ETE contact recorded)', where: 'TRUE' },
  { step: 'took_up', label: 'Took up the service (attended a contact)', where: `status IN ('started', 'completed')` },
  { step: 'entered_training', label: 'Entered training or education', where: `group_name IN ('skills', 'training') AND status IN ('started', 'completed')` },
  { step: 'completed_course', label: 'Completed a course (qualification gained)', where: 'qualification IS NOT NULL' },
  { step: 'found_work', label: 'Found work', where: 'job_sector IS NOT NULL' },
  { step: 'sustained_13_weeks', label: 'Sustained work 13 weeks', where: `sustainment_status = 'sustained'` },
];

/** The ETE funnel, counted in one set-based statement over the period's activity. */
@Injectable()
export class EteFunnelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly interventions: InterventionsService,
    private readonly outbox: OutboxService,
  ) {}

  /** The period's ETE activity in scope, one row per intervention, with the person's surviving record. */
  activitySql(): string {
    return `SELECT a.*, p.survivor_id, p.region
      FROM ${this.interventions.reportingSql()} a
      JOIN ${this.persons.reportingSql()} p ON p.id = a.person_id
     WHERE a.occurred_at >= $1::date AND a.occurred_at < $2::date
       AND a.data_category IN ('ete', 'employment')
       AND ($3::uuid IS NULL OR a.organisation_id = $3::uuid)
       AND ($4::text IS NULL OR p.region = $4::text)
       AND ($5::text IS NULL OR p.survivor_id IN (
             SELECT p2.survivor_id FROM ${this.interventions.reportingSql()} a2 JOIN ${this.persons.reportingSql()} p2 ON p2.id = a2.person_id
              WHERE a2.type_code = $5::text AND a2.occurred_at >= $1::date AND a2.occurred_at < $2::date))`;
  }

  async funnel(actor: Actor, input: ReportFilterInput): Promise<EteFunnelModel> {
    checkPeriod(input.from, input.to);
    const scope = reportScope(actor, input.organisationId);
    const threshold = Math.max(input.threshold ?? DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
    const params = [input.from, input.to, scope.organisationId, input.region ?? null, input.interventionType ?? null];
    const counts = STEPS.map((s) => `count(DISTINCT survivor_id) FILTER (WHERE ${s.where}) AS ${s.step}`).join(',\n');
    const [totals]: Record<string, string>[] = await this.db.query(`WITH act AS (${this.activitySql()}) SELECT ${counts} FROM act`, params);
    const breakdowns: { dim: string; key: string; people: string }[] = await this.db.query(
      `WITH act AS (${this.activitySql()})
       SELECT 'qualification' AS dim, qualification AS key, count(DISTINCT survivor_id) AS people FROM act WHERE qualification IS NOT NULL GROUP BY qualification
       UNION ALL
       SELECT 'sector', job_sector, count(DISTINCT survivor_id) FROM act WHERE job_sector IS NOT NULL GROUP BY job_sector
       ORDER BY 1, 2`,
      params,
    );
    const steps: FunnelStepModel[] = [];
    for (const s of STEPS) {
      const people = Number(totals[s.step]);
      const controlled = controlCount(people, threshold);
      const dim = s.step === 'completed_course' ? 'qualification' : s.step === 'found_work' ? 'sector' : null;
      const cells = dim ? breakdowns.filter((b) => b.dim === dim).map((b) => ({ key: b.key, count: Number(b.people) })) : [];
      const breakdown = controlBreakdown(cells, people, threshold);
      const suppressed = controlled.suppressed || breakdown.totalSuppressed;
      const prev = steps.at(-1);
      steps.push({
        step: s.step,
        label: s.label,
        people: suppressed ? null : people,
        suppressed,
        conversion: prev && !suppressed && prev.people ? Math.round((people / prev.people) * 1000) / 1000 : null,
        breakdown: breakdown.cells,
      });
    }
    await this.audit(actor, 'ete_funnel', { ...input, scope: scope.organisationId });
    return { from: input.from, to: input.to, suppressionThreshold: threshold, scope: scope.label, steps };
  }

  /** Running a report is recorded like any other use of the data. */
  async audit(actor: Actor, report: string, parameters: Record<string, unknown>): Promise<void> {
    await this.db.transaction((m) =>
      this.outbox.emit(m, actor, { type: 'report.run', aggregateType: 'report', aggregateId: '00000000-0000-0000-0000-000000000000', payload: { report, parameters } }),
    );
  }
}
