import type { Me, MeetingSummary } from '#contracts';
import { buildPath } from './router/match.js';
import { paths } from './routes.js';

/**
 * Where a user lands after signing in (or at `/`): a delegate on the tablet screen of the meeting under way
 * (open for check-in or in session), else on their nearest meeting; everyone else on the list.
 */
export function landingPath(me: Me, meetings: MeetingSummary[] | null): string {
  if (me.role !== 'delegate' || !meetings || meetings.length === 0) return paths.meetings;
  const rank = (m: MeetingSummary) => (m.status === 'in_session' ? 0 : m.status === 'open' ? 1 : m.status === 'scheduled' ? 2 : 3);
  const now = Date.now();
  const sorted = [...meetings].sort((a, b) => rank(a) - rank(b) || Math.abs(Date.parse(a.startsAt) - now) - Math.abs(Date.parse(b.startsAt) - now));
  const best = sorted[0];
  const live = best.status === 'open' || best.status === 'in_session';
  return buildPath(live ? paths.tablet : paths.meeting, { meetingId: best.id });
}
