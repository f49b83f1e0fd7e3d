import { Field, ID, ObjectType } from '@nestjs/graphql';
import { connectionType } from '@hub/common';

@ObjectType('BreakGlassGrant', { description: 'Emergency access to a record, for a reason and a limited time' })
export class BreakGlassGrantModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field()
  actor: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  reason: string;

  @Field()
  purpose: string;

  @Field()
  openedAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true })
  reviewNote: string | null;
}

export const BreakGlassGrantConnection = connectionType(BreakGlassGrantModel, 'BreakGlassGrant');
