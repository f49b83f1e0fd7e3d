import { Injectable } from '@nestjs/common';
import { type AuditEvent, AuditService } from '@hub/audit';
import { type Actor, type Connection, ForbiddenError, hasRole, Role } from '@hub/common';
import type { PageArgs } from '@hub/database';
import { PersonsService } from '@hub/persons';

/** The audit log read on a person's behalf: who accessed a record, and the accesses that rested on break-glass. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly audits: AuditService,
    private readonly persons: PersonsService,
  ) {}

  /**
   * Who viewed or changed a person's record, newest first. For data protection officers, and for the
   * lead organisation, of people they may know of (NOT_FOUND otherwise, as everywhere).
   */
  async accessLog(actor: Actor, personId: string, args: { first?: number | null; before?: string | null }): Promise<AuditEvent[]> {
    const { recordIds, facts } = await this.persons.requireAccess(actor, personId);
    const dpo = hasRole(actor, Role.DATA_PROTECTION_OFFICER);
    if (!dpo && !(facts.lead && hasRole(actor, Role.CASEWORKER, Role.MANAGER))) {
      throw new ForbiddenError('Only data protection officers and the lead organisation see who accessed a record');
    }
    return this.audits.eventsOfRecords(recordIds, args);
  }

  /** Break-glass events for review, newest first: opened by the actor's organisation, or on people it leads. */
  async breakGlassEvents(actor: Actor, page: PageArgs = {}): Promise<Connection<AuditEvent>> {
    if (!hasRole(actor, Role.DATA_PROTECTION_OFFICER, Role.MANAGER)) throw new ForbiddenError('Only managers and data protection officers review break-glass access');
    return this.audits.breakGlassEventsOf(actor.organisationId, this.persons.ledRecordIdsSql(':org'), page);
  }
}
