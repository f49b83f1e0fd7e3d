import fc from 'fast-check';
import { DATA_CATEGORIES, DataCategory, decide, type PersonFacts, readableCategories } from '@hub/access';
import { type Actor, OrganisationKind, Role, Scope } from '@hub/common';
import { EVENT_PAYLOADS, eventCategory, maskEventFor } from '@hub/events';
import type { Person } from './person.entity.js';
import { personView } from './person-view.js';
import { PERSON_FIELD_CATEGORIES, ProgressionStage, RiskLevel } from './person-vocabulary.js';

/**
 * Worlds: organisations of any kind, their involvements with one person (active, ended, none), open
 * referrals, consents (to an organisation or a kind; in force, withdrawn or expired), agreements (in
 * force or ended), the actor's roles or scopes and a break-glass grant. The facts of the actor's
 * organisation are derived from the world as the hub's SQL derives them (libs/persons, libs/consent).
 */
interface World {
  orgs: { id: string; kind: OrganisationKind }[];
  involvements: { org: number; state: 'active' | 'ended'; lead: boolean }[];
  referralTo: number[];
  consents: { toOrg: number | null; toKind: OrganisationKind; categories: DataCategory[]; state: 'in_force' | 'withdrawn' | 'expired' }[];
  agreements: { parties: number[]; kinds: OrganisationKind[]; categories: DataCategory[]; inForce: boolean }[];
  actor: { user: boolean; roles: Role[]; scopes: Scope[]; breakGlass: boolean };
}

const KINDS = Object.values(OrganisationKind);
const kind = fc.constantFrom(...KINDS);
const categories = fc.subarray(DATA_CATEGORIES);
const world: fc.Arbitrary<World> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    orgs: fc.array(kind, { minLength: n, maxLength: n }).map((ks) => ks.map((k, i) => ({ id: `org-${i}`, kind: k }))),
    involvements: fc.array(
      fc.record({ org: fc.nat(n - 1), state: fc.constantFrom('active' as const, 'ended' as const), lead: fc.boolean() }),
      { maxLength: 4 },
    ),
    referralTo: fc.array(fc.nat(n - 1), { maxLength: 2 }),
    consents: fc.array(
      fc.record({
        toOrg: fc.option(fc.nat(n - 1)),
        toKind: kind,
        categories,
        state: fc.constantFrom('in_force' as const, 'withdrawn' as const, 'expired' as const),
      }),
      { maxLength: 3 },
    ),
    agreements: fc.array(
      fc.record({
        parties: fc.subarray([...Array(n).keys()]),
        kinds: fc.subarray(KINDS, { maxLength: 2 }),
        categories,
        inForce: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    actor: fc.record({
      user: fc.boolean(),
      roles: fc.subarray(Object.values(Role), { minLength: 1, maxLength: 2 }),
      scopes: fc.subarray(Object.values(Scope), { maxLength: 2 }),
      breakGlass: fc.boolean(),
    }),
  }),
);

function actorOf(w: World): Actor {
  const org = w.orgs[0];
  return {
    kind: w.actor.user ? 'user' : 'client',
    id: 'actor',
    displayName: 'actor',
    organisationId: org.id,
    organisationKind: org.kind,
    organisationRegions: [],
    roles: w.actor.user ? w.actor.roles : [],
    scopes: w.actor.user ? [] : w.actor.scopes,
    purpose: 'casework',
    requestId: 'test',
  };
}

function factsOf(w: World): PersonFacts {
  const me = 0;
  const kindOf = (i: number) => w.orgs[i].kind;
  const active = w.involvements.filter((i) => i.org === me && i.state === 'active');
  const consented = new Set(
    w.consents
      .filter((c) => c.state === 'in_force' && (c.toOrg === null ? c.toKind === kindOf(me) : c.toOrg === me))
      .flatMap((c) => c.categories),
  );
  const agreed = new Set(
    w.agreements.filter((a) => a.inForce && (a.parties.includes(me) || a.kinds.includes(kindOf(me)))).flatMap((a) => a.categories),
  );
  return {
    related: active.length > 0 || w.referralTo.includes(me),
    lead: active.some((i) => i.lead),
    consented,
    agreed,
    breakGlass: w.actor.user && w.actor.breakGlass,
  };
}

const person = fc.record({
  region: fc.option(fc.constantFrom('north_west', 'wales')),
  releaseDate: fc.option(fc.constant('2026-05-01')),
  stage: fc.option(fc.constantFrom(...Object.values(ProgressionStage))),
  previousStage: fc.option(fc.constantFrom(...Object.values(ProgressionStage))),
  riskLevel: fc.option(fc.constantFrom(...Object.values(RiskLevel))),
  healthNotes: fc.option(fc.constant('notes')),
});

/** The events the persons lib emits about a record, with the values the record holds. */
interface PersonValues {
  region: string | null;
  releaseDate: string | null;
  stage: ProgressionStage | null;
  previousStage: ProgressionStage | null;
}
function personEvents(
  p: PersonValues,
): { type: string; payload: Record<string, unknown>; fields: Record<string, keyof typeof PERSON_FIELD_CATEGORIES> }[] {
  return [
    { type: 'person.stage_changed', payload: { from: p.previousStage, to: p.stage }, fields: { from: 'stage', to: 'stage' } },
    {
      type: 'person.created',
      payload: { region: p.region, releaseDate: p.releaseDate },
      fields: { region: 'region', releaseDate: 'releaseDate' },
    },
    { type: 'person.release_date_set', payload: { releaseDate: p.releaseDate }, fields: { releaseDate: 'releaseDate' } },
  ];
}

const runs = { numRuns: 400 };

describe('event payloads and the person page: one decision', () => {
  it('no event carries a value of a person field the person page withholds from the same actor, and withholds none it shows', () => {
    fc.assert(
      fc.property(world, person, fc.boolean(), (w, p, writtenByActor) => {
        const actor = actorOf(w);
        const facts = factsOf(w);
        const record = {
          id: 'p1',
          version: 1,
          givenName: 'A',
          familyName: 'B',
          dateOfBirth: '1990-01-01',
          offenceSummary: null,
          ogrsScore: null,
          ...p,
        } as unknown as Person;
        const view = personView(record, [], readableCategories(actor, facts), ['p1'], facts);
        for (const e of personEvents(p)) {
          const masked = maskEventFor(actor, facts, { ...e, organisationId: writtenByActor ? actor.organisationId : 'org-other' });
          for (const [field, personField] of Object.entries(e.fields)) {
            expect({ event: e.type, field, withheld: masked.withheld.includes(field) }).toEqual({
              event: e.type,
              field,
              withheld: view.withheldFields.includes(personField),
            });
            if (view.withheldFields.includes(personField)) expect(masked.payload[field]).toBeNull();
          }
        }
      }),
      runs,
    );
  });

  it('every declared field of every event type goes out exactly when the policy lets the actor read it', () => {
    const types = Object.keys(EVENT_PAYLOADS);
    fc.assert(
      fc.property(
        world,
        fc.constantFrom(...types),
        fc.constantFrom(...DATA_CATEGORIES),
        fc.boolean(),
        fc.boolean(),
        (w, type, rowCategory, writtenByActor, partyToIt) => {
          const actor = actorOf(w);
          const facts = factsOf(w);
          const schema = EVENT_PAYLOADS[type];
          const payload: Record<string, unknown> = Object.fromEntries(Object.keys(schema).map((f) => [f, `value-of-${f}`]));
          if ('dataCategory' in schema) payload.dataCategory = rowCategory;
          if ('parties' in schema) payload.parties = partyToIt ? ['org-other', actor.organisationId] : ['org-other'];
          payload.undeclared = 'secret';
          const writer = writtenByActor ? actor.organisationId : 'org-other';
          const masked = maskEventFor(actor, facts, { type, payload, organisationId: writer });
          const readable = readableCategories(actor, facts);
          expect(masked.payload).not.toHaveProperty('undeclared');
          expect(masked.withheld).toContain('undeclared');
          for (const [field, kind] of Object.entries(schema)) {
            const shown =
              kind === 'meta'
                ? true
                : kind === 'event'
                  ? decide(actor, 'read', eventCategory(payload) as DataCategory, facts, writer).allowed
                  : kind === 'party'
                    ? // a party only where the event names its parties (else its party fields are the writer's alone)
                      writtenByActor || (partyToIt && 'parties' in schema)
                    : kind === 'consent'
                      ? readable.has(DataCategory.IDENTITY) && (facts.lead || writtenByActor)
                      : readable.has(kind);
            expect({ type, field, value: masked.payload[field] }).toEqual({ type, field, value: shown ? payload[field] : null });
          }
        },
      ),
      runs,
    );
  });

  it('the stage of a stage change is withheld from an organisation that may not read ETE data, as on the person page', () => {
    const housing: Actor = {
      ...actorOf({
        orgs: [{ id: 'h', kind: OrganisationKind.CHARITY }],
        involvements: [],
        referralTo: [],
        consents: [],
        agreements: [],
        actor: { user: true, roles: [Role.CASEWORKER], scopes: [], breakGlass: false },
      }),
    };
    const facts: PersonFacts = { related: true, lead: false, consented: new Set([DataCategory.ACCOMMODATION]), agreed: new Set() };
    const masked = maskEventFor(housing, facts, {
      type: 'person.stage_changed',
      payload: { from: 'taking_steps', to: 'ready_for_interview' },
      organisationId: 'probation',
    });
    expect(masked).toEqual({ payload: { from: null, to: null }, withheld: ['from', 'to'] });
  });
});
