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
