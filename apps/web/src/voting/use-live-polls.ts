import { useCallback, useMemo, useState } from 'react';
import { api } from '../api/endpoints.js';
import { useAsync } from '../components/use-async.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';

export interface Tally {
  cast: number;
  eligible: number;
}

/**
 * The staff's view of a meeting's polls (drafts included): the list from HTTP, refetched on every poll event and
 * reconnect, and the live cast/eligible counts from `poll:progress` (staff room) and `poll:closed`.
 */
export function useLivePolls(meetingId: string) {
  const polls = useAsync((signal) => api.polls(meetingId, signal), [meetingId]);
  const [tallies, setTallies] = useState<Record<string, Tally>>({});
  const { reload } = polls;
  const record = useCallback((e: { pollId: string; meetingId: string; cast: number; eligible: number }) => {
    setTallies((all) => ({ ...all, [e.pollId]: { cast: e.cast, eligible: e.eligible } }));
  }, []);
  const events = useMemo(
    (): LiveHandlers => ({
      'poll:opened': () => reload(),
      'poll:progress': (e) => {
        if (e.meetingId === meetingId) record(e);
      },
      'poll:closed': (e) => {
        if (e.meetingId !== meetingId) return;
        record(e);
        reload();
      },
      'poll:results': () => reload(),
    }),
    [meetingId, reload, record],
  );
  const live = useLiveMeeting(meetingId, events, reload);
  return { state: polls.state, reload, tallies, live };
}
