import { Body, Controller, Get, HttpCode, Inject, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiView, APP_CONFIG, type AppConfig, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { contentDisposition } from '#meetings';
import { ConsentRecordDocument, NoticeView } from '../consent/consent.dto.js';
import { FaceConsentService } from '../consent/face-consent.service.js';
import { BiometricErasureView, FilePrivacyRequestDto, PrivacyRequestViewDto, ResolvePrivacyRequestDto } from './privacy.dto.js';
import { consentRecordPdf, personalDataPdf, processingRecordPdf } from './privacy-pdf.js';
import { PrivacyService, type PersonalDataExport, type PrivacyRequestView } from './privacy.service.js';
import type { ProcessingRecord } from './processing-record.js';

const { Admin, Secretary, Delegate } = Role;
const pdfFile = (content: Buffer, filename: string): StreamableFile =>
  new StreamableFile(content, { type: 'application/pdf', disposition: contentDisposition(filename), length: content.length });

/** The data subject's rights and the admin's privacy duties (Law 91/2025/QH15; Decree 356/2025/ND-CP). */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly consents: FaceConsentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('face/notice')
  @Roles(Admin, Secretary, Delegate)
  @ApiOperation({ summary: 'The biometric notice in force: its version, text and SHA-256' })
  @ApiOkResponse({ type: NoticeView })
  notice(): Promise<NoticeView> {
    return this.consents.notice();
  }

  @Get('delegates/:id/face/consent/record')
  @Roles(Admin, Secretary, Delegate)
  @ApiOperation({ summary: 'Every consent with what the person was shown (a staff read is audited)' })
  @ApiOkResponse({ type: ConsentRecordDocument })
  record(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<ConsentRecordDocument> {
    return this.consents.record(user, delegateId);
  }

  @Get('delegates/:id/face/consent/record.pdf')
  @Roles(Admin, Secretary, Delegate)
  @ApiFile('application/pdf')
  async recordPdf(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<StreamableFile> {
    const r = await this.consents.record(user, delegateId);
    return pdfFile(await consentRecordPdf(r, this.config.face.controller), 'ho-so-dong-y-sinh-trac-hoc.pdf');
  }

  @Get('delegates/:id/privacy/export')
  @Roles(Admin, Delegate)
  @ApiOperation({ summary: 'Everything held about the person (no descriptor bytes); audited' })
  @ApiView('PersonalDataExport')
  exportJson(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<PersonalDataExport> {
    return this.privacy.exportData(user, delegateId, 'json');
  }

  @Get('delegates/:id/privacy/export.pdf')
  @Roles(Admin, Delegate)
  @ApiFile('application/pdf')
  async exportPdf(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<StreamableFile> {
    const data = await this.privacy.exportData(user, delegateId, 'pdf');
    return pdfFile(await personalDataPdf(data, this.config.face.controller), 'du-lieu-ca-nhan.pdf');
  }

  @Post('delegates/:id/privacy/biometric-erasure')
  @HttpCode(200)
  @Roles(Admin, Delegate)
  @ApiOperation({ summary: 'Erase biometric data now (consent ends, descriptors deleted); audited' })
  @ApiOkResponse({ type: BiometricErasureView })
  erase(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<BiometricErasureView> {
    return this.privacy.eraseBiometrics(user, delegateId);
  }

  @Post('delegates/:id/privacy/requests')
  @HttpCode(201)
  @Roles(Admin, Delegate)
  @ApiOperation({ summary: 'File a request the admin handles within the legal deadline' })
  @ApiCreatedResponse({ type: PrivacyRequestViewDto })
  file(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string, @Body() dto: FilePrivacyRequestDto): Promise<PrivacyRequestView> {
    return this.privacy.fileRequest(user, delegateId, dto.kind, dto.details.trim());
  }

  @Get('delegates/:id/privacy/requests')
  @Roles(Admin, Delegate)
  @ApiOkResponse({ type: [PrivacyRequestViewDto] })
  mine(@CurrentUser() user: AuthUser, @UuidParam('id') delegateId: string): Promise<PrivacyRequestView[]> {
    return this.privacy.mine(user, delegateId);
  }

  @Get('privacy/requests')
  @Roles(Admin)
  @ApiOperation({ summary: 'Data subject requests, pending first by deadline' })
  @ApiOkResponse({ type: [PrivacyRequestViewDto] })
  list(@Query('pending') pending?: string): Promise<PrivacyRequestView[]> {
    return this.privacy.list({ pendingOnly: pending === 'true' });
  }

  @Post('privacy/requests/:id/resolve')
  @HttpCode(200)
  @Roles(Admin)
  @ApiOkResponse({ type: PrivacyRequestViewDto })
  resolve(@CurrentUser() user: AuthUser, @UuidParam('id') id: string, @Body() dto: ResolvePrivacyRequestDto): Promise<PrivacyRequestView> {
    return this.privacy.resolve(user, id, dto.status, dto.outcome.trim());
  }

  @Get('privacy/processing-record')
  @Roles(Admin)
  @ApiOperation({ summary: 'Record of processing for the impact assessment dossier, from the running configuration' })
  @ApiView('ProcessingRecord')
  processingRecord(@CurrentUser() user: AuthUser): Promise<ProcessingRecord> {
    return this.privacy.processingRecord(user, 'json');
  }

  @Get('privacy/processing-record.pdf')
  @Roles(Admin)
  @ApiFile('application/pdf')
  async processingRecordPdf(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return pdfFile(await processingRecordPdf(await this.privacy.processingRecord(user, 'pdf')), 'ho-so-xu-ly-du-lieu-ca-nhan.pdf');
  }
}
