import { Injectable, type CanActivate } from '@nestjs/common';
import { DomainError } from '#core';
import { ConferenceErrorCode } from './conference.errors.js';
import { LiveKitClients } from './livekit.clients.js';

/** Every conference route answers 503 CONFERENCE_DISABLED when LiveKit is not configured (after auth, before validation). */
@Injectable()
export class ConferenceEnabledGuard implements CanActivate {
  constructor(private readonly livekit: LiveKitClients) {}

  canActivate(): boolean {
    if (!this.livekit.enabled) {
      throw new DomainError(ConferenceErrorCode.CONFERENCE_DISABLED, 'Conferencing is not configured on this server (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)');
    }
    return true;
  }
}
