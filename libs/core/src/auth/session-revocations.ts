import { Injectable } from '@nestjs/common';

export type RevocationReason = 'logout' | 'deactivated' | 'password_changed' | 'role_changed' | 'refresh_replayed';

/** Sessions that just ended: one session (sessionId) or every session of the user (sessionId null). */
export interface SessionRevocation {
  userId: string;
  sessionId: string | null;
  reason: RevocationReason;
}

/**
 * Tells transports that sessions ended, after the database says so: the socket layer (#realtime) listens and
 * disconnects that user's sockets on every instance. Core cannot import realtime, so it publishes here.
 */
@Injectable()
export class SessionRevocations {
  private readonly listeners = new Set<(r: SessionRevocation) => void>();

  on(listener: (r: SessionRevocation) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(revocation: SessionRevocation): void {
    for (const listener of this.listeners) listener(revocation);
  }
}
