import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BREAK_GLASS_FACTS } from '@hub/access';
import { DISCLOSURE_AUDIT, WRITE_AUDIT } from '@hub/events';
import { AuditEvent } from './audit-event.entity.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { BreakGlassGrant } from './break-glass-grant.entity.js';
import { BreakGlassService } from './break-glass.service.js';
import { ExplainService } from './explain.service.js';
import { LegalHold } from './legal-hold.entity.js';
import { PersonErasure } from './person-erasure.entity.js';
import { PersonDataRegistry } from './person-data.registry.js';
import { RetentionService } from './retention.service.js';
import { SubjectAccessService } from './subject-access.service.js';

/** Global so that the outbox finds the write audit, the change feed the disclosure audit, and the access layer the break-glass facts. */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([AuditEvent, BreakGlassGrant, LegalHold, PersonErasure])],
  providers: [
    AuditService,
    { provide: WRITE_AUDIT, useExisting: AuditService },
    { provide: DISCLOSURE_AUDIT, useExisting: AuditService },
    BreakGlassService,
    { provide: BREAK_GLASS_FACTS, useExisting: BreakGlassService },
    ExplainService,
    PersonDataRegistry,
    SubjectAccessService,
    RetentionService,
    AuditResolver,
  ],
  exports: [AuditService, SubjectAccessService, BreakGlassService, RetentionService, WRITE_AUDIT, DISCLOSURE_AUDIT, BREAK_GLASS_FACTS],
})
export class AuditModule {}
