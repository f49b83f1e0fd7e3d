import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { RegionsService } from '@hub/organisations';
import { controlBreakdown, controlCount, foldCells } from './disclosure-control.js';
import { FUNNEL_STEP_CODES } from './ete-funnel-count.entity.js';
import type { FunnelStep } from './ete-funnel-facts.js';
import { ALL_ORGANISATIONS } from './reoffending-fact.entity.js';
import type { ReportFilterInput } from './report.inputs.js';
import type { EteFunnelModel, FunnelStepModel, RegionFunnelStepModel } from './report.models.js';
import { ReportRunsService } from './report-runs.service.js';
import { reportRun } from './report-scope.js';

const STEPS: { step: FunnelStep; label: string }[] = [
  { step: 'referred', label: 'Referred (first ETE contact)' },
  { step: 'took_up', label: 'Took up the service (first attended contact)' },
  { step: 'entered_training', label: 'Entered training or education' },
  { step: 'completed_course', label: 'Completed a course (first qualification gained)' },
  { step: 'found_work', label: 'Found work (first job start)' },
  { step: 'sustained_13_weeks', label: 'Sustained work 13 weeks (first sustained job, by its start date)' },
];

/** One funnel step by region: the step's total and a cell per region (the cells add up to it). */
export type RegionBreakdownModel = RegionFunnelStepModel;

/**
 * The ETE funnel: for each step, the people who first reached it in the period (a person counts once
 * per step, in the period the step was first reached, with the organisation in scope or with any).
 * Read from the maintained aggregate (ete_funnel_count: people per scope, type, step, day, region and
 * detail, moved by the funnel summary's rows: ete-funnel-count.entity.ts), so its cost follows the days
 * of the period, not the people.
 */
const stepOf = (code: number): FunnelStep => STEPS.find((s) => FUNNEL_STEP_CODES[s.step] === code)!.step;

/** The aggregate's rows a report sums: its scope, intervention type ('' for any) and region, the period's days ($1 to $2). */
function countsInScope(
  organisationId: string | null,
  input: Pick<ReportFilterInput, 'from' | 'to' | 'interventionType'>,
  region: string | null | undefined,
): { where: string; params: unknown[] } {
  const params: unknown[] = [input.from, input.to, organisationId ?? ALL_ORGANISATIONS, input.interventionType ?? ''];
  let where = 'c.scope_id = $3::uuid AND c.type = $4::text AND c.on_date >= $1::date AND c.on_date < $2::date';
  if (region) {
    params.push(region);
    where += ` AND c.region = $${params.length}::text`;
  }
  return { where, params };
}

@Injectable()
export class EteFunnelService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly runs: ReportRunsService,
    private readonly vocabulary: RegionsService,
  ) {}

  async funnel(actor: Actor, input: ReportFilterInput): Promise<EteFunnelModel> {
    const { scope, threshold } = reportRun(actor, input);
    const { where, params } = countsInScope(scope.organisationId, input, await this.vocabulary.resolve(input.region));
    // Totals and breakdowns from one snapshot, so the cells always add up to their step.
    // Aggregates tolerate a replica's lag: they read from DATABASE_READ_URL when set.
    const [totalRows, rows] = await this.replica.snapshot(async (query) => {
      const t = await query<{ step: number; people: string }>(
        `SELECT c.step, sum(c.people) AS people FROM ete_funnel_count c WHERE ${where} GROUP BY c.step`,
        params,
      );
      // Each person counts under the kind of their first qualification, and the sector of their first job:
      // the cells add up to the step's total, as secondary suppression needs.
      const r = await query<{ step: number; detail: string; people: string }>(
        `SELECT c.step, c.detail, sum(c.people) AS people FROM ete_funnel_count c
          WHERE ${where} AND c.step IN (${FUNNEL_STEP_CODES.completed_course}, ${FUNNEL_STEP_CODES.found_work}) AND c.detail <> ''
          GROUP BY c.step, c.detail`,
        params,
      );
      return [t, r] as const;
    });
    const totals = Object.fromEntries(STEPS.map((s) => [s.step, 0])) as Record<FunnelStep, number>;
    for (const r of totalRows) totals[stepOf(Number(r.step))] = Number(r.people);
    const breakdowns = rows
      .map((r) => ({
        dim: Number(r.step) === FUNNEL_STEP_CODES.found_work ? 'sector' : 'qualification',
        key: r.detail,
        people: Number(r.people),
      }))
      .filter((b) => b.people > 0)
      .sort((a, b) => a.key.localeCompare(b.key));
    const steps: FunnelStepModel[] = [];
    for (const s of STEPS) {
      const people = totals[s.step];
      const controlled = controlCount(people, threshold);
      const dim = s.step === 'completed_course' ? 'qualification' : s.step === 'found_work' ? 'sector' : null;
      const cells = dim ? foldCells(breakdowns.filter((b) => b.dim === dim).map((b) => ({ key: b.key, count: b.people }))) : [];
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
    await this.runs.record(actor, 'ete_funnel', { ...input, scope: scope.organisationId });
    return { from: input.from, to: input.to, suppressionThreshold: threshold, scope: scope.label, steps };
  }

  /**
   * The funnel's steps by region (the person's region now, a code of the vocabulary; people with none
   * under `none`): for each step, its cells add up to the step's total, with primary and secondary
   * suppression as any breakdown (so no hidden region can be worked out from the total and the rest).
   */
  async byRegion(actor: Actor, input: ReportFilterInput): Promise<RegionBreakdownModel[]> {
    const { scope, threshold } = reportRun(actor, input);
    const { where, params } = countsInScope(scope.organisationId, input, await this.vocabulary.resolve(input.region));
    const counts = STEPS.map((s) => `sum(c.people) FILTER (WHERE c.step = ${FUNNEL_STEP_CODES[s.step]}) AS ${s.step}`).join(', ');
    const rows = await this.replica.query<Record<string, string | null>>(
      `SELECT CASE WHEN c.region = '' THEN 'none' ELSE c.region END AS region, ${counts}
         FROM ete_funnel_count c WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    await this.runs.record(actor, 'ete_funnel_by_region', { ...input, scope: scope.organisationId });
    return STEPS.map((s) => {
      const cells = rows.map((r) => ({ key: String(r.region), count: Number(r[s.step] ?? 0) })).filter((c) => c.count > 0);
      const total = cells.reduce((sum, c) => sum + c.count, 0);
      const controlled = controlBreakdown(cells, total, threshold);
      return { step: s.step, label: s.label, total: controlled.totalSuppressed ? null : total, regions: controlled.cells };
    });
  }
}
