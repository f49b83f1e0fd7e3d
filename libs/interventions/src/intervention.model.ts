import { createUnionType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { PageInfo } from '@hub/common';
import { InterventionStatus, OutcomeKind, SustainmentStatus } from './intervention-vocabulary.js';

@ObjectType('InterventionType', { description: 'An entry of the intervention catalogue' })
export class InterventionTypeModel {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  groupName: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field(() => OutcomeKind)
  outcomeKind: OutcomeKind;

  @Field()
  active: boolean;
}

@ObjectType('QualificationOutcome')
export class QualificationOutcomeModel {
  @Field()
  qualification: string;

  @Field(() => String, { nullable: true })
  level: string | null;

  @Field(() => String, { nullable: true })
  awardedOn: string | null;
}

@ObjectType('JobOutcome')
export class JobOutcomeModel {
  @Field()
  employer: string;

  @Field()
  sector: string;

  @Field(() => Int)
  hoursPerWeek: number;

  @Field()
  startDate: string;
}

export const OutcomeUnion = createUnionType({
  name: 'InterventionOutcome',
  types: () => [QualificationOutcomeModel, JobOutcomeModel] as const,
  resolveType: (value: { kind?: string }) => (value.kind === 'job' ? JobOutcomeModel : QualificationOutcomeModel),
});

@ObjectType('Intervention', { description: 'Something a partner did with or for the person' })
export class InterventionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  typeCode: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field(() => InterventionStatus)
  status: InterventionStatus;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => OutcomeUnion, { nullable: true })
  outcome: QualificationOutcomeModel | JobOutcomeModel | null;

  @Field()
  recordedBy: string;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;
}

@ObjectType('InterventionEdge')
export class InterventionEdge {
  @Field()
  cursor: string;

  @Field(() => InterventionModel)
  node: InterventionModel;
}

@ObjectType('InterventionConnection')
export class InterventionConnection {
  @Field(() => [InterventionEdge])
  edges: InterventionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType('JobSustainment', { description: 'The 13-week window opened by a job start' })
export class JobSustainmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  interventionId: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  startDate: string;

  @Field()
  dueOn: string;

  @Field(() => SustainmentStatus)
  status: SustainmentStatus;

  @Field(() => Date, { nullable: true })
  recordedAt: Date | null;
}

@ObjectType('TimelineEntry', { description: 'One event on the person’s record, in time order' })
export class TimelineEntryModel {
  @Field()
  at: Date;

  @Field({ description: 'INTERVENTION, APPOINTMENT, CONTACT_ATTEMPT, CONSENT_GRANTED, CONSENT_WITHDRAWN, STAGE_CHANGED' })
  kind: string;

  @Field()
  summary: string;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => ID, { nullable: true })
  interventionId: string | null;

  @Field(() => ID, { nullable: true })
  consentId: string | null;

  @Field(() => ID, { nullable: true })
  appointmentId?: string | null;
}

@ObjectType('InterventionRevision', { description: 'An intervention as it was before a correction by the organisation that logged it' })
export class InterventionRevisionModel {
  @Field(() => Int, { description: 'The intervention’s version this was' })
  version: number;

  @Field(() => InterventionStatus)
  status: InterventionStatus;

  @Field()
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => OutcomeUnion, { nullable: true })
  outcome: QualificationOutcomeModel | JobOutcomeModel | null;

  @Field({ description: 'Who corrected it: user:<id> or client:<id>' })
  correctedBy: string;

  @Field({ description: 'Their name when they corrected it' })
  correctedByName: string;

  @Field()
  correctedAt: Date;

  @Field(() => String, { nullable: true, description: 'Why it was corrected (null when no reason was given)' })
  reason: string | null;
}
