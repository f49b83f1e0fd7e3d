import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessService, Permission, requirePermission } from '@hub/access';
import { type Actor, type Connection, ErrorCode, hasRole, HubError, NotFoundError, Role } from '@hub/common';
import { keysetPage, type PageArgs } from '@hub/database';
import { OutboxService } from '@hub/events';
import { PERSON_LED_RECORD, PersonsService } from '@hub/persons';
import { BreakGlassGrant } from './break-glass-grant.entity.js';
import type { OpenBreakGlassInput, ReviewBreakGlassInput } from './break-glass.input.js';

export const BREAK_GLASS_DEFAULT_MINUTES = 60;

/**
 * Break-glass: a manager or data protection officer opens a record its organisation could not
 * otherwise see, for a stated reason and a limited time. While the grant is in force the access
 * policy counts it as relationship and lawful basis for reading; every read is flagged in the audit.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
  ) {}

  async open(actor: Actor, input: OpenBreakGlassInput): Promise<BreakGlassGrant> {
    requirePermission(actor, Permission.BREAK_GLASS_OPEN);
    const minutes = input.minutes ?? BREAK_GLASS_DEFAULT_MINUTES;
    return this.db.transaction(async (m) => {
      const personId = await this.persons.survivorId(input.personId, m);
      if (!personId) throw new NotFoundError('Person');
      const leads = await this.persons.leadOrganisations(personId, m);
      const grant = await m.save(
        m.create(BreakGlassGrant, {
          personId,
          actor: `user:${actor.id}`,
          organisationId: actor.organisationId,
          reason: input.reason.trim(),
          purpose: actor.purpose,
          expiresAt: new Date(Date.now() + minutes * 60_000),
        }),
      );
      // No reason in the event: the change feed and webhooks show it to every organisation related to the
      // person. The opening and lead organisations read it through breakGlassGrants.
      await this.outbox.emit(m, actor, {
        type: 'break_glass.opened',
        aggregateType: 'break_glass_grant',
        aggregateId: grant.id,
        personId,
        payload: {
          grantId: grant.id,
          organisationId: actor.organisationId,
          notify: leads,
          purpose: grant.purpose,
          expiresAt: grant.expiresAt.toISOString(),
        },
      });
      return grant;
    });
  }

  /** Grants for review, newest first: opened by the actor's organisation, or on people it leads; unreviewed ones unless asked. */
  async forReview(actor: Actor, includeReviewed = false, page: PageArgs = {}): Promise<Connection<BreakGlassGrant>> {
    requirePermission(actor, Permission.BREAK_GLASS_LIST);
    const qb = this.reviewable(actor, this.db.manager);
    if (!includeReviewed) qb.andWhere('g.reviewed_at IS NULL');
    return keysetPage(qb, { alias: 'g', at: 'opened_at', id: 'uuid' }, page);
  }

  /** The grants an actor's organisation reviews: those it opened, and those on people it leads. */
  private reviewable(actor: Actor, m: EntityManager): SelectQueryBuilder<BreakGlassGrant> {
    const qb = m
      .getRepository(BreakGlassGrant)
      .createQueryBuilder('g')
      .where(
        `(g.organisation_id = :org OR g.person_id IN (SELECT lr.record_id FROM ${PERSON_LED_RECORD.name} lr WHERE lr.organisation_id = :org))`,
        { org: actor.organisationId },
      );
    // Managers review within the caseworker-level gates; data protection officers review every grant (someone must).
    if (!hasRole(actor, Role.DATA_PROTECTION_OFFICER)) {
      const gates = this.access.gates(actor, 'g.person_id');
      qb.andWhere(gates.where, gates.parameters);
    }
    return qb;
  }

  /** A data protection officer records the review of a grant. */
  async review(actor: Actor, input: ReviewBreakGlassInput): Promise<BreakGlassGrant> {
    requirePermission(actor, Permission.BREAK_GLASS_REVIEW);
    return this.db.transaction(async (m) => {
      const grant = await this.reviewable(actor, m).andWhere('g.id = :id', { id: input.grantId }).setLock('pessimistic_write').getOne();
      if (!grant) throw new NotFoundError('Break-glass grant');
      if (grant.reviewedAt) throw new HubError(ErrorCode.InvalidState, 'This grant was already reviewed');
      grant.reviewedAt = new Date();
      grant.reviewedBy = `user:${actor.id}`;
      grant.reviewNote = input.note.trim();
      const saved = await m.save(grant);
      await this.outbox.emit(m, actor, {
        type: 'break_glass.reviewed',
        aggregateType: 'break_glass_grant',
        aggregateId: grant.id,
        personId: grant.personId,
        payload: { grantId: grant.id },
      });
      return saved;
    });
  }
}
