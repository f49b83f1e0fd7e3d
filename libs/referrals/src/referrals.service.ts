import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessService, categoryCeiling, DataCategory, LAWFUL_BASIS_FACTS, type LawfulBasisFacts, Permission } from '@hub/access';
import { type Actor, type Connection, ForbiddenError, NotFoundError, systemActor, ValidationError } from '@hub/common';
import { emptyPage, keysetPage, LIST_PAGE, type PageArgs, pagesPerParent } from '@hub/database';
import { OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { actorRef, InvolvementRole, PersonRecordsService, PersonsService } from '@hub/persons';
import { ReferralTransition } from './referral-transition.entity.js';
import {
  dueAt,
  nextState,
  OPEN_STATES,
  REFERRAL_ACTIONS,
  ReferralAction,
  referralEventPayload,
  ReferralState,
  startDueAt,
  TRANSITIONS,
} from './referral-vocabulary.js';
import { Referral } from './referral.entity.js';
import type { SendReferralInput } from './send-referral.input.js';

export interface NewReferral {
  personId: string;
  toOrganisationId: string;
  serviceCode: string;
  reason: string;
  sharedCategories: DataCategory[];
  ruleId?: string | null;
  ruleVersion?: number | null;
}

const PAST: Record<ReferralAction, string> = {
  [ReferralAction.SEND]: 'sent',
  [ReferralAction.ACCEPT]: 'accepted',
  [ReferralAction.DECLINE]: 'declined',
  [ReferralAction.START]: 'started',
  [ReferralAction.COMPLETE]: 'completed',
  [ReferralAction.WITHDRAW]: 'withdrawn',
};

/** Referrals between organisations: sending, the receiver's inbox, and the lifecycle. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    @Inject(LAWFUL_BASIS_FACTS) private readonly lawful: LawfulBasisFacts,
  ) {}

  /** Categories an organisation of this kind may ever read (before consent and agreements). */
  kindCeiling(receiver: { id: string; kind: string }): Set<DataCategory> {
    return new Set(categoryCeiling(systemActor(receiver, 'receiver-check'), 'read'));
  }

  /** Categories of the person the receiving organisation may lawfully be given: consent or agreement, within its kind's ceiling. */
  async lawfulFor(receiver: { id: string; kind: string; regions?: string[] }, personId: string): Promise<Set<DataCategory>> {
    const [consented, agreed] = await Promise.all([
      this.lawful.consentedCategories(receiver, [personId]),
      this.lawful.agreedCategories(receiver),
    ]);
    const ceiling = this.kindCeiling(receiver);
    const lawful = new Set<DataCategory>([DataCategory.IDENTITY]);
    for (const c of [...(consented.get(personId) ?? []), ...agreed]) if (ceiling.has(c)) lawful.add(c);
    return lawful;
  }

  /** A referral by a user (or API client) of the sending organisation: sent at once, or kept as a draft. */
  async create(actor: Actor, input: SendReferralInput, send: boolean): Promise<Referral> {
    const { personId, facts } = await this.persons.requireAccess(actor, input.personId);
    this.access.require(actor, Permission.REFERRAL_MAKE);
    if (input.toOrganisationId === actor.organisationId)
      throw new ValidationError([{ field: 'toOrganisationId', messages: ['cannot refer to your own organisation'] }]);
    const receiver = (await this.organisations.byIds([input.toOrganisationId]))[0];
    if (!receiver?.active) throw new ValidationError([{ field: 'toOrganisationId', messages: ['no such active organisation'] }]);
    if (!receiver.services.includes(input.serviceCode))
      throw new ValidationError([{ field: 'serviceCode', messages: [`${receiver.name} does not offer this service`] }]);
    const requested = [...new Set([DataCategory.IDENTITY, ...input.sharedCategories])];
    const readable = this.access.readable(actor, facts);
    const lawful = await this.lawfulFor(receiver, personId);
    const notReadable = requested.filter((c) => !readable.has(c));
    const notLawful = requested.filter((c) => !lawful.has(c));
    if (notReadable.length || notLawful.length) {
      throw new ValidationError([
        {
          field: 'sharedCategories',
          messages: [
            // Named as in the schema's DataCategory enum, as the caller sent them.
            ...(notReadable.length ? [`you may not read: ${notReadable.map((c) => c.toUpperCase()).join(', ')}`] : []),
            ...(notLawful.length
              ? [`no consent or agreement lets the receiver see: ${notLawful.map((c) => c.toUpperCase()).join(', ')}`]
              : []),
          ],
        },
      ]);
    }
    return this.db.transaction((m) =>
      this.createWithin(m, actor, { ...input, personId, reason: input.reason.trim(), sharedCategories: requested }, send),
    );
  }

  /** Creates (and sends) a referral inside the caller's transaction; the checks are the caller's. */
  async createWithin(m: EntityManager, actor: Actor, data: NewReferral, send: boolean): Promise<Referral> {
    const now = new Date();
    const referral = await m.save(
      m.create(Referral, {
        personId: data.personId,
        fromOrganisationId: actor.organisationId,
        toOrganisationId: data.toOrganisationId,
        serviceCode: data.serviceCode,
        reason: data.reason,
        sharedCategories: data.sharedCategories,
        state: send ? ReferralState.SENT : ReferralState.DRAFT,
        stateReason: null,
        sentAt: send ? now : null,
        dueAt: send ? dueAt(data.serviceCode, now) : null,
        escalatedAt: null,
        ruleId: data.ruleId ?? null,
        ruleVersion: data.ruleVersion ?? null,
        createdBy: actorRef(actor),
      }),
    );
    await this.record(m, actor, referral, 'create', null, ReferralState.DRAFT, null);
    if (send) await this.record(m, actor, referral, ReferralAction.SEND, ReferralState.DRAFT, ReferralState.SENT, null);
    return referral;
  }

  private async record(
    m: EntityManager,
    actor: Actor,
    r: Referral,
    action: string,
    from: ReferralState | null,
    to: ReferralState,
    reason: string | null,
  ): Promise<void> {
    await m.insert(ReferralTransition, {
      referralId: r.id,
      action,
      fromState: from,
      toState: to,
      reason,
      actor: actorRef(actor),
      organisationId: actor.organisationId,
    });
    const type = action === 'create' ? 'referral.created' : `referral.${PAST[action as ReferralAction]}`;
    await this.outbox.emit(m, actor, {
      type,
      aggregateType: 'referral',
      aggregateId: r.id,
      personId: r.personId,
      payload: referralEventPayload(
        {
          referralId: r.id,
          fromOrganisationId: r.fromOrganisationId,
          toOrganisationId: r.toOrganisationId,
          serviceCode: r.serviceCode,
          sent: action !== 'create' && r.sentAt !== null,
        },
        { state: to, ruleId: r.ruleId },
      ),
    });
  }

  /** Takes one step of the lifecycle; refused with INVALID_STATE when the state does not allow it. */
  async transition(actor: Actor, referralId: string, action: ReferralAction, reason?: string | null): Promise<Referral> {
    const rule = TRANSITIONS[action];
    const why = reason?.trim() || null;
    if (rule.reason && !why) throw new ValidationError([{ field: 'reason', messages: ['a reason is required'] }]);
    return this.db.transaction(async (m) => {
      const r = await m.findOne(Referral, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
      if (!r || !this.visible(actor, r)) throw new NotFoundError('Referral');
      const side = r.fromOrganisationId === actor.organisationId ? 'sender' : 'receiver';
      if (side !== rule.by) throw new ForbiddenError(`Only the ${rule.by === 'sender' ? 'sending' : 'receiving'} organisation may do this`);
      this.access.require(actor, Permission.REFERRAL_ACT);
      const from = r.state;
      const to = nextState(from, action);
      if (action === ReferralAction.ACCEPT) {
        await this.records.addWithin(m, actor, r.personId, r.toOrganisationId, InvolvementRole.PROVIDER, 'referral');
      }
      r.state = to;
      if (rule.reason) r.stateReason = why;
      if (action === ReferralAction.SEND) {
        r.sentAt = new Date();
        r.dueAt = dueAt(r.serviceCode, r.sentAt);
      }
      if (action === ReferralAction.ACCEPT) {
        // The next step's clock: started within the start SLA, escalated again if not.
        r.dueAt = startDueAt(new Date());
        r.escalatedAt = null;
      }
      const saved = await m.save(r);
      await this.record(m, actor, saved, action, from, to, why);
      return saved;
    });
  }

  /** The steps `actor`'s side may take on `r` in its current state: none for a role that cannot act on referrals. */
  actionsFor(actor: Actor, r: Pick<Referral, 'fromOrganisationId' | 'toOrganisationId' | 'state'>): ReferralAction[] {
    if (!this.access.holds(actor, Permission.REFERRAL_ACT)) return [];
    const side = r.fromOrganisationId === actor.organisationId ? 'sender' : r.toOrganisationId === actor.organisationId ? 'receiver' : null;
    return REFERRAL_ACTIONS.filter((a) => TRANSITIONS[a].by === side && TRANSITIONS[a].from.includes(r.state));
  }

  /** Sender and receiver see a referral; the receiver never sees drafts. Others: NOT_FOUND. */
  private visible(actor: Actor, r: Referral): boolean {
    if (!this.access.holds(actor, Permission.REFERRAL_READ)) return false;
    if (r.fromOrganisationId === actor.organisationId) return true;
    return r.toOrganisationId === actor.organisationId && r.state !== ReferralState.DRAFT;
  }

  async get(actor: Actor, id: string): Promise<Referral> {
    const r = await this.db.getRepository(Referral).findOneBy({ id });
    if (!r || !this.visible(actor, r)) throw new NotFoundError('Referral');
    return r;
  }

  /** Referrals to the actor's organisation, newest first (open ones unless states are given); never drafts. */
  async inbox(actor: Actor, states?: ReferralState[] | null, page: PageArgs = {}): Promise<Connection<Referral>> {
    const wanted = (states?.length ? states : OPEN_STATES).filter((s) => s !== ReferralState.DRAFT);
    return this.list(actor, 'to_organisation_id', wanted, page);
  }

  /** Referrals the actor's organisation made, newest first (all states unless given). */
  async sent(actor: Actor, states?: ReferralState[] | null, page: PageArgs = {}): Promise<Connection<Referral>> {
    return this.list(actor, 'from_organisation_id', states?.length ? states : null, page);
  }

  private async list(
    actor: Actor,
    side: 'to_organisation_id' | 'from_organisation_id',
    states: ReferralState[] | null,
    page: PageArgs,
  ): Promise<Connection<Referral>> {
    if (!this.access.holds(actor, Permission.REFERRAL_READ)) return emptyPage();
    const qb = this.db.getRepository(Referral).createQueryBuilder('r').where(`r.${side} = :org`, { org: actor.organisationId });
    if (states) qb.andWhere('r.state = ANY(:states)', { states });
    return keysetPage(qb, { alias: 'r', at: 'created_at', id: 'uuid' }, page);
  }

  /**
   * For many people in one statement (DataLoader; `people` were returned by PersonsService for this
   * actor): the referrals about each (any of its records) that the actor's organisation sent or
   * received, newest first. The same rule as `get`: another organisation's drafts never.
   */
  /**
   * A page of the referrals about each of many people that the actor's organisation sent or received,
   * newest first, in two statements (DataLoader); a person's list is never read whole.
   */
  async forPeople(actor: Actor, people: readonly { id: string; recordIds: string[] }[], args: PageArgs): Promise<Connection<Referral>[]> {
    if (!this.access.holds(actor, Permission.REFERRAL_READ)) return people.map(() => emptyPage<Referral>());
    return pagesPerParent(
      this.db,
      {
        entity: Referral,
        table: 'referral',
        parentColumn: 'person_id',
        filter: 'e.from_organisation_id = CAST(:org AS uuid) OR (e.to_organisation_id = CAST(:org AS uuid) AND e.state <> :draft)',
        parameters: { org: actor.organisationId, draft: ReferralState.DRAFT },
        order: { at: 'created_at', id: 'uuid', direction: 'DESC' },
        size: LIST_PAGE,
        count: false,
      },
      people.map((p) => ({ key: p.id, recordIds: p.recordIds })),
      args,
    );
  }

  async transitionsOf(referralIds: readonly string[]): Promise<ReferralTransition[]> {
    return this.db.getRepository(ReferralTransition).find({ where: { referralId: In([...referralIds]) }, order: { id: 'ASC' } });
  }

  /** Open referrals per receiving organisation (its load). */
  async openCounts(m: EntityManager = this.db.manager): Promise<Map<string, number>> {
    const rows: { to_organisation_id: string; n: number }[] = await m.query(
      `SELECT to_organisation_id, count(*)::int AS n FROM referral WHERE state = ANY($1::text[]) GROUP BY to_organisation_id`,
      [OPEN_STATES],
    );
    return new Map(rows.map((r) => [r.to_organisation_id, r.n]));
  }
}
