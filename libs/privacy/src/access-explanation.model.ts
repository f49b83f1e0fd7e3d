import { Field, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';

@ObjectType('AccessExplanation', { description: 'Why you can or cannot see a category of a person’s data, in the terms of the rules' })
export class AccessExplanationModel {
  @Field(() => DataCategory)
  category: DataCategory;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field()
  allowed: boolean;

  @Field({
    description:
      'OWN_DATA, RELATIONSHIP, RELATIONSHIP_AND_LAWFUL_BASIS, BREAK_GLASS, ROLE, ORGANISATION_KIND, NO_RELATIONSHIP, NO_LAWFUL_BASIS, PURPOSE_NOT_COVERED or NOT_IN_YOUR_TEAM_OR_REGION',
  })
  reason: string;

  @Field(() => String, { nullable: true, description: 'consent or agreement, when a lawful basis applies' })
  basis: string | null;

  @Field()
  explanation: string;
}
