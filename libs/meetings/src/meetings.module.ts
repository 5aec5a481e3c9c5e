import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { AuditModule } from '#audit';
import { APP_CONFIG, type AppConfig } from '#core';
import { BodyEntity, BodyMemberEntity, DelegateEntity, DelegatesModule } from '#delegates';
import { RealtimeModule, WsExceptionFilter } from '#realtime';
import { MeetingAccess } from './access/meeting-access.service.js';
import { MeetingsService } from './access/meetings.service.js';
import { AgendaController } from './agenda/agenda.controller.js';
import { AgendaService } from './agenda/agenda.service.js';
import { ReorderAgendaUseCase } from './agenda/reorder-agenda.use-case.js';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsService } from './documents/documents.service.js';
import { UploadDocumentUseCase } from './documents/upload-document.use-case.js';
import { MeetingEvents } from './events/meeting-events.js';
import { InvitationsController } from './invitations/invitations.controller.js';
import { INVITATION_MAILER, InvitationMailer } from './invitations/invitation-mailer.js';
import { InvitationsService } from './invitations/invitations.service.js';
import { MeetingRoomGateway } from './live/meeting-room.gateway.js';
import { MeetingDocumentEntity } from './meeting-document.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { ChangeMeetingStatusUseCase } from './meetings/change-meeting-status.use-case.js';
import { CreateMeetingUseCase } from './meetings/create-meeting.use-case.js';
import { MeetingQueriesService } from './meetings/meeting-queries.service.js';
import { MeetingQuorumProbe } from './meetings/meeting-quorum-probe.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { UpdateMeetingUseCase } from './meetings/update-meeting.use-case.js';
import './meetings.errors.js';

/** Meetings: schedule and status, invitations, agenda, PDF documents; exports MeetingAccess (who may see a meeting), MeetingsService and MeetingEvents;
 * `meeting:join` / `meeting:leave` on the socket. */
@Module({
  imports: [
    AuditModule,
    DelegatesModule,
    RealtimeModule,
    TypeOrmModule.forFeature([MeetingEntity, MeetingInvitationEntity, AgendaItemEntity, MeetingDocumentEntity, BodyEntity, BodyMemberEntity, DelegateEntity]),
    // uploads stay in memory up to the configured limit; past it multer stops with LIMIT_FILE_SIZE (413) and drains the rest
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        defParamCharset: 'utf8',
        limits: { fileSize: config.limits.documentMaxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
      }),
    }),
  ],
  controllers: [MeetingsController, AgendaController, InvitationsController, DocumentsController],
  providers: [
    MeetingAccess,
    MeetingRoomGateway,
    WsExceptionFilter,
    MeetingsService,
    MeetingEvents,
    MeetingQueriesService,
    CreateMeetingUseCase,
    UpdateMeetingUseCase,
    ChangeMeetingStatusUseCase,
    AgendaService,
    ReorderAgendaUseCase,
    InvitationsService,
    DocumentsService,
    UploadDocumentUseCase,
    MeetingQuorumProbe,
    // the invitation notice goes by mail whenever SMTP_URL is set (the task reminders' settings); null: in-app only
    { provide: INVITATION_MAILER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => (config.tasks.smtpUrl ? new InvitationMailer(config.tasks.smtpUrl, config.tasks.smtpFrom) : null) },
  ],
  exports: [TypeOrmModule, MeetingAccess, MeetingsService, MeetingEvents, MeetingQuorumProbe, AgendaService],
})
export class MeetingsModule {}
