import { Injectable } from '@nestjs/common';
import { type AuditEvent, AuditService, AuditTreeService, type InclusionProof } from '@hub/audit';
import { type Actor, type Connection, ErrorCode, hasRole, HubError, NotFoundError, Role } from '@hub/common';
import type { PageArgs } from '@hub/database';
import { PERSON_LED_RECORD, PersonsService } from '@hub/persons';
import { AccessService, Permission, requirePermission } from '@hub/access';

/** The audit log read on a person's behalf: who accessed a record, and the accesses that rested on break-glass. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly audits: AuditService,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly tree: AuditTreeService,
  ) {}

  /**
   * An inclusion proof of an audit event, for a data protection officer of an organisation it
   * concerns: its own organisation's event, or one about a person the organisation may know of. Any
   * other event is NOT_FOUND, as one that does not exist. Not yet sealed: INVALID_STATE (ask again).
   */
  async auditProof(actor: Actor, eventId: string, treeSize?: number | null): Promise<{ proof: InclusionProof; personId: string | null }> {
    requirePermission(actor, Permission.AUDIT_PROOF_READ);
    const subject = await this.audits.eventSubject(eventId);
    if (!subject) throw new NotFoundError('audit event');
    if (subject.organisationId !== actor.organisationId) {
      if (!subject.personId) throw new NotFoundError('audit event');
      await this.persons.requireAccess(actor, subject.personId).catch((err: unknown) => {
        throw err instanceof HubError && err.code === ErrorCode.NotFound ? new NotFoundError('audit event') : err;
      });
    }
    if (treeSize != null && (!Number.isSafeInteger(treeSize) || treeSize < 1)) throw new NotFoundError('tree head');
    const proof = await this.tree.inclusionProof(eventId, treeSize ?? undefined);
    if (!proof) {
      if (treeSize != null && !(await this.tree.treeHead(treeSize))) throw new NotFoundError('tree head');
      throw new HubError(ErrorCode.InvalidState, 'The audit event is not sealed in that tree yet: seals come every second, ask again');
    }
    return { proof, personId: subject.personId };
  }

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
    return this.audits.breakGlassEventsOf(
      actor.organisationId,
      `(SELECT lr.record_id FROM ${PERSON_LED_RECORD.name} lr WHERE lr.organisation_id = :org)`,
      page,
      gates,
    );
  }
}
