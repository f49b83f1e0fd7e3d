import DataLoader from 'dataloader';
import { byKeys, type HubContext, requestLoader } from '@hub/common';
import type { Organisation } from './organisation.entity.js';
import type { OrganisationsService } from './organisations.service.js';

export function organisationLoader(ctx: HubContext, service: OrganisationsService): DataLoader<string, Organisation | null> {
  return requestLoader(
    ctx,
    'organisation',
    () => new DataLoader(async (ids: readonly string[]) => byKeys(ids, await service.byIds(ids), (o) => o.id)),
  );
}
