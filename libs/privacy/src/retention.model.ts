import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

@ObjectType('PersonErasure', { description: 'That a record (or some of its data) was erased, why and by whom; no personal data' })
export class PersonErasureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field({ description: 'request or retention' })
  kind: string;

  @Field(() => [String])
  categories: string[];

  @Field()
  reason: string;

  @Field()
  erasedBy: string;

  @Field()
  erasedAt: Date;
}

@ObjectType('LegalHold', { description: 'Stops retention and erasure of a record until released' })
export class LegalHoldModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field()
  reason: string;

  @Field()
  placedBy: string;

  @Field()
  placedAt: Date;

  @Field(() => Date, { nullable: true })
  releasedAt: Date | null;
}

@InputType()
export class PersonReasonInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field()
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}
