import { useEffect, useRef, useState } from 'react';
import { liveConnection, type LiveHandlers, type LiveStatus, type ServerEvent } from './live-connection.js';

/**
 * Follows a meeting's room while the screen is shown. `events` maps server events to handlers;
 * `onResync` runs after a reconnect (refetch what may have changed while offline).
 */
export function useLiveMeeting(meetingId: string | null, events: LiveHandlers, onResync?: () => void): LiveStatus {
  const live = liveConnection();
  const [status, setStatus] = useState<LiveStatus>(live.getStatus());
  const latest = useRef({ events, onResync });
  latest.current = { events, onResync };
  const names = eventNames(events).sort().join('|');

  useEffect(() => {
    if (!meetingId) return;
    const follow = <E extends ServerEvent>(name: E) => live.on(name, (payload) => latest.current.events[name]?.(payload));
    const offs = [
      live.onStatus(setStatus),
      live.onResync(() => latest.current.onResync?.()),
      ...eventNames(latest.current.events).map((name) => follow(name)),
      live.joinMeeting(meetingId),
    ];
    setStatus(live.getStatus());
    return () => offs.forEach((off) => off());
  }, [live, meetingId, names]);

  return status;
}

function eventNames(events: LiveHandlers): ServerEvent[] {
  return Object.keys(events).filter((name): name is ServerEvent => Object.hasOwn(events, name));
}
