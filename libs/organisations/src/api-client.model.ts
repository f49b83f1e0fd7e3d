import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Scope } from '@hub/common';

@ObjectType('ApiClient', { description: 'A machine client of an organisation, using the client-credentials grant' })
export class ApiClientModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  name: string;

  @Field({ description: 'The client_id to present at /oauth/token' })
  clientId: string;

  @Field(() => [Scope])
  scopes: Scope[];

  @Field()
  active: boolean;

  @Field()
  createdAt: Date;
}

@ObjectType('CreatedApiClient', { description: 'A new client and its secret, shown this once and never again' })
export class CreatedApiClientModel {
  @Field(() => ApiClientModel)
  client: ApiClientModel;

  @Field()
  clientSecret: string;
}
