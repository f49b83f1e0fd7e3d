import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganisationKind } from '@hub/common';

@ObjectType('Organisation', { description: 'A partner organisation working on the hub' })
export class OrganisationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [String], { description: 'Regions the organisation covers' })
  regions: string[];

  @Field(() => [String], { description: 'Service codes the organisation offers' })
  services: string[];

  @Field(() => Int, { nullable: true, description: 'Open referrals it can take at once; null when not limited' })
  capacity: number | null;

  @Field()
  active: boolean;

  @Field(() => Int, { description: 'Version for optimistic concurrency' })
  version: number;
}
