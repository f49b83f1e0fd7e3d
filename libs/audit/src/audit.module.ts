import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DISCLOSURE_AUDIT, WRITE_AUDIT } from '@hub/events';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { AuditSearchService } from './audit-search.service.js';
import { AuditSeal, AuditLeaf, AuditNode } from './audit-seal.entity.js';
import { AuditSealerService } from './audit-sealer.service.js';
import { AuditTreeService } from './audit-tree.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditTreeController } from './audit-tree.controller.js';

/** Global so that the outbox finds the write audit and the change feed the disclosure audit. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditSeal, AuditLeaf, AuditNode])],
  controllers: [AuditTreeController],
  providers: [
    AuditService,
    AuditSearchService,
    AuditSealerService,
    AuditTreeService,
    AuditVerifierService,
    { provide: WRITE_AUDIT, useExisting: AuditService },
    { provide: DISCLOSURE_AUDIT, useExisting: AuditService },
  ],
  exports: [AuditService, AuditSearchService, AuditSealerService, AuditTreeService, AuditVerifierService, WRITE_AUDIT, DISCLOSURE_AUDIT],
})
export class AuditModule {}
