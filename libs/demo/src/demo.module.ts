import { Module } from '@nestjs/common';
import { InterventionsModule } from '@hub/interventions';
import { OrganisationsModule } from '@hub/organisations';
import { DemoPeopleSeeder } from './demo-people.seeder.js';
import { ReferralsModule } from '@hub/referrals';
import { DemoSeeder } from './demo-seeder.service.js';

@Module({
  imports: [OrganisationsModule, InterventionsModule, ReferralsModule],
  providers: [DemoSeeder, DemoPeopleSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
