import { useEffect, useRef, useState } from 'react';
import { liveConnection, type LiveStatus } from './live-connection.js';

/**
 * Follows a meeting's room while the screen is shown. `events` maps server events to handlers;
 * `onResync` runs after a reconnect (refetch what may have changed while offline).
 */
export function useLiveMeeting(meetingId: string | null, events: Record<string, (payload: unknown) => void>, onResync?: () => void): LiveStatus {
  const live = liveConnection();
  const [status, setStatus] = useState<LiveStatus>(live.getStatus());
  const latest = useRef({ events, onResync });
  latest.current = { events, onResync };
  const names = Object.keys(events).sort().join('|');

  useEffect(() => {
    if (!meetingId) return;
    const offs = [
      live.onStatus(setStatus),
      live.onResync(() => latest.current.onResync?.()),
      ...names
        .split('|')
        .filter(Boolean)
        .map((name) => live.on(name, (p) => latest.current.events[name]?.(p))),
      live.joinMeeting(meetingId),
    ];
    setStatus(live.getStatus());
    return () => offs.forEach((off) => off());
  }, [live, meetingId, names]);

  return status;
}
