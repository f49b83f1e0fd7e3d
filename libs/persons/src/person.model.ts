import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory, type PersonFacts } from '@hub/access';
import { IdentifierScheme, InvolvementRole, ProgressionStage, RiskLevel } from './person-vocabulary.js';

@ObjectType('PersonIdentifier')
export class PersonIdentifierModel {
  @Field(() => IdentifierScheme)
  scheme: IdentifierScheme;

  @Field()
  value: string;
}

@ObjectType('Involvement', { description: 'An organisation working with the person' })
export class InvolvementModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => InvolvementRole)
  role: InvolvementRole;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  @Field()
  source: string;
}

@ObjectType('Person', {
  description: 'The shared record of one person. Fields the caller may not see are null and listed in withheldFields.',
})
export class PersonModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  familyName: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  dateOfBirth: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  releaseDate: string | null;

  @Field(() => [PersonIdentifierModel], { nullable: true })
  identifiers: PersonIdentifierModel[] | null;

  @Field(() => String, { nullable: true, description: 'Offending category' })
  offenceSummary: string | null;

  @Field(() => Float, { nullable: true, description: 'OGRS year-1 probability (0-100); offending category' })
  ogrsScore: number | null;

  @Field(() => RiskLevel, { nullable: true, description: 'Risk category' })
  riskLevel: RiskLevel | null;

  @Field(() => String, { nullable: true, description: 'Health category' })
  healthNotes: string | null;

  @Field(() => ProgressionStage, { nullable: true, description: 'ETE category' })
  stage: ProgressionStage | null;

  @Field(() => Int, { description: 'Send it back with updates; a stale version is refused with CONFLICT' })
  version: number;

  @Field(() => [String], { description: 'Fields withheld from you by the access policy' })
  withheldFields: string[];

  @Field(() => [DataCategory], { description: 'Categories of this person’s data (written by others) you may read' })
  readableCategories: DataCategory[];

  /** For field resolvers (interventions, consents): the categories the caller may read. */
  readable: Set<DataCategory>;
  /** Ids of this record and of records merged into it. */
  recordIds: string[];
  /**
   * The caller's access facts for this person, loaded in this request. Field resolvers of a person
   * returned by PersonsService rely on them instead of checking access again (lists stay constant-cost).
   */
  facts: PersonFacts;
  /** Seen only through a break-glass grant (flagged in the audit). */
  breakGlass?: boolean;
}
