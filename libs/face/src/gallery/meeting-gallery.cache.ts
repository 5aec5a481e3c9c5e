import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JsonLogger } from '#core';
import { DEFAULT_MATCHER_SETTINGS, FaceMatcher } from './face-matcher.js';
import { FaceEngineHolder } from '../engine/face-engine.holder.js';
import { FaceGalleryEvents, type FaceGalleryChange } from './face-gallery.events.js';

export interface GalleryPerson {
  fullName: string;
  title: string | null;
}

/** The enrolled invited delegates of one meeting, decrypted into a matcher. */
export interface MeetingGallery {
  meetingId: string;
  matcher: FaceMatcher;
  people: Map<string, GalleryPerson>;
}

interface Entry {
  gallery: Promise<MeetingGallery>;
  /** md5 of the invitation list this gallery was built from. */
  stamp: string;
  checkedAt: number;
}

/** How often a cached gallery re-reads the meeting's invitations and enrolments (a safety net under the change events). */
const INVITATIONS_RECHECK_MS = 2000;
/** Galleries of meetings no kiosk has asked about for this long are dropped. */
const IDLE_DROP_MS = 30 * 60 * 1000;

/**
 * Matcher per meeting, built lazily on the first frame. Enrolment changes drop the affected galleries (rebuilt on
 * the next frame); withdrawal and deletion also remove the person from every built gallery at once, so a frame in
 * flight cannot match them. Invitation changes are noticed within INVITATIONS_RECHECK_MS.
 */
@Injectable()
export class MeetingGalleryCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry & { usedAt: number }>();
  /** Bumped on every change, so a build that raced a change is not cached. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: FaceEngineHolder,
    private readonly logger: JsonLogger,
    events: FaceGalleryEvents,
  ) {
    this.unsubscribe = events.on((change) => this.apply(change));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  async get(meetingId: string): Promise<MeetingGallery> {
    const now = Date.now();
    this.dropIdle(now);
    const entry = this.entries.get(meetingId);
    if (entry) {
      entry.usedAt = now;
      if (now - entry.checkedAt < INVITATIONS_RECHECK_MS) return entry.gallery;
      entry.checkedAt = now;
      if ((await this.invitationStamp(meetingId)) === entry.stamp) return entry.gallery;
      this.entries.delete(meetingId);
    }
    return this.build(meetingId);
  }

  /** Drops every gallery (tests, key rotation). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private async build(meetingId: string): Promise<MeetingGallery> {
    const generation = this.generation;
    const stamp = await this.invitationStamp(meetingId);
    const gallery = this.load(meetingId);
    const entry = { gallery, stamp, checkedAt: Date.now(), usedAt: Date.now() };
    this.entries.set(meetingId, entry);
    try {
      await gallery;
    } catch (err: unknown) {
      if (this.entries.get(meetingId) === entry) this.entries.delete(meetingId);
      throw err;
    }
    // a change while loading: serve this frame with it, but build afresh next time
    if (generation !== this.generation && this.entries.get(meetingId) === entry) this.entries.delete(meetingId);
    return gallery;
  }

  private async load(meetingId: string): Promise<MeetingGallery> {
    const cipher = await this.engine.descriptorCipher();
    const rows = await this.dataSource.query<{ delegate_id: string; descriptor: Uint8Array; full_name: string; title: string | null }[]>(
      `SELECT fd.delegate_id, fd.descriptor, d.full_name, d.title
         FROM face_descriptors fd
         JOIN face_consents fc ON fc.id = fd.consent_id AND fc.withdrawn_at IS NULL
         JOIN meeting_invitations mi ON mi.delegate_id = fd.delegate_id AND mi.meeting_id = $1
         JOIN delegates d ON d.id = fd.delegate_id AND d.active
        ORDER BY fd.delegate_id, fd.created_at`,
      [meetingId],
    );
    const matcher = new FaceMatcher({ ...DEFAULT_MATCHER_SETTINGS });
    const people = new Map<string, GalleryPerson>();
    for (const row of rows) {
      try {
        matcher.add(row.delegate_id, cipher.decrypt(row.descriptor));
        people.set(row.delegate_id, { fullName: row.full_name, title: row.title });
      } catch (err: unknown) {
        // a descriptor under another key version (rotation) or damaged: skip it, never fail the kiosk
        this.logger.write('warn', 'face descriptor skipped', { delegateId: row.delegate_id, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return { meetingId, matcher, people };
  }

  /** Invitations and their live descriptors: a change made by another instance is noticed even if Redis is down. */
  private async invitationStamp(meetingId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ stamp: string }[]>(
      `SELECT md5(coalesce(string_agg(mi.delegate_id::text || ':' || coalesce(fd.ids, ''), ',' ORDER BY mi.delegate_id), '')) AS stamp
         FROM meeting_invitations mi
         LEFT JOIN LATERAL (
           SELECT string_agg(fd.id::text, '+' ORDER BY fd.id) AS ids
             FROM face_descriptors fd JOIN face_consents fc ON fc.id = fd.consent_id AND fc.withdrawn_at IS NULL
            WHERE fd.delegate_id = mi.delegate_id
         ) fd ON true
        WHERE mi.meeting_id = $1`,
      [meetingId],
    );
    return row.stamp;
  }

  private apply(change: FaceGalleryChange): void {
    this.generation++;
    for (const [meetingId, entry] of this.entries) {
      if (change.kind === 'removed') {
        // evict at once from built galleries; the entry is dropped too so the next frame rebuilds from the database
        void entry.gallery.then(
          (g) => {
            g.matcher.remove(change.delegateId);
            g.people.delete(change.delegateId);
          },
          () => undefined,
        );
      }
      this.entries.delete(meetingId);
    }
  }

  private dropIdle(now: number): void {
    for (const [meetingId, entry] of this.entries) if (now - entry.usedAt > IDLE_DROP_MS) this.entries.delete(meetingId);
  }
}
