import { Injectable } from '@nestjs/common';
import { AccessService, DataCategory, type Decision, NO_FACTS, type PersonFacts } from '@hub/access';
import { type Actor, HubError, ErrorCode, ValidationError } from '@hub/common';
import { PERSON_FIELD_CATEGORIES, type PersonField, PersonsService } from '@hub/persons';

export interface AccessExplanation {
  category: DataCategory;
  field: string | null;
  allowed: boolean;
  reason: Decision['reason'];
  basis: string | null;
  explanation: string;
}

const label = (c: DataCategory) => c.replace(/_/g, ' ');

function explain(decision: Decision, category: DataCategory): string {
  switch (decision.reason) {
    case 'OWN_DATA':
      return 'Your organisation wrote this data; it always sees what it wrote.';
    case 'RELATIONSHIP':
      return category === DataCategory.IDENTITY
        ? 'Your organisation works with this person (an active involvement or open referral); identity data needs only that.'
        : 'Your organisation works with this person; recording your own work needs only that.';
    case 'RELATIONSHIP_AND_LAWFUL_BASIS':
      return decision.basis === 'consent'
        ? `Your organisation works with this person, and the person's consent in force covers ${label(category)} data for your organisation or its kind.`
        : `Your organisation works with this person, and an information sharing agreement in force covers ${label(category)} data for your organisation or its kind.`;
    case 'BREAK_GLASS':
      return 'You hold a break-glass grant in force on this record; every access is flagged for review.';
    case 'ROLE':
      return 'Your role (or your API client scopes) gives no access to person data for this action.';
    case 'ORGANISATION_KIND':
      return `Organisations of your kind never see ${label(category)} data, whatever the consent.`;
    case 'NO_RELATIONSHIP':
      return 'Your organisation has no active involvement with, or open referral for, a record with this id that you may see.';
    case 'PURPOSE_NOT_COVERED':
      return `A consent or information sharing agreement in force covers ${label(category)} data for your organisation, but not for the purpose of this request (a basis is given for areas of support; state a purpose it covers, or ask for one that covers yours).`;
    case 'NOT_IN_YOUR_TEAM_OR_REGION':
      return 'Your organisation works with this person, but shows its caseworkers only the people allocated to them or their teams, or living in their regions: this person is none of these for you.';
    case 'RESTRICTED':
      return 'You may not open this record.';
    case 'NO_LAWFUL_BASIS':
      return `No consent in force and no information sharing agreement in force covers ${label(category)} data for your organisation (consent may never have been given, been withdrawn or expired).`;
  }
}

/** Why the actor can or cannot see a category of a person's data, in the policy's terms, without revealing hidden data. */
@Injectable()
export class ExplainService {
  constructor(
    private readonly access: AccessService,
    private readonly persons: PersonsService,
  ) {}

  async explain(
    actor: Actor,
    personId: string,
    args: { category?: DataCategory | null; field?: string | null; write?: boolean | null },
  ): Promise<AccessExplanation> {
    let category = args.category ?? null;
    const field = args.field ?? null;
    if (field) {
      const fromField = PERSON_FIELD_CATEGORIES[field as PersonField];
      if (!fromField)
        throw new ValidationError([
          { field: 'field', messages: [`not a person field; fields are ${Object.keys(PERSON_FIELD_CATEGORIES).join(', ')}`] },
        ]);
      if (category && category !== fromField)
        throw new ValidationError([{ field: 'category', messages: [`${field} belongs to ${fromField}`] }]);
      category = fromField;
    }
    if (!category) throw new ValidationError([{ field: 'category', messages: ['give a category or a field'] }]);
    // A person the actor may not know of is explained from actor-level facts only: the same answer as for no person at all.
    let facts: PersonFacts = NO_FACTS;
    try {
      facts = (await this.persons.requireAccess(actor, personId)).facts;
    } catch (err) {
      if (!(err instanceof HubError && err.code === ErrorCode.NotFound)) throw err;
      // One exception: a person the organisation works with, hidden from this user by its team-and-region rule
      // only, is explained as such (the organisation knows the person; a restriction or exclusion never is).
      const raw = await this.access.factsFor(actor, personId);
      const gate = this.access.decide(actor, 'read', DataCategory.IDENTITY, raw);
      if (gate.reason === 'NOT_IN_YOUR_TEAM_OR_REGION') facts = raw;
    }
    // Writing here means changing the person's record: the very decision updatePerson enforces.
    const decision = args.write
      ? this.access.decideFieldChange(actor, category, facts)
      : this.access.decide(actor, 'read', category, facts);
    return {
      category,
      field,
      allowed: decision.allowed,
      reason: decision.reason,
      basis: decision.basis ?? null,
      explanation: explain(decision, category),
    };
  }
}
