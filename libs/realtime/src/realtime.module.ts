import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';
import { SocketSessions } from './socket-session.js';
import { WsExceptionFilter } from './ws-exception.filter.js';

/** socket.io: the authenticated gateway, the room names and the RealtimeService other libraries emit through. */
@Module({
  providers: [RealtimeGateway, RealtimeService, WsExceptionFilter, SocketSessions],
  exports: [RealtimeService],
})
export class RealtimeModule {}
