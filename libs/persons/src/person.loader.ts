import DataLoader from 'dataloader';
import { type Actor, audit, type HubContext, requestLoader } from '@hub/common';
import type { PersonModel } from './person.model.js';
import { PERSON_FIELD_CATEGORIES, PERSON_FIELDS } from './person-vocabulary.js';
import type { PersonsService } from './persons.service.js';

/** Reports withheld fields in the response, and records each person read in the request's audit. */
export function reportRead(ctx: HubContext, people: (PersonModel | null)[]): void {
  for (const p of people) {
    if (!p) continue;
    for (const f of p.withheldFields) ctx.withheld?.add(`Person.${f}`);
    const withheld = new Set(p.withheldFields);
    const returned = PERSON_FIELDS.filter((f) => !withheld.has(f));
    audit(ctx, {
      action: 'read',
      personId: p.id,
      categories: new Set(returned.map((f) => PERSON_FIELD_CATEGORIES[f])),
      fields: returned.map((f) => `Person.${f}`),
      withheld: p.withheldFields.map((f) => `Person.${f}`),
      breakGlass: p.breakGlass,
    });
  }
}

/** People by id for fields of other types (a referral's person): null where not visible; every one returned is audited. */
export function personLoader(ctx: HubContext, actor: Actor, persons: PersonsService): DataLoader<string, PersonModel | null> {
  return requestLoader(
    ctx,
    'person',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const people = await persons.getMany(actor, ids);
        reportRead(ctx, people);
        return people;
      }),
  );
}
