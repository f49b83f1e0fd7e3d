import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DataCategory } from '@hub/access';
import { connectionType } from '@hub/common';

@ObjectType('AuditEvent', { description: 'One access to or change of person data, from the append-only audit log' })
export class AuditEventModel {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field({ description: '`user:<id>`, `client:<id>` or `system`' })
  actor: string;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => String, { nullable: true, description: 'The stated purpose of use' })
  purpose: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => ID, { nullable: true })
  personId: string | null;

  @Field({ description: 'read, write, deny, export, break_glass, erase' })
  action: string;

  @Field(() => [String], { description: 'Data categories returned or changed' })
  categories: string[];

  @Field(() => [String], { description: 'Fields returned or changed' })
  fields: string[];

  @Field(() => [String], { description: 'Fields withheld by the access policy' })
  withheld: string[];

  @Field({ description: 'Access rested on a break-glass grant' })
  breakGlass: boolean;

  @Field(() => String, { nullable: true, description: 'The domain event of a write (its type)' })
  event?: string | null;
}

@ObjectType('AccessExplanation', { description: 'Why you can or cannot see a category of a person’s data, in the terms of the rules' })
export class AccessExplanationModel {
  @Field(() => DataCategory)
  category: DataCategory;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field()
  allowed: boolean;

  @Field({ description: 'OWN_DATA, RELATIONSHIP, RELATIONSHIP_AND_LAWFUL_BASIS, BREAK_GLASS, ROLE, ORGANISATION_KIND, NO_RELATIONSHIP or NO_LAWFUL_BASIS' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'consent or agreement, when a lawful basis applies' })
  basis: string | null;

  @Field()
  explanation: string;
}

@ObjectType('BreakGlassGrant', { description: 'Emergency access to a record, for a reason and a limited time' })
export class BreakGlassGrantModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  personId: string;

  @Field()
  actor: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  reason: string;

  @Field()
  purpose: string;

  @Field()
  openedAt: Date;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true })
  reviewNote: string | null;
}

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

/** What a caller sees of an audit event: the old and new values of writes, and the hashes, stay in the log. */
export function auditEventView(e: Omit<AuditEventModel, 'event'> & { detail: Record<string, unknown> | null }): AuditEventModel {
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    actor: e.actor,
    organisationId: e.organisationId,
    purpose: e.purpose,
    requestId: e.requestId,
    personId: e.personId,
    action: e.action,
    categories: e.categories,
    fields: e.fields,
    withheld: e.withheld,
    breakGlass: e.breakGlass,
    event: typeof e.detail?.event === 'string' ? e.detail.event : null,
  };
}

export const AuditEventConnection = connectionType(AuditEventModel, 'AuditEvent');
export const BreakGlassGrantConnection = connectionType(BreakGlassGrantModel, 'BreakGlassGrant');
