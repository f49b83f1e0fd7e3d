import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { CaseNoteAbout } from './case-note-vocabulary.js';

@ObjectType('CaseNoteRevision', { description: 'A case note as it was before a correction' })
export class CaseNoteRevisionModel {
  @Field(() => Int, { description: 'The note’s version this was' })
  version: number;

  @Field()
  body: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field()
  writtenBy: string;

  @Field()
  writtenAt: Date;

  @Field()
  correctedBy: string;

  @Field()
  correctedAt: Date;

  @Field()
  reason: string;
}

@ObjectType('CaseNote', { description: 'A caseworker’s note on the person, read only where its data category may be read' })
export class CaseNoteModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field(() => ID, { description: 'The organisation that wrote it' })
  organisationId: string;

  @Field()
  writtenBy: string;

  @Field(() => DataCategory)
  dataCategory: DataCategory;

  @Field(() => CaseNoteAbout, { nullable: true })
  aboutKind: CaseNoteAbout | null;

  @Field(() => ID, { nullable: true })
  aboutId: string | null;

  @Field()
  body: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'When it was last written or corrected' })
  updatedAt: Date;

  @Field(() => Int, { description: '1, plus one per correction' })
  version: number;
}
