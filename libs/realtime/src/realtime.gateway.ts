import { UseFilters } from '@nestjs/common';
import { MessageBody, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AuthService, createValidationPipe, DomainError, ERROR_HTTP_STATUS, ErrorCode, JsonLogger, toDomainError, type AuthUser } from '#core';
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
  type WsErrorBody,
} from './realtime.events.js';
import { RealtimeService } from './realtime.service.js';
import { WsExceptionFilter } from './ws-exception.filter.js';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const MAX_TOKEN_LENGTH = 4096;

/**
 * The payload pipe is given per @MessageBody rather than with @UsePipes: a class-level pipe would also run on
 * @ConnectedSocket (its metatype is the Socket class) and try to validate the socket itself.
 * Same options as the global HTTP pipe (whitelist, forbidNonWhitelisted, transform).
 */
export const WsBody = (): ParameterDecorator => MessageBody(createValidationPipe());

/**
 * Main namespace `/`. Authenticates at connection with the HTTP access token (`auth.token`, or an
 * `Authorization: Bearer` header) and joins `user:<id>` and `delegate:<id>`; following a meeting (`meeting:join`)
 * is #meetings' (it owns who may see a meeting).
 */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
export class RealtimeGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket> {
  constructor(
    private readonly auth: AuthService,
    private readonly realtime: RealtimeService,
    private readonly logger: JsonLogger,
  ) {}

  afterInit(server: LiveServer): void {
    this.realtime.attach(server as unknown as Server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        (user) => {
          socket.data.user = user;
          next();
        },
        (err: unknown) => next(this.refusal(socket, err)),
      );
    });
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const user = socket.data.user;
    const own = [rooms.user(user.id)];
    if (user.delegateId) own.push(rooms.delegate(user.delegateId));
    await socket.join(own);
    this.logger.write('debug', 'socket connected', { socketId: socket.id, userId: user.id, role: user.role });
  }

  private async authenticate(socket: LiveSocket): Promise<AuthUser> {
    const token = tokenOf(socket);
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: pass the access token as auth.token');
    if (token.length > MAX_TOKEN_LENGTH) throw new DomainError(ErrorCode.TOKEN_INVALID, 'Access token is not valid');
    return this.auth.verifyAccessToken(token);
  }

  /** socket.io sends this to the client as `connect_error` (message, and `data` with the code). */
  private refusal(socket: LiveSocket, err: unknown): Error & { data: WsErrorBody } {
    const error = toDomainError(err);
    const serverSide = (ERROR_HTTP_STATUS[error.code] ?? 400) >= 500;
    this.logger.write(serverSide ? 'error' : 'warn', 'socket connection refused', {
      code: error.code,
      reason: error.message,
      socketId: socket.id,
      ip: socket.handshake.address,
      userAgent: socket.handshake.headers['user-agent'],
      ...(serverSide ? { error: err instanceof Error ? err.stack : String(err) } : {}),
    });
    const refusal = new Error(error.message) as Error & { data: WsErrorBody };
    refusal.data = { code: error.code, message: error.message };
    return refusal;
  }
}

function tokenOf(socket: LiveSocket): string | undefined {
  const auth: unknown = socket.handshake.auth;
  const given = auth && typeof auth === 'object' ? (auth as Record<string, unknown>).token : undefined;
  if (typeof given === 'string' && given.length > 0) return given.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
