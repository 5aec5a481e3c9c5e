import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AuthService, DomainError, ERROR_HTTP_STATUS, ErrorCode, JsonLogger, SessionRevocations, toDomainError, type SessionRevocation } from '#core';
import { rooms, type AuthRefreshed, type AuthRevokedNotice, type WsAck, type WsErrorBody } from './realtime.events.js';
import type { LiveServer, LiveSocket } from './realtime.gateway.js';
import { WsExceptionFilter } from './ws-exception.filter.js';

const MAX_TOKEN_LENGTH = 4096;
/** How often each instance re-reads revoked_at for its open sockets: the net under a Redis outage. */
const REVOCATION_SWEEP_MS = 30_000;
export const AUTH_REFRESH_EVENT = 'auth:refresh';

/**
 * A socket acts only for a live session. At connection the access token is verified like an HTTP request; after
 * that every event passes a check that costs no database round trip (the vote:cast hot path):
 * - the token's expiry is kept on the socket: once past it every event is answered TOKEN_EXPIRED until the client
 *   sends `auth:refresh { token }` with a new access token of the same user (or reconnects with it);
 * - revocations (logout, deactivation, password or role change, refresh replay) are pushed: the instance that
 *   revoked emits `auth:revoked` and disconnects the session's (or user's) sockets through the adapter, so with
 *   REDIS_URL every instance drops them at once;
 * - every 30 s each instance re-reads revoked_at for the sessions of its sockets, in case a push was lost.
 */
@Injectable()
export class SocketSessions implements OnModuleDestroy {
  private server: LiveServer | null = null;
  private stopListening: (() => void) | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly auth: AuthService,
    private readonly revocations: SessionRevocations,
    private readonly errors: WsExceptionFilter,
    private readonly logger: JsonLogger,
  ) {}

  /** Called by the gateway's afterInit: authentication at connection, the per-event check, revocation pushes. */
  attach(server: LiveServer): void {
    this.server = server;
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (err: unknown) => next(this.refusal(socket, err)),
      );
    });
    server.on('connection', (socket) => this.watch(socket));
    this.stopListening = this.revocations.on((r) => this.revoke(r));
    this.sweepTimer = setInterval(() => void this.sweep(), REVOCATION_SWEEP_MS);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const token = tokenOf(socket);
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: pass the access token as auth.token');
    const { user, expiresAt } = await this.verify(token);
    socket.data.user = user;
    socket.data.tokenExpiresAt = expiresAt;
  }

  private verify(token: string): ReturnType<AuthService['verifySession']> {
    if (token.length > MAX_TOKEN_LENGTH) return Promise.reject(new DomainError(ErrorCode.TOKEN_INVALID, 'Access token is not valid'));
    return this.auth.verifySession(token);
  }

  private watch(socket: LiveSocket): void {
    void socket.join(rooms.session(socket.data.user.sessionId));
    // runs before every listener of every library (Nest's @SubscribeMessage and plain listeners alike)
    socket.use((packet, next) => {
      if (packet[0] === AUTH_REFRESH_EVENT) return next();
      if (Date.now() < socket.data.tokenExpiresAt) return next();
      const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
      this.errors.answer(socket, String(packet[0]), typeof last === 'function' ? last : undefined, new DomainError(ErrorCode.TOKEN_EXPIRED, 'Access token has expired: send auth:refresh with a new token'));
    });
    const events = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
    events.on(AUTH_REFRESH_EVENT, (...args: unknown[]) => void this.refresh(socket, args));
  }

  /** `auth:refresh { token }`: a new access token of the same user lets the socket act again. */
  private async refresh(socket: LiveSocket, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (res: WsAck<AuthRefreshed>) => void) : undefined;
    try {
      const payload = args[0];
      const token = payload && typeof payload === 'object' ? (payload as Record<string, unknown>).token : undefined;
      if (typeof token !== 'string' || token.length === 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'auth:refresh takes { token: <access token> }');
      const { user, expiresAt } = await this.verify(token.replace(/^Bearer\s+/i, ''));
      const current = socket.data.user;
      // rooms were joined for this user and delegate; another account must open its own connection
      if (user.id !== current.id || user.delegateId !== current.delegateId) {
        throw new DomainError(ErrorCode.TOKEN_INVALID, 'This token belongs to another account: connect again with it');
      }
      if (user.sessionId !== current.sessionId) {
        await socket.leave(rooms.session(current.sessionId));
        await socket.join(rooms.session(user.sessionId));
      }
      socket.data.user = user;
      socket.data.tokenExpiresAt = expiresAt;
      ack?.({ ok: true, expiresAt: new Date(expiresAt).toISOString() });
    } catch (err: unknown) {
      this.errors.answer(socket, AUTH_REFRESH_EVENT, ack, err);
    }
  }

  private revoke(r: SessionRevocation): void {
    const server = this.server;
    if (!server) return;
    const room = r.sessionId ? rooms.session(r.sessionId) : rooms.user(r.userId);
    const notice: AuthRevokedNotice = { code: ErrorCode.TOKEN_REVOKED, reason: r.reason };
    try {
      // through the adapter: with Redis both reach every instance, in this order
      server.to(room).emit('auth:revoked', notice);
      server.in(room).disconnectSockets();
    } catch (err: unknown) {
      // the sweep below catches what a failed publish missed
      this.logger.write('warn', 'socket revocation not published', { room, error: err instanceof Error ? err.message : String(err) });
    }
    this.logger.write('info', 'sessions revoked, sockets disconnected', { userId: r.userId, sessionId: r.sessionId, reason: r.reason });
  }

  private async sweep(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const bySession = new Map<string, LiveSocket[]>();
    for (const socket of server.of('/').sockets.values()) {
      const sid = socket.data.user?.sessionId;
      if (!sid) continue;
      const list = bySession.get(sid) ?? [];
      list.push(socket);
      bySession.set(sid, list);
    }
    try {
      for (const sid of await this.auth.revokedAmong([...bySession.keys()])) {
        for (const socket of bySession.get(sid) ?? []) {
          socket.emit('auth:revoked', { code: ErrorCode.TOKEN_REVOKED, reason: 'revoked' });
          socket.disconnect(true);
        }
      }
    } catch (err: unknown) {
      this.logger.write('warn', 'socket revocation sweep failed', { error: err instanceof Error ? err.message : String(err) });
    }
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
