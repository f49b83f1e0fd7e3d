import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { ReadReplica } from '@hub/database';
import { RegionsService } from '@hub/organisations';
import { controlBreakdown, controlCount, foldCells } from './disclosure-control.js';
import { factsInScope, type FunnelStep, inPeriod, STEP_COLUMNS } from './ete-funnel-facts.js';
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
 * Read from the maintained summary (ete_funnel_fact / ete_funnel_org_fact): one scan of one row per
 * person, whatever the volume of activity behind it.
 */
@Injectable()
export class EteFunnelService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly runs: ReportRunsService,
    private readonly vocabulary: RegionsService,
  ) {}

  async funnel(actor: Actor, input: ReportFilterInput): Promise<EteFunnelModel> {
    const { scope, threshold } = reportRun(actor, input);
    const facts = factsInScope(scope.organisationId, { ...input, region: await this.vocabulary.resolve(input.region) });
    const counts = STEPS.map((s) => `count(*) FILTER (WHERE ${inPeriod(`f.${STEP_COLUMNS[s.step]}`)}) AS ${s.step}`).join(',\n');
    // Totals and breakdowns from one snapshot, so the cells always add up to their step.
    // Aggregates tolerate a replica's lag: they read from DATABASE_READ_URL when set.
    const [totals, rows] = await this.replica.snapshot(async (query) => {
      const [t] = await query<Record<string, string>>(`SELECT ${counts} ${facts.sql}`, facts.params);
      // Each person counts under the kind of their first qualification, and the sector of their first job:
      // the cells add up to the step's total, as secondary suppression needs.
      const r = await query<{
        qualification: string | null;
        job_sector: string | null;
        by_sector: boolean;
        qualified: string;
        started: string;
      }>(
        `SELECT f.qualification, f.job_sector, GROUPING(f.qualification) = 1 AS by_sector,
                count(*) FILTER (WHERE ${inPeriod('f.qualified_on')}) AS qualified, count(*) FILTER (WHERE ${inPeriod('f.job_start_on')}) AS started
           ${facts.sql} AND (${inPeriod('f.qualified_on')} OR ${inPeriod('f.job_start_on')})
          GROUP BY GROUPING SETS ((f.qualification), (f.job_sector))`,
        facts.params,
      );
      return [t, r] as const;
    });
    const breakdowns = rows
      .map((r) =>
        r.by_sector
          ? { dim: 'sector', key: r.job_sector, people: Number(r.started) }
          : { dim: 'qualification', key: r.qualification, people: Number(r.qualified) },
      )
      .filter((b): b is { dim: string; key: string; people: number } => b.key !== null && b.people > 0)
      .sort((a, b) => a.key.localeCompare(b.key));
    const steps: FunnelStepModel[] = [];
    for (const s of STEPS) {
      const people = Number(totals[s.step]);
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
    const facts = factsInScope(scope.organisationId, { ...input, region: await this.vocabulary.resolve(input.region) });
    const counts = STEPS.map((s) => `count(*) FILTER (WHERE ${inPeriod(`f.${STEP_COLUMNS[s.step]}`)}) AS ${s.step}`).join(', ');
    const rows = await this.replica.query<Record<string, string | null>>(
      `SELECT COALESCE(f.region, 'none') AS region, ${counts} ${facts.sql} GROUP BY 1 ORDER BY 1`,
      facts.params,
    );
    await this.runs.record(actor, 'ete_funnel_by_region', { ...input, scope: scope.organisationId });
    return STEPS.map((s) => {
      const cells = rows.map((r) => ({ key: String(r.region), count: Number(r[s.step]) })).filter((c) => c.count > 0);
      const total = cells.reduce((sum, c) => sum + c.count, 0);
      const controlled = controlBreakdown(cells, total, threshold);
      return { step: s.step, label: s.label, total: controlled.totalSuppressed ? null : total, regions: controlled.cells };
    });
  }
}
