import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, type ConsentReach, consentReach, DataCategory, Permission } from '@hub/access';
import { type Actor, asNotFound, ForbiddenError, HubError, ErrorCode, NotFoundError, OrganisationKind, ValidationError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { actorRef, PersonsService } from '@hub/persons';
import { Consent } from './consent.entity.js';
import { ConsentPurpose, ConsentStatus, PURPOSE_CATEGORIES } from './consent-vocabulary.js';
import type { ConsentModel, SharingAgreementModel } from './consent.model.js';
import type {
  CreateSharingAgreementInput,
  EndSharingAgreementInput,
  GrantConsentInput,
  WithdrawConsentInput,
} from './grant-consent.input.js';
import { SharingAgreement } from './sharing-agreement.entity.js';
import { entityColumns, hydrate, limitPerParent, namedQuery } from '@hub/database';

/** Why a consent opens nothing to its recipient, in a caseworker's words. */
function neverOpensMessage(kind: OrganisationKind, reach: ConsentReach): string {
  const who = kind.replace(/_/g, ' ');
  const shut = (reason: string) =>
    reach.closed
      .filter((c) => c.reason === reason)
      .map((c) => (c.category === DataCategory.ETE ? 'education and training' : c.category.replace(/_/g, ' ')))
      .join(' and ');
  const kindShut = shut('ORGANISATION_KIND');
  return kindShut
    ? `would open nothing: an organisation of kind ${who} is never shown ${kindShut} data, whatever the consent`
    : `would open nothing: the organisation does not work in this area of support, so a consent for it counts for none of its requests`;
}

export function consentView(c: Consent, now = new Date()): ConsentModel {
  const status = c.withdrawnAt
    ? ConsentStatus.WITHDRAWN
    : c.expiresAt && c.expiresAt <= now
      ? ConsentStatus.EXPIRED
      : ConsentStatus.IN_FORCE;
  return { ...c, categories: c.categories as DataCategory[], organisationKind: c.organisationKind as OrganisationKind | null, status };
}

export function agreementView(a: SharingAgreement, now = new Date()): SharingAgreementModel {
  return {
    ...a,
    partyKinds: a.partyKinds as OrganisationKind[],
    purposes: a.purposes as SharingAgreementModel['purposes'],
    categories: a.categories as DataCategory[],
    inForce: a.validFrom <= now && (!a.validTo || a.validTo > now),
  };
}

@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly organisations: OrganisationsService,
  ) {}

  /**
   * The consents of a person the actor may know of: those given to its organisation or kind,
   * those it recorded, and all of them for the lead organisation. (A consent naming, say, a mental
   * health charity says something about the person, so it is not shown to everyone involved.)
   */
  async forPerson(actor: Actor, personId: string): Promise<ConsentModel[]> {
    const { recordIds, facts } = await this.persons.requireAccess(actor, personId);
    const qb = this.db.getRepository(Consent).createQueryBuilder('c').where('c.person_id = ANY(:ids)', { ids: recordIds });
    if (!facts.lead) {
      qb.andWhere('(c.organisation_id = :org OR c.organisation_kind = :kind OR c.recorded_by_organisation_id = :org)', {
        org: actor.organisationId,
        kind: actor.organisationKind,
      });
    }
    return (await qb.orderBy('c.given_at', 'DESC').getMany()).map((c) => consentView(c));
  }

  /** For many people in one statement (DataLoader); `people` were returned by PersonsService for this actor. */
  async forPeople(
    actor: Actor,
    people: readonly { id: string; recordIds: string[]; facts: { lead: boolean } }[],
    limit: number,
  ): Promise<ConsentModel[][]> {
    const all = people.flatMap((p) => p.recordIds);
    const lead = people.filter((p) => p.facts.lead).flatMap((p) => p.recordIds);
    const rows = (
      await namedQuery(
        this.db,
        limitPerParent(
          `SELECT ${entityColumns(this.db, Consent, 'c', 'c_')} FROM consent c
            WHERE c.person_id = ANY(CAST(:all AS uuid[]))
              AND (c.person_id = ANY(CAST(:lead AS uuid[])) OR c.organisation_id = CAST(:org AS uuid) OR c.organisation_kind = :kind OR c.recorded_by_organisation_id = CAST(:org AS uuid))`,
          'c_person_id',
          [
            ['c_given_at', 'DESC'],
            ['c_id', 'DESC'],
          ],
          limit,
        ),
        { all, lead, org: actor.organisationId, kind: actor.organisationKind },
      )
    ).map((r) => hydrate(this.db, Consent, r, 'c_'));
    return people.map((p) => rows.filter((c) => p.recordIds.includes(c.personId)).map((c) => consentView(c)));
  }

  /** Recorded by a caseworker of an organisation working with the person, with the person present. */
  /** Each purpose with the categories a consent for it covers by default (PURPOSE_CATEGORIES), for clients to explain. */
  purposes(): { purpose: ConsentPurpose; categories: DataCategory[] }[] {
    return (Object.entries(PURPOSE_CATEGORIES) as [ConsentPurpose, DataCategory[]][]).map(([purpose, categories]) => ({
      purpose,
      categories: [...categories],
    }));
  }

  async grant(actor: Actor, input: GrantConsentInput, within?: { manager: EntityManager; givenAt?: Date }): Promise<ConsentModel> {
    const { personId, facts } = await this.persons.requireAccess(actor, input.personId, within?.manager);
    if (!this.access.decide(actor, 'write', DataCategory.IDENTITY, facts).allowed)
      throw new ForbiddenError('Your role cannot record consent');
    if (!!input.organisationId === !!input.organisationKind) {
      throw new ValidationError([{ field: 'organisationId', messages: ['give exactly one of organisationId or organisationKind'] }]);
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) throw new ValidationError([{ field: 'expiresAt', messages: ['must be in the future'] }]);
    const categories = [...new Set(input.categories ?? PURPOSE_CATEGORIES[input.purpose])];
    if (input.purpose === ConsentPurpose.REFERRAL && categories.some((c) => c !== DataCategory.IDENTITY)) {
      throw new ValidationError([
        {
          field: 'categories',
          messages: ['a consent to be referred covers identity only (record the sharing of other data under its purpose)'],
        },
      ]);
    }
    const givenAt = within?.givenAt ?? new Date();
    if (givenAt > new Date()) throw new ValidationError([{ field: 'givenAt', messages: ['must not be in the future'] }]);
    return this.inTransaction(within?.manager, async (m) => {
      const [organisation] = input.organisationId ? await this.organisations.byIds([input.organisationId], m) : [];
      if (input.organisationId && !organisation) {
        throw new ValidationError([{ field: 'organisationId', messages: ['no such organisation'] }]);
      }
      // A consent that could never open anything to its recipient is refused, saying why (the policy's reasons, as explainAccess gives them).
      const recipient = organisation ?? { kind: input.organisationKind!, supportAreas: null };
      const reach = consentReach(recipient, input.purpose, categories);
      if (!reach.opens.length) {
        throw new HubError(ErrorCode.BadUserInput, 'This consent would never take effect', {
          fields: [
            { field: input.organisationId ? 'organisationId' : 'organisationKind', messages: [neverOpensMessage(recipient.kind, reach)] },
          ],
          closed: reach.closed.map((c) => ({ category: c.category.toUpperCase(), reason: c.reason })),
        });
      }
      const consent = await m.save(
        m.create(Consent, {
          personId,
          purpose: input.purpose,
          categories,
          organisationId: input.organisationId ?? null,
          organisationKind: input.organisationKind ?? null,
          method: input.method,
          evidenceNote: input.evidenceNote ?? null,
          givenAt,
          expiresAt,
          recordedByOrganisationId: actor.organisationId,
          recordedBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'consent.granted',
        aggregateType: 'consent',
        aggregateId: consent.id,
        personId,
        payload: {
          purpose: consent.purpose,
          categories,
          organisationId: consent.organisationId,
          organisationKind: consent.organisationKind,
        },
      });
      return consentView(consent);
    });
  }

  /** Takes effect on the very next request: nothing caches consent. */
  async withdraw(actor: Actor, input: WithdrawConsentInput, manager?: EntityManager): Promise<ConsentModel> {
    return this.inTransaction(manager, async (m) => {
      const consent = await m.findOne(Consent, { where: { id: input.consentId }, lock: { mode: 'pessimistic_write' } });
      if (!consent) throw new NotFoundError('Consent');
      const { facts } = await asNotFound('Consent', () => this.persons.requireAccess(actor, consent.personId, m));
      const mayKnow =
        facts.lead ||
        consent.organisationId === actor.organisationId ||
        consent.organisationKind === actor.organisationKind ||
        consent.recordedByOrganisationId === actor.organisationId;
      if (!mayKnow) throw new NotFoundError('Consent');
      if (!this.access.decide(actor, 'write', DataCategory.IDENTITY, facts).allowed)
        throw new ForbiddenError('Your role cannot record a withdrawal');
      if (consent.withdrawnAt) throw new HubError(ErrorCode.InvalidState, 'This consent was already withdrawn');
      consent.withdrawnAt = new Date();
      consent.withdrawnReason = input.reason;
      const saved = await m.save(consent);
      await this.outbox.emit(m, actor, {
        type: 'consent.withdrawn',
        aggregateType: 'consent',
        aggregateId: consent.id,
        personId: consent.personId,
        payload: { purpose: consent.purpose },
      });
      return consentView(saved);
    });
  }

  /** A consent the actor's organisation recorded (a sync's own), for comparing with the external record; NOT_FOUND otherwise. */
  async recordedBy(m: EntityManager, actor: Actor, consentId: string): Promise<ConsentModel> {
    const consent = await m.findOneBy(Consent, { id: consentId, recordedByOrganisationId: actor.organisationId });
    if (!consent) throw new NotFoundError('Consent');
    await asNotFound('Consent', () => this.persons.requireAccess(actor, consent.personId, m));
    return consentView(consent);
  }

  /** The caller's transaction (a sync batch's savepoint), or a new one. */
  private inTransaction<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.db.transaction(work);
  }

  async agreements(limit?: number): Promise<SharingAgreementModel[]> {
    return (await this.db.getRepository(SharingAgreement).find({ order: { name: 'ASC', id: 'ASC' }, take: limit })).map((a) =>
      agreementView(a),
    );
  }

  /** Hub admins and data protection officers record agreements. */
  async createAgreement(actor: Actor | null, input: CreateSharingAgreementInput): Promise<SharingAgreementModel> {
    if (actor) this.access.require(actor, Permission.SHARING_AGREEMENT_CREATE);
    if (input.partyOrganisationIds.length + input.partyKinds.length === 0) {
      throw new ValidationError([{ field: 'partyOrganisationIds', messages: ['name at least one party (an organisation or a kind)'] }]);
    }
    const validFrom = new Date(input.validFrom);
    const validTo = input.validTo ? new Date(input.validTo) : null;
    if (validTo && validTo <= validFrom) throw new ValidationError([{ field: 'validTo', messages: ['must be after validFrom'] }]);
    return this.db.transaction(async (m) => {
      const known = await this.organisations.byIds(input.partyOrganisationIds, m);
      if (known.length !== new Set(input.partyOrganisationIds).size)
        throw new ValidationError([{ field: 'partyOrganisationIds', messages: ['names an unknown organisation'] }]);
      const agreement = await m.save(
        m.create(SharingAgreement, {
          name: input.name.trim(),
          partyOrganisationIds: [...new Set(input.partyOrganisationIds)],
          partyKinds: [...new Set(input.partyKinds)],
          purposes: [...new Set(input.purposes)],
          categories: [...new Set(input.categories)],
          lawfulBasis: input.lawfulBasis,
          statutoryReference: input.statutoryReference ?? null,
          validFrom,
          validTo,
          createdBy: actor ? actorRef(actor) : 'system',
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'sharing_agreement.created',
        aggregateType: 'sharing_agreement',
        aggregateId: agreement.id,
        payload: { categories: agreement.categories, lawfulBasis: agreement.lawfulBasis },
      });
      return agreementView(agreement);
    });
  }

  /**
   * Ends an agreement (now, or at a later time): from then on it is no lawful basis for any read, and
   * every request after the end decides without it. Hub admins, and the data protection officers of
   * an organisation party to it (named, or of a kind it names), as a party may withdraw.
   */
  async endAgreement(actor: Actor, input: EndSharingAgreementInput): Promise<SharingAgreementModel> {
    this.access.require(actor, Permission.SHARING_AGREEMENT_END);
    return this.db.transaction(async (m) => {
      const agreement = await m.findOne(SharingAgreement, { where: { id: input.agreementId }, lock: { mode: 'pessimistic_write' } });
      if (!agreement) throw new NotFoundError('Sharing agreement');
      this.access.require(actor, Permission.SHARING_AGREEMENT_END, {
        parties: { organisationIds: agreement.partyOrganisationIds, kinds: agreement.partyKinds },
      });
      const now = new Date();
      if (agreement.validTo && agreement.validTo <= now) throw new HubError(ErrorCode.InvalidState, 'This agreement has already ended');
      const endsAt = input.endsAt ? new Date(input.endsAt) : now;
      if (endsAt <= agreement.validFrom)
        throw new ValidationError([{ field: 'endsAt', messages: ['must be after the agreement came into force'] }]);
      if (agreement.validTo && endsAt >= agreement.validTo)
        throw new ValidationError([{ field: 'endsAt', messages: ['must be before the end it already has'] }]);
      const previous = agreement.validTo;
      agreement.validTo = endsAt;
      agreement.endedReason = input.reason.trim();
      agreement.endedBy = actorRef(actor);
      const saved = await m.save(agreement);
      await this.outbox.emit(m, actor, {
        type: 'sharing_agreement.ended',
        aggregateType: 'sharing_agreement',
        aggregateId: agreement.id,
        payload: { endsAt: endsAt.toISOString(), categories: agreement.categories },
        changes: { validTo: { old: previous, new: endsAt }, endedReason: { old: null, new: agreement.endedReason } },
      });
      return agreementView(saved);
    });
  }
}
