import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** What `vote:cast` answers (libs/voting/src/voting.events.ts CastAck, or a WS error body). */
export interface CastAnswer {
  ok: boolean;
  receipt?: string;
  replay?: boolean;
  error?: { code: string; message: string; details?: { retryable?: boolean } };
}

export interface CrowdVoter {
  token: string;
  /** The voter's delegate, when the caller knows it (to match named ballots). */
  delegateId?: string;
  /** Which server this voter talks to now (it moves when its server goes away). */
  url: string;
  /** Client-generated, kept until acknowledged: every retry sends the same id. */
  ballotId: string;
  choice: string;
  socket: Socket | null;
  receipt: string | null;
  ackMs: number | null;
  /** Answers that were not an ack, by code (TIMEOUT / DISCONNECTED when none came). */
  refusals: string[];
  shutdownNotices: number;
  results: unknown[];
  /** performance.now() when the first poll:results arrived. */
  resultsAt: number | null;
}

/** Error codes after which the same ballot id is sent again; anything else is a final answer. */
const RETRYABLE = new Set(['SHUTTING_DOWN', 'DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'DISCONNECTED', 'TOO_MANY_REQUESTS']);

export function connectVoter(url: string, token: string, timeoutMs = 20_000): Promise<Socket> {
  const s = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(e);
    });
  });
}

/**
 * Many real socket.io voters in one meeting, as tablets behave: each keeps its ballot id until the server
 * acknowledges it, and after losing its server reconnects (to the URL `failover` gives) and sends the same id
 * again. Used by the fault tests and by bench:votes.
 */
export class VoteCrowd {
  readonly voters: CrowdVoter[];

  constructor(
    private readonly meetingId: string,
    voters: { token: string; url: string; choice: string; delegateId?: string }[],
  ) {
    this.voters = voters.map((v) => ({ ...v, ballotId: randomUUID(), socket: null, receipt: null, ackMs: null, refusals: [], shutdownNotices: 0, results: [], resultsAt: null }));
  }

  /** Connects and joins every voter, `parallel` at a time. */
  async connect(parallel = 100): Promise<void> {
    for (let i = 0; i < this.voters.length; i += parallel) {
      await Promise.all(this.voters.slice(i, i + parallel).map((v) => this.attach(v)));
    }
  }

  private async attach(v: CrowdVoter): Promise<void> {
    const s = await connectVoter(v.url, v.token);
    s.on('server:shutdown', () => v.shutdownNotices++);
    s.on('poll:results', (r: unknown) => {
      v.resultsAt ??= performance.now();
      v.results.push(r);
    });
    const joined = (await s.timeout(20_000).emitWithAck('meeting:join', { meetingId: this.meetingId })) as { ok: boolean };
    if (!joined.ok) throw new Error(`meeting:join refused: ${JSON.stringify(joined)}`);
    v.socket = s;
  }

  /** One cast per voter (or per voter of `voters`), spread uniformly over `spreadMs`; resolves when every first attempt has an answer. */
  async castAll(pollId: string, spreadMs: number, timeoutMs = 30_000, voters: CrowdVoter[] = this.voters, opts: { echoEvery?: number } = {}): Promise<void> {
    await Promise.all(
      voters.map(
        (v, i) =>
          new Promise<void>((resolve) => {
            // echoEvery: that share of voters sends its ballot twice at once (a double tap), which must count once
            const twice = opts.echoEvery !== undefined && i % opts.echoEvery === 0;
            setTimeout(() => void this.castOnce(v, pollId, timeoutMs, twice).then(() => resolve()), Math.random() * spreadMs);
          }),
      ),
    );
  }

  /**
   * Until every voter has a receipt: voters whose socket is gone reconnect to `failover(v)`, and every
   * voter without a receipt whose last answer was retryable sends its same ballot id again.
   */
  async retryUntilAcked(pollId: string, failover: (v: CrowdVoter) => string, deadlineMs = 60_000): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const pending = this.voters.filter((v) => v.receipt === null && RETRYABLE.has(v.refusals.at(-1) ?? 'DISCONNECTED'));
      if (pending.length === 0) return;
      if (Date.now() > until) throw new Error(`${pending.length} voters still without a receipt after ${deadlineMs} ms`);
      await Promise.all(
        pending.map(async (v) => {
          if (!v.socket?.connected) {
            v.socket?.close();
            v.socket = null;
            v.url = failover(v);
            try {
              await this.attach(v);
            } catch {
              v.refusals.push('DISCONNECTED');
              return;
            }
          }
          await this.castOnce(v, pollId, 10_000);
        }),
      );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async castOnce(v: CrowdVoter, pollId: string, timeoutMs: number, twice = false): Promise<void> {
    const s = v.socket;
    if (!s?.connected) {
      v.refusals.push('DISCONNECTED');
      return;
    }
    const started = performance.now();
    const send = (): Promise<CastAnswer> => s.timeout(timeoutMs).emitWithAck('vote:cast', { pollId, ballotId: v.ballotId, choices: [v.choice] }) as Promise<CastAnswer>;
    const echo = twice ? send() : null;
    try {
      const answer = await send();
      const second = await echo?.catch(() => null);
      if (second?.ok && answer.ok && second.receipt !== answer.receipt) v.refusals.push('RECEIPT_CHANGED');
      if (answer.ok && answer.receipt) {
        // a replayed ack must carry the receipt of the first one: the server counted one ballot
        if (v.receipt !== null && v.receipt !== answer.receipt) v.refusals.push('RECEIPT_CHANGED');
        v.receipt = answer.receipt;
        v.ackMs ??= performance.now() - started;
      } else v.refusals.push(answer.error?.code ?? 'NO_RECEIPT');
    } catch {
      v.refusals.push(s.connected ? 'TIMEOUT' : 'DISCONNECTED');
    }
  }

  /** Voters whose server went away (acked or not) reconnect to `failover(v)`, so they hear the results. */
  async reattachDisconnected(failover: (v: CrowdVoter) => string): Promise<void> {
    await Promise.all(
      this.voters
        .filter((v) => !v.socket?.connected)
        .map(async (v) => {
          v.socket?.close();
          v.url = failover(v);
          await this.attach(v);
        }),
    );
  }

  /** Resolves when every voter has received `poll:results` (or rejects after `ms`). */
  async allResults(ms = 30_000): Promise<void> {
    const until = Date.now() + ms;
    while (this.voters.some((v) => v.results.length === 0)) {
      if (Date.now() > until) throw new Error(`${this.voters.filter((v) => v.results.length === 0).length} voters got no results`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    for (const v of this.voters) v.socket?.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
