import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LAWFUL_BASIS_FACTS } from '@hub/access';
import { OrganisationsModule } from '@hub/organisations';
import { Consent } from './consent.entity.js';
import { ConsentsResolver, PersonConsentsResolver } from './consents.resolver.js';
import { ConsentPersonData } from './consent-person-data.js';
import { ConsentsService } from './consents.service.js';
import { LawfulBasisService } from './lawful-basis.service.js';
import { ReferralBasisService } from './referral-basis.service.js';
import { SharingAgreement } from './sharing-agreement.entity.js';

/** Global so that the access layer finds the lawful-basis facts it is given. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Consent, SharingAgreement]), OrganisationsModule],
  providers: [
    ConsentsService,
    ConsentPersonData,
    LawfulBasisService,
    ReferralBasisService,
    { provide: LAWFUL_BASIS_FACTS, useExisting: LawfulBasisService },
    ConsentsResolver,
    PersonConsentsResolver,
  ],
  exports: [ConsentsService, ReferralBasisService, LAWFUL_BASIS_FACTS],
})
export class ConsentModule {}
