import { Catch, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { ERROR_HTTP_STATUS, JsonLogger, toDomainError, type AuthUser } from '#core';
import { toWsErrorBody, type WsAck, type WsErrorEvent } from './realtime.events.js';

/**
 * The WS twin of the HTTP filter: DomainErrors (and validation failures, which the pipe raises as DomainErrors)
 * become an `error` event `{ code, message, event }` and, when the client passed an ack, `{ ok: false, error }`.
 * Unknown failures answer INTERNAL and are logged with the event and user; the socket stays open.
 */
@Catch()
@Injectable()
export class WsExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    this.answer(ws.getClient<Socket>(), ws.getPattern(), host.getArgByIndex(2), exception);
  }

  /** The same answer for a listener bound without Nest (the `vote:cast` burst path): error event, ack, log. */
  answer(socket: Socket, event: string, ack: unknown, exception: unknown): void {
    const error = toDomainError(exception);
    const user = (socket.data as { user?: AuthUser } | undefined)?.user;
    const status = ERROR_HTTP_STATUS[error.code] ?? 400;
    if (status === 503) {
      this.logger.write('warn', 'service unavailable in socket event', { event, socketId: socket.id, code: error.code });
    } else if (status >= 500) {
      this.logger.write('error', 'unhandled error in socket event', {
        event,
        socketId: socket.id,
        userId: user?.id,
        error: exception instanceof Error ? exception.stack : String(exception),
      });
    }
    const body = toWsErrorBody(error);
    const payload: WsErrorEvent = { ...body, event };
    socket.emit('error', payload);
    if (typeof ack === 'function') {
      const answer: WsAck<object> = { ok: false, error: body };
      (ack as (res: WsAck<object>) => void)(answer);
    }
  }
}
