import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Participant, Room, Track } from 'livekit-client';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { conferenceReducer, endReasonOf } from './conference-state.js';

/** One person's picture and sound on the screen. */
export interface Tile {
  identity: string;
  name: string;
  local: boolean;
  video: Track | null;
  audio: Track | null;
  micMuted: boolean;
}

function tileOf(p: Participant, local: boolean, source: typeof Track.Source): Tile {
  const cam = p.getTrackPublication(source.Camera);
  const mic = p.getTrackPublication(source.Microphone);
  return {
    identity: p.identity,
    name: p.name || p.identity,
    local,
    video: cam && !cam.isMuted ? (cam.track ?? null) : null,
    audio: local ? null : (mic?.track ?? null),
    micMuted: !mic || mic.isMuted,
  };
}

/**
 * The member's place in the meeting's LiveKit room: asks the API for a token, loads livekit-client on demand (it is
 * large and most screens never need it), connects, publishes camera and microphone when the token allows, and keeps
 * the tiles and the state machine (conference-state.ts) current from the Room's events.
 */
export function useConference(meetingId: string) {
  const [state, dispatch] = useReducer(conferenceReducer, { phase: 'idle' });
  const [tiles, setTiles] = useState<Tile[]>([]);
  const room = useRef<Room | null>(null);
  // set while this member mutes themselves, so that mute is not reported as the secretary's
  const selfMuting = useRef(false);

  const leave = useCallback(async () => {
    const current = room.current;
    room.current = null;
    await current?.disconnect();
  }, []);

  // leaving the screen leaves the room, also one still being joined (checked after each await in join)
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      void leave();
    };
  }, [leave]);

  const join = useCallback(async () => {
    dispatch({ type: 'join' });
    await leave();
    let token;
    try {
      token = await api.conferenceToken(meetingId);
    } catch (error: unknown) {
      dispatch({ type: 'token-refused', code: error instanceof ApiError ? error.code : 'UNKNOWN', error });
      return;
    }
    let lk: typeof import('livekit-client');
    try {
      lk = await import('livekit-client');
    } catch {
      // the chunk could not be fetched (network gone since the token came)
      dispatch({ type: 'connect-failed' });
      return;
    }
    if (!alive.current) return;
    // the SDK's own logging would put expected network failures in the console; the screen says what happened
    lk.setLogLevel('silent');
    const r = new lk.Room({ adaptiveStream: true, dynacast: true });
    room.current = r;
    const refresh = () => {
      if (room.current !== r) return;
      setTiles([tileOf(r.localParticipant, true, lk.Track.Source), ...[...r.remoteParticipants.values()].map((p) => tileOf(p, false, lk.Track.Source))]);
    };
    const E = lk.RoomEvent;
    for (const e of [E.ParticipantConnected, E.ParticipantDisconnected, E.TrackSubscribed, E.TrackUnsubscribed, E.TrackUnmuted, E.LocalTrackPublished, E.LocalTrackUnpublished]) r.on(e, refresh);
    r.on(E.TrackMuted, (pub, participant) => {
      if (participant === r.localParticipant && pub.source === lk.Track.Source.Microphone && !selfMuting.current) dispatch({ type: 'muted-by-moderator' });
      refresh();
    });
    r.on(E.ParticipantPermissionsChanged, (_prev, participant) => {
      if (participant === r.localParticipant) dispatch({ type: 'permissions', canPublish: participant.permissions?.canPublish ?? false });
      refresh();
    });
    r.on(E.Reconnecting, () => dispatch({ type: 'reconnecting' }));
    r.on(E.Reconnected, () => dispatch({ type: 'reconnected' }));
    r.on(E.Disconnected, (reason) => {
      if (room.current === r) room.current = null;
      dispatch({ type: 'disconnected', reason: endReasonOf(reason) });
      setTiles([]);
    });
    try {
      await r.connect(token.url, token.token);
    } catch {
      if (room.current === r) room.current = null;
      dispatch({ type: 'connect-failed' });
      return;
    }
    if (room.current !== r) {
      // the screen was left (or join pressed again) while connecting
      void r.disconnect();
      return;
    }
    const canPublish = r.localParticipant.permissions?.canPublish ?? token.canPublish;
    dispatch({ type: 'connected', canPublish });
    refresh();
    if (!canPublish) return;
    try {
      await r.localParticipant.enableCameraAndMicrophone();
      dispatch({ type: 'media', micOn: r.localParticipant.isMicrophoneEnabled, camOn: r.localParticipant.isCameraEnabled });
    } catch {
      dispatch({ type: 'media-denied' });
    }
    refresh();
  }, [meetingId, leave]);

  const setMedia = useCallback(async (kind: 'mic' | 'cam', on: boolean) => {
    const r = room.current;
    if (!r) return;
    selfMuting.current = true;
    try {
      if (kind === 'mic') await r.localParticipant.setMicrophoneEnabled(on);
      else await r.localParticipant.setCameraEnabled(on);
      dispatch({ type: 'media', micOn: r.localParticipant.isMicrophoneEnabled, camOn: r.localParticipant.isCameraEnabled });
    } catch {
      dispatch({ type: 'media-denied' });
    } finally {
      selfMuting.current = false;
    }
  }, []);

  return { state, tiles, join, leave, setMedia };
}
