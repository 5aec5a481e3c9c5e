import { FaceError, FaceErrorCode } from '../common/face-error.js';

export const DESCRIPTOR_LENGTH = 128;

export interface MatcherSettings {
  /** Accept only when the best person's distance is at most this. */
  threshold: number;
  /** ...and the runner-up person is at least this much farther away. */
  margin: number;
}

export interface MatchResult {
  personId: string | null;
  /** Best person's distance (min over their descriptors); Infinity when the gallery is empty. */
  distance: number;
  /** Nearest other person's distance. */
  secondDistance: number;
  margin: number;
  /** Nearest person even when rejected, for diagnostics. */
  nearestPersonId: string | null;
}

export function euclidean(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** In-memory gallery of persons -> descriptors; pure TypeScript, fast enough for thousands of descriptors. */
export class FaceMatcher {
  private readonly gallery = new Map<string, Float32Array[]>();

  constructor(readonly settings: MatcherSettings) {}

  add(personId: string, descriptor: Float32Array): void {
    if (descriptor.length !== DESCRIPTOR_LENGTH || !descriptor.every(Number.isFinite)) {
      throw new FaceError(FaceErrorCode.DESCRIPTOR_INVALID, `Descriptor must be ${DESCRIPTOR_LENGTH} finite numbers`);
    }
    const list = this.gallery.get(personId) ?? [];
    list.push(descriptor);
    this.gallery.set(personId, list);
  }

  /** Replaces a person's descriptors (re-enrolment). */
  set(personId: string, descriptors: Float32Array[]): void {
    this.gallery.delete(personId);
    for (const d of descriptors) this.add(personId, d);
  }

  remove(personId: string): void {
    this.gallery.delete(personId);
  }

  clear(): void {
    this.gallery.clear();
  }

  get persons(): number {
    return this.gallery.size;
  }

  /** `settings`: another operating point for descriptors made by another pipeline (kiosk frames). */
  identify(descriptor: Float32Array, settings: MatcherSettings = this.settings): MatchResult {
    let best: string | null = null;
    let bestD = Infinity;
    let secondD = Infinity;
    for (const [personId, list] of this.gallery) {
      let d = Infinity;
      for (const ref of list) d = Math.min(d, euclidean(descriptor, ref));
      if (d < bestD) {
        secondD = bestD;
        bestD = d;
        best = personId;
      } else if (d < secondD) {
        secondD = d;
      }
    }
    const margin = secondD - bestD;
    const accepted = best !== null && bestD <= settings.threshold && margin >= settings.margin;
    return { personId: accepted ? best : null, distance: bestD, secondDistance: secondD, margin, nearestPersonId: best };
  }
}

/** Shipped operating point; see libs/face/README.md for the measured distributions behind it. */
export const DEFAULT_MATCHER_SETTINGS: Readonly<MatcherSettings> = { threshold: 0.5, margin: 0.06 };

/** Kiosk frames skip the mirror pass, which measured +0.02 on genuine distances: the threshold moves by as much. */
export const FRAME_MATCHER_SETTINGS: Readonly<MatcherSettings> = { threshold: 0.52, margin: 0.06 };
