import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Change', { description: 'One domain event, in the global order of the hub' })
export class ChangeModel {
  @Field({ description: 'Global sequence number' })
  sequence: string;

  @Field()
  type: string;

  @Field()
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The person it is about; null when it is about no person, or when you see it only as a party to it (a referral between your organisation and another, once you no longer work with the person)',
  })
  personId: string | null;

  @Field()
  occurredAt: Date;

  @Field({ description: 'The entity was removed from your view (merged away or erased)' })
  tombstone: boolean;

  @Field({
    description: 'What changed, as JSON: each field passes the same field policy as the person page; a field you may not read is null',
  })
  payload: string;

  @Field(() => [String], {
    description: "Payload fields withheld from you (null in payload), as a person's withheldFields names its fields",
  })
  withheldFields: string[];
}

@ObjectType('ChangePage')
export class ChangePageModel {
  @Field(() => [ChangeModel])
  changes: ChangeModel[];

  @Field(() => String, { nullable: true, description: 'Give it as `after` to resume' })
  endCursor: string | null;

  @Field()
  hasMore: boolean;
}
