import { Args, Context, Float, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { AuditEventConnection, AuditEventModel, auditEventView, AuditProofModel } from '@hub/audit';
import { type Actor, audit, type Connection, CurrentActor, type HubContext, mapConnection, PageArgs } from '@hub/common';
import { AccessLogService } from './access-log.service.js';
import { Permission, RequirePermission } from '@hub/access';

/** Who accessed a record, and the accesses that rested on break-glass. */
@Resolver()
export class AccessLogResolver {
  constructor(private readonly accessLogs: AccessLogService) {}

  // A person the actor may not see is NOT_FOUND before any role is looked at (the service requires the permission with the facts).
  @RequirePermission(Permission.ACCESS_LOG_READ, { onObject: true })
  @Query(() => [AuditEventModel], {
    description: 'Who viewed or changed the record, when and why, newest first: data protection officers and the lead organisation',
  })
  async personAccessLog(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100, description: 'How many (at most 500)' }) first?: number,
    @Args('before', { type: () => ID, nullable: true, description: 'Events older than this event id' }) before?: string,
  ): Promise<AuditEventModel[]> {
    const events = await this.accessLogs.accessLog(actor, personId, { first, before });
    audit(ctx, { action: 'read', personId, fields: ['Person.accessLog'] });
    return events.map(auditEventView);
  }

  @RequirePermission(Permission.AUDIT_PROOF_READ)
  @Query(() => AuditProofModel, {
    description:
      'Proof that an audit event is in the sealed log, against the latest signed tree head or the one of `treeSize` leaves: data protection officers of an organisation the event concerns',
  })
  async auditProof(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('treeSize', { type: () => Float, nullable: true, description: 'A tree head you kept (its size); the latest when left out' })
    treeSize?: number | null,
  ): Promise<AuditProofModel> {
    const { proof, personId } = await this.accessLogs.auditProof(actor, eventId, treeSize);
    if (personId) audit(ctx, { action: 'read', personId, fields: ['AuditProof.eventDigest'] });
    return { ...proof, pathLength: proof.auditPath.length };
  }

  @RequirePermission(Permission.BREAK_GLASS_LIST)
  @Query(() => AuditEventConnection, {
    description: 'Audit events that rested on break-glass access, by your organisation or on people it leads, newest first',
  })
  async breakGlassAccesses(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<Connection<AuditEventModel>> {
    return mapConnection(await this.accessLogs.breakGlassEvents(actor, page), auditEventView);
  }
}
