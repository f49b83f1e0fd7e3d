import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@hub/organisations';
import { DemoSeeder } from './demo-seeder.service.js';

@Module({ imports: [OrganisationsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
