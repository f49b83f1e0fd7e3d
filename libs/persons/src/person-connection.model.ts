import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsIn, IsOptional } from 'class-validator';
import { PageInfo, REGIONS } from '@hub/common';
import { ProgressionStage } from './person-vocabulary.js';
import { PersonModel } from './person.model.js';

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
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(REGIONS)
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
