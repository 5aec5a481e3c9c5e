import { Inject, Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { APP_CONFIG, JsonLogger, type AppConfig } from '#core';
import { rooms } from './realtime.events.js';

/** Emits to rooms of one library's event map, with the payload type checked per event. */
export interface TypedEmitter<M extends object> {
  toMeeting<E extends keyof M & string>(meetingId: string, event: E, payload: M[E]): void;
  /** Everyone in the meeting room except staff sockets (the hall screens, delegates, observers). */
  toMeetingHall<E extends keyof M & string>(meetingId: string, event: E, payload: M[E]): void;
  toMeetingStaff<E extends keyof M & string>(meetingId: string, event: E, payload: M[E]): void;
  toUser<E extends keyof M & string>(userId: string, event: E, payload: M[E]): void;
  toDelegate<E extends keyof M & string>(delegateId: string, event: E, payload: M[E]): void;
}

/**
 * The one way libraries push live events. Emitting is best effort: before the gateway is up, or when the
 * Redis adapter cannot publish, the event is logged and dropped, never thrown back into the caller's request.
 */
@Injectable()
export class RealtimeService {
  private server: Server | null = null;
  private readonly instanceHandlers = new Map<string, Set<(payload: unknown) => void>>();

  constructor(
    private readonly logger: JsonLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by the gateway once socket.io is initialised. */
  attach(server: Server): void {
    this.server = server;
    for (const event of this.instanceHandlers.keys()) this.listen(event);
  }

  /**
   * Sends a server-to-server message to every OTHER instance (socket.io serverSideEmit over the Redis adapter),
   * e.g. cache invalidations. With one instance (in-memory adapter) there is nobody to tell: a no-op.
   */
  toOtherInstances(event: string, payload: unknown): void {
    // without Redis there is one instance; the in-memory adapter would only print a warning
    if (!this.server || !this.config.realtime.redisUrl) return;
    try {
      this.server.serverSideEmit(event, payload);
    } catch (err: unknown) {
      // a Redis adapter that cannot publish right now: the 2 s gallery re-check is the safety net
      this.logger.write('debug', 'instance message not sent', { event, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Receives what `toOtherInstances` sent from another instance. */
  onInstanceEvent(event: string, handler: (payload: unknown) => void): () => void {
    let set = this.instanceHandlers.get(event);
    if (!set) {
      set = new Set();
      this.instanceHandlers.set(event, set);
      if (this.server) this.listen(event);
    }
    set.add(handler);
    return () => void set.delete(handler);
  }

  private listen(event: string): void {
    this.server?.on(event as 'connection', (payload: unknown) => {
      for (const handler of this.instanceHandlers.get(event) ?? []) {
        try {
          handler(payload);
        } catch (err: unknown) {
          this.logger.write('error', 'instance message handler failed', { event, error: err instanceof Error ? err.stack : String(err) });
        }
      }
    });
  }

  toMeeting(meetingId: string, event: string, payload: unknown): void {
    this.emit(event, payload, [rooms.meeting(meetingId)]);
  }

  toMeetingHall(meetingId: string, event: string, payload: unknown): void {
    this.emit(event, payload, [rooms.meeting(meetingId)], [rooms.meetingStaff(meetingId)]);
  }

  toMeetingStaff(meetingId: string, event: string, payload: unknown): void {
    this.emit(event, payload, [rooms.meetingStaff(meetingId)]);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.emit(event, payload, [rooms.user(userId)]);
  }

  toDelegate(delegateId: string, event: string, payload: unknown): void {
    this.emit(event, payload, [rooms.delegate(delegateId)]);
  }

  /** A view of this service typed by a library's event map: `realtime.typed<AttendanceServerEvents>()`. */
  typed<M extends object>(): TypedEmitter<M> {
    return {
      toMeeting: (id, event, payload) => this.toMeeting(id, event, payload),
      toMeetingHall: (id, event, payload) => this.toMeetingHall(id, event, payload),
      toMeetingStaff: (id, event, payload) => this.toMeetingStaff(id, event, payload),
      toUser: (id, event, payload) => this.toUser(id, event, payload),
      toDelegate: (id, event, payload) => this.toDelegate(id, event, payload),
    };
  }

  private emit(event: string, payload: unknown, to: string[], except: string[] = []): void {
    if (!this.server) {
      this.logger.write('debug', 'realtime event dropped: socket server not started', { event, rooms: to });
      return;
    }
    try {
      let target = this.server.to(to);
      if (except.length > 0) target = target.except(except);
      target.emit(event, payload);
    } catch (err: unknown) {
      this.logger.write('error', 'realtime emit failed', { event, rooms: to, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
