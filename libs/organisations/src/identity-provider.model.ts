import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('IdentityProvider', { description: "An organisation's OpenID Connect provider (its client secret is never shown)" })
export class IdentityProviderModel {
  @Field(() => ID)
  organisationId: string;

  @Field()
  issuer: string;

  @Field()
  clientId: string;

  @Field()
  identityClaim: string;

  @Field()
  mfaRequired: boolean;

  @Field(() => [String])
  mfaAcrValues: string[];

  @Field()
  provisionUsers: boolean;

  @Field({ description: "Whether the organisation's users may also sign in with a hub password" })
  passwordSignIn: boolean;

  @Field()
  updatedAt: Date;
}

@ObjectType('UserIdentity', { description: "A user's account at its organisation's identity provider" })
export class UserIdentityModel {
  @Field()
  issuer: string;

  @Field()
  subject: string;

  @Field()
  createdAt: Date;
}
