import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { TrackSource } from 'livekit-server-sdk';
import { Repository } from 'typeorm';
import { JsonLogger, UserEntity } from '#core';
import { OpinionsNotifier } from '#opinions';
import { isTwirpNotFound, LiveKitClients } from '../livekit.clients.js';
import { roomNameFor } from '../rooms/room-name.js';

type FloorChange = { requestId: string; delegateId: string; speaking: boolean };

/**
 * The floor from the speaker queue (#opinions) opens and closes an online delegate's microphone: granted ->
 * `canPublish: true`, ended -> `canPublish: false`. A hall speaker is not in the room, so nothing happens for them
 * (the queue already marks them speaking).
 */
@Injectable()
export class FloorPermissionsListener implements OnModuleInit {
  /** Who holds the floor per meeting (this instance's view): granting a new speaker ends the previous one's. */
  private readonly holders = new Map<string, string>();
  /** The last permission change per meeting, so tests and shutdown can wait for it. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly livekit: LiveKitClients,
    private readonly notifier: OpinionsNotifier,
    private readonly logger: JsonLogger,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  onModuleInit(): void {
    this.notifier.onFloorChange((meetingId, change) => {
      if (!this.livekit.enabled) return;
      // changes of one meeting apply in order
      const previous = this.pending.get(meetingId) ?? Promise.resolve();
      const next = previous.then(() => this.apply(meetingId, change));
      this.pending.set(meetingId, next);
    });
  }

  /** Resolves once every floor change seen so far for the meeting has reached LiveKit. */
  settled(meetingId: string): Promise<void> {
    return this.pending.get(meetingId) ?? Promise.resolve();
  }

  private async apply(meetingId: string, change: FloorChange): Promise<void> {
    try {
      if (change.speaking) {
        const previous = this.holders.get(meetingId);
        if (previous && previous !== change.delegateId) await this.setPublish(meetingId, previous, false);
        this.holders.set(meetingId, change.delegateId);
        await this.setPublish(meetingId, change.delegateId, true);
      } else {
        if (this.holders.get(meetingId) === change.delegateId) this.holders.delete(meetingId);
        await this.setPublish(meetingId, change.delegateId, false);
      }
    } catch (err: unknown) {
      this.logger.write('error', 'floor permission change failed', { meetingId, ...change, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Identities are user ids: every login of the delegate that is in the room gets the change; absent ones are skipped. */
  private async setPublish(meetingId: string, delegateId: string, canPublish: boolean): Promise<void> {
    const users = await this.users.find({ where: { delegateId }, select: { id: true } });
    const room = roomNameFor(meetingId);
    for (const u of users) {
      try {
        await this.livekit.rooms.updateParticipant(room, u.id, {
          permission: canPublish
            ? { canPublish: true, canSubscribe: true, canPublishData: true, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE] }
            : { canPublish: false, canSubscribe: true, canPublishData: true, canPublishSources: [] },
        });
      } catch (err: unknown) {
        if (!isTwirpNotFound(err)) throw err;
      }
    }
  }
}
