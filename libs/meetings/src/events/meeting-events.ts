import { Injectable } from '@nestjs/common';
import { JsonLogger } from '#core';
import type { MeetingStatus } from '../meeting-status.js';

export interface MeetingStatusChangedEvent {
  meetingId: string;
  from: MeetingStatus;
  to: MeetingStatus;
  /** The user who made the change. */
  changedBy: string;
  at: Date;
}

/** Every in-process meeting event and its payload. */
export interface MeetingEventMap {
  'status-changed': MeetingStatusChangedEvent;
}

export type MeetingEventListener<K extends keyof MeetingEventMap> = (event: MeetingEventMap[K]) => void | Promise<void>;

/**
 * A tiny typed in-process emitter (conferencing, realtime, attendance subscribe in onModuleInit).
 * Emitted after the change is committed; a failing listener is logged and never undoes the change or stops the others.
 */
@Injectable()
export class MeetingEvents {
  private readonly listeners = new Map<keyof MeetingEventMap, Set<(event: never) => void | Promise<void>>>();

  constructor(private readonly logger: JsonLogger) {}

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof MeetingEventMap>(event: K, listener: MeetingEventListener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const stored = set;
    stored.add(listener);
    return () => void stored.delete(listener);
  }

  /** Calls every listener; waits for async ones so callers (and tests) can rely on them having run. */
  async emit<K extends keyof MeetingEventMap>(event: K, payload: MeetingEventMap[K]): Promise<void> {
    const set = this.listeners.get(event) as Set<MeetingEventListener<K>> | undefined;
    if (!set) return;
    await Promise.all(
      [...set].map(async (listener) => {
        try {
          await listener(payload);
        } catch (err: unknown) {
          this.logger.write('error', 'meeting event listener failed', { event, error: err instanceof Error ? err.stack : String(err) });
        }
      }),
    );
  }
}
