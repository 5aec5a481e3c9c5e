import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, JsonLogger, type AuthUser } from '#core';
import { participationKey, receiptOf } from '../ballots/receipts.js';
import { VotingNotifier } from '../live/voting.notifier.js';
import { BallotMode, PollKind, VoteChannel } from '../polls/poll.enums.js';
import { PollsService, type PollDefinition } from '../polls/polls.service.js';
import { VotingErrorCode } from '../voting.errors.js';
import type { CastAck } from '../voting.events.js';
import { BatchFallback, castRefusal, firstBallotRefusal, readCastState, writeBatch, type BatchItem, type BatchOutcome } from './cast-batch.js';
import { CastRateLimiter } from './cast-rate-limiter.js';
import { proxyCastError, type ProxyCastFacts } from '../proxies/proxy-rules.js';
import { confidenceBallotError } from '../rules/evaluate-confidence.js';
import { BallotKeysService } from '../secrecy/ballot-keys.service.js';

export interface CastInput {
  pollId: string;
  ballotId: string;
  choices: string[];
  /** Proxy voting: the represented delegate's id (the caller must hold their active proxy). */
  onBehalfOf?: string;
}

const MAX_BATCH = 1000;
/** Batches of one poll written at once per instance: the next one fills and starts while the previous commits. */
const MAX_BATCHES_IN_FLIGHT = 2;

interface Waiting {
  item: BatchItem;
  resolve: (ack: CastAck) => void;
  reject: (err: unknown) => void;
}

interface PollQueue {
  def: PollDefinition;
  waiting: Waiting[];
  /** Batches started (scheduled or in their transaction) and not yet answered. */
  inFlight: number;
}

/** Raised inside the transaction when a concurrent insert won a unique index; the cast is re-run once. */
class CastConflict extends Error {}

/**
 * One ballot, acknowledged only after it is committed. The voter is the caller's own delegate, or with onBehalfOf
 * the delegate the caller holds an active proxy from (participation: delegate = represented, acting = caller).
 *
 * Idempotency: poll_participation holds sha256('participation:' + ballotId) for every poll (unique); the receipt
 * is sha256('receipt:' + ballotId) in named polls and an HMAC of the ballot id under the server's receipt key in
 * secret ones: a retry with the same ballot id finds the participation and answers the same receipt (even after
 * the poll closed: it was counted), counting nothing twice.
 * Secret ballots are sealed to the poll's public key before the transaction (secrecy/ballot-crypto.ts): the
 * database only ever sees the envelope until the count. A different ballot id
 * from the same voter is ALREADY_VOTED, except in named polls with allowChange, where it replaces the choices.
 * Secret polls never allow a change: nothing links the secret ballot to its voter, so it cannot be found again.
 *
 * New ballots of one poll are written in batches (group commit, cast-batch.ts): casts arriving while the previous
 * batch commits share the next transaction; each is acknowledged only after its own batch committed.
 */
@Injectable()
export class CastVoteUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly polls: PollsService,
    private readonly audit: AuditService,
    private readonly limiter: CastRateLimiter,
    private readonly notifier: VotingNotifier,
    private readonly logger: JsonLogger,
    private readonly keys: BallotKeysService,
  ) {}

  private readonly queues = new Map<string, PollQueue>();

  async cast(user: AuthUser, input: CastInput): Promise<CastAck> {
    const delegateId = user.delegateId;
    // the one check before the SQL: without a delegate there is no row for readCastState to decide on
    if (!delegateId) throw new DomainError(VotingErrorCode.NOT_ELIGIBLE, 'Only a delegate can vote: your account is not linked to a delegate');
    this.limiter.take(user.id);
    const def = await this.polls.definition(input.pollId);
    const choices = this.checkChoices(def, input.choices);
    const key = participationKey(input.ballotId);
    let receipt: string;
    let sealed: string | null = null;
    if (def.poll.ballotMode === BallotMode.Secret) {
      receipt = await this.keys.receipt(def.poll.id, input.ballotId);
      const sealer = await this.keys.sealer(def.poll.id, def.poll.maxChoices);
      sealed = sealer ? sealer.seal({ choices, receipt }).toString('hex') : null;
    } else receipt = receiptOf(input.ballotId);
    const represented = input.onBehalfOf?.toLowerCase();
    if (represented && represented !== delegateId.toLowerCase()) {
      // proxy casts are rare: the one-ballot path checks the proxy, keeping the batch path as it was
      return this.castOne({ user, delegateId: represented, actingDelegateId: delegateId, ballotId: input.ballotId, key, receipt, choices, sealed }, def);
    }
    return new Promise<CastAck>((resolve, reject) => {
      const item: BatchItem = { user, delegateId, actingDelegateId: null, ballotId: input.ballotId, key, receipt, choices, sealed };
      let queue = this.queues.get(def.poll.id);
      if (!queue) {
        queue = { def, waiting: [], inFlight: 0 };
        this.queues.set(def.poll.id, queue);
      }
      queue.waiting.push({ item, resolve, reject });
      if (queue.inFlight < MAX_BATCHES_IN_FLIGHT && queue.waiting.length === 1) this.drain(queue);
    });
  }

  /**
   * Group commit: casts of one poll that arrive while a batch is being written go together in the next batch
   * (one transaction, see cast-batch.ts), which starts without waiting for the previous commit (at most
   * MAX_BATCHES_IN_FLIGHT at once; both take the audit head lock last, so they commit one after the other).
   * Each cast still resolves only after its own batch committed.
   */
  private drain(queue: PollQueue): void {
    queue.inFlight++;
    setImmediate(() => void this.flush(queue));
  }

  private async flush(queue: PollQueue): Promise<void> {
    const batch = queue.waiting.splice(0, MAX_BATCH);
    try {
      if (batch.length > 0) await this.commitBatch(queue, batch);
    } finally {
      queue.inFlight--;
      if (queue.waiting.length > 0 && queue.inFlight < MAX_BATCHES_IN_FLIGHT) this.drain(queue);
      else if (queue.inFlight === 0 && queue.waiting.length === 0 && this.queues.get(queue.def.poll.id) === queue) this.queues.delete(queue.def.poll.id);
    }
  }

  private async commitBatch(queue: PollQueue, batch: Waiting[]): Promise<void> {
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.dataSource.transaction((em) => writeBatch(em, queue.def, batch.map((b) => b.item), this.audit));
    } catch (err: unknown) {
      if (!(err instanceof BatchFallback)) {
        this.logger.write('warn', 'cast batch failed; casting one by one', { pollId: queue.def.poll.id, error: err instanceof Error ? err.message : String(err) });
      }
      outcomes = batch.map(() => ({ kind: 'single' }));
    }
    if (outcomes.some((o) => o.kind === 'ack' && !o.ack.replay)) this.notifier.castCommitted(queue.def.poll);
    const singles: Promise<void>[] = [];
    for (const [i, o] of outcomes.entries()) {
      const { item, resolve, reject } = batch[i];
      if (o.kind === 'ack') resolve(o.ack);
      else if (o.kind === 'error') reject(o.error);
      else singles.push(this.castOne(item, queue.def).then(resolve, reject));
    }
    await Promise.all(singles);
  }

  /** One ballot in its own transaction: changes of a named ballot, retries of a named ballot, conflicts. */
  private async castOne(item: BatchItem, def: PollDefinition): Promise<CastAck> {
    let result: CastAck;
    try {
      result = await this.dataSource.transaction((em) => this.write(em, item, def));
    } catch (err: unknown) {
      if (!(err instanceof CastConflict)) throw err;
      result = await this.dataSource.transaction((em) => this.write(em, item, def, true));
    }
    if (!result.replay) this.notifier.castCommitted(def.poll);
    return result;
  }

  private checkChoices(def: PollDefinition, choices: string[]): string[] {
    const normalised = choices.map((c) => c.toLowerCase());
    if (new Set(normalised).size !== normalised.length) throw new DomainError(VotingErrorCode.INVALID_CHOICE, 'An option is listed twice');
    const unknown = normalised.filter((c) => !def.optionIds.has(c));
    if (unknown.length > 0) throw new DomainError(VotingErrorCode.INVALID_CHOICE, 'Not an option of this poll', { optionIds: unknown });
    if (normalised.length > def.poll.maxChoices) {
      throw new DomainError(VotingErrorCode.TOO_MANY_CHOICES, `At most ${def.poll.maxChoices} option(s) may be marked`, { max: def.poll.maxChoices });
    }
    if (def.poll.kind === PollKind.Motion && normalised.length !== 1) {
      throw new DomainError(VotingErrorCode.INVALID_CHOICE, 'A motion ballot marks exactly one of for / against / abstain');
    }
    if (def.poll.kind === PollKind.Confidence || def.poll.kind === PollKind.NoConfidence) {
      const reason = confidenceBallotError(normalised, new Map(def.options.map((o) => [o.id, o.subject])));
      if (reason) throw new DomainError(VotingErrorCode.INVALID_CHOICE, reason);
    }
    return normalised;
  }

  private async write(em: EntityManager, item: BatchItem, def: PollDefinition, retried = false): Promise<CastAck> {
    const { delegateId, actingDelegateId: acting, ballotId, choices, key, receipt } = item;
    const poll = def.poll;
    const secret = poll.ballotMode === BallotMode.Secret;
    // the same state read and the same refusals as the batch (cast-batch.ts): one eligibility check
    const state = (await readCastState(em, poll.id, [delegateId])).get(delegateId)!;
    const mine = state.ballot_key === null ? undefined : { ballot_key: state.ballot_key };
    if (mine?.ballot_key === key) {
      // a retry of a counted ballot: same receipt, nothing written, whatever the poll's state now
      if (secret) return { pollId: poll.id, ballotId, receipt, replay: true };
      const [named] = await em.query<{ receipt: string }[]>(`SELECT receipt FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2`, [poll.id, delegateId]);
      return { pollId: poll.id, ballotId, receipt: named.receipt, replay: true };
    }
    let method = state.method;
    if (acting) {
      const facts = await this.proxyFacts(em, poll.id, delegateId, acting, state.can_vote);
      const refusal = proxyCastError(facts);
      if (refusal) throw refusal;
      method = facts.actingMethod;
    }
    const refusal = castRefusal(state, acting !== null, item.user);
    if (refusal) throw refusal;
    const channel = method === 'online' ? VoteChannel.Online : VoteChannel.Hall;
    if (mine) {
      if (secret || !poll.allowChange) throw new DomainError(VotingErrorCode.ALREADY_VOTED, acting ? 'This delegate already voted in this poll' : 'You already voted in this poll; your first ballot is final');
      // a proxy holder may change only a ballot they cast themselves; the member may always change their own
      if (acting && state.acting_delegate_id !== acting) throw new DomainError(VotingErrorCode.ALREADY_VOTED, 'This delegate already voted in this poll in person');
      const updated = await em.query<unknown[]>(
        // a CTE: TypeORM answers a bare UPDATE with [rows, count], so an empty update would look like a success
        `WITH u AS (UPDATE poll_participation SET ballot_key = $3, acting_delegate_id = $4::uuid
                     WHERE poll_id = $1 AND delegate_id = $2 AND NOT EXISTS (SELECT 1 FROM poll_participation WHERE ballot_key = $3) RETURNING 1)
         SELECT 1 FROM u`,
        [poll.id, delegateId, key, acting],
      );
      if (updated.length === 0) throw new DomainError(VotingErrorCode.BALLOT_ID_TAKEN, 'This ballot id is already used');
      await em.query(`UPDATE named_ballots SET choices = $3::jsonb, ballot_id = $4, receipt = $5, updated_at = now() WHERE poll_id = $1 AND delegate_id = $2`, [
        poll.id,
        delegateId,
        JSON.stringify(choices),
        ballotId,
        receipt,
      ]);
      await this.audit.append(this.accepted(item, poll.id, poll.meetingId, receipt, 'ballot.changed'), em);
      return { pollId: poll.id, ballotId, receipt, replay: false };
    }
    if (acting && state.method !== null) throw new DomainError(VotingErrorCode.REPRESENTED_PRESENT, 'The represented delegate is checked in and votes in person');
    const first = firstBallotRefusal(state, acting !== null, secret, item.sealed);
    if (first) throw first;
    // participation and ballot in one statement; the ballot row is only written when the participation was
    const table = secret ? 'secret_ballot_envelopes (poll_id, sealed)' : 'named_ballots (poll_id, choices, receipt, delegate_id, ballot_id)';
    const values = secret ? `SELECT $1::uuid, decode($5, 'hex') FROM part` : `SELECT $1::uuid, $5::jsonb, $6, $2::uuid, $7::uuid FROM part`;
    const [written] = await em.query<{ part: number; ballot: number }[]>(
      `WITH part AS (
         INSERT INTO poll_participation (poll_id, delegate_id, acting_delegate_id, ballot_key, channel) VALUES ($1, $2, ${secret ? '$6' : '$8'}::uuid, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1),
       ballot AS (INSERT INTO ${table} ${values} ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM part)::int AS part, (SELECT count(*) FROM ballot)::int AS ballot`,
      secret ? [poll.id, delegateId, key, channel, item.sealed, acting] : [poll.id, delegateId, key, channel, JSON.stringify(choices), receipt, ballotId, acting],
    );
    if (written.part === 0) {
      // another cast of this voter committed meanwhile (the re-run sees it), or the ballot id is someone else's
      if (!retried) throw new CastConflict();
      throw new DomainError(VotingErrorCode.BALLOT_ID_TAKEN, 'This ballot id is already used');
    }
    if (written.ballot === 0) throw new DomainError(VotingErrorCode.BALLOT_ID_TAKEN, 'This ballot id is already used');
    // secret ballots get no audit entry here: they are chained at close, sorted by receipt, without identity
    if (!secret) await this.audit.append(this.accepted(item, poll.id, poll.meetingId, receipt, 'ballot.accepted'), em);
    return { pollId: poll.id, ballotId, receipt, replay: false };
  }

  /** The proxy, the body's setting and the holder's check-in, read under the poll's cast lock. */
  private async proxyFacts(em: EntityManager, pollId: string, represented: string, acting: string, representedCanVote: boolean | null): Promise<ProxyCastFacts> {
    const [row] = await em.query<{ allow_proxy_voting: boolean; proxy_active: boolean; acting_method: string | null; on_roll: boolean }[]>(
      `SELECT b.allow_proxy_voting,
              EXISTS (SELECT 1 FROM meeting_proxies mp WHERE mp.meeting_id = p.meeting_id AND mp.represented_delegate_id = $2
                         AND mp.acting_delegate_id = $3 AND mp.revoked_at IS NULL) AS proxy_active,
              (SELECT r.method FROM attendance_records r WHERE r.meeting_id = p.meeting_id AND r.delegate_id = $3 AND r.status = 'present' LIMIT 1) AS acting_method,
              EXISTS (SELECT 1 FROM poll_roll pr WHERE pr.poll_id = p.id AND pr.delegate_id = $2) AS on_roll
         FROM polls p JOIN meetings m ON m.id = p.meeting_id JOIN bodies b ON b.id = m.body_id
        WHERE p.id = $1`,
      [pollId, represented, acting],
    );
    return { allowProxyVoting: row.allow_proxy_voting, proxyActive: row.proxy_active, representedCanVote, actingMethod: row.acting_method, onRoll: row.on_roll };
  }

  private accepted(item: BatchItem, pollId: string, meetingId: string, receipt: string, action: string) {
    const { user, delegateId, actingDelegateId, ballotId, choices } = item;
    const payload = { delegateId, ballotId, receipt, choices, ...(actingDelegateId ? { actingDelegateId } : {}) };
    return { action, entityType: 'poll', entityId: pollId, actorId: user.id, actorRole: user.role, meetingId, payload };
  }
}
