import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { type Actor, boundedList, type Connection, connectionType, CurrentActor, type HubContext, PageArgs } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { WebhooksService } from './webhooks.service.js';
import { Permission, RequirePermission } from '@hub/access';

@InputType()
export class CreateWebhookEndpointInput {
  @Field()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url: string;

  @Field(() => [String], { description: "Event types (person.created, referral.sent, ...) or '*'" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  eventTypes: string[];
}

@InputType({ description: 'What to change of a webhook endpoint; fields left out stay as they are' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: "Event types (person.created, referral.sent, ...) or '*'" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  eventTypes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'false: send nothing more to it (deliveries due meanwhile are paused, events meanwhile make none); true: in use again, the paused deliveries go',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@ObjectType('WebhookEndpoint')
export class WebhookEndpointModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [String])
  eventTypes: string[];

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType('CreatedWebhookEndpoint', { description: 'The signing secret is shown this once' })
export class CreatedWebhookEndpointModel {
  @Field(() => WebhookEndpointModel)
  endpoint: WebhookEndpointModel;

  @Field()
  secret: string;
}

@ObjectType('WebhookAttempt')
export class WebhookAttemptModel {
  @Field()
  at: string;

  @Field(() => Int, { nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => Int)
  ms: number;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryModel {
  @Field(() => ID)
  id: string;

  @Field()
  eventId: string;

  @Field({
    description:
      'pending, delivered, failed, withheld (your organisation could no longer see the event when it was due to go), or paused (the endpoint was off when it was due to go; it goes once the endpoint is on again)',
  })
  status: string;

  @Field(() => [WebhookAttemptModel])
  attempts: WebhookAttemptModel[];

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;
}

const WebhookDeliveryConnection = connectionType(WebhookDeliveryModel, 'WebhookDelivery');

@Resolver()
export class WebhooksResolver {
  constructor(
    private readonly webhooks: WebhooksService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Mutation(() => CreatedWebhookEndpointModel, { description: "Org admins: receive the organisation's events, signed" })
  createWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<CreatedWebhookEndpointModel> {
    return this.webhooks.create(actor, input.url, input.eventTypes);
  }

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Mutation(() => WebhookEndpointModel, { description: 'Org admins: change where an endpoint goes, which events, or turn it off and on' })
  updateWebhookEndpoint(@CurrentActor() actor: Actor, @Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpointModel> {
    return this.webhooks.update(actor, input.id, input);
  }

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Mutation(() => CreatedWebhookEndpointModel, {
    description: 'Org admins: a new signing secret, shown this once; every delivery from now on is signed with it',
  })
  rotateWebhookSecret(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<CreatedWebhookEndpointModel> {
    return this.webhooks.rotateSecret(actor, id);
  }

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Query(() => [WebhookEndpointModel], {
    description:
      "Org admins: your organisation's endpoints, oldest first; at most LIST_DIRECTORY_MAX (500 by default), the field named in extensions.truncated when there are more",
  })
  async webhookEndpoints(@CurrentActor() actor: Actor, @Context() ctx: HubContext): Promise<WebhookEndpointModel[]> {
    const max = this.config.lists.directoryMax;
    return boundedList(ctx, 'Query.webhookEndpoints', await this.webhooks.list(actor, max + 1), max);
  }

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Query(() => WebhookDeliveryConnection, { description: 'Newest first, with every attempt' })
  webhookDeliveries(
    @CurrentActor() actor: Actor,
    @Args() page: PageArgs,
    @Args('endpointId', { type: () => ID }) endpointId: string,
  ): Promise<Connection<WebhookDeliveryModel>> {
    return this.webhooks.deliveries(actor, endpointId, page);
  }

  @RequirePermission(Permission.WEBHOOK_MANAGE)
  @Mutation(() => WebhookDeliveryModel, { description: 'Send a delivery again' })
  replayWebhookDelivery(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<WebhookDeliveryModel> {
    return this.webhooks.replay(actor, id);
  }
}
