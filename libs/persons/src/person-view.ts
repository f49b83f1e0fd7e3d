import type { DataCategory, PersonFacts } from '@hub/access';
import type { Person } from './person.entity.js';
import type { PersonIdentifier } from './person-identifier.entity.js';
import { PERSON_FIELD_CATEGORIES, PERSON_FIELDS } from './person-vocabulary.js';
import { PersonModel } from './person.model.js';

/** Builds what the caller may see of a person: every field of a category it may not read is null and named as withheld. */
export function personView(
  person: Person,
  identifiers: PersonIdentifier[],
  readable: Set<DataCategory>,
  recordIds: string[],
  facts: PersonFacts,
): PersonModel {
  const model = new PersonModel();
  model.id = person.id;
  model.version = person.version;
  model.readable = readable;
  model.readableCategories = [...readable].sort();
  model.recordIds = recordIds;
  model.facts = facts;
  model.withheldFields = [];
  const values: Record<string, unknown> = {
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth,
    region: person.region,
    releaseDate: person.releaseDate,
    identifiers: identifiers.map((i) => ({ scheme: i.scheme, value: i.value })),
    offenceSummary: person.offenceSummary,
    ogrsScore: person.ogrsScore,
    riskLevel: person.riskLevel,
    healthNotes: person.healthNotes,
    stage: person.stage,
  };
  for (const field of PERSON_FIELDS) {
    const allowed = readable.has(PERSON_FIELD_CATEGORIES[field]);
    (model as unknown as Record<string, unknown>)[field] = allowed ? values[field] : null;
    if (!allowed) model.withheldFields.push(field);
  }
  return model;
}
