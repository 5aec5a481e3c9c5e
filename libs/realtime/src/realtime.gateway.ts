import { UseFilters } from '@nestjs/common';
import { MessageBody, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { createValidationPipe, JsonLogger } from '#core';
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from './realtime.events.js';
import { RealtimeService } from './realtime.service.js';
import { SocketSessions } from './socket-session.js';
import { WsExceptionFilter } from './ws-exception.filter.js';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The payload pipe is given per @MessageBody rather than with @UsePipes: a class-level pipe would also run on
 * @ConnectedSocket (its metatype is the Socket class) and try to validate the socket itself.
 * Same options as the global HTTP pipe (whitelist, forbidNonWhitelisted, transform).
 */
export const WsBody = (): ParameterDecorator => MessageBody(createValidationPipe());

/**
 * Main namespace `/`. Authenticates at connection with the HTTP access token (`auth.token`, or an
 * `Authorization: Bearer` header) and keeps every event to a live session (SocketSessions), joins `user:<id>`
 * and `delegate:<id>`; following a meeting (`meeting:join`) is #meetings' (it owns who may see a meeting).
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class RealtimeGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket> {
  constructor(
    private readonly sessions: SocketSessions,
    private readonly realtime: RealtimeService,
    private readonly logger: JsonLogger,
  ) {}

  afterInit(server: LiveServer): void {
    this.realtime.attach(server as unknown as Server);
    this.sessions.attach(server);
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const user = socket.data.user;
    const own = [rooms.user(user.id)];
    if (user.delegateId) own.push(rooms.delegate(user.delegateId));
    await socket.join(own);
    this.logger.write('debug', 'socket connected', { socketId: socket.id, userId: user.id, role: user.role });
  }
}
