import { performance } from 'node:perf_hooks';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { KIOSK_DEVICE_HEADER, KioskAuthService } from '#attendance';
import { DomainError, ERROR_HTTP_STATUS, ErrorCode, JsonLogger, toDomainError } from '#core';
import { toWsErrorBody, type WsAck, type WsErrorBody } from '#realtime';
import { CheckInFrameUseCase } from './checkin-frame.use-case.js';
import type { FrameResult } from './checkin.types.js';

/** What the /kiosk namespace keeps on `socket.data` after authentication. */
export interface KioskSocketData {
  kioskId: string;
  kioskName: string;
  meetingId: string;
  token: string;
  /** The tablet id the token is bound to (checked again on every frame: the token may be revoked meanwhile). */
  device: string | undefined;
}

/** Client -> server events of the /kiosk namespace. */
export interface KioskClientEvents {
  /** A JPEG/PNG frame as binary (Buffer / ArrayBuffer / Uint8Array, or `{ frame: <binary> }`). */
  'checkin:frame': (frame: unknown, ack: (res: WsAck<FrameResult>) => void) => void;
}

type KioskSocket = Socket<KioskClientEvents, Record<string, never>, Record<string, never>, KioskSocketData>;

/**
 * Namespace `/kiosk`: a kiosk connects with `auth: { token, meetingId }` (its kiosk token, not a user JWT) and
 * streams `checkin:frame` with a binary payload; the ack is the same FrameResult as the HTTP route, or
 * `{ ok: false, error }`. The token is re-checked on every frame, so revoking a kiosk stops it at once.
 */
@WebSocketGateway({ namespace: '/kiosk' })
export class KioskGateway implements OnGatewayInit<Namespace> {
  constructor(
    private readonly kiosks: KioskAuthService,
    private readonly checkIn: CheckInFrameUseCase,
    private readonly logger: JsonLogger,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      const s = socket as KioskSocket;
      this.authenticate(s).then(
        () => next(),
        (err: unknown) => {
          const error = toDomainError(err);
          this.logger.write('warn', 'kiosk socket refused', { code: error.code, reason: error.message, socketId: socket.id, ip: socket.handshake.address });
          const refusal = new Error(error.message) as Error & { data: WsErrorBody };
          refusal.data = { code: error.code, message: error.message };
          next(refusal);
        },
      );
    });
  }

  @SubscribeMessage('checkin:frame')
  async frame(@ConnectedSocket() socket: KioskSocket, @MessageBody() payload: unknown): Promise<WsAck<FrameResult>> {
    const receivedAt = performance.now();
    const { meetingId, token, device } = socket.data;
    try {
      const kiosk = await this.kiosks.verify(token, meetingId, device);
      const image = toBytes(payload);
      if (!image) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'checkin:frame takes the JPEG/PNG frame as a binary payload');
      const result = await this.checkIn.execute(meetingId, image, { kioskId: kiosk.id, kioskName: kiosk.name, userId: null }, receivedAt);
      return { ok: true, ...result };
    } catch (err: unknown) {
      const error = toDomainError(err);
      if ((ERROR_HTTP_STATUS[error.code] ?? 400) >= 500 && error.code !== 'ENGINE_BUSY') {
        this.logger.write('error', 'kiosk frame failed', { meetingId, kioskId: socket.data.kioskId, error: err instanceof Error ? err.stack : String(err) });
      }
      return { ok: false, error: toWsErrorBody(error) };
    }
  }

  private async authenticate(socket: KioskSocket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    const fields = auth && typeof auth === 'object' ? (auth as Record<string, unknown>) : {};
    const token = typeof fields.token === 'string' ? fields.token.replace(/^Kiosk\s+/i, '') : '';
    const meetingId = typeof fields.meetingId === 'string' ? fields.meetingId : '';
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Connect with auth: { token: <kiosk token>, meetingId }');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(meetingId)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'auth.meetingId must be the meeting id (uuid)');
    }
    const headerDevice = socket.handshake.headers[KIOSK_DEVICE_HEADER];
    const device = typeof fields.device === 'string' ? fields.device : typeof headerDevice === 'string' ? headerDevice : undefined;
    const kiosk = await this.kiosks.verify(token, meetingId, device);
    socket.data.device = device;
    socket.data.kioskId = kiosk.id;
    socket.data.kioskName = kiosk.name;
    socket.data.meetingId = meetingId;
    socket.data.token = token;
  }
}

function toBytes(payload: unknown): Uint8Array | null {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (payload && typeof payload === 'object' && 'frame' in payload) return toBytes((payload as { frame: unknown }).frame);
  return null;
}
