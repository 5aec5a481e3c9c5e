import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '#core';
import { PREPARABLE_STATUSES } from '../access/meeting-rules.js';
import { lockMeetingFor } from '../access/meetings.service.js';
import { MeetingDocumentEntity } from '../meeting-document.entity.js';

/** Reading and removing meeting documents; access is checked by the caller (MeetingsService). */
@Injectable()
export class DocumentsService {
  constructor(private readonly dataSource: DataSource) {}

  list(meetingId: string): Promise<MeetingDocumentEntity[]> {
    return this.dataSource.getRepository(MeetingDocumentEntity).find({ where: { meetingId }, order: { createdAt: 'ASC' } });
  }

  /** The document with its bytes. */
  async withContent(meetingId: string, docId: string): Promise<MeetingDocumentEntity> {
    const doc = await this.dataSource
      .getRepository(MeetingDocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :docId AND d.meeting_id = :meetingId', { docId, meetingId })
      .getOne();
    if (!doc) throw DomainError.notFound('Document', docId);
    doc.content = Buffer.isBuffer(doc.content) ? doc.content : Buffer.from(doc.content as Uint8Array);
    return doc;
  }

  remove(meetingId: string, docId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await lockMeetingFor(em, meetingId, PREPARABLE_STATUSES);
      const result = await em.getRepository(MeetingDocumentEntity).delete({ id: docId, meetingId });
      if (!result.affected) throw DomainError.notFound('Document', docId);
    });
  }
}
