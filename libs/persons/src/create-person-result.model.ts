import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PersonModel } from './person.model.js';

export enum CreatePersonOutcome {
  CREATED = 'created',
  EXISTING = 'existing',
  CANDIDATES = 'candidates',
}
registerEnumType(CreatePersonOutcome, {
  name: 'CreatePersonOutcome',
  valuesMap: {
    CREATED: { description: 'A new record was created' },
    EXISTING: { description: 'A record with one of these identifiers exists: it is returned' },
    CANDIDATES: { description: 'Records with the same name and date of birth exist: confirm one, or send again with confirmNew' },
  },
});

@ObjectType('CreatePersonResult')
export class CreatePersonResultModel {
  @Field(() => CreatePersonOutcome)
  outcome: CreatePersonOutcome;

  @Field(() => PersonModel, { nullable: true })
  person: PersonModel | null;

  @Field(() => [PersonModel], { description: 'Records with the same name and date of birth that you may see: at most 20 (the oldest)' })
  candidates: PersonModel[];

  @Field(() => Int, { description: 'Candidates you may not see, and those past the 20 listed' })
  hiddenCandidates: number;
}
