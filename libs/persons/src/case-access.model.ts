import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RestrictionKindInput } from './case-access.inputs.js';

@ObjectType('Allocation', {
  description: 'Who in your organisation owns a person’s case, and in which team; with who allocated it, when and why',
})
export class AllocationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  caseOwnerId: string | null;

  @Field(() => String, { nullable: true })
  caseOwnerName: string | null;

  @Field(() => ID, { nullable: true })
  teamId: string | null;

  @Field(() => String, { nullable: true })
  teamName: string | null;

  @Field()
  reason: string;

  @Field()
  allocatedAt: Date;

  @Field({ description: 'user:<id> of who allocated' })
  allocatedBy: string;

  @Field(() => Date, { nullable: true, description: 'When it was replaced by a reallocation' })
  endedAt: Date | null;
}

@ObjectType('CaseRestriction', {
  description:
    'A restriction or exclusion on a record: shown to its lead organisation’s managers and data protection officers, and to the users it names',
})
export class CaseRestrictionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => RestrictionKindInput)
  kind: RestrictionKindInput;

  @Field(() => [ID])
  userIds: string[];

  @Field()
  reason: string;

  @Field()
  reviewOn: string;

  @Field()
  allowsBreakGlass: boolean;

  @Field()
  placedAt: Date;

  @Field()
  placedBy: string;

  @Field(() => Date, { nullable: true })
  liftedAt: Date | null;
}
