import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SubjectAccessExport', { description: 'Everything the hub holds on a person, across all organisations' })
export class SubjectAccessExportModel {
  @Field(() => ID)
  personId: string;

  @Field()
  generatedAt: string;

  @Field({ description: 'The machine-readable export (JSON text)' })
  json: string;

  @Field({ description: 'The readable document (Markdown)' })
  document: string;

  @Field(() => [SubjectAccessCount])
  counts: SubjectAccessCount[];
}

@ObjectType('SubjectAccessCount')
export class SubjectAccessCount {
  @Field()
  section: string;

  @Field(() => Int)
  rows: number;
}
