import type { FaceBox } from '../engine/face.types.js';

export type FaceCheckInStatus = 'checked_in' | 'already_present' | 'pending' | 'unrecognised';

/** One face of a frame, as the kiosk sees it: an identity only for a recognised invited delegate. */
export interface FrameFaceResult {
  status: FaceCheckInStatus;
  delegate?: { fullName: string; title: string | null };
  box: FaceBox;
}

export interface FrameResult {
  meetingId: string;
  faces: FrameFaceResult[];
  /** Frame received -> every check-in written and its attendance:updated emitted. */
  elapsedMs: number;
  /** Time in the inference worker. */
  inferenceMs: number;
}

/** Server -> client events of face check-in (to the meeting's staff room). */
export interface FaceServerEvents {
  /** A face that is no invited delegate (unknown, or not invited): for the secretary, with a small crop. */
  'checkin:unrecognised': {
    meetingId: string;
    kioskId: string | null;
    kioskName: string | null;
    at: string;
    box: FaceBox;
    score: number;
    /** data:image/jpeg;base64,... 96 px wide, absent when cropping failed. */
    crop?: string;
  };
}

/** Who sent the frame: a kiosk, or a staff member testing from the secretary console. */
export interface FrameSource {
  kioskId: string | null;
  kioskName: string | null;
  userId: string | null;
}
