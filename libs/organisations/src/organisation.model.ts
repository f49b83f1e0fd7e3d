import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  type CaseVisibility,
  CaseVisibilityRule,
  countedConnectionType,
  OrganisationKind,
  PurposeOfUse,
  type SupportArea,
} from '@hub/common';

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

  @Field(() => CaseVisibilityRule, { description: 'Who among its staff opens a person it works with' })
  visibility: CaseVisibility;

  @Field(() => [PurposeOfUse], {
    description: 'The areas of support its casework is for (empty: its kind’s); a lawful basis must be given for one of them',
  })
  supportAreas: SupportArea[];

  @Field()
  active: boolean;

  @Field(() => Int, { description: 'Version for optimistic concurrency' })
  version: number;
}

/** The directory a page at a time, by name, with how many organisations there are. */
export const OrganisationConnection = countedConnectionType(OrganisationModel, 'Organisation');
export type OrganisationConnection = InstanceType<typeof OrganisationConnection>;
