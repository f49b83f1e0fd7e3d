import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretBoxModule } from '@hub/database';
import { OrganisationsModule } from '@hub/organisations';
import { AuthController } from './auth.controller.js';
import { BearerAuthenticator } from './bearer-authenticator.service.js';
import { ExternalIssuersService } from './external-issuers.service.js';
import { HubAuthGuard } from './hub-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { OidcController } from './oidc.controller.js';
import { OidcSignIn } from './oidc-sign-in.entity.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { PasswordsResolver } from './passwords.resolver.js';
import { SignInThrottleEntry } from './sign-in-throttle.entity.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { SigningKey } from './signing-key.entity.js';
import { SigningKeysService } from './signing-keys.service.js';
import { TokensService } from './tokens.service.js';
import { TreeHeadSignerService } from './tree-head-signer.service.js';
import { TREE_HEAD_SIGNER } from '@hub/audit';

@Module({
  imports: [PassportModule, OrganisationsModule, TypeOrmModule.forFeature([SigningKey, SignInThrottleEntry, OidcSignIn]), SecretBoxModule],
  controllers: [AuthController, OidcController],
  providers: [
    SigningKeysService,
    TokensService,
    SignInThrottle,
    PasswordsResolver,
    ExternalIssuersService,
    OidcSignInService,
    JwtStrategy,
    BearerAuthenticator,
    { provide: TREE_HEAD_SIGNER, useClass: TreeHeadSignerService },
    { provide: APP_GUARD, useClass: HubAuthGuard },
  ],
  exports: [TokensService, SigningKeysService, BearerAuthenticator, TREE_HEAD_SIGNER],
})
export class AuthModule {}
