import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { EteFunnelService } from './ete-funnel.service.js';
import { ReconvictionFactsService } from './reconviction-facts.service.js';
import {
  OrganisationOutcomesInput,
  RecordOgrsInput,
  RecordReconvictionInput,
  ReoffendingInput,
  ReportFilterInput,
} from './report.inputs.js';
import { EteFunnelModel, OrganisationOutcomesModel, RegionFunnelStepModel, ReoffendingAnalysisModel } from './report.models.js';
import { OrganisationOutcomesService } from './organisation-outcomes.service.js';
import { ReoffendingService } from './reoffending.service.js';
import { Permission, RequirePermission } from '@hub/access';

@ObjectType('RecordedFact')
export class RecordedFactModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;
}

@Resolver()
export class ReportingResolver {
  constructor(
    private readonly funnel: EteFunnelService,
    private readonly reoffending: ReoffendingService,
    private readonly facts: ReconvictionFactsService,
    private readonly organisationOutcomesService: OrganisationOutcomesService,
  ) {}

  @RequirePermission(Permission.REPORT_READ)
  @Query(() => OrganisationOutcomesModel, {
    description: 'What the funnel counts for the organisation, and the outcomes its kind works for (aggregates; small counts suppressed)',
  })
  organisationOutcomes(@CurrentActor() actor: Actor, @Args('input') input: OrganisationOutcomesInput): Promise<OrganisationOutcomesModel> {
    return this.organisationOutcomesService.outcomes(actor, input);
  }

  @RequirePermission(Permission.REPORT_READ)
  @Query(() => EteFunnelModel, { description: 'The ETE funnel for a period (aggregates; small counts suppressed)' })
  eteFunnel(@CurrentActor() actor: Actor, @Args('input') input: ReportFilterInput): Promise<EteFunnelModel> {
    return this.funnel.funnel(actor, input);
  }

  @RequirePermission(Permission.REPORT_READ)
  @Query(() => [RegionFunnelStepModel], {
    description:
      'The ETE funnel by region (the region vocabulary): each step with a cell per region adding up to it (small counts suppressed)',
  })
  eteFunnelByRegion(@CurrentActor() actor: Actor, @Args('input') input: ReportFilterInput): Promise<RegionFunnelStepModel[]> {
    return this.funnel.byRegion(actor, input);
  }

  @RequirePermission(Permission.REPORT_READ)
  @Query(() => ReoffendingAnalysisModel, { description: 'Actual one-year reconviction against OGRS-predicted, for a cohort' })
  reoffendingAnalysis(@CurrentActor() actor: Actor, @Args('input') input: ReoffendingInput): Promise<ReoffendingAnalysisModel> {
    return this.reoffending.analyse(actor, input);
  }

  @RequirePermission(Permission.REOFFENDING_RECORD, { onObject: true })
  @Mutation(() => RecordedFactModel, { description: 'An OGRS year-1 score at a date (offending data)' })
  recordOgrsAssessment(@CurrentActor() actor: Actor, @Args('input') input: RecordOgrsInput): Promise<RecordedFactModel> {
    return this.facts.recordOgrs(actor, input);
  }

  @RequirePermission(Permission.REOFFENDING_RECORD, { onObject: true })
  @Mutation(() => RecordedFactModel, { description: 'A proven reconviction (offending data)' })
  recordReconviction(@CurrentActor() actor: Actor, @Args('input') input: RecordReconvictionInput): Promise<RecordedFactModel> {
    return this.facts.recordReconviction(actor, input);
  }
}
