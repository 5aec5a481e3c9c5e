import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiView, Role, Roles } from '#core';
import type { AuditVerifyResult } from './audit-chain.js';
import { AuditQueryDto } from './audit.dto.js';
import { AuditService, type AuditPage } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; page with `before`. */
  @Get()
  @Roles(Role.Admin, Role.Secretary)
  @ApiView('AuditPage')
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(query);
  }

  /** Recomputes the whole chain: { ok, rows, firstBrokenSeq, reason? }. */
  @Get('verify')
  @Roles(Role.Admin)
  @ApiView('AuditVerifyResult')
  verify(): Promise<AuditVerifyResult> {
    return this.audit.verify();
  }
}
