import { createHash } from 'node:crypto';
import { canonicalJson } from '#audit';
import type { MinutesContent } from './meeting-minutes.entity.js';

/** What the lock hash covers: the meeting id and the content as canonical JSON (sorted keys, NFC text). */
export function minutesCanonical(meetingId: string, content: MinutesContent): string {
  return canonicalJson({
    meetingId: meetingId.toLowerCase(),
    content: {
      issuer: content.issuer.normalize('NFC'),
      title: content.title.normalize('NFC'),
      subtitle: content.subtitle.normalize('NFC'),
      sections: content.sections.map((s) => ({ heading: s.heading.normalize('NFC'), body: s.body.normalize('NFC') })),
    },
  });
}

export function minutesHash(meetingId: string, content: MinutesContent): string {
  return createHash('sha256').update(minutesCanonical(meetingId, content), 'utf8').digest('hex');
}
