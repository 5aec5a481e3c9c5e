import { Body, Controller, Delete, Get, HttpCode, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiFile, ApiView, ApiViewList, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { MeetingsService } from '../access/meetings.service.js';
import { documentView, type DocumentView } from '../meetings/meeting-queries.service.js';
import { DocumentsService } from './documents.service.js';
import { UploadDocumentBodyDoc, UploadDocumentDto } from './documents.dto.js';
import { contentDisposition } from './pdf-file.js';
import { UploadDocumentUseCase, type UploadedPdf } from './upload-document.use-case.js';

const { Admin, Secretary, Chair, Delegate, Observer } = Role;

/** Electronic meeting documents (PDF). Metadata for everyone who sees the meeting; bytes for staff and invited delegates only. */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings/:id/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly upload: UploadDocumentUseCase,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  @Roles(Admin, Secretary, Chair, Delegate, Observer)
  @ApiViewList('MeetingDocumentRecord')
  async list(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<DocumentView[]> {
    await this.meetings.assertCanView(user, meetingId);
    return (await this.documents.list(meetingId)).map(documentView);
  }

  @Post()
  @Roles(Admin, Secretary)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentBodyDoc })
  @ApiView('MeetingDocumentRecord', { status: 201 })
  async create(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') meetingId: string,
    @UploadedFile() file: UploadedPdf | undefined,
    @Body() dto: UploadDocumentDto,
  ): Promise<DocumentView> {
    return documentView(await this.upload.execute(user, meetingId, file, dto.agendaItemId));
  }

  @Get(':docId')
  @Roles(Admin, Secretary, Chair, Delegate)
  @ApiFile('application/pdf')
  async download(
    @CurrentUser() user: AuthUser,
    @UuidParam('id') meetingId: string,
    @UuidParam('docId') docId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    await this.meetings.assertCanReadDocuments(user, meetingId);
    const doc = await this.documents.withContent(meetingId, docId);
    const etag = `"${doc.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(doc.content, { type: 'application/pdf', disposition: contentDisposition(doc.filename), length: doc.content.length });
  }

  @Delete(':docId')
  @HttpCode(204)
  @Roles(Admin, Secretary)
  remove(@UuidParam('id') meetingId: string, @UuidParam('docId') docId: string): Promise<void> {
    return this.documents.remove(meetingId, docId);
  }
}
