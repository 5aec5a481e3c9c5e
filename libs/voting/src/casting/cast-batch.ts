import type { EntityManager } from 'typeorm';
import { DomainError, type AuthUser } from '#core';
import { canViewMeeting, type MeetingStatus } from '#meetings';
import type { AuditRecord, AuditService } from '#audit';
import { POLL_LOCK_CLASS } from '../polls/poll-lock.js';
import { BallotMode, PollStatus, VoteChannel } from '../polls/poll.enums.js';
import type { PollDefinition } from '../polls/polls.service.js';
import { VotingErrorCode } from '../voting.errors.js';
import type { CastAck } from '../voting.events.js';

export interface BatchItem {
  user: AuthUser;
  /** Whose ballot this is: the caller's delegate, or the represented one when voting by proxy. */
  delegateId: string;
  /** The proxy holder (the caller's delegate) when voting by proxy, else null; proxy casts skip the batch. */
  actingDelegateId: string | null;
  ballotId: string;
  key: string;
  receipt: string;
  choices: string[];
  /** Secret polls: choices and receipt sealed to the poll's public key (hex), made before the transaction; null when the poll had no key yet. */
  sealed: string | null;
}

/** Per item: acked (after the batch commits), refused, or handed to the one-ballot path (changes, conflicts). */
export type BatchOutcome = { kind: 'ack'; ack: CastAck } | { kind: 'error'; error: DomainError } | { kind: 'single' };

/** What a cast is decided on, per voter, read in one statement under the poll's cast lock. */
export interface CastState {
  delegate_id: string;
  poll_id: string;
  status: PollStatus;
  meeting_status: MeetingStatus;
  ballot_key: string | null;
  acting_delegate_id: string | null;
  can_vote: boolean | null;
  method: string | null;
  on_roll: boolean;
}

/**
 * The cast lock (shared) and the state of each voter: the poll's status (one statement after the lock, so its
 * snapshot follows the lock), their earlier participation, their voting right (invitation), their attendance
 * (status = 'present', as AttendanceReadService.isPresent) and whether they are on the roll frozen at open. Both the
 * batch and the one-ballot path decide on this, through castRefusal: one eligibility check.
 */
export async function readCastState(em: EntityManager, pollId: string, delegateIds: string[]): Promise<Map<string, CastState>> {
  // an advisory lock rather than SELECT ... FOR SHARE: a thousand concurrent row share-locks go through PostgreSQL
  // multixacts and slow every cast down; a close takes it exclusively, so it waits for casts in flight to commit
  await em.query(`SELECT pg_advisory_xact_lock_shared(${POLL_LOCK_CLASS}, hashtext($1::text))`, [pollId]);
  const rows = await em.query<CastState[]>(
    `SELECT d.delegate_id, p.id AS poll_id, p.status, m.status AS meeting_status, pp.ballot_key, pp.acting_delegate_id, i.can_vote, r.method, (pr.delegate_id IS NOT NULL) AS on_roll
       FROM unnest($2::uuid[]) AS d(delegate_id)
       LEFT JOIN polls p ON p.id = $1
       LEFT JOIN meetings m ON m.id = p.meeting_id
       LEFT JOIN poll_participation pp ON pp.poll_id = $1 AND pp.delegate_id = d.delegate_id
       LEFT JOIN meeting_invitations i ON i.meeting_id = p.meeting_id AND i.delegate_id = d.delegate_id
       LEFT JOIN attendance_records r ON r.meeting_id = p.meeting_id AND r.delegate_id = d.delegate_id AND r.status = 'present'
       LEFT JOIN poll_roll pr ON pr.poll_id = $1 AND pr.delegate_id = d.delegate_id`,
    [pollId, delegateIds],
  );
  return new Map(rows.map((r) => [r.delegate_id, r]));
}

/**
 * Why a new ballot of this voter is refused, or null: the meeting's visibility, voting right, presence (own casts;
 * a proxy cast is checked on its holder by proxyCastError instead), then the poll's status. Earlier participation
 * and the roll come after, in the callers, in this order.
 */
export function castRefusal(st: CastState, byProxy: boolean, caller: Pick<AuthUser, 'role'>): DomainError | null {
  if (!byProxy) {
    // no invitation row: a delegate who may not see the meeting gets 404, as from every route (MeetingAccess policy)
    if (st.can_vote === null && !canViewMeeting(caller.role, st.meeting_status, false)) return DomainError.notFound('Poll', st.poll_id);
    if (!st.can_vote) return new DomainError(VotingErrorCode.NOT_ELIGIBLE, 'You have no voting right in this meeting');
    if (st.method === null) return new DomainError(VotingErrorCode.NOT_PRESENT, 'Check in first (in the hall or online)');
  }
  if (st.status === PollStatus.Draft) return new DomainError(VotingErrorCode.POLL_NOT_OPEN, 'The poll is not open yet');
  if (st.status !== PollStatus.Open) return new DomainError(VotingErrorCode.POLL_CLOSED, 'The poll is closed');
  return null;
}

/** A secret poll open in the database but whose key this process could not read yet (the open was committing). */
export const notSealed = (): DomainError => new DomainError(VotingErrorCode.POLL_NOT_OPEN, 'The poll is opening: retry with the same ballot id');

/**
 * Why a first ballot (no earlier participation) is refused once castRefusal let it through, or null: the roll
 * frozen at open (own casts; a proxy's roll is checked by proxyCastError), then a secret poll's missing envelope.
 * With castRefusal, the whole eligibility decision on the row readCastState read: the batch and the one-ballot
 * path both ask these two and write no rule of their own.
 */
export function firstBallotRefusal(st: CastState, byProxy: boolean, secret: boolean, sealed: string | null): DomainError | null {
  if (!byProxy && !st.on_roll) return notOnRoll();
  if (secret && sealed === null) return notSealed();
  return null;
}

/**
 * Writes the new ballots of many voters of one poll in one transaction (group commit): the cast lock shared, one
 * read of status, earlier participation and eligibility for all of them, one multi-row insert of participation
 * and one of ballots (secret: sealed envelopes), one audit batch for named ballots (actor = each voter). Everything
 * unusual (a retry whose ballot id already counted, or a double tap within the batch, is answered here; a change of
 * a named ballot, a concurrent insert, a voter twice in the batch with two ballot ids) goes to the one-ballot path
 * after this commit, so the rules live in one place.
 */
export async function writeBatch(em: EntityManager, def: PollDefinition, items: BatchItem[], audit: AuditService): Promise<BatchOutcome[]> {
  const poll = def.poll;
  const secret = poll.ballotMode === BallotMode.Secret;
  const byDelegate = await readCastState(em, poll.id, [...new Set(items.map((i) => i.delegateId))]);
  const outcomes: BatchOutcome[] = [];
  const fresh: { index: number; item: BatchItem; channel: VoteChannel }[] = [];
  const taken = new Map<string, BatchItem>();
  // a double tap: the same ballot id twice in this batch, answered as a retry once the first one is written
  const echoes: { index: number; item: BatchItem; first: BatchItem }[] = [];
  for (const [index, item] of items.entries()) {
    const st = byDelegate.get(item.delegateId);
    const first = taken.get(item.delegateId);
    if (first?.key === item.key) echoes.push({ index, item, first });
    if (!st || first || (st.ballot_key !== null && st.ballot_key === item.key && !secret)) {
      // a second item of the same voter, or a named retry (its receipt is read by the one-ballot path)
      outcomes.push({ kind: 'single' });
      continue;
    }
    if (st.ballot_key === item.key) {
      outcomes.push({ kind: 'ack', ack: { pollId: poll.id, ballotId: item.ballotId, receipt: item.receipt, replay: true } });
      continue;
    }
    const refusal = castRefusal(st, false, item.user) ?? (st.ballot_key === null ? firstBallotRefusal(st, false, secret, item.sealed) : null);
    if (refusal) outcomes.push({ kind: 'error', error: refusal });
    else if (st.ballot_key !== null) outcomes.push({ kind: 'single' });
    else {
      taken.set(item.delegateId, item);
      outcomes.push({ kind: 'single' });
      fresh.push({ index, item, channel: st.method === 'online' ? VoteChannel.Online : VoteChannel.Hall });
    }
  }
  if (fresh.length === 0) return outcomes;
  // rows in delegate order, so two batches inserting the same voters (a double tap split across batches or
  // instances) take the unique index locks in the same order and cannot deadlock
  fresh.sort((a, b) => (a.item.delegateId < b.item.delegateId ? -1 : a.item.delegateId > b.item.delegateId ? 1 : 0));
  // participation and ballots in one statement: a ballot row only for a participation row this statement wrote;
  // sealed envelopes in the order of their (random) bytes, so their physical order says nothing of the delegate order
  const ballotInsert = secret
    ? `INSERT INTO secret_ballot_envelopes (poll_id, sealed) SELECT $1, decode(t.s, 'hex') FROM t JOIN part ON part.ballot_key = t.k ORDER BY t.s`
    : `INSERT INTO named_ballots (poll_id, delegate_id, choices, ballot_id, receipt) SELECT $1, t.d, t.ch::jsonb, t.b, t.r FROM t JOIN part ON part.ballot_key = t.k ORDER BY t.n`;
  const inserted = await em.query<{ ballot_key: string; ballots: number }[]>(
    `WITH t AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[]) WITH ORDINALITY AS t(d, k, c, ch, b, r, s, n)),
     part AS (
       INSERT INTO poll_participation (poll_id, delegate_id, acting_delegate_id, ballot_key, channel)
       SELECT $1, d, NULL, k, c::vote_channel FROM t ORDER BY n
       ON CONFLICT DO NOTHING RETURNING ballot_key),
     ballot AS (${ballotInsert} ON CONFLICT DO NOTHING RETURNING 1)
     SELECT part.ballot_key, (SELECT count(*) FROM ballot)::int AS ballots FROM part`,
    [
      poll.id,
      fresh.map((f) => f.item.delegateId),
      fresh.map((f) => f.item.key),
      fresh.map((f) => f.channel),
      // secret polls: no plaintext choices or receipt in the statement (its parameters could reach a log)
      fresh.map((f) => (secret ? '[]' : JSON.stringify(f.item.choices))),
      fresh.map((f) => f.item.ballotId),
      fresh.map((f) => (secret ? '' : f.item.receipt)),
      fresh.map((f) => f.item.sealed ?? ''),
    ],
  );
  const done = new Set(inserted.map((r) => r.ballot_key));
  const written = fresh.filter((f) => done.has(f.item.key));
  if (written.length === 0) return outcomes;
  // a reused ballot id (or a named receipt collision, 64 bits): roll the whole batch back, every item goes one by one
  if (inserted[0].ballots !== written.length) throw new BatchFallback();
  if (!secret) {
    const records: AuditRecord[] = written.map((f) => ({
      action: 'ballot.accepted',
      entityType: 'poll',
      entityId: poll.id,
      actorId: f.item.user.id,
      actorRole: f.item.user.role,
      meetingId: poll.meetingId,
      payload: { delegateId: f.item.delegateId, ballotId: f.item.ballotId, receipt: f.item.receipt, choices: f.item.choices },
    }));
    await audit.appendMany(records, em);
  }
  for (const f of written) outcomes[f.index] = { kind: 'ack', ack: { pollId: poll.id, ballotId: f.item.ballotId, receipt: f.item.receipt, replay: false } };
  // what the one-ballot path would answer (the same receipt, counted once) without a transaction per double tap
  for (const e of echoes) if (done.has(e.first.key)) outcomes[e.index] = { kind: 'ack', ack: { pollId: poll.id, ballotId: e.item.ballotId, receipt: e.item.receipt, replay: true } };
  return outcomes;
}

/** Checked in after the poll opened: a ballot would outnumber the frozen present count and the close would fail. */
export const notOnRoll = (): DomainError =>
  new DomainError(VotingErrorCode.NOT_ON_ROLL, 'You were not checked in when this poll opened (counts are frozen at open): you vote from the next poll');

/** Thrown to roll a batch back and send each of its items through the one-ballot path. */
export class BatchFallback extends Error {}
