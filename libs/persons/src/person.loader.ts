import DataLoader from 'dataloader';
import { type Actor, type HubContext, requestLoader } from '@hub/common';
import type { PersonModel } from './person.model.js';
import type { PersonsService } from './persons.service.js';

export function personLoader(ctx: HubContext, actor: Actor, persons: PersonsService): DataLoader<string, PersonModel | null> {
  return requestLoader(ctx, 'person', () => new DataLoader((ids: readonly string[]) => persons.getMany(actor, ids)));
}
