import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule, AttendanceRecordEntity } from '#attendance';
import { MeetingsModule } from '#meetings';
import { OpinionsModule } from '#opinions';
import { ConferenceEnabledGuard } from './conference-enabled.guard.js';
import { ConferenceController } from './conference.controller.js';
import { CONFERENCE_ENTITIES } from './conference.entities.js';
import { FloorPermissionsListener } from './floor/floor-permissions.listener.js';
import { LiveKitClients } from './livekit.clients.js';
import { ConferenceModerationService } from './moderation/moderation.service.js';
import { ConferenceRecordingService } from './recording/conference-recording.service.js';
import { ConferenceReconciler } from './rooms/conference-reconciler.js';
import { ConferenceRoomsService } from './rooms/conference-rooms.service.js';
import { AttendanceOnlineAdapter, ONLINE_ATTENDANCE } from './sessions/online-attendance.port.js';
import { OnlineSessionsService } from './sessions/online-sessions.service.js';
import { IssueConferenceTokenUseCase } from './tokens/issue-token.use-case.js';
import { HandleWebhookUseCase } from './webhooks/handle-webhook.use-case.js';
import { LiveKitWebhookController } from './webhooks/livekit-webhook.controller.js';
import { webhookRawBody } from './webhooks/webhook-raw-body.middleware.js';
import './conference.errors.js';

/** Hybrid meetings on LiveKit: rooms, role tokens, online attendance from webhooks, moderation, the floor, recording. */
@Module({
  imports: [MeetingsModule, OpinionsModule, AttendanceModule, TypeOrmModule.forFeature([...CONFERENCE_ENTITIES, AttendanceRecordEntity])],
  controllers: [ConferenceController, LiveKitWebhookController],
  providers: [
    LiveKitClients,
    ConferenceEnabledGuard,
    ConferenceRoomsService,
    ConferenceReconciler,
    OnlineSessionsService,
    { provide: ONLINE_ATTENDANCE, useClass: AttendanceOnlineAdapter },
    IssueConferenceTokenUseCase,
    HandleWebhookUseCase,
    ConferenceModerationService,
    ConferenceRecordingService,
    FloorPermissionsListener,
  ],
  exports: [ConferenceRoomsService, OnlineSessionsService, ConferenceReconciler, FloorPermissionsListener, LiveKitClients],
})
export class ConferenceModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(webhookRawBody).forRoutes({ path: 'livekit/webhook', method: RequestMethod.POST });
  }
}
