import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, CurrentActor } from '@hub/common';
import { RegionModel, RegionSynonymInput, SaveRegionInput } from './region.inputs.js';
import { RegionsService } from './regions.service.js';

@Resolver()
export class RegionsResolver {
  constructor(private readonly vocabulary: RegionsService) {}

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [RegionModel], { description: 'The region vocabulary (hub admins maintain it), with the other names each is known by' })
  regions(): Promise<RegionModel[]> {
    return this.vocabulary.list();
  }

  @RequirePermission(Permission.REGION_MANAGE)
  @Mutation(() => RegionModel, { description: 'Hub admins add a region, rename one, or stop (and resume) offering it' })
  saveRegion(@CurrentActor() actor: Actor, @Args('input') input: SaveRegionInput): Promise<RegionModel> {
    return this.vocabulary.save(actor, input);
  }

  @RequirePermission(Permission.REGION_MANAGE)
  @Mutation(() => RegionModel, { description: 'Hub admins add another name for a region (a county, a partner system’s spelling)' })
  addRegionSynonym(@CurrentActor() actor: Actor, @Args('input') input: RegionSynonymInput): Promise<RegionModel> {
    return this.vocabulary.addSynonym(actor, input);
  }

  @RequirePermission(Permission.REGION_MANAGE)
  @Mutation(() => RegionModel, { description: 'Hub admins remove another name of a region' })
  removeRegionSynonym(@CurrentActor() actor: Actor, @Args('input') input: RegionSynonymInput): Promise<RegionModel> {
    return this.vocabulary.removeSynonym(actor, input);
  }
}
