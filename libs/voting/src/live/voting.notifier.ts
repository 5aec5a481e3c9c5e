import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JsonLogger } from '#core';
import { RealtimeService, type TypedEmitter } from '#realtime';
import type { PollEntity } from '../polls/poll.entity.js';
import type { PollResultView, PollView } from '../polls/poll.view.js';
import type { ProxyView } from '../proxies/proxy.view.js';
import type { PollProgress, VotingServerEvents } from '../voting.events.js';
import { VOTING_OPTIONS, type VotingOptions } from '../voting.options.js';

interface Pending {
  meetingId: string;
  eligible: number;
  liveTallies: boolean;
  timer: NodeJS.Timeout | null;
  dirty: boolean;
}

/**
 * Live events of #voting. Progress is coalesced per poll: the first committed cast schedules one count after
 * progressIntervalMs, later casts in that window ride along, so 1000 casts in a second cost a handful of COUNT
 * queries rather than 1000, and the last event always carries the final count.
 */
@Injectable()
export class VotingNotifier implements OnApplicationShutdown {
  private readonly emit: TypedEmitter<VotingServerEvents>;
  private readonly pending = new Map<string, Pending>();

  constructor(
    realtime: RealtimeService,
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
    @Inject(VOTING_OPTIONS) private readonly options: VotingOptions,
  ) {
    this.emit = realtime.typed<VotingServerEvents>();
  }

  opened(view: PollView): void {
    this.emit.toMeeting(view.meetingId, 'poll:opened', view);
  }

  closed(poll: PollEntity, cast: number): void {
    this.dropPending(poll.id);
    this.emit.toMeeting(poll.meetingId, 'poll:closed', {
      pollId: poll.id,
      meetingId: poll.meetingId,
      closedAt: (poll.closedAt ?? new Date()).toISOString(),
      cast,
      eligible: poll.eligibleCount ?? 0,
    });
  }

  results(view: PollResultView): void {
    this.emit.toMeeting(view.meetingId, 'poll:results', view);
  }

  proxyChanged(view: ProxyView): void {
    this.emit.toMeetingStaff(view.meetingId, 'proxy:changed', view);
    this.emit.toDelegate(view.actingDelegateId, 'proxy:changed', view);
    this.emit.toDelegate(view.representedDelegateId, 'proxy:changed', view);
  }

  /** A cast committed: schedule a progress event to the meeting's staff room. */
  castCommitted(poll: PollEntity): void {
    const p = this.pending.get(poll.id);
    if (p) {
      p.dirty = true;
      return;
    }
    const entry: Pending = { meetingId: poll.meetingId, eligible: poll.eligibleCount ?? 0, liveTallies: poll.liveTallies, timer: null, dirty: true };
    this.pending.set(poll.id, entry);
    this.schedule(poll.id, entry);
  }

  onApplicationShutdown(): void {
    for (const id of [...this.pending.keys()]) this.dropPending(id);
  }

  private schedule(pollId: string, entry: Pending): void {
    entry.timer = setTimeout(() => void this.flush(pollId, entry), this.options.progressIntervalMs);
    entry.timer.unref();
  }

  private async flush(pollId: string, entry: Pending): Promise<void> {
    if (this.pending.get(pollId) !== entry) return;
    entry.dirty = false;
    try {
      const progress = await this.progress(pollId, entry);
      this.emit.toMeetingStaff(entry.meetingId, 'poll:progress', progress);
    } catch (err: unknown) {
      this.logger.write('error', 'poll progress failed', { pollId, error: err instanceof Error ? err.message : String(err) });
    }
    if (entry.dirty && this.pending.get(pollId) === entry) this.schedule(pollId, entry);
    else if (this.pending.get(pollId) === entry) this.pending.delete(pollId);
  }

  private async progress(pollId: string, entry: Pending): Promise<PollProgress> {
    const [{ cast }] = await this.dataSource.query<{ cast: number }[]>(`SELECT count(*)::int AS cast FROM poll_participation WHERE poll_id = $1`, [pollId]);
    const progress: PollProgress = { pollId, meetingId: entry.meetingId, cast, eligible: entry.eligible };
    if (entry.liveTallies) {
      const rows = await this.dataSource.query<{ option_id: string; votes: number }[]>(
        `SELECT c.option_id, count(*)::int AS votes FROM named_ballots b, jsonb_array_elements_text(b.choices) AS c(option_id) WHERE b.poll_id = $1 GROUP BY c.option_id`,
        [pollId],
      );
      progress.tallies = Object.fromEntries(rows.map((r) => [r.option_id, r.votes]));
    }
    return progress;
  }

  private dropPending(pollId: string): void {
    const p = this.pending.get(pollId);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(pollId);
  }
}
