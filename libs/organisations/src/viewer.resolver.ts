import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, AllowedBeforePasswordChange, CurrentActor, type HubContext } from '@hub/common';
import { organisationLoader } from './organisation.loader.js';
import { OrganisationModel } from './organisation.model.js';
import { OrganisationsService } from './organisations.service.js';
import { ActorKind, ViewerModel } from './viewer.model.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => ViewerModel)
export class ViewerResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @AllowedBeforePasswordChange()
  @RequirePermission(Permission.SELF_READ)
  @Query(() => ViewerModel, { description: 'Who you are: user or API client, organisation, roles' })
  viewer(@CurrentActor() actor: Actor): ViewerModel {
    return {
      kind: actor.kind === 'user' ? ActorKind.USER : ActorKind.CLIENT,
      id: actor.id,
      name: actor.displayName,
      email: actor.email ?? null,
      organisationId: actor.organisationId,
      roles: actor.roles,
      scopes: actor.scopes,
      purpose: actor.purpose,
      passwordChangeRequired: actor.passwordChangeRequired ?? false,
    };
  }

  @RequirePermission(Permission.SELF_READ)
  @ResolveField(() => OrganisationModel)
  async organisation(@Parent() viewer: ViewerModel, @Context() ctx: HubContext): Promise<OrganisationModel | null> {
    return organisationLoader(ctx, this.organisations).load(viewer.organisationId);
  }
}
