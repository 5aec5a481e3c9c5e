import { UseFilters, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { IsUUID } from 'class-validator';
import type { MeetingStatusChanged } from '#contracts';
import { RealtimeService, rooms, WsBody, WsExceptionFilter, type LiveSocket, type MeetingJoined, type MeetingRef, type TypedEmitter, type WsAck } from '#realtime';
import { MeetingAccess } from '../access/meeting-access.service.js';
import { MeetingEvents } from '../events/meeting-events.js';

/** `meeting:join` / `meeting:leave` payload. */
export class MeetingRefDto {
  @IsUUID()
  meetingId: string;
}

/** Server -> client events of #meetings. */
export interface MeetingsServerEvents {
  'meeting:status': MeetingStatusChanged;
}

/**
 * Following a meeting live on the main namespace (the realtime gateway authenticated the socket):
 * - `meeting:join { meetingId }` -> ack `{ ok, meetingId, rooms, staff }`: `meeting:<id>`, and `meeting:<id>:staff` for
 *   admin, secretary and chair; who may is MeetingAccess's one rule (not allowed = NOT_FOUND, as over HTTP);
 * - `meeting:leave { meetingId }` -> ack `{ ok, meetingId }`.
 * Emits `meeting:status` to the meeting's room when its status changes.
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class MeetingRoomGateway implements OnModuleInit, OnModuleDestroy {
  private readonly live: TypedEmitter<MeetingsServerEvents>;
  private off: (() => void) | null = null;

  constructor(
    private readonly access: MeetingAccess,
    private readonly events: MeetingEvents,
    realtime: RealtimeService,
  ) {
    this.live = realtime.typed<MeetingsServerEvents>();
  }

  onModuleInit(): void {
    this.off = this.events.on('status-changed', (e) => {
      this.live.toMeeting(e.meetingId, 'meeting:status', { meetingId: e.meetingId, from: e.from, to: e.to, at: new Date(e.at).toISOString() });
    });
  }

  onModuleDestroy(): void {
    this.off?.();
  }

  @SubscribeMessage('meeting:join')
  async join(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: MeetingRefDto): Promise<WsAck<MeetingJoined>> {
    const { staff } = await this.access.assertCanView(socket.data.user, dto.meetingId);
    const joined = [rooms.meeting(dto.meetingId)];
    if (staff) joined.push(rooms.meetingStaff(dto.meetingId));
    await socket.join(joined);
    return { ok: true, meetingId: dto.meetingId, rooms: joined, staff };
  }

  @SubscribeMessage('meeting:leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: MeetingRefDto): Promise<WsAck<MeetingRef>> {
    await socket.leave(rooms.meeting(dto.meetingId));
    await socket.leave(rooms.meetingStaff(dto.meetingId));
    return { ok: true, meetingId: dto.meetingId };
  }
}
