import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditHeadEntity } from './audit-head.entity.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

export const AUDIT_ENTITIES = [AuditEntryEntity, AuditHeadEntity];

/** Import it where you audit, then inject AuditService and call append(record, em) inside your transaction. */
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
