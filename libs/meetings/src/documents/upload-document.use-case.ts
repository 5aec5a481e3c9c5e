import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, DomainError, ErrorCode, type AppConfig, type AuthUser } from '#core';
import { PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { MeetingDocumentEntity } from '../meeting-document.entity.js';
import { isPdf, sanitizeFilename } from './pdf-file.js';

export interface UploadedPdf {
  originalname?: string;
  size: number;
  buffer: Buffer;
}

/** Stores an uploaded PDF (checked by content) with its sha256, under the meeting and optionally an agenda item. */
@Injectable()
export class UploadDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(user: AuthUser, meetingId: string, file: UploadedPdf | undefined, agendaItemId: string | undefined): Promise<MeetingDocumentEntity> {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Send the PDF as the multipart field "file"', [{ field: 'file', reasons: ['required'] }]);
    // multer's limit stops the stream; this catches a limit set lower than multer's (never trust one layer)
    if (file.buffer.length > this.config.limits.documentMaxBytes) {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `Documents are limited to ${this.config.limits.documentMaxBytes} bytes`);
    }
    if (!isPdf(file.buffer)) throw new DomainError(ErrorCode.INVALID_FILE, 'The file is not a PDF', { expected: 'application/pdf' });
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const filename = sanitizeFilename(file.originalname);
    const id = await this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      if (agendaItemId && !(await em.getRepository(AgendaItemEntity).exists({ where: { id: agendaItemId, meetingId } }))) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'agendaItemId is not an item of this meeting', [{ field: 'agendaItemId', reasons: ['not in this meeting'] }]);
      }
      const result = await em.getRepository(MeetingDocumentEntity).insert({
        meetingId,
        agendaItemId: agendaItemId ?? null,
        filename,
        contentType: 'application/pdf',
        sizeBytes: file.buffer.length,
        sha256,
        content: file.buffer,
        uploadedBy: user.id,
      });
      return (result.identifiers[0] as { id: string }).id;
    });
    return this.dataSource.getRepository(MeetingDocumentEntity).findOneOrFail({ where: { id } });
  }
}
