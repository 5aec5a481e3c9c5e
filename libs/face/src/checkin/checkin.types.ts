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
  /**
   * Faces at a kiosk that are no invited, consenting delegate: only how many and when (Law 91/2025/QH15 Art. 9: no
   * consent, no processing beyond the frame), so staff check the person in by hand or QR. No image, box or score.
   */
  'checkin:unrecognised': {
    meetingId: string;
    kioskId: string | null;
    kioskName: string | null;
    at: string;
    /** Unrecognised faces in the frame. */
    count: number;
  };
}

/** Who sent the frame: a kiosk, or a staff member testing from the secretary console. */
export interface FrameSource {
  kioskId: string | null;
  kioskName: string | null;
  userId: string | null;
}
