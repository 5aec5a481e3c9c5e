import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Throws a DomainError when a meeting's conclusions (and their tasks' definitions) may no longer change. */
export type ConclusionEditGuard = (em: EntityManager, meetingId: string) => Promise<void>;

/**
 * Other libraries add checks here (e.g. minutes that are signed and locked), so this library need not know them.
 * Guards run inside the write's transaction, after the meeting row is locked.
 */
@Injectable()
export class ConclusionEditGuards {
  private readonly guards: ConclusionEditGuard[] = [];

  add(guard: ConclusionEditGuard): void {
    this.guards.push(guard);
  }

  async check(em: EntityManager, meetingId: string): Promise<void> {
    for (const guard of this.guards) await guard(em, meetingId);
  }
}
