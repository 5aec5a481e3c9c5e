import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingEntity, MeetingInvitationEntity } from '#meetings';
import { MeetingAccessService } from './meeting-access.service.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';
import { SocketSessions } from './socket-session.js';
import { WsExceptionFilter } from './ws-exception.filter.js';
import './realtime.errors.js';

/** socket.io: the authenticated gateway, meeting rooms and the RealtimeService other libraries emit through. */
@Module({
  imports: [TypeOrmModule.forFeature([MeetingEntity, MeetingInvitationEntity])],
  providers: [RealtimeGateway, RealtimeService, MeetingAccessService, WsExceptionFilter, SocketSessions],
  exports: [RealtimeService, MeetingAccessService],
})
export class RealtimeModule {}
