import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EncodedFileOutput } from 'livekit-server-sdk';
import { IsNull, Repository } from 'typeorm';
import { Clock, DomainError, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { ConferenceErrorCode } from '../conference.errors.js';
import { isTwirpNotFound, liveKitFailure, LiveKitClients } from '../livekit.clients.js';
import { CONFERENCE_ACTIVE, ConferenceRoomsService } from '../rooms/conference-rooms.service.js';
import { roomNameFor } from '../rooms/room-name.js';
import { ConferenceRecordingEntity } from './conference-recording.entity.js';

export interface RecordingView {
  id: string;
  egressId: string;
  filepath: string | null;
  startedAt: string;
  stoppedAt: string | null;
}

export interface RecordingStatus {
  /** false: no LiveKit Egress in this deployment (LIVEKIT_EGRESS_ENABLED), so the UI offers no recording. */
  available: boolean;
  running: RecordingView | null;
}

/** Room composite recording through LiveKit Egress, when the deployment has it (LIVEKIT_EGRESS_ENABLED). */
@Injectable()
export class ConferenceRecordingService {
  constructor(
    private readonly livekit: LiveKitClients,
    private readonly rooms: ConferenceRoomsService,
    private readonly clock: Clock,
    @InjectRepository(ConferenceRecordingEntity) private readonly recordings: Repository<ConferenceRecordingEntity>,
    private readonly access: MeetingAccess,
  ) {}

  private assertAvailable(): void {
    if (!this.livekit.settings.egress.enabled) {
      throw new DomainError(ConferenceErrorCode.RECORDING_UNAVAILABLE, 'Recording needs LiveKit Egress, which this deployment does not have (LIVEKIT_EGRESS_ENABLED)');
    }
  }

  async status(meetingId: string): Promise<RecordingStatus> {
    await this.access.getOrFail(meetingId);
    const running = await this.recordings.findOne({ where: { meetingId, stoppedAt: IsNull() } });
    return { available: this.livekit.settings.egress.enabled, running: running ? this.view(running) : null };
  }

  async start(user: AuthUser, meetingId: string): Promise<RecordingView> {
    this.assertAvailable();
    const meeting = await this.access.getOrFail(meetingId);
    if (!CONFERENCE_ACTIVE.includes(meeting.status)) {
      throw new DomainError(ConferenceErrorCode.CONFERENCE_MEETING_NOT_ACTIVE, `The meeting is ${meeting.status}; it can be recorded only while open or in session`, { status: meeting.status });
    }
    if (await this.recordings.exists({ where: { meetingId, stoppedAt: IsNull() } })) {
      throw new DomainError(ConferenceErrorCode.RECORDING_ALREADY_RUNNING, 'This meeting is already being recorded');
    }
    await this.rooms.ensureRoom(meeting);
    const filepath = this.livekit.settings.egress.filepath;
    let egressId: string;
    try {
      const info = await this.livekit.egress.startRoomCompositeEgress(roomNameFor(meetingId), { file: new EncodedFileOutput({ filepath }) }, { layout: 'speaker' });
      egressId = info.egressId;
    } catch (err: unknown) {
      throw liveKitFailure('start the recording', err);
    }
    // the partial unique index keeps one running recording per meeting even when two starts race
    const saved = await this.recordings.save(this.recordings.create({ meetingId, egressId, filepath, startedBy: user.id, startedAt: this.clock.now(), stoppedAt: null, stoppedBy: null }));
    return this.view(saved);
  }

  async stop(user: AuthUser, meetingId: string): Promise<RecordingView> {
    this.assertAvailable();
    const running = await this.recordings.findOne({ where: { meetingId, stoppedAt: IsNull() } });
    if (!running) throw new DomainError(ConferenceErrorCode.RECORDING_NOT_RUNNING, 'This meeting is not being recorded');
    try {
      await this.livekit.egress.stopEgress(running.egressId);
    } catch (err: unknown) {
      // an egress LiveKit no longer knows has ended anyway
      if (!isTwirpNotFound(err)) throw liveKitFailure('stop the recording', err);
    }
    await this.recordings.update({ id: running.id }, { stoppedAt: this.clock.now(), stoppedBy: user.id });
    return this.view(await this.recordings.findOneOrFail({ where: { id: running.id } }));
  }

  private view(r: ConferenceRecordingEntity): RecordingView {
    return { id: r.id, egressId: r.egressId, filepath: r.filepath, startedAt: r.startedAt.toISOString(), stoppedAt: r.stoppedAt?.toISOString() ?? null };
  }
}
