import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, boundedList, CurrentActor, type HubContext } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { ApiClientModel, CreatedApiClientModel } from './api-client.model.js';
import { ApiClientsService } from './api-clients.service.js';
import { CreateApiClientInput } from './create-api-client.input.js';
import { Permission, RequirePermission } from '@hub/access';

@Resolver(() => ApiClientModel)
export class ApiClientsResolver {
  constructor(
    private readonly clients: ApiClientsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Query(() => [ApiClientModel], {
    description:
      'API clients of an organisation (default: yours), oldest first; org admins and hub admins; at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more',
  })
  async apiClients(
    @CurrentActor() actor: Actor,
    @Context() ctx: HubContext,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string,
  ): Promise<ApiClientModel[]> {
    const max = this.config.lists.directoryMax;
    return boundedList(ctx, 'Query.apiClients', await this.clients.list(actor, organisationId ?? actor.organisationId, max + 1), max);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => CreatedApiClientModel, { description: 'The secret is in this answer only' })
  createApiClient(@CurrentActor() actor: Actor, @Args('input') input: CreateApiClientInput): Promise<CreatedApiClientModel> {
    return this.clients.create(actor, input);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => CreatedApiClientModel, {
    description: 'A new secret (in this answer only): the old secret and every token issued with it stop working',
  })
  rotateApiClientSecret(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<CreatedApiClientModel> {
    return this.clients.rotateSecret(actor, id);
  }

  @RequirePermission(Permission.MEMBER_MANAGE)
  @Mutation(() => ApiClientModel)
  revokeApiClient(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ApiClientModel> {
    return this.clients.revoke(actor, id);
  }
}
