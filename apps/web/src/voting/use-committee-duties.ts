import { useEffect, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { PollView } from '#contracts';

export interface CommitteeDuty {
  poll: PollView;
  /** `confirm`: the count report awaits this member's confirmation; `share`: the count awaits their key share. */
  kind: 'confirm' | 'share';
}

/** The count happens without a socket event (the committee's shares, another member's tap): look again this often. */
const REFRESH_MS = 15_000;

/**
 * What the meeting's closed secret polls expect of this delegate as a counting committee member: confirming a count
 * report, or giving a key share. Asks only about secret polls that are closed or published.
 */
export function useCommitteeDuties(polls: PollView[] | null, delegateId: string | null): CommitteeDuty[] {
  const [duties, setDuties] = useState<CommitteeDuty[]>([]);
  const [waiting, setWaiting] = useState(false);
  const [tick, setTick] = useState(0);
  const candidates = (polls ?? []).filter((p) => p.ballotMode === 'secret' && (p.status === 'closed' || p.status === 'published'));
  const key = candidates.map((p) => `${p.id}:${p.status}`).join(',');

  useEffect(() => {
    if (!delegateId || candidates.length === 0) {
      setDuties([]);
      setWaiting(false);
      return;
    }
    const ctrl = new AbortController();
    void Promise.all(candidates.map((poll) => api.committee(poll.id, ctrl.signal).then((view) => ({ poll, view }), () => null))).then((rows) => {
      if (ctrl.signal.aborted) return;
      const next: CommitteeDuty[] = [];
      let pending = false;
      for (const row of rows) {
        const mine = row?.view.members.find((m) => m.delegateId === delegateId);
        if (!row || !mine) continue;
        if (row.view.report && !mine.confirmedAt) next.push({ poll: row.poll, kind: 'confirm' });
        if (!row.view.report) {
          pending = true;
          if (row.view.custody === 'committee' && row.poll.status === 'closed') next.push({ poll: row.poll, kind: 'share' });
        }
      }
      setDuties(next);
      setWaiting(pending);
    });
    return () => ctrl.abort();
    // the candidates are summed up by `key`: the same polls in the same states need no new look
  }, [key, delegateId, tick]);

  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(id);
  }, [waiting]);

  return duties;
}
