import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessService, categoryCeiling, DataCategory, Permission } from '@hub/access';
import {
  type Actor,
  type Connection,
  ErrorCode,
  ForbiddenError,
  HubError,
  NotFoundError,
  Role,
  systemActor,
  ValidationError,
} from '@hub/common';
import { LawfulBasisService, ReferralBasisService, type ReferralBasisFound } from '@hub/consent';
import { emptyPage, keysetPage, LIST_PAGE, type PageArgs, pagesPerParent } from '@hub/database';
import { OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { actorRef, InvolvementRole, PersonRecordsService, PersonsService, recordIdsSql } from '@hub/persons';
import { ReferralTransition } from './referral-transition.entity.js';
import {
  dueAt,
  nextState,
  OPEN_STATES,
  REFERRAL_ACTIONS,
  ReferralDirection,
  ReferralOutcome,
  ReferralAction,
  ReferralBasis,
  referralEventPayload,
  ReferralState,
  SAFEGUARDING_OVERRIDE_ACTION,
  startDueAt,
  TaskKind,
  TRANSITIONS,
} from './referral-vocabulary.js';
import { Referral } from './referral.entity.js';
import { serviceWords } from './plain-words.js';
import type { SendReferralInput } from './send-referral.input.js';
import { TasksService } from './tasks.service.js';

export interface NewReferral {
  personId: string;
  toOrganisationId: string;
  serviceCode: string;
  reason: string;
  sharedCategories: DataCategory[];
  ruleId?: string | null;
  ruleVersion?: number | null;
  /** The sender confirmed that the person agreed to this referral (recorded with the send step). */
  personAgreed?: boolean | null;
  /** What it is sent on (required to send): a consent or agreement found, or a manager's safeguarding override. */
  basis?: ReferralBasisFound | { basis: 'safeguarding_override'; reason: string; receiverName: string } | null;
}

/** FORBIDDEN with reason NO_REFERRAL_BASIS: nothing lets the person be referred to the receiver. */
export function noReferralBasis(receiverName: string): HubError {
  return new HubError(
    ErrorCode.Forbidden,
    `No lawful basis to refer this person to ${receiverName}: record their consent to be referred (to it or its kind), or a sharing agreement both organisations are party to`,
    { reason: 'NO_REFERRAL_BASIS' },
  );
}

/** What the preview of a referral tells the sender (ReferralsService.preview). */
export interface ReferralPreviewFacts {
  receiverName: string;
  receiverSees: DataCategory[];
  youMayShare: DataCategory[];
  basis: ReferralBasis | null;
  basisId: string | null;
  alreadyWorksWith: boolean;
  worksWithSince: Date | null;
  worksWithAs: InvolvementRole | null;
  openReferralsFromYou: number;
}

/** The send step's reason when the sender confirmed the person's agreement. */
export const PERSON_AGREED = 'The sender confirmed that the person agreed to this referral';

/** A completion's outcome, as recorded in its step. */
export const OUTCOME_WORDS: Record<ReferralOutcome, string> = {
  [ReferralOutcome.ACHIEVED]: 'Achieved what was asked',
  [ReferralOutcome.PARTLY_ACHIEVED]: 'Partly achieved',
  [ReferralOutcome.NOT_ACHIEVED]: 'Not achieved',
  [ReferralOutcome.PERSON_DISENGAGED]: 'The person stopped taking part',
};

const PAST: Record<ReferralAction, string> = {
  [ReferralAction.SEND]: 'sent',
  [ReferralAction.ACCEPT]: 'accepted',
  [ReferralAction.DECLINE]: 'declined',
  [ReferralAction.START]: 'started',
  [ReferralAction.COMPLETE]: 'completed',
  [ReferralAction.WITHDRAW]: 'withdrawn',
};

/** The event of each recorded step: `referral.<past tense>`, `referral.created`, `referral.safeguarding_override`. */
function eventType(action: string): string {
  if (action === 'create') return 'referral.created';
  if (action === SAFEGUARDING_OVERRIDE_ACTION) return 'referral.safeguarding_override';
  return `referral.${PAST[action as ReferralAction]}`;
}

/** Referrals between organisations: sending, the receiver's inbox, and the lifecycle. */
/** One step of a referral's lifecycle, as recorded (a transition row and its event). */
interface Step {
  action: string;
  from: ReferralState | null;
  to: ReferralState;
  reason: string | null;
}

@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly lawful: LawfulBasisService,
    private readonly bases: ReferralBasisService,
    private readonly tasks: TasksService,
  ) {}

  /** The consent or agreement a referral from `sender` to `receiver` may be sent on now, or null. */
  basisFor(
    m: EntityManager,
    sender: { id: string; kind: string },
    receiver: { id: string; kind: string },
    personId: string,
    sharedCategories: readonly string[],
  ): Promise<ReferralBasisFound | null> {
    return this.bases.find({ sender, receiver, personId, sharedCategories }, m);
  }

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
    const override = input.safeguardingOverride ? input.safeguardingOverride.reason.trim() : null;
    if (input.safeguardingOverride) {
      this.access.require(actor, Permission.REFERRAL_SAFEGUARDING_OVERRIDE);
      if (!send)
        throw new ValidationError([{ field: 'safeguardingOverride', messages: ['a safeguarding override is given when sending'] }]);
      if (!override || override.length < 10)
        throw new ValidationError([{ field: 'safeguardingOverride.reason', messages: ['say why (at least 10 characters)'] }]);
    }
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
    return this.db.transaction(async (m) => {
      const found = send
        ? await this.basisFor(m, { id: actor.organisationId, kind: actor.organisationKind }, receiver, personId, requested)
        : null;
      if (send && !found && !override) throw noReferralBasis(receiver.name);
      if (found && override)
        throw new ValidationError([
          {
            field: 'safeguardingOverride',
            messages: [`a ${found.basis} is a basis for this referral: send it without an override`],
          },
        ]);
      const basis = override ? { basis: 'safeguarding_override' as const, reason: override, receiverName: receiver.name } : found;
      const { safeguardingOverride: _ignored, ...fields } = input;
      return this.createWithin(m, actor, { ...fields, personId, reason: input.reason.trim(), sharedCategories: requested, basis }, send);
    });
  }

  /** Creates (and sends) a referral inside the caller's transaction; the checks are the caller's. */
  async createWithin(m: EntityManager, actor: Actor, data: NewReferral, send: boolean): Promise<Referral> {
    if (send && !data.basis) throw new Error('a referral is sent on a basis (consent, agreement or safeguarding override)');
    const now = new Date();
    const basis = send ? data.basis! : null;
    const safeguarding = basis?.basis === 'safeguarding_override' ? basis : null;
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
        basis: basis ? (basis.basis as ReferralBasis) : null,
        basisId: basis && 'id' in basis ? basis.id : null,
        safeguardingReason: safeguarding?.reason ?? null,
        createdBy: actorRef(actor),
      }),
    );
    const created: Step = { action: 'create', from: null, to: ReferralState.DRAFT, reason: null };
    const sent: Step = {
      action: ReferralAction.SEND,
      from: ReferralState.DRAFT,
      to: ReferralState.SENT,
      reason: data.personAgreed ? PERSON_AGREED : null,
    };
    if (safeguarding) {
      await this.recordSteps(m, actor, referral, [
        created,
        { action: SAFEGUARDING_OVERRIDE_ACTION, from: ReferralState.DRAFT, to: ReferralState.DRAFT, reason: safeguarding.reason },
      ]);
      await this.notifyOverride(m, actor, referral, safeguarding.receiverName);
      if (send) await this.recordSteps(m, actor, referral, [sent]);
    } else {
      // Made and sent at once: both steps, their events and audit written together.
      await this.recordSteps(m, actor, referral, send ? [created, sent] : [created]);
    }
    return referral;
  }

  /**
   * Tells the data protection officers of the person's lead organisation (the sender's own when no
   * organisation leads) of a referral sent on a safeguarding override: a task addressed to their role,
   * which their task list and `taskRaised` subscription carry.
   */
  private async notifyOverride(m: EntityManager, actor: Actor, r: Referral, receiverName: string): Promise<void> {
    const leads = await this.persons.leadOrganisations(r.personId, m);
    const sender = (await this.organisations.byIds([r.fromOrganisationId], m))[0];
    for (const organisationId of leads.length ? leads : [r.fromOrganisationId]) {
      await this.tasks.raiseWithin(m, actor, {
        organisationId,
        forRole: Role.DATA_PROTECTION_OFFICER,
        personId: r.personId,
        referralId: r.id,
        kind: TaskKind.SAFEGUARDING_OVERRIDE_REVIEW,
        title: `Review a referral sent without consent for safeguarding (${serviceWords(r.serviceCode)})`,
        detail: `${sender?.name ?? 'An organisation'} referred the person to ${receiverName} for ${serviceWords(r.serviceCode)} without their consent to be referred and without a sharing agreement: ${actor.displayName} overrode the consent check for safeguarding, saying: ${r.safeguardingReason}`,
        sourceKey: `safeguarding:${r.id}:${organisationId}`,
      });
    }
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
    await this.recordSteps(m, actor, r, [{ action, from, to, reason }]);
  }

  /** Steps of one referral, in order: their transitions in one statement, their events (and audit) in one emit. */
  private async recordSteps(m: EntityManager, actor: Actor, r: Referral, steps: readonly Step[]): Promise<void> {
    await m.insert(
      ReferralTransition,
      steps.map((step) => ({
        referralId: r.id,
        action: step.action,
        fromState: step.from,
        toState: step.to,
        reason: step.reason,
        actor: actorRef(actor),
        organisationId: actor.organisationId,
      })),
    );
    await this.outbox.emit(
      m,
      actor,
      ...steps.map((step) => ({
        type: eventType(step.action),
        aggregateType: 'referral',
        aggregateId: r.id,
        personId: r.personId,
        payload: referralEventPayload(
          {
            referralId: r.id,
            fromOrganisationId: r.fromOrganisationId,
            toOrganisationId: r.toOrganisationId,
            serviceCode: r.serviceCode,
            sent: step.action !== 'create' && r.sentAt !== null,
          },
          { state: step.to, ruleId: r.ruleId },
        ),
      })),
    );
  }

  /** Takes one step of the lifecycle; refused with INVALID_STATE when the state does not allow it. */
  async transition(
    actor: Actor,
    referralId: string,
    action: ReferralAction,
    reason?: string | null,
    completion?: { outcome: ReferralOutcome; note?: string | null },
  ): Promise<Referral> {
    const rule = TRANSITIONS[action];
    const why = reason?.trim() || null;
    if (rule.reason && !why) throw new ValidationError([{ field: 'reason', messages: ['a reason is required'] }]);
    if (action === ReferralAction.COMPLETE && !completion?.outcome)
      throw new ValidationError([{ field: 'outcome', messages: ['say what came of the referral'] }]);
    return this.db.transaction(async (m) => {
      const r = await m.findOne(Referral, { where: { id: referralId }, lock: { mode: 'pessimistic_write' } });
      if (!r || !this.visible(actor, r) || !(await this.access.passesGates(actor, r.personId))) throw new NotFoundError('Referral');
      const side = r.fromOrganisationId === actor.organisationId ? 'sender' : 'receiver';
      if (side !== rule.by) throw new ForbiddenError(`Only the ${rule.by === 'sender' ? 'sending' : 'receiving'} organisation may do this`);
      this.access.require(actor, Permission.REFERRAL_ACT);
      const from = r.state;
      const to = nextState(from, action);
      if (action === ReferralAction.ACCEPT && !(await this.records.involvementInForce(r.personId, r.toOrganisationId, m))) {
        // An organisation already working with the person keeps its one involvement (lead or provider): no second row.
        await this.records.addWithin(m, actor, r.personId, r.toOrganisationId, InvolvementRole.PROVIDER, 'referral');
      }
      if (action === ReferralAction.COMPLETE) {
        r.outcome = completion!.outcome;
        r.outcomeNote = completion!.note?.trim() || null;
      }
      r.state = to;
      if (rule.reason) r.stateReason = why;
      if (action === ReferralAction.SEND) {
        // A draft is sent on a consent or agreement in force now (an override is given only with sendReferral).
        const receiver = (await this.organisations.byIds([r.toOrganisationId], m))[0];
        const found =
          receiver &&
          (await this.basisFor(m, { id: actor.organisationId, kind: actor.organisationKind }, receiver, r.personId, r.sharedCategories));
        if (!found) throw noReferralBasis(receiver?.name ?? 'the receiver');
        r.basis = found.basis as ReferralBasis;
        r.basisId = found.id;
        r.sentAt = new Date();
        r.dueAt = dueAt(r.serviceCode, r.sentAt);
      }
      if (action === ReferralAction.ACCEPT) {
        // The next step's clock: started within the start SLA, escalated again if not.
        r.dueAt = startDueAt(new Date());
        r.escalatedAt = null;
      }
      const saved = await m.save(r);
      await this.record(m, actor, saved, action, from, to, action === ReferralAction.COMPLETE ? this.outcomeWords(saved) : why);
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
    // A restricted record's referrals, or a person outside the user's teams and regions, are not the user's to see.
    if (!r || !this.visible(actor, r) || !(await this.access.passesGates(actor, r.personId))) throw new NotFoundError('Referral');
    return r;
  }

  /**
   * Who made a referral (`user:<id>`, `client:<id>`, or a system actor for a rule's), or null: no
   * access check, for the hub's own work (whom to tell that it was answered).
   */
  async senderOf(id: string, m: EntityManager = this.db.manager): Promise<string | null> {
    const [row]: { created_by: string }[] = await m.query('SELECT created_by FROM referral WHERE id = $1', [id]);
    return row?.created_by ?? null;
  }

  /** Referrals to the actor's organisation, newest first (open ones unless states are given); never drafts. */
  async inbox(
    actor: Actor,
    states?: ReferralState[] | null,
    page: PageArgs = {},
    serviceCode?: string | null,
  ): Promise<Connection<Referral>> {
    const wanted = (states?.length ? states : OPEN_STATES).filter((s) => s !== ReferralState.DRAFT);
    return this.list(actor, 'to_organisation_id', wanted, page, serviceCode ?? null);
  }

  /** Referrals the actor's organisation made, newest first (all states unless given). */
  async sent(
    actor: Actor,
    states?: ReferralState[] | null,
    page: PageArgs = {},
    serviceCode?: string | null,
  ): Promise<Connection<Referral>> {
    return this.list(actor, 'from_organisation_id', states?.length ? states : null, page, serviceCode ?? null);
  }

  private listQuery(actor: Actor, side: 'to_organisation_id' | 'from_organisation_id', serviceCode: string | null) {
    const qb = this.db.getRepository(Referral).createQueryBuilder('r').where(`r.${side} = :org`, { org: actor.organisationId });
    if (side === 'to_organisation_id') qb.andWhere('r.state <> :draft', { draft: ReferralState.DRAFT });
    if (serviceCode) qb.andWhere('r.service_code = :service', { service: serviceCode });
    const gates = this.access.gates(actor, 'r.person_id');
    qb.andWhere(gates.where, gates.parameters);
    return qb;
  }

  private async list(
    actor: Actor,
    side: 'to_organisation_id' | 'from_organisation_id',
    states: ReferralState[] | null,
    page: PageArgs,
    serviceCode: string | null,
  ): Promise<Connection<Referral>> {
    if (!this.access.holds(actor, Permission.REFERRAL_READ)) return emptyPage();
    const qb = this.listQuery(actor, side, serviceCode);
    if (states) qb.andWhere('r.state = ANY(:states)', { states });
    return keysetPage(qb, { alias: 'r', at: 'created_at', id: 'uuid' }, page);
  }

  /**
   * How many referrals the organisation received (never drafts) or sent are in each state, under the
   * same rules as the lists (the gates of restricted records and team-and-region), for one service or all.
   */
  async counts(
    actor: Actor,
    direction: ReferralDirection,
    serviceCode?: string | null,
  ): Promise<{ state: ReferralState; count: number }[]> {
    if (!this.access.holds(actor, Permission.REFERRAL_READ)) return [];
    const side = direction === ReferralDirection.RECEIVED ? 'to_organisation_id' : 'from_organisation_id';
    const rows: { state: ReferralState; count: string }[] = await this.listQuery(actor, side, serviceCode ?? null)
      .select('r.state', 'state')
      .addSelect('count(*)', 'count')
      .groupBy('r.state')
      .getRawMany();
    const by = new Map(rows.map((r) => [r.state, Number(r.count)]));
    return Object.values(ReferralState)
      .filter((s) => side === 'from_organisation_id' || s !== ReferralState.DRAFT)
      .map((state) => ({ state, count: by.get(state) ?? 0 }));
  }

  /**
   * Before sending: what the receiver would be able to see of the person once it works with them (the
   * access policy's answer for an organisation of its kind, related to the person, with the consents
   * and agreements in force for it), which of those the sender may share, what the referral would be
   * sent on, and whether the receiver already works with the person.
   */
  async preview(
    actor: Actor,
    personId: string,
    toOrganisationId: string,
    sharing: readonly DataCategory[] = [],
  ): Promise<ReferralPreviewFacts> {
    const { personId: id, facts } = await this.persons.requireAccess(actor, personId);
    this.access.require(actor, Permission.REFERRAL_MAKE);
    if (toOrganisationId === actor.organisationId)
      throw new ValidationError([{ field: 'toOrganisationId', messages: ['cannot refer to your own organisation'] }]);
    const receiver = (await this.organisations.byIds([toOrganisationId]))[0];
    if (!receiver?.active) throw new ValidationError([{ field: 'toOrganisationId', messages: ['no such active organisation'] }]);
    const [consented, agreed] = await Promise.all([
      this.lawful.consentedCategories(receiver, [id]),
      this.lawful.agreedCategories(receiver),
    ]);
    // The policy itself decides (libs/access): the receiver as a related organisation of its kind, not the lead.
    const receiverSees = this.access.readable(systemActor(receiver, 'referral-preview'), {
      related: true,
      lead: false,
      consented: consented.get(id) ?? new Set(),
      agreed,
    });
    const readable = this.access.readable(actor, facts);
    const mayShare = [...receiverSees].filter((c) => c !== DataCategory.IDENTITY && readable.has(c));
    const [found, involved, open] = await Promise.all([
      this.basisFor(this.db.manager, { id: actor.organisationId, kind: actor.organisationKind }, receiver, id, [
        ...new Set([DataCategory.IDENTITY, ...sharing]),
      ]),
      this.records.involvementInForce(id, receiver.id),
      this.db.query(
        `SELECT count(*)::int AS n FROM referral r WHERE r.person_id = ANY(${recordIdsSql('$1::uuid')}) AND r.from_organisation_id = $2
            AND r.to_organisation_id = $3 AND r.state = ANY($4::text[])`,
        [id, actor.organisationId, receiver.id, OPEN_STATES],
      ) as Promise<{ n: number }[]>,
    ]);
    return {
      receiverName: receiver.name,
      receiverSees: [...receiverSees].sort(),
      youMayShare: mayShare.sort(),
      basis: (found?.basis as ReferralBasis | undefined) ?? null,
      basisId: found?.id ?? null,
      alreadyWorksWith: !!involved,
      worksWithSince: involved?.startedAt ?? null,
      worksWithAs: involved?.role ?? null,
      openReferralsFromYou: open[0]?.n ?? 0,
    };
  }

  /** The sentence a completion records as its step's reason (the outcome and the note). */
  private outcomeWords(r: Referral): string {
    const outcome = r.outcome ? OUTCOME_WORDS[r.outcome] : '';
    return r.outcomeNote ? `${outcome}: ${r.outcomeNote}` : outcome;
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
