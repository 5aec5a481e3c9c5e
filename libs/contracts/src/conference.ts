/** libs/conference views. */
export interface ConferenceToken {
  token: string;
  /** Where the LiveKit client connects (ws:// or wss://). */
  url: string;
  room: string;
  identity: string;
  role: string;
  expiresAt: string;
  canPublish: boolean;
  canPublishData: boolean;
  roomAdmin: boolean;
}

export interface ConferenceParticipant {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAt: string | null;
  permission: { canPublish: boolean; canSubscribe: boolean; canPublishData: boolean } | null;
  /** type AUDIO / VIDEO, source MICROPHONE / CAMERA / SCREEN_SHARE... */
  tracks: { sid: string; type: string; source: string; muted: boolean }[];
}

/** libs/conference/src/moderation/moderation.service.ts RemovalView: removed from the room, not readmitted yet. */
export interface ConferenceRemoval {
  identity: string;
  name: string;
  removedAt: string;
}

/** libs/conference/src/recording/conference-recording.service.ts RecordingStatus. */
export interface ConferenceRecordingStatus {
  /** false: no LiveKit Egress in this deployment, so the UI offers no recording. */
  available: boolean;
  running: { id: string; egressId: string; filepath: string | null; startedAt: string; stoppedAt: string | null } | null;
}

/** A recording of the room (LiveKit Egress). */
export interface ConferenceRecording {
  id: string;
  egressId: string;
  filepath: string | null;
  startedAt: string;
  stoppedAt: string | null;
}

/** GET /api/meetings/:id/conference/attendance: one invited delegate's time online. */
export interface OnlineAttendance {
  delegateId: string;
  sessions: number;
  online: boolean;
  firstJoinedAt: string | null;
  lastLeftAt: string | null;
  secondsOnline: number;
  minutesOnline: number;
}

/** POST /api/meetings/:id/conference/moderation/mute. */
export interface TrackMuted {
  identity: string;
  trackSid: string;
  muted: boolean;
}

/** POST /api/meetings/:id/conference/moderation/permissions: what the participant may do now (null: not in the room). */
export type ConferencePermission = { canPublish: boolean; canSubscribe: boolean; canPublishData: boolean } | null;
