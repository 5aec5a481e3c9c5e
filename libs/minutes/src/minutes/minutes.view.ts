import type { MeetingMinutesEntity, MinutesContent, MinutesStatus } from './meeting-minutes.entity.js';

export interface MinutesView {
  id: string;
  meetingId: string;
  status: MinutesStatus;
  content: MinutesContent;
  generatedAt: string;
  editedAt: string | null;
  lockedAt: string | null;
  lockedBy: string | null;
  sha256: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toMinutesView(m: MeetingMinutesEntity): MinutesView {
  return {
    id: m.id,
    meetingId: m.meetingId,
    status: m.status,
    content: m.content,
    generatedAt: new Date(m.generatedAt).toISOString(),
    editedAt: iso(m.editedAt),
    lockedAt: iso(m.lockedAt),
    lockedBy: m.lockedBy,
    sha256: m.sha256,
  };
}
