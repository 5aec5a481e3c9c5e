import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type { WebhookEvent } from 'livekit-server-sdk';
import { Clock, DomainError, ErrorCode, JsonLogger } from '#core';
import { MeetingAccess } from '#meetings';
import { ConferenceErrorCode } from '../conference.errors.js';
import { isTwirpNotFound, LiveKitClients } from '../livekit.clients.js';
import { ConferenceRemovalEntity } from '../moderation/conference-removal.entity.js';
import { meetingIdFromRoom, roomNameFor } from '../rooms/room-name.js';
import { SessionSource } from '../sessions/conference-session.entity.js';
import { OnlineSessionsService } from '../sessions/online-sessions.service.js';

export interface WebhookOutcome {
  event: string;
  eventId: string;
  /** Already handled before (LiveKit retried): nothing was written. */
  duplicate: boolean;
  /** A room this system did not name, or a meeting that no longer exists. */
  ignored: boolean;
  /** The participant had been removed and joined again with an older token: removed again, not counted. */
  removedAgain?: boolean;
}

const LEAVES = new Set(['participant_left', 'participant_connection_aborted']);

/** Verifies a LiveKit webhook and turns participant events into online sessions and attendance, once per event id. */
@Injectable()
export class HandleWebhookUseCase {
  constructor(
    private readonly livekit: LiveKitClients,
    private readonly dataSource: DataSource,
    private readonly sessions: OnlineSessionsService,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    private readonly access: MeetingAccess,
  ) {}

  async execute(body: Buffer | undefined, authorization: string | undefined): Promise<WebhookOutcome> {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) throw new DomainError(ConferenceErrorCode.WEBHOOK_SIGNATURE_INVALID, 'The webhook is not signed (no Authorization header)');
    if (!body) {
      throw new DomainError(ConferenceErrorCode.WEBHOOK_INVALID, 'LiveKit webhooks are posted as application/webhook+json; this body could not be read as sent');
    }
    const text = body.toString('utf8');
    const event = await this.verify(text, token);
    const eventId = event.id && event.id.length <= 64 ? event.id : createHash('sha256').update(body).digest('hex');
    const occurredAt = Number(event.createdAt) > 0 ? new Date(Number(event.createdAt) * 1000) : this.clock.now();
    const roomName = event.room?.name ?? null;
    const meetingId = meetingIdFromRoom(roomName);
    const participant = event.participant;

    let checkIn: { meetingId: string; delegateId: string; at: Date } | null = null;
    let ignored = false;
    let removedAgain = false;
    const duplicate = await this.dataSource.transaction(async (em) => {
      const inserted = await em.query<unknown[]>(
        `INSERT INTO conference_webhook_events (event_id, event, room_name, participant_sid, occurred_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [eventId, event.event.slice(0, 40) || 'unknown', roomName?.slice(0, 100) ?? null, participant?.sid?.slice(0, 64) || null, occurredAt],
      );
      if (inserted.length === 0) return true;
      if (!meetingId || !(await this.access.find(meetingId, em))) {
        ignored = true;
        return false;
      }
      if ((event.event === 'participant_joined' || LEAVES.has(event.event)) && participant?.sid && participant.identity) {
        const who = await this.sessions.resolve(participant.identity, em);
        const ref = { meetingId, participantSid: participant.sid.slice(0, 64), identity: participant.identity.slice(0, 128), ...who };
        const joinedMs = Number(participant.joinedAtMs) || Number(participant.joinedAt) * 1000;
        if (event.event === 'participant_joined') {
          const joinedAt = joinedMs > 0 ? new Date(joinedMs) : occurredAt;
          await this.sessions.recordJoin(em, { ...ref, joinedAt, eventId });
          // a token outlives a removal (up to LIVEKIT_TOKEN_TTL_SECONDS): whoever was removed is removed again
          removedAgain = await em.exists(ConferenceRemovalEntity, { where: { meetingId, identity: ref.identity, readmittedAt: IsNull() } });
          if (who.delegateId && !removedAgain) checkIn = { meetingId, delegateId: who.delegateId, at: joinedAt };
        } else {
          await this.sessions.recordLeave(em, { ...ref, leftAt: occurredAt, joinedAt: joinedMs > 0 ? new Date(joinedMs) : null, eventId });
        }
      } else if (event.event === 'room_finished') {
        await this.sessions.closeAllOpen(em, meetingId, occurredAt, SessionSource.Webhook);
      } else {
        ignored = true;
      }
      return false;
    });
    if (removedAgain && meetingId && participant?.identity) await this.removeAgain(meetingId, participant.identity);
    // attendance is written after the session commits; a failure is logged and the reconcile job checks in again
    const pending = checkIn as { meetingId: string; delegateId: string; at: Date } | null;
    if (!duplicate && pending) await this.sessions.checkIn(pending.meetingId, pending.delegateId, pending.at);
    if (duplicate) this.logger.write('debug', 'duplicate livekit webhook ignored', { eventId, event: event.event });
    return { event: event.event, eventId, duplicate, ignored, ...(removedAgain ? { removedAgain } : {}) };
  }

  private async removeAgain(meetingId: string, identity: string): Promise<void> {
    try {
      await this.livekit.rooms.removeParticipant(roomNameFor(meetingId), identity);
      this.logger.write('info', 'removed participant joined again: removed', { meetingId, identity });
    } catch (err: unknown) {
      if (!isTwirpNotFound(err)) this.logger.write('error', 'could not remove a removed participant again', { meetingId, identity, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Signature first (401), then the body (400): an unsigned caller learns nothing about what we would parse. */
  private async verify(text: string, token: string): Promise<WebhookEvent> {
    try {
      return await this.livekit.webhooks.receive(text, token, false, 60);
    } catch (err: unknown) {
      // WebhookReceiver checks the JWT and the body's sha256 before it parses: a parse error means the signature was good
      if (err instanceof SyntaxError) throw new DomainError(ErrorCode.INVALID_JSON, 'The webhook body is not valid JSON');
      // protobuf's "cannot decode message/field ... from JSON" also comes after the checks
      if (err instanceof Error && err.message.startsWith('cannot decode ')) {
        throw new DomainError(ConferenceErrorCode.WEBHOOK_INVALID, 'The webhook body is not a LiveKit webhook event');
      }
      throw new DomainError(ConferenceErrorCode.WEBHOOK_SIGNATURE_INVALID, 'The webhook signature is missing, wrong or does not match the body');
    }
  }
}
