import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '@hub/common';
import { ApiClientModel, CreatedApiClientModel } from './api-client.model.js';
import { ApiClientsService } from './api-clients.service.js';
import { CreateApiClientInput } from './create-api-client.input.js';

@Resolver(() => ApiClientModel)
export class ApiClientsResolver {
  constructor(private readonly clients: ApiClientsService) {}

  @Query(() => [ApiClientModel], { description: "API clients of an organisation (default: yours); org admins and hub admins" })
  apiClients(@CurrentActor() actor: Actor, @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string): Promise<ApiClientModel[]> {
    return this.clients.list(actor, organisationId ?? actor.organisationId);
  }

  @Mutation(() => CreatedApiClientModel, { description: 'The secret is in this answer only' })
  createApiClient(@CurrentActor() actor: Actor, @Args('input') input: CreateApiClientInput): Promise<CreatedApiClientModel> {
    return this.clients.create(actor, input);
  }

  @Mutation(() => CreatedApiClientModel, { description: "A new secret (in this answer only): the old secret and every token issued with it stop working" })
  rotateApiClientSecret(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<CreatedApiClientModel> {
    return this.clients.rotateSecret(actor, id);
  }

  @Mutation(() => ApiClientModel)
  revokeApiClient(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ApiClientModel> {
    return this.clients.revoke(actor, id);
  }
}
