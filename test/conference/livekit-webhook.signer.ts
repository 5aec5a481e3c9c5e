import { createHash } from 'node:crypto';
import { AccessToken, ParticipantInfo, Room, WebhookEvent } from 'livekit-server-sdk';

/** Signs a webhook body exactly as livekit-server does: a JWT from the API key carrying the base64 sha256 of the body. */
export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const at = new AccessToken(apiKey, apiSecret, { ttl: '5m' });
  at.sha256 = createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

/** A webhook body as LiveKit serialises it (protobuf JSON of livekit.WebhookEvent). */
export function webhookBody(e: {
  event: string;
  id: string;
  room: string;
  at: Date;
  participant?: { sid: string; identity: string; joinedAt?: Date };
}): string {
  const event = new WebhookEvent({
    id: e.id,
    createdAt: BigInt(Math.floor(e.at.getTime() / 1000)),
    room: new Room({ name: e.room, sid: 'RM_test' }),
    participant: e.participant
      ? new ParticipantInfo({
          sid: e.participant.sid,
          identity: e.participant.identity,
          joinedAt: e.participant.joinedAt ? BigInt(Math.floor(e.participant.joinedAt.getTime() / 1000)) : 0n,
          joinedAtMs: e.participant.joinedAt ? BigInt(e.participant.joinedAt.getTime()) : 0n,
        })
      : undefined,
  });
  // the SDK's WebhookEvent constructor resets `event`, so it is set afterwards
  event.event = e.event as WebhookEvent['event'];
  return event.toJsonString();
}
