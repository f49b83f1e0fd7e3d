import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '@hub/organisations';
import { Consent } from './consent.entity.js';
import { ConsentsResolver, PersonConsentsResolver } from './consents.resolver.js';
import { ConsentPersonData } from './consent-person-data.js';
import { ConsentsService } from './consents.service.js';
import { LawfulBasisService } from './lawful-basis.service.js';
import { ReferralBasisService } from './referral-basis.service.js';
import { SharingAgreement } from './sharing-agreement.entity.js';

/** Global: the domain libs above use its services without importing it. The access policy reads consents and agreements through SQL functions (access_consents, access_agreements). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Consent, SharingAgreement]), OrganisationsModule],
  providers: [ConsentsService, ConsentPersonData, LawfulBasisService, ReferralBasisService, ConsentsResolver, PersonConsentsResolver],
  exports: [ConsentsService, ReferralBasisService, LawfulBasisService],
})
export class ConsentModule {}
