import { UseFilters } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { IsOptional, IsUUID } from 'class-validator';
import { WsBody, WsExceptionFilter, type LiveSocket, type WsAck } from '#realtime';
import { OpinionsService } from './opinions.service.js';

export class HandDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  meetingId: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

/**
 * The raised hand over socket.io (the same queue as `POST /api/meetings/:id/speakers`):
 * - `hand:raise { meetingId, agendaItemId? }` -> ack `{ ok: true, requestId, position }`;
 * - `hand:lower { meetingId }` -> ack `{ ok: true }`.
 * Everyone in the meeting then gets `speakers:updated`; the floor itself is granted by the chair.
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class SpeakersGateway {
  constructor(private readonly opinions: OpinionsService) {}

  @SubscribeMessage('hand:raise')
  async raise(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: HandDto): Promise<WsAck<{ requestId: string; position: number }>> {
    const request = await this.opinions.raiseHand(socket.data.user, dto.meetingId, dto.agendaItemId);
    return { ok: true, requestId: request.id, position: request.position };
  }

  @SubscribeMessage('hand:lower')
  async lower(@ConnectedSocket() socket: LiveSocket, @WsBody() dto: HandDto): Promise<WsAck<{ meetingId: string }>> {
    await this.opinions.withdraw(socket.data.user, dto.meetingId);
    return { ok: true, meetingId: dto.meetingId };
  }
}
