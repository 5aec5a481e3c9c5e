import { ConferenceRemovalEntity } from './moderation/conference-removal.entity.js';
import { ConferenceRecordingEntity } from './recording/conference-recording.entity.js';
import { ConferenceRoomEntity } from './rooms/conference-room.entity.js';
import { ConferenceSessionEntity } from './sessions/conference-session.entity.js';
import { ConferenceWebhookEventEntity } from './webhooks/conference-webhook-event.entity.js';

export const CONFERENCE_ENTITIES = [ConferenceRoomEntity, ConferenceSessionEntity, ConferenceWebhookEventEntity, ConferenceRecordingEntity, ConferenceRemovalEntity];
