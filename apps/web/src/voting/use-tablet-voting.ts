import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { PollState, PollView } from '#contracts';
import { liveConnection, type LiveStatus } from '../realtime/live-connection.js';
import type { LiveHandlers } from '../realtime/live-connection.js';
import { useLiveMeeting } from '../realtime/use-live-meeting.js';
import { BallotStore, type PendingBallot } from './ballot-store.js';

export type VotePhase =
  | { phase: 'sending' }
  /** Not delivered (network): kept on the device, sent again on reconnect or on demand. */
  | { phase: 'waiting'; error: unknown }
  | { phase: 'done'; receipt: string | null }
  | { phase: 'error'; error: unknown };

/** Failures worth sending the same ballot again for; anything else is a final answer. */
const RETRYABLE = new Set(['NETWORK', 'VOTE_RATE_LIMITED', 'INTERNAL', 'SERVICE_UNAVAILABLE', 'UNKNOWN']);

/**
 * A delegate's polls in one meeting: `poll:state` at every (re)connect gives the open polls and whether this
 * delegate voted; live events keep them current. A cast goes over the socket (HTTP when the socket is down) with
 * the ballot id stored beforehand, and an unacknowledged ballot is sent again, same id, after a reconnect or reload.
 */
export function useTabletVoting(meetingId: string, delegateId: string | null) {
  const store = useMemo(() => new BallotStore(delegateId ?? 'none'), [delegateId]);
  const [polls, setPolls] = useState<PollView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [votes, setVotes] = useState<Record<string, VotePhase>>({});
  const inFlight = useRef(new Set<string>());

  const setVote = useCallback((pollId: string, v: VotePhase) => setVotes((all) => ({ ...all, [pollId]: v })), []);

  const send = useCallback(
    async (pollId: string, ballot: PendingBallot) => {
      if (inFlight.current.has(pollId)) return;
      inFlight.current.add(pollId);
      setVote(pollId, { phase: 'sending' });
      try {
        const conn = liveConnection();
        const payload = { pollId, ballotId: ballot.ballotId, choices: ballot.choices };
        const ack = conn.getStatus() === 'connected' ? await conn.request('vote:cast', payload) : await api.castBallot(pollId, ballot);
        store.acknowledged(pollId, ack.receipt);
        setVote(pollId, { phase: 'done', receipt: ack.receipt });
      } catch (error: unknown) {
        const code = error instanceof ApiError ? error.code : 'UNKNOWN';
        if (RETRYABLE.has(code)) {
          setVote(pollId, { phase: 'waiting', error });
        } else {
          store.drop(pollId);
          setVote(pollId, { phase: 'error', error });
        }
      } finally {
        inFlight.current.delete(pollId);
      }
    },
    [store, setVote],
  );

  const cast = useCallback((pollId: string, choices: string[]) => send(pollId, store.prepare(pollId, choices)), [send, store]);
  const retry = useCallback(
    (pollId: string) => {
      const pending = store.pending(pollId);
      if (pending) void send(pollId, pending);
    },
    [send, store],
  );

  const applyState = useCallback(
    (state: PollState) => {
      setPolls(state.polls);
      setLoadError(null);
      const next: Record<string, VotePhase> = {};
      for (const poll of state.polls) {
        if (poll.status !== 'open') {
          store.drop(poll.id);
          continue;
        }
        const pending = store.pending(poll.id);
        const mine = state.myVotes.find((v) => v.pollId === poll.id);
        if (pending) {
          // confirmed but never acknowledged: the same ballot again; if it was counted, the server answers with its receipt
          void send(poll.id, pending);
        } else if (mine?.voted) {
          next[poll.id] = { phase: 'done', receipt: mine.receipt ?? store.receipt(poll.id) };
        }
      }
      setVotes((all) => {
        const kept = Object.fromEntries(Object.entries(all).filter(([id, v]) => v.phase === 'sending' || (v.phase === 'error' && !next[id])));
        return { ...kept, ...next };
      });
    },
    [send, store],
  );

  const resync = useCallback(() => {
    liveConnection()
      .request('poll:state', { meetingId })
      .then(applyState, (error: unknown) => setLoadError(error));
  }, [meetingId, applyState]);

  const upsert = useCallback((poll: PollView) => setPolls((all) => [...(all ?? []).filter((p) => p.id !== poll.id), poll]), []);
  const events = useMemo(
    (): LiveHandlers => ({
      'poll:opened': (poll) => {
        if (poll.meetingId === meetingId) upsert(poll);
      },
      'poll:closed': (e) => {
        if (e.meetingId !== meetingId) return;
        setPolls((all) => (all ?? []).map((x) => (x.id === e.pollId ? { ...x, status: 'closed', closedAt: e.closedAt } : x)));
        store.drop(e.pollId);
        setVotes((all) => {
          const v = all[e.pollId];
          return v && v.phase !== 'done' ? { ...all, [e.pollId]: { phase: 'error', error: new ApiError('POLL_CLOSED', 'closed', 409) } } : all;
        });
      },
      'poll:results': (e) => {
        if (e.meetingId !== meetingId) return;
        setPolls((all) => (all ?? []).map((x) => (x.id === e.pollId ? { ...x, status: 'published', publishedAt: e.publishedAt, result: e.result } : x)));
      },
    }),
    [meetingId, upsert, store],
  );

  const live: LiveStatus = useLiveMeeting(meetingId, events);
  // every (re)connect: events sent while offline are lost, poll:state tells what changed
  useEffect(() => {
    if (live === 'connected') resync();
  }, [live, resync]);

  return { live, polls, loadError, votes, cast, retry };
}
