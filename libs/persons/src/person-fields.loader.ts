import DataLoader from 'dataloader';
import { type Actor, type CountedConnection, type HubContext, requestLoader } from '@hub/common';
import type { PageArgs } from '@hub/database';
import type { PersonChangeModel } from './person-history.model.js';
import type { PersonRecordsService } from './person-records.service.js';
import type { InvolvementModel, PersonModel } from './person.model.js';

/** Loaders keyed by the person objects of this request (already access-checked), batched per field. */
/** One page of the history of every person of the request in two statements (one loader per page asked for). */
export function historyLoader(
  ctx: HubContext,
  actor: Actor,
  records: PersonRecordsService,
  args: PageArgs,
): DataLoader<PersonModel, CountedConnection<PersonChangeModel>, string> {
  return requestLoader(
    ctx,
    `person.history:${args.first ?? ''}:${args.after ?? ''}`,
    () => new DataLoader((people: readonly PersonModel[]) => records.historyForPeople(actor, people, args), { cacheKeyFn: (p) => p.id }),
  );
}

export function involvementsLoader(
  ctx: HubContext,
  records: PersonRecordsService,
  limit: number,
): DataLoader<PersonModel, InvolvementModel[], string> {
  return requestLoader(
    ctx,
    'person.involvements',
    () => new DataLoader((people: readonly PersonModel[]) => records.involvementsForPeople(people, limit), { cacheKeyFn: (p) => p.id }),
  );
}
