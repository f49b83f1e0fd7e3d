import { Injectable } from '@nestjs/common';
import { type AuditEvent, AuditService } from '@hub/audit';
import { type Actor, type Connection, hasRole, Role } from '@hub/common';
import type { PageArgs } from '@hub/database';
import { PersonsService } from '@hub/persons';
import { AccessService, Permission, requirePermission } from '@hub/access';

/** The audit log read on a person's behalf: who accessed a record, and the accesses that rested on break-glass. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly audits: AuditService,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
  ) {}

  /**
   * Who viewed or changed a person's record, newest first. For data protection officers, and for the
   * lead organisation, of people they may know of (NOT_FOUND otherwise, as everywhere).
   */
  async accessLog(actor: Actor, personId: string, args: { first?: number | null; before?: string | null }): Promise<AuditEvent[]> {
    const { recordIds, facts } = await this.persons.requireAccess(actor, personId);
    requirePermission(actor, Permission.ACCESS_LOG_READ, { facts });
    return this.audits.eventsOfRecords(recordIds, args);
  }

  /** Break-glass events for review, newest first: opened by the actor's organisation, or on people it leads. */
  async breakGlassEvents(actor: Actor, page: PageArgs = {}): Promise<Connection<AuditEvent>> {
    requirePermission(actor, Permission.BREAK_GLASS_LIST);
    // Managers within the caseworker-level gates (a restricted record's grants are its DPOs' to review).
    const gates = hasRole(actor, Role.DATA_PROTECTION_OFFICER) ? undefined : this.access.gates(actor, 'a.person_id');
    return this.audits.breakGlassEventsOf(actor.organisationId, this.persons.ledRecordIdsSql(':org'), page, gates);
  }
}
