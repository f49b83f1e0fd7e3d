import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DISCLOSURE_AUDIT, WRITE_AUDIT } from '@hub/events';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

/** Global so that the outbox finds the write audit and the change feed the disclosure audit. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, { provide: WRITE_AUDIT, useExisting: AuditService }, { provide: DISCLOSURE_AUDIT, useExisting: AuditService }],
  exports: [AuditService, WRITE_AUDIT, DISCLOSURE_AUDIT],
})
export class AuditModule {}
