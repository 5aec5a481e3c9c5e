import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DelegatesModule } from '#delegates';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingDocumentEntity } from './meeting-document.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { MeetingEntity } from './meeting.entity.js';

@Module({
  imports: [DelegatesModule, TypeOrmModule.forFeature([MeetingEntity, MeetingInvitationEntity, AgendaItemEntity, MeetingDocumentEntity])],
  exports: [TypeOrmModule],
})
export class MeetingsModule {}
