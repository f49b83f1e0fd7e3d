import DataLoader from 'dataloader';
import { byKeys, type HubContext, requestLoader } from '@hub/common';
import type { InterventionType } from './intervention-type.entity.js';
import type { InterventionsService } from './interventions.service.js';

export function interventionTypeLoader(ctx: HubContext, service: InterventionsService): DataLoader<string, InterventionType | null> {
  return requestLoader(ctx, 'interventionType', () => new DataLoader(async (codes: readonly string[]) => byKeys(codes, await service.typesByCode(codes), (t) => t.code)));
}
