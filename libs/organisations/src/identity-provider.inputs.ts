import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

@InputType({ description: "An organisation's OpenID Connect provider, through which its staff sign in to the portal" })
export class SetIdentityProviderInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the caller's organisation; only hub admins may name another" })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({ description: 'Issuer identifier (https; http only outside production); its discovery document is read from it' })
  @IsString()
  @MaxLength(500)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  issuer: string;

  @Field({ description: 'The client id the provider gave the hub' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId: string;

  @Field({
    nullable: true,
    description: 'The client secret; may be left out when changing a provider that has one (kept sealed, never shown)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret?: string;

  @Field({ nullable: true, description: 'The ID token claim linked to a user: sub (default), email, preferred_username, ...' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/, { message: 'identityClaim must be a claim name' })
  identityClaim?: string;

  @Field({ nullable: true, description: 'Refuse a sign-in without a second factor (amr holding mfa, or an acr among mfaAcrValues)' })
  @IsOptional()
  @IsBoolean()
  mfaRequired?: boolean;

  @Field(() => [String], { nullable: true, description: 'acr values this provider uses for a sign-in with a second factor' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  mfaAcrValues?: string[];

  @Field({
    nullable: true,
    description: 'An identity linked to no user creates a user of the organisation with no roles at its first sign-in',
  })
  @IsOptional()
  @IsBoolean()
  provisionUsers?: boolean;

  @Field({ nullable: true, description: "false: the organisation's users sign in only through the provider (no hub password)" })
  @IsOptional()
  @IsBoolean()
  passwordSignIn?: boolean;
}

@InputType()
export class LinkUserIdentityInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field({ description: "The value of the provider's identity claim for this user (its subject, or its email)" })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  subject: string;
}
