import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AttendanceService, CheckInMethod } from '#attendance';
import { APP_CONFIG, DomainError, Metrics, type AppConfig } from '#core';
import { MeetingStatus } from '#meetings';
import { RealtimeService, type TypedEmitter } from '#realtime';
import { FaceErrorCode } from '../common/face-error.js';
import { FaceEngineHolder } from '../engine/face-engine.holder.js';
import { FRAME_MATCHER_SETTINGS } from '../gallery/face-matcher.js';
import { FRAME_PIPELINE } from '../engine/face-pipeline.js';
import type { FaceBox } from '../engine/face.types.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import { MeetingGalleryCache } from '../gallery/meeting-gallery.cache.js';
import { AgreementTracker, KioskRateLimiter } from './agreement.tracker.js';
import type { FaceServerEvents, FrameFaceResult, FrameResult, FrameSource } from './checkin.types.js';

const OPEN: MeetingStatus[] = [MeetingStatus.Open, MeetingStatus.InSession];
/** Staff get at most one "unrecognised at kiosk N" alert per kiosk in this time (no face is remembered to dedupe). */
const UNRECOGNISED_REPEAT_MS = 3000;

/**
 * One kiosk frame: every face is identified against the meeting's gallery; a recognised invited delegate seen in
 * FACE_AGREEMENT_FRAMES frames of the same kiosk within FACE_AGREEMENT_WINDOW_MS is checked in (once: later
 * sightings answer already_present); anything else is `unrecognised` for the kiosk and a count for the meeting's staff
 * (`checkin:unrecognised`): its descriptor, box and pixels die with the frame. Shared by the HTTP route and /kiosk.
 */
@Injectable()
export class CheckInFrameUseCase implements OnModuleDestroy {
  private readonly agreement: AgreementTracker;
  private readonly limiter: KioskRateLimiter;
  private readonly lastAlert = new Map<string, number>();
  private readonly unrecognisedTotal: ReturnType<Metrics['counter']>;
  private readonly live: TypedEmitter<FaceServerEvents>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: FaceEngineHolder,
    private readonly galleries: MeetingGalleryCache,
    private readonly attendance: AttendanceService,
    metrics: Metrics,
    realtime: RealtimeService,
    events: FaceGalleryEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.agreement = new AgreementTracker(config.face.agreementFrames, config.face.agreementWindowMs);
    this.limiter = new KioskRateLimiter(config.face.kioskMaxFps);
    this.live = realtime.typed<FaceServerEvents>();
    this.unrecognisedTotal = metrics.counter('face_unrecognised_faces_total', 'Faces at a kiosk matched to no invited consenting delegate (only counted)');
    this.unsubscribe = events.on((change) => {
      if (change.kind === 'removed') this.agreement.forget(change.delegateId);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** `receivedAt`: performance.now() when the whole frame had arrived. */
  async execute(meetingId: string, image: Uint8Array, source: FrameSource, receivedAt = performance.now()): Promise<FrameResult> {
    const sourceKey = source.kioskId ? `kiosk:${source.kioskId}` : `user:${source.userId ?? 'unknown'}`;
    const wait = this.limiter.take(sourceKey);
    if (wait > 0) throw new DomainError(FaceErrorCode.KIOSK_RATE_LIMITED, 'Too many frames from this kiosk, slow down', { retryAfter: wait }, wait);
    if (image.length === 0) throw new DomainError(FaceErrorCode.FRAME_REQUIRED, 'Send the frame as an image/jpeg or image/png body, or as the multipart field "frame"');
    await this.attendance.assertMeeting(meetingId, OPEN);
    const [{ faces, ms }, gallery] = await Promise.all([this.engine.detect(image, { maxSide: this.config.face.frameMaxSide, ...FRAME_PIPELINE }), this.galleries.get(meetingId)]);

    const results: FrameFaceResult[] = [];
    const counted = new Set<string>();
    let unrecognised = 0;
    for (const face of faces) {
      const box = roundBox(face.box);
      const match = gallery.matcher.identify(face.descriptor, FRAME_MATCHER_SETTINGS);
      const person = match.personId ? gallery.people.get(match.personId) : undefined;
      if (!match.personId || !person || counted.has(match.personId)) {
        // the box goes back only to the kiosk that sent this frame, to frame the face on its own screen
        results.push({ status: 'unrecognised', box });
        unrecognised += 1;
        continue;
      }
      counted.add(match.personId);
      results.push({ status: await this.decide(meetingId, match.personId, sourceKey, source, match.distance, face.score), delegate: { ...person }, box });
    }
    if (unrecognised > 0) this.reportUnrecognised(meetingId, sourceKey, source, unrecognised);
    return { meetingId, faces: results, elapsedMs: round1(performance.now() - receivedAt), inferenceMs: round1(ms) };
  }

  private async decide(meetingId: string, delegateId: string, sourceKey: string, source: FrameSource, distance: number, score: number): Promise<FrameFaceResult['status']> {
    if (await this.attendance.isPresent(meetingId, delegateId)) return 'already_present';
    if (!this.agreement.observe(`${meetingId}:${sourceKey}`, delegateId)) return 'pending';
    const { created } = await this.attendance.checkIn({
      meetingId,
      delegateId,
      method: CheckInMethod.Face,
      kioskId: source.kioskId,
      recordedBy: source.userId,
      distance: Number(distance.toFixed(4)),
      score: Number(score.toFixed(4)),
    });
    return created ? 'checked_in' : 'already_present';
  }

  /** A count and a time, nothing about the faces themselves (Law 91/2025/QH15 Art. 9: no consent, no processing). */
  private reportUnrecognised(meetingId: string, sourceKey: string, source: FrameSource, count: number): void {
    this.unrecognisedTotal.inc(count);
    const key = `${meetingId}:${sourceKey}`;
    const now = Date.now();
    if (now - (this.lastAlert.get(key) ?? 0) < UNRECOGNISED_REPEAT_MS) return;
    this.lastAlert.set(key, now);
    if (this.lastAlert.size > 5000) this.lastAlert.clear();
    this.live.toMeetingStaff(meetingId, 'checkin:unrecognised', { meetingId, kioskId: source.kioskId, kioskName: source.kioskName, at: new Date(now).toISOString(), count });
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const roundBox = (b: FaceBox): FaceBox => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });
