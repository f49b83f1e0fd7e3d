import { Injectable } from '@nestjs/common';
import type { Actor } from '@hub/common';
import { type RegionBreakdownModel, EteFunnelService } from './ete-funnel.service.js';
import { followUpAsOf, ReoffendingService } from './reoffending.service.js';
import { ReoffendingCohort, ReoffendingReference } from './report.inputs.js';
import type { EteFunnelModel, ReoffendingAnalysisModel } from './report.models.js';

export interface EvaluationPackInput {
  from: string;
  to: string;
  /** Judge follow-up as at (default today; never after it). */
  asOf?: string;
  threshold?: number;
  organisationId?: string;
}

/** The evaluation's tables, each already under disclosure control (the reports it is made of apply it). */
export interface EvaluationPack {
  from: string;
  to: string;
  asOf: string;
  scope: string;
  threshold: number;
  generatedAt: string;
  funnel: EteFunnelModel;
  /** The three cohorts under each reference date (STEP_DATE, then PROGRAMME_START). */
  reoffending: ReoffendingAnalysisModel[];
  regions: RegionBreakdownModel[];
}

/**
 * The evaluation pack (`npm run cli -- report evaluation`): the funnel with its conversions and its
 * breakdowns by qualification and sector, the reoffending rows of the three cohorts from each
 * reference date, and the funnel by region. Every figure comes from the hub's reports, run as the
 * given actor (their scope; each run recorded), so disclosure control is theirs.
 */
@Injectable()
export class EvaluationPackService {
  constructor(
    private readonly funnel: EteFunnelService,
    private readonly reoffending: ReoffendingService,
  ) {}

  async build(actor: Actor, input: EvaluationPackInput): Promise<EvaluationPack> {
    const asOf = followUpAsOf(input.asOf);
    const period = { from: input.from, to: input.to, threshold: input.threshold, organisationId: input.organisationId };
    const funnel = await this.funnel.funnel(actor, period);
    const reoffending: ReoffendingAnalysisModel[] = [];
    for (const reference of [ReoffendingReference.STEP_DATE, ReoffendingReference.PROGRAMME_START])
      for (const cohort of Object.values(ReoffendingCohort))
        reoffending.push(await this.reoffending.analyse(actor, { ...period, cohort, reference, asOf }));
    const regions = await this.funnel.byRegion(actor, period);
    return {
      from: input.from,
      to: input.to,
      asOf,
      scope: funnel.scope,
      threshold: funnel.suppressionThreshold,
      generatedAt: new Date().toISOString(),
      funnel,
      reoffending,
      regions,
    };
  }
}
