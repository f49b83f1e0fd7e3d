import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ReportCell', { description: 'A count in a breakdown; null when suppressed' })
export class ReportCellModel {
  @Field()
  key: string;

  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType('FunnelStep')
export class FunnelStepModel {
  @Field({
    description:
      'referred, took_up, entered_training, completed_course, found_work, sustained_13_weeks: people who first reached the step in the period',
  })
  step: string;

  @Field()
  label: string;

  @Field(() => Int, { nullable: true, description: 'People; null when suppressed (fewer than the threshold)' })
  people: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'people / people of the previous step; null for the first step or when either is suppressed',
  })
  conversion: number | null;

  @Field(() => [ReportCellModel], {
    description: 'By the first qualification (completed_course) or the sector of the first job (found_work); the cells add up to the step',
  })
  breakdown: ReportCellModel[];
}

@ObjectType('RegionFunnelStep', {
  description: 'One funnel step by region: a cell per region code (people with none under `none`) adding up to the step',
})
export class RegionFunnelStepModel {
  @Field()
  step: string;

  @Field()
  label: string;

  @Field(() => Int, { nullable: true, description: 'People who first reached the step in the period; null when suppressed' })
  total: number | null;

  @Field(() => [ReportCellModel])
  regions: ReportCellModel[];
}

@ObjectType('EteFunnel')
export class EteFunnelModel {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => Int)
  suppressionThreshold: number;

  @Field({ description: 'Whose work is counted: one organisation, or all (hub admins and commissioners)' })
  scope: string;

  @Field(() => [FunnelStepModel])
  steps: FunnelStepModel[];
}

@ObjectType('ReoffendingAnalysis', { description: 'Actual one-year proven reconviction against the rate predicted by OGRS' })
export class ReoffendingAnalysisModel {
  @Field()
  cohort: string;

  @Field()
  from: string;

  @Field()
  to: string;

  @Field()
  scope: string;

  @Field({ description: 'Which date started each year of follow-up: step_date or programme_start' })
  reference: string;

  @Field({ description: 'The ISO date follow-up was judged as at (a year of follow-up counts only when it ended by then)' })
  asOf: string;

  @Field(() => Int, { nullable: true, description: 'People in the cohort whose one-year follow-up has elapsed and who have an OGRS score' })
  cohortSize: number | null;

  @Field(() => Int, { nullable: true, description: 'People left out: follow-up not yet elapsed (null when suppressed)' })
  excludedFollowUpPending: number | null;

  @Field(() => Int, { nullable: true, description: 'People left out: no OGRS score at the reference date (null when suppressed)' })
  excludedNoOgrs: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'People left out: no programme start (no attended ETE contact) when the reference is PROGRAMME_START (null when suppressed)',
  })
  excludedNoReferenceDate: number | null;

  @Field(() => Float, { nullable: true, description: 'Percent reconvicted within a year of the reference date' })
  actualRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean OGRS year-1 score, percent' })
  predictedRate: number | null;

  @Field(() => Float, { nullable: true, description: 'predicted - actual, percentage points' })
  differencePoints: number | null;

  @Field(() => Int, { nullable: true, description: 'Predicted reoffenders (cohort x mean OGRS) minus actual reoffenders' })
  fewerReoffenders: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType('OutcomeMeasure')
export class OutcomeMeasureModel {
  @Field({ description: 'accommodation_supported, accommodation_completed, courses_completed, learners_found_work' })
  key: string;

  @Field()
  label: string;

  @Field(() => Int, { nullable: true, description: 'People; null when suppressed or not shown' })
  people: number | null;

  @Field({ description: 'Fewer people than the threshold' })
  suppressed: boolean;

  @Field({ description: 'False when the reader may not be shown this measure (the note says why)' })
  shown: boolean;

  @Field(() => String, { nullable: true, description: 'What the measure leaves out, in words' })
  note: string | null;
}

@ObjectType('OrganisationOutcomes')
export class OrganisationOutcomesModel {
  @Field(() => String, { nullable: true, description: 'The kind of the organisation reported on; null for all organisations' })
  organisationKind: string | null;

  @Field({ description: 'What the ETE funnel counts for this scope, in words' })
  counted: string;

  @Field(() => [OutcomeMeasureModel], { description: 'The outcomes this kind of organisation works for, beside the funnel' })
  measures: OutcomeMeasureModel[];

  @Field(() => Int)
  suppressionThreshold: number;
}
