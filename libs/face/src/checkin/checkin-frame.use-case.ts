import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import sharp from 'sharp';
import { AttendanceService, CheckInMethod } from '#attendance';
import { APP_CONFIG, DomainError, JsonLogger, type AppConfig } from '#core';
import { MeetingStatus } from '#meetings';
import { RealtimeService, type TypedEmitter } from '#realtime';
import { FaceErrorCode } from '../common/face-error.js';
import { FaceEngineHolder } from '../engine/face-engine.holder.js';
import { DEFAULT_MATCHER_SETTINGS, FRAME_MATCHER_SETTINGS, euclidean } from '../gallery/face-matcher.js';
import { FRAME_PIPELINE } from '../engine/face-pipeline.js';
import type { DetectedFace, FaceBox } from '../engine/face.types.js';
import { FaceGalleryEvents } from '../gallery/face-gallery.events.js';
import { MeetingGalleryCache } from '../gallery/meeting-gallery.cache.js';
import { AgreementTracker, KioskRateLimiter } from './agreement.tracker.js';
import type { FaceServerEvents, FrameFaceResult, FrameResult, FrameSource } from './checkin.types.js';

const OPEN: MeetingStatus[] = [MeetingStatus.Open, MeetingStatus.InSession];
const CROP_WIDTH = 96;
/** The same unrecognised face (same kiosk, about the same place) is reported once in this time. */
const UNRECOGNISED_REPEAT_MS = 3000;

/**
 * One kiosk frame: every face is identified against the meeting's gallery; a recognised invited delegate seen in
 * FACE_AGREEMENT_FRAMES frames of the same kiosk within FACE_AGREEMENT_WINDOW_MS is checked in (once: later
 * sightings answer already_present); anything else is `unrecognised` for the kiosk and a `checkin:unrecognised`
 * event for the meeting's staff. Shared by the HTTP route and the /kiosk socket namespace.
 */
@Injectable()
export class CheckInFrameUseCase implements OnModuleDestroy {
  private readonly agreement: AgreementTracker;
  private readonly limiter: KioskRateLimiter;
  private readonly unrecognisedSeen = new Map<string, { descriptor: Float32Array; at: number }[]>();
  private readonly live: TypedEmitter<FaceServerEvents>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: FaceEngineHolder,
    private readonly galleries: MeetingGalleryCache,
    private readonly attendance: AttendanceService,
    private readonly logger: JsonLogger,
    realtime: RealtimeService,
    events: FaceGalleryEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.agreement = new AgreementTracker(config.face.agreementFrames, config.face.agreementWindowMs);
    this.limiter = new KioskRateLimiter(config.face.kioskMaxFps);
    this.live = realtime.typed<FaceServerEvents>();
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
    for (const face of faces) {
      const box = roundBox(face.box);
      const match = gallery.matcher.identify(face.descriptor, FRAME_MATCHER_SETTINGS);
      const person = match.personId ? gallery.people.get(match.personId) : undefined;
      if (!match.personId || !person || counted.has(match.personId)) {
        results.push({ status: 'unrecognised', box });
        this.reportUnrecognised(meetingId, sourceKey, source, face, image);
        continue;
      }
      counted.add(match.personId);
      results.push({ status: await this.decide(meetingId, match.personId, sourceKey, source, match.distance, face.score), delegate: { ...person }, box });
    }
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

  private reportUnrecognised(meetingId: string, sourceKey: string, source: FrameSource, face: DetectedFace, image: Uint8Array): void {
    if (this.seenRecently(`${meetingId}:${sourceKey}`, face.descriptor)) return;
    const now = Date.now();
    const payload: FaceServerEvents['checkin:unrecognised'] = {
      meetingId,
      kioskId: source.kioskId,
      kioskName: source.kioskName,
      at: new Date(now).toISOString(),
      box: roundBox(face.box),
      score: Number(face.score.toFixed(3)),
    };
    // the crop is made off the request path; the event goes out with or without it
    crop(image, face.box).then(
      (dataUrl) => this.live.toMeetingStaff(meetingId, 'checkin:unrecognised', { ...payload, crop: dataUrl }),
      (err: unknown) => {
        this.logger.write('warn', 'unrecognised face crop failed', { meetingId, error: err instanceof Error ? err.message : String(err) });
        this.live.toMeetingStaff(meetingId, 'checkin:unrecognised', payload);
      },
    );
  }

  /** The same unknown face in front of the same kiosk is reported once per UNRECOGNISED_REPEAT_MS, not every frame. */
  private seenRecently(key: string, descriptor: Float32Array): boolean {
    const now = Date.now();
    const recent = (this.unrecognisedSeen.get(key) ?? []).filter((s) => now - s.at < UNRECOGNISED_REPEAT_MS);
    const repeat = recent.some((s) => euclidean(s.descriptor, descriptor) <= DEFAULT_MATCHER_SETTINGS.threshold);
    if (!repeat) recent.push({ descriptor, at: now });
    if (recent.length > 0) this.unrecognisedSeen.set(key, recent.slice(-50));
    else this.unrecognisedSeen.delete(key);
    if (this.unrecognisedSeen.size > 5000) this.unrecognisedSeen.clear();
    return repeat;
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const roundBox = (b: FaceBox): FaceBox => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });

/** A small JPEG of the face (with a little margin) as a data URL. */
async function crop(image: Uint8Array, box: FaceBox): Promise<string> {
  const img = sharp(image).rotate();
  const meta = await img.metadata();
  const oriented = (meta.orientation ?? 1) >= 5;
  const w = (oriented ? meta.height : meta.width) ?? 0;
  const h = (oriented ? meta.width : meta.height) ?? 0;
  const pad = Math.round(Math.max(box.width, box.height) * 0.2);
  const left = Math.max(0, Math.floor(box.x - pad));
  const top = Math.max(0, Math.floor(box.y - pad));
  const width = Math.max(1, Math.min(w - left, Math.ceil(box.width + 2 * pad)));
  const height = Math.max(1, Math.min(h - top, Math.ceil(box.height + 2 * pad)));
  const jpeg = await sharp(await img.toBuffer())
    .extract({ left, top, width, height })
    .resize({ width: CROP_WIDTH })
    .jpeg({ quality: 70 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
