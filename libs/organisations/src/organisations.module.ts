import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretBoxModule } from '@hub/database';
import { ApiClient } from './api-client.entity.js';
import { ApiClientsResolver } from './api-clients.resolver.js';
import { ApiClientsService } from './api-clients.service.js';
import { OrganisationIdentityProvider } from './identity-provider.entity.js';
import { IdentityProvidersResolver } from './identity-providers.resolver.js';
import { IdentityProvidersService } from './identity-providers.service.js';
import { Organisation } from './organisation.entity.js';
import { Region, RegionSynonym } from './region.entity.js';
import { RegionsResolver } from './regions.resolver.js';
import { RegionsService } from './regions.service.js';
import { OrganisationsResolver } from './organisations.resolver.js';
import { OrganisationsService } from './organisations.service.js';
import { UserIdentity } from './user-identity.entity.js';
import { User } from './user.entity.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';
import { ViewerResolver } from './viewer.resolver.js';
import { Team, TeamMember } from './team.entity.js';
import { TeamsResolver } from './teams.resolver.js';
import { TeamsService } from './teams.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Organisation,
      User,
      UserIdentity,
      ApiClient,
      OrganisationIdentityProvider,
      Team,
      TeamMember,
      Region,
      RegionSynonym,
    ]),
    SecretBoxModule,
  ],
  providers: [
    OrganisationsService,
    UsersService,
    ApiClientsService,
    OrganisationsResolver,
    UsersResolver,
    ApiClientsResolver,
    ViewerResolver,
    TeamsService,
    TeamsResolver,
    IdentityProvidersService,
    IdentityProvidersResolver,
    RegionsService,
    RegionsResolver,
  ],
  exports: [OrganisationsService, UsersService, ApiClientsService, TeamsService, IdentityProvidersService, RegionsService],
})
export class OrganisationsModule {}
