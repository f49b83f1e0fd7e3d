import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@hub/organisations';
import { ReferralsModule } from '@hub/referrals';
import { DemoSeeder } from './demo-seeder.service.js';

@Module({ imports: [OrganisationsModule, ReferralsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
