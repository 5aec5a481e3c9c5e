import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { Role } from '#core';

/** 'guest': a delegate invited as a guest (not a member of the body): watches and listens until given the floor. */
export type ConferenceRole = Role | 'hall' | 'guest';

/**
 * What each role may do in a meeting's room. Delegates speak and show themselves (camera + microphone) and send data;
 * observers (and the administrator, who runs the system, not the meeting) only watch; chair and secretary moderate
 * (roomAdmin); the hall device publishes the room's camera and microphones and hears the online speakers.
 */
export function grantFor(role: ConferenceRole, room: string): VideoGrant {
  const base: VideoGrant = { room, roomJoin: true, canSubscribe: true };
  switch (role) {
    case Role.Chair:
    case Role.Secretary:
      return { ...base, roomAdmin: true, canPublish: true, canPublishData: true };
    case Role.Delegate:
      return { ...base, canPublish: true, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE], canPublishData: true };
    case 'hall':
      return { ...base, canPublish: true, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE], canPublishData: false };
    case 'guest':
    case Role.Observer:
    case Role.Admin:
    default:
      return { ...base, canPublish: false, canPublishData: false };
  }
}
