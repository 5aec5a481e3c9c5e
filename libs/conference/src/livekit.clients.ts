import { Inject, Injectable } from '@nestjs/common';
import { EgressClient, RoomServiceClient, TwirpError, WebhookReceiver } from 'livekit-server-sdk';
import { APP_CONFIG, DomainError, type AppConfig, type LiveKitConfig } from '#core';
import { ConferenceErrorCode } from './conference.errors.js';

/** The LiveKit SDK clients, built once from the validated config; absent when conferencing is disabled. */
@Injectable()
export class LiveKitClients {
  readonly config: LiveKitConfig | null;
  private readonly clients: { rooms: RoomServiceClient; egress: EgressClient; webhooks: WebhookReceiver } | null;

  constructor(@Inject(APP_CONFIG) appConfig: AppConfig) {
    this.config = appConfig.livekit;
    const c = this.config;
    // failover only concerns LiveKit Cloud; a self-hosted server is one origin
    this.clients = c
      ? {
          rooms: new RoomServiceClient(c.url, c.apiKey, c.apiSecret, { requestTimeout: 10, failover: false }),
          egress: new EgressClient(c.url, c.apiKey, c.apiSecret, { requestTimeout: 15, failover: false }),
          webhooks: new WebhookReceiver(c.apiKey, c.apiSecret),
        }
      : null;
  }

  get enabled(): boolean {
    return this.clients !== null;
  }

  private get all(): NonNullable<LiveKitClients['clients']> {
    if (!this.clients) throw new DomainError(ConferenceErrorCode.CONFERENCE_DISABLED, 'Conferencing is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)');
    return this.clients;
  }

  get rooms(): RoomServiceClient {
    return this.all.rooms;
  }
  get egress(): EgressClient {
    return this.all.egress;
  }
  get webhooks(): WebhookReceiver {
    return this.all.webhooks;
  }
  get settings(): LiveKitConfig {
    const c = this.config;
    if (!c) throw new DomainError(ConferenceErrorCode.CONFERENCE_DISABLED, 'Conferencing is not configured (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)');
    return c;
  }
}

/** Twirp's "not_found" (room or participant gone): fine for deletes and moderation of someone who left. */
export function isTwirpNotFound(err: unknown): boolean {
  return err instanceof TwirpError && (err.code === 'not_found' || err.status === 404);
}

export function isTwirpAlreadyExists(err: unknown): boolean {
  return err instanceof TwirpError && (err.code === 'already_exists' || err.status === 409);
}

/** Any other failure of LiveKit's API becomes one domain error instead of a 500. */
export function liveKitFailure(action: string, err: unknown): DomainError {
  const detail = err instanceof Error ? err.message : String(err);
  return new DomainError(ConferenceErrorCode.LIVEKIT_UNAVAILABLE, `LiveKit could not ${action}: ${detail}`);
}
