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

/** Socket `checkin:unrecognised`, staff room only: how many and when, no image, box or identity (Law 91/2025/QH15). */
export interface UnrecognisedFace {
  meetingId: string;
  kioskId: string | null;
  kioskName: string | null;
  at: string;
  /** Unrecognised faces in the frame. */
  count: number;
}

/** libs/face ConsentStatusView. */
export interface ConsentStatus {
  delegateId: string;
  active: boolean;
  authorisesCheckIn: boolean;
  reconsentRequired: boolean;
  graceEndsAt: string | null;
  consent: { method: string; paperReference: string | null; noticeVersion: string; noticeSha256: string | null; purposes: { bodyId: string; bodyName: string }[]; givenAt: string; withdrawnAt: string | null; endReason: string | null } | null;
  currentNoticeVersion: string;
  currentNoticeSha256: string;
}

/** libs/face NoticeView: the biometric notice in force. */
export interface BiometricNotice {
  version: string;
  sha256: string;
  text: string;
  inForceFrom: string;
}

/** libs/face PrivacyRequestViewDto: a data subject request and its deadlines. */
export interface PrivacyRequest {
  id: string;
  delegateId: string;
  delegateName: string;
  kind: 'export' | 'biometric_erasure' | 'correction' | 'restriction' | 'objection' | 'profile_erasure';
  status: 'pending' | 'done' | 'rejected';
  details: string | null;
  requestedAt: string;
  responseDueAt: string;
  dueAt: string;
  overdue: boolean;
  completedAt: string | null;
  outcome: string | null;
}

/** libs/face FaceEnrolmentStatusView. */
export interface FaceEnrolmentStatus {
  delegateId: string;
  consentActive: boolean;
  descriptors: number;
  enrolledAt: string | null;
  maxPhotos: number;
}

/** GET /api/delegates/:id/privacy/export: everything held about a person (never descriptor bytes). */
export interface PersonalDataExport {
  format: 'dien-hong.personal-data.v1';
  generatedAt: string;
  profile: Record<string, unknown>;
  bodies: { name: string; role: string | null; joinedAt: string }[];
  account: { username: string; role: string; createdAt: string } | null;
  consents: Record<string, unknown>[];
  biometrics: { descriptorCount: number; enrolments: { enrolledAt: string; keyVersion: number }[]; note: string };
  checkIns: { meetingTitle: string; meetingStart: string | null; status: string; method: string | null; checkedInAt: string | null }[];
  requests: { kind: string; status: string; requestedAt: string; completedAt: string | null }[];
}

export interface ProcessingActivity {
  name: string;
  dataCategory: 'basic' | 'sensitive';
  data: string[];
  purpose: string;
  legalBasis: string;
  retention: string;
  storage: string;
  access: string;
}

/** GET /api/privacy/processing-record: the record of processing, from the running configuration. */
export interface ProcessingRecord {
  generatedAt: string;
  controller: string;
  contact: string;
  noticeVersion: string;
  activities: ProcessingActivity[];
  securityMeasures: string[];
  processors: { name: string; role: string; configured: boolean; data: string }[];
  legalReferences: string[];
}
