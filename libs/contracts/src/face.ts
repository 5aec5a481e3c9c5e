/** libs/face views. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type FaceCheckInStatus = 'checked_in' | 'already_present' | 'pending' | 'unrecognised';

/** One face of a frame, as the kiosk sees it: an identity only for a recognised invited delegate. */
export interface FrameFaceResult {
  status: FaceCheckInStatus;
  delegate?: { fullName: string; title: string | null };
  box: FaceBox;
}

/** POST /api/meetings/:id/checkin/frame and the `/kiosk` namespace's `checkin:frame` ack. */
export interface FrameResult {
  meetingId: string;
  faces: FrameFaceResult[];
  /** Frame received -> every check-in written and its attendance:updated emitted. */
  elapsedMs: number;
  /** Time in the inference worker. */
  inferenceMs: number;
}

/** Socket `checkin:unrecognised`, staff room only: no identity. */
export interface UnrecognisedFace {
  meetingId: string;
  kioskId: string | null;
  kioskName: string | null;
  at: string;
  box: FaceBox;
  score: number;
  /** data:image/jpeg;base64,… 96 px wide, absent when cropping failed. */
  crop?: string;
}

/** libs/face ConsentStatusView. */
export interface ConsentStatus {
  delegateId: string;
  active: boolean;
  consent: { method: string; paperReference: string | null; noticeVersion: string; givenAt: string; withdrawnAt: string | null } | null;
  currentNoticeVersion: string;
}

/** libs/face FaceEnrolmentStatusView. */
export interface FaceEnrolmentStatus {
  delegateId: string;
  consentActive: boolean;
  descriptors: number;
  enrolledAt: string | null;
  maxPhotos: number;
}
