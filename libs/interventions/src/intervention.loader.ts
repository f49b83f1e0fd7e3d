import DataLoader from 'dataloader';
import type { DataCategory } from '@hub/access';
import { type Actor, byKeys, type HubContext, requestLoader } from '@hub/common';
import type { PersonModel } from '@hub/persons';
import type { InterventionConnection } from './intervention.model.js';
import type { JobSustainment } from './job-sustainment.entity.js';
import type { SustainmentsService } from './sustainments.service.js';
import type { InterventionType } from './intervention-type.entity.js';
import type { InterventionRevision } from './intervention.entity.js';
import type { InterventionsService } from './interventions.service.js';

export function interventionTypeLoader(ctx: HubContext, service: InterventionsService): DataLoader<string, InterventionType | null> {
  return requestLoader(
    ctx,
    'interventionType',
    () => new DataLoader(async (codes: readonly string[]) => byKeys(codes, await service.typesByCode(codes), (t) => t.code)),
  );
}

/** A person's interventions for every person of the page in one statement (one loader per argument set). */
export function personInterventionsLoader(
  ctx: HubContext,
  actor: Actor,
  service: InterventionsService,
  args: { first?: number | null; category?: DataCategory | null },
): DataLoader<PersonModel, InterventionConnection, string> {
  return requestLoader(
    ctx,
    `person.interventions:${args.first ?? ''}:${args.category ?? ''}`,
    () => new DataLoader((people: readonly PersonModel[]) => service.listForPeople(actor, people, args), { cacheKeyFn: (p) => p.id }),
  );
}

/** At most `limit` windows of each person of the request, in one statement. */
export function personSustainmentsLoader(
  ctx: HubContext,
  actor: Actor,
  service: SustainmentsService,
  limit: number,
): DataLoader<PersonModel, JobSustainment[], string> {
  return requestLoader(
    ctx,
    'person.sustainments',
    () => new DataLoader((people: readonly PersonModel[]) => service.forPeople(actor, people, limit), { cacheKeyFn: (p) => p.id }),
  );
}

/** The earlier versions of every intervention of the request, in one statement. */
export function interventionRevisionsLoader(ctx: HubContext, service: InterventionsService): DataLoader<string, InterventionRevision[]> {
  return requestLoader(
    ctx,
    'intervention.history',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const found = await service.revisionsOf(ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
  );
}
