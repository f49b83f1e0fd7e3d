import DataLoader from 'dataloader';
import { type Actor, type HubContext, requestLoader } from '@hub/common';
import type { PersonChangeModel } from './person-history.model.js';
import type { PersonRecordsService } from './person-records.service.js';
import type { InvolvementModel, PersonModel } from './person.model.js';

/** Loaders keyed by the person objects of this request (already access-checked), batched per field. */
export function historyLoader(ctx: HubContext, actor: Actor, records: PersonRecordsService): DataLoader<PersonModel, PersonChangeModel[], string> {
  return requestLoader(ctx, 'person.history', () => new DataLoader((people: readonly PersonModel[]) => records.historyForPeople(actor, people), { cacheKeyFn: (p) => p.id }));
}

export function involvementsLoader(ctx: HubContext, records: PersonRecordsService): DataLoader<PersonModel, InvolvementModel[], string> {
  return requestLoader(ctx, 'person.involvements', () => new DataLoader((people: readonly PersonModel[]) => records.involvementsForPeople(people), { cacheKeyFn: (p) => p.id }));
}
