import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageInfo } from '@hub/common';
import { ProgressionStage } from './person-vocabulary.js';
import { PersonModel } from './person.model.js';

/** Whose people a list shows, within what the actor may see. */
export enum Caseload {
  MINE = 'mine',
  MY_TEAMS = 'my_teams',
  ORGANISATION = 'organisation',
}
registerEnumType(Caseload, { name: 'Caseload', description: 'Whose people a list shows, within what you may see' });

@ObjectType('PersonEdge')
export class PersonEdge {
  @Field()
  cursor: string;

  @Field(() => PersonModel)
  node: PersonModel;
}

@ObjectType('PersonConnection')
export class PersonConnection {
  @Field(() => [PersonEdge])
  edges: PersonEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType()
export class PeopleFilter {
  @Field(() => Caseload, {
    nullable: true,
    description: 'MINE: allocated to you; MY_TEAMS: to you or your teams; ORGANISATION (or none): all you may see',
  })
  @IsOptional()
  @IsEnum(Caseload)
  caseload?: Caseload;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @Field(() => ProgressionStage, { nullable: true })
  @IsOptional()
  @IsEnum(ProgressionStage)
  stage?: ProgressionStage;

  @Field(() => String, { nullable: true, description: 'ISO date' })
  @IsOptional()
  @IsDateString({ strict: true })
  dateOfBirth?: string;
}
