import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { countedConnectionType } from '@hub/common';
import { IsDateString, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { InvolvementRole } from './person-vocabulary.js';

@ObjectType('FieldChange')
export class FieldChangeModel {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'JSON of the old value; null when withheld' })
  oldValue: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the new value; null when withheld' })
  newValue: string | null;

  @Field()
  withheld: boolean;
}

@ObjectType('PersonChange', { description: 'One change to the record, with who, when and why' })
export class PersonChangeModel {
  @Field()
  action: string;

  @Field(() => Int)
  version: number;

  @Field()
  changedAt: Date;

  @Field()
  changedBy: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => [FieldChangeModel])
  changes: FieldChangeModel[];
}

/** A page of a record's history, oldest first, with its length. */
export const PersonChangeConnection = countedConnectionType(PersonChangeModel, 'PersonChange');
export type PersonChangeConnection = InstanceType<typeof PersonChangeConnection>;

@ObjectType('PersonMerge')
export class PersonMergeModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  survivorId: string;

  @Field(() => ID)
  mergedId: string;

  @Field()
  reason: string;

  @Field()
  mergedAt: Date;

  @Field(() => Date, { nullable: true })
  undoneAt: Date | null;
}

@InputType()
export class AddInvolvementInput {
  @Field(() => ID)
  @IsUUID()
  personId: string;

  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => InvolvementRole, { defaultValue: InvolvementRole.PROVIDER })
  @IsEnum(InvolvementRole)
  role: InvolvementRole;

  @Field(() => String, { nullable: true, description: 'ISO date-time; default now' })
  @IsOptional()
  @IsDateString()
  startedAt?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString()
  endedAt?: string;
}

@InputType({ description: "Ends an organisation's work with a person: its own involvement, or (the lead) any on the record" })
export class EndInvolvementInput {
  @Field(() => ID)
  @IsUUID()
  involvementId: string;

  @Field({
    description: "Why the work ends (case closed, support completed, moved away, lead transferred …); kept in the record's history",
  })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @Field(() => String, { nullable: true, description: 'ISO date-time; default now. A later time plans the end' })
  @IsOptional()
  @IsDateString()
  endedAt?: string;
}

@InputType()
export class MergePeopleInput {
  @Field(() => ID, { description: 'The record that stays' })
  @IsUUID()
  survivorId: string;

  @Field(() => ID, { description: 'The duplicate, merged into the survivor' })
  @IsUUID()
  duplicateId: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

@InputType()
export class UnmergePersonInput {
  @Field(() => ID)
  @IsUUID()
  mergeId: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}
