import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
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

@ObjectType('AuditTreeHead', {
  description: 'A signed tree head of the audit log: its size and Merkle root at one seal (also GET /audit/tree-head)',
})
export class AuditTreeHeadModel {
  @Field(() => Float, { description: 'Leaves (events) in the tree: a whole number' })
  treeSize: number;

  @Field({ description: 'The Merkle root (RFC 9162, SHA-256), hex' })
  rootHash: string;

  @Field({ description: 'When the seal was made (ISO 8601, UTC)' })
  timestamp: string;

  @Field({ description: "Compact JWS of the head, signed with the hub's key (/.well-known/jwks.json)" })
  signature: string;
}

@ObjectType('AuditProof', { description: 'Proof that an audit event is in the sealed log (RFC 9162 inclusion proof)' })
export class AuditProofModel {
  @Field(() => ID)
  eventId: string;

  @Field(() => Float, { description: 'Its leaf in the tree, from 0: a whole number' })
  leafIndex: number;

  @Field({ description: "The event's digest (sha256 of its canonical text), hex" })
  eventDigest: string;

  @Field({ description: 'The leaf: sha256 of 0x00 and the digest, hex' })
  leafHash: string;

  @Field(() => [String], { description: 'Sibling hashes from the leaf up, hex' })
  auditPath: string[];

  @Field(() => Int, { description: 'Hashes in the path' })
  pathLength: number;

  @Field(() => AuditTreeHeadModel)
  treeHead: AuditTreeHeadModel;
}
