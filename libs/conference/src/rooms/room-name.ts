const PREFIX = 'meeting-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One LiveKit room per meeting, named from its id so either can be found from the other. */
export function roomNameFor(meetingId: string): string {
  return `${PREFIX}${meetingId}`;
}

/** The meeting id of a room this system named, or null for any other room. */
export function meetingIdFromRoom(roomName: string | undefined | null): string | null {
  if (!roomName?.startsWith(PREFIX)) return null;
  const id = roomName.slice(PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The identity of a meeting's hall device (the room camera and microphones). */
export function hallIdentityFor(meetingId: string): string {
  return `hall-${meetingId}`;
}
