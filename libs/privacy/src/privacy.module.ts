import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessSearchController } from './access-search.controller.js';
import { AccessSearchResolver } from './access-search.resolver.js';
import { AccessSearchService } from './access-search.service.js';
import { AccessLogResolver } from './access-log.resolver.js';
import { AccessLogService } from './access-log.service.js';
import { BreakGlassGrant } from './break-glass-grant.entity.js';
import { BreakGlassResolver } from './break-glass.resolver.js';
import { BreakGlassService } from './break-glass.service.js';
import { ExplainResolver } from './explain.resolver.js';
import { ExplainService } from './explain.service.js';
import { LegalHold } from './legal-hold.entity.js';
import { PersonErasure } from './person-erasure.entity.js';
import { PersonDataRegistry } from './person-data.registry.js';
import { RetentionResolver } from './retention.resolver.js';
import { RetentionService } from './retention.service.js';
import { SubjectAccessResolver } from './subject-access.resolver.js';
import { SubjectAccessService } from './subject-access.service.js';

/**
 * The data-protection features over the domain: the access log read per person, break-glass, "why
 * can't I see this", subject access, retention and erasure. Above every domain lib (it reads and
 * erases their person data through the sections they register); the access layer finds the
 * break-glass facts by their token.
 */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([BreakGlassGrant, LegalHold, PersonErasure])],
  controllers: [AccessSearchController],
  providers: [
    AccessLogService,
    AccessSearchService,
    AccessSearchResolver,
    BreakGlassService,
    ExplainService,
    PersonDataRegistry,
    SubjectAccessService,
    RetentionService,
    AccessLogResolver,
    BreakGlassResolver,
    ExplainResolver,
    SubjectAccessResolver,
    RetentionResolver,
  ],
  exports: [AccessLogService, SubjectAccessService, BreakGlassService, RetentionService, PersonDataRegistry],
})
export class PrivacyModule {}
