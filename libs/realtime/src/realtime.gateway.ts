import { UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { createValidationPipe, JsonLogger } from '#core';
import { MeetingAccessService } from './meeting-access.service.js';
import { MeetingRefDto } from './realtime.dto.js';
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type MeetingJoined,
  type MeetingLeft,
  type ServerToClientEvents,
  type SocketData,
  type WsAck,
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
 * and `delegate:<id>`, and lets clients follow meetings.
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class RealtimeGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket> {
  constructor(
    private readonly sessions: SocketSessions,
    private readonly access: MeetingAccessService,
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

  @SubscribeMessage('meeting:join')
  async join(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: MeetingRefDto): Promise<WsAck<MeetingJoined>> {
    const { staff } = await this.access.assertCanSee(socket.data.user, dto.meetingId);
    const joined = [rooms.meeting(dto.meetingId)];
    if (staff) joined.push(rooms.meetingStaff(dto.meetingId));
    await socket.join(joined);
    return { ok: true, meetingId: dto.meetingId, rooms: joined, staff };
  }

  @SubscribeMessage('meeting:leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: MeetingRefDto): Promise<WsAck<MeetingLeft>> {
    await socket.leave(rooms.meeting(dto.meetingId));
    await socket.leave(rooms.meetingStaff(dto.meetingId));
    return { ok: true, meetingId: dto.meetingId };
  }
}
