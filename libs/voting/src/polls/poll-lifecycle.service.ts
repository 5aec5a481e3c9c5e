import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditRecord } from '#audit';
import { Clock, DomainError, type AuthUser } from '#core';
import { profileOf } from '#legal';
import { MeetingStatus } from '#meetings';
import { votesNeeded } from '../rules/fraction.js';
import { VotingNotifier } from '../live/voting.notifier.js';
import { VotingErrorCode } from '../voting.errors.js';
import { POLL_LOCK_CLASS } from './poll-lock.js';
import { computeResult } from './poll-result.js';
import { PollOptionEntity } from './poll-option.entity.js';
import { PollEntity } from './poll.entity.js';
import { BallotMode, PollStatus } from './poll.enums.js';
import { storedResult, toPollView, type PollView } from './poll.view.js';
import { buildCountReport, countReportHash } from '../committee/count-report.js';
import { BallotKeysService } from '../secrecy/ballot-keys.service.js';
import type { BallotOpener } from '../secrecy/ballot-crypto.js';
import { countSecretBallots } from '../secrecy/count-secret-ballots.js';
import { CommitteeKeys } from '../committee/committee-keys.js';

/** Who acts: a user, or the countdown scheduler (null). */
export type Actor = AuthUser | null;

interface Counts {
  members: number;
  /** Members checked in, or absent and represented by a proxy whose holder is checked in. */
  present: number;
  /** Invited voters likewise: checked in, or represented by a checked-in proxy holder. */
  eligible: number;
  /** Of eligible, those counted only through a proxy (not checked in themselves). */
  represented: number;
}

const stateError = (poll: PollEntity, wanted: string): DomainError => {
  if (poll.status === PollStatus.Draft) return new DomainError(VotingErrorCode.POLL_NOT_OPEN, `Poll is a draft: it must be open to ${wanted}`);
  return new DomainError(VotingErrorCode.POLL_STATE, `Poll is ${poll.status}: cannot ${wanted}`, { status: poll.status });
};

/**
 * draft -> open -> closed -> published. Every move locks the poll row (FOR UPDATE) and checks the state under the
 * lock, so two concurrent requests cannot both move it; casts hold the poll's advisory cast lock shared (see poll-lock.ts), so a close waits for the
 * casts in flight to commit and every later cast sees `closed`.
 */
@Injectable()
export class PollLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifier: VotingNotifier,
    private readonly keys: BallotKeysService,
    private readonly committeeKeys: CommitteeKeys,
  ) {}

  /**
   * Opens a draft poll. The meeting must be in session (check-in alone, status `open`, is not enough: votes
   * happen on the agenda). Freezes members (body members with a voting right), present (of them, checked in or
   * represented by a checked-in proxy holder) and eligible (invited delegates with a voting right, likewise), and
   * refuses when the rule's quorum is not met.
   */
  async open(actor: AuthUser, pollId: string): Promise<PollView> {
    const { poll, options } = await this.dataSource.transaction(async (em) => {
      const poll = await this.lock(em, pollId);
      if (poll.status !== PollStatus.Draft) throw new DomainError(VotingErrorCode.POLL_STATE, `Poll is ${poll.status}: only a draft can be opened`, { status: poll.status });
      const [meeting] = await em.query<{ status: MeetingStatus; body_id: string; kind: string }[]>(
        `SELECT m.status, m.body_id, b.kind FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = $1 FOR SHARE OF m`,
        [poll.meetingId],
      );
      if (meeting.status !== MeetingStatus.InSession) {
        throw new DomainError(VotingErrorCode.MEETING_NOT_IN_SESSION, `The meeting is ${meeting.status}: polls open only while it is in session`);
      }
      const counts = await this.counts(em, poll.id, poll.meetingId, meeting.body_id, profileOf(meeting.kind).votingInvitationKinds);
      const required = poll.rule.quorum ? votesNeeded(poll.rule.quorum.kind, poll.rule.quorum, counts.members) : 0;
      if (counts.members < 1 || counts.present < required) {
        throw new DomainError(VotingErrorCode.NO_QUORUM, `Quorum not met: ${counts.present} of ${counts.members} members present, ${required} needed`, {
          ...counts,
          required,
        });
      }
      const now = this.clock.now();
      poll.status = PollStatus.Open;
      poll.openedAt = now;
      poll.closesAt = poll.countdownSeconds ? new Date(now.getTime() + poll.countdownSeconds * 1000) : null;
      poll.membersCount = counts.members;
      poll.presentCount = counts.present;
      poll.eligibleCount = counts.eligible;
      await em.query(
        `UPDATE polls SET status = 'open', opened_at = $2, closes_at = $3, members_count = $4, present_count = $5, eligible_count = $6, updated_at = now()
          WHERE id = $1 AND status = 'draft'`,
        [poll.id, now, poll.closesAt, counts.members, counts.present, counts.eligible],
      );
      // secret polls get their key pair now: the public key seals every ballot, the private key leaves the database
      if (poll.ballotMode === BallotMode.Secret) {
        if (!(await this.committeeKeys.createIfCommitteeCustody(em, poll.id))) await this.keys.createServerKey(em, poll.id);
      }
      const options = await em.getRepository(PollOptionEntity).find({ where: { pollId }, order: { position: 'ASC' } });
      await this.audit.append(this.record(actor, poll, 'poll.opened', { ...counts, quorumRequired: required, closesAt: poll.closesAt?.toISOString() ?? null }), em);
      return { poll, options };
    });
    const view = toPollView(poll, options, false);
    this.notifier.opened(view);
    return view;
  }

  /**
   * Closes an open poll and writes its result. Secret polls are counted here when the server holds their key
   * (countSecretBallots: envelopes opened, plaintext written in one statement in random order, envelopes deleted),
   * and the key file is destroyed and the envelopes vacuumed after the commit. Under committee custody the poll
   * closes (no more ballots) and is counted once the committee gives enough key shares (countWithKey).
   */
  async close(actor: Actor, pollId: string, onlyIfDue = false): Promise<PollView> {
    const { poll, options, cast, counted } = await this.dataSource.transaction(async (em) => {
      const poll = await this.lock(em, pollId);
      if (poll.status !== PollStatus.Open) throw stateError(poll, 'close it');
      const now = this.clock.now();
      if (onlyIfDue && (!poll.closesAt || poll.closesAt.getTime() > now.getTime())) throw new DomainError(VotingErrorCode.POLL_STATE, 'Poll is not due');
      const options = await em.getRepository(PollOptionEntity).find({ where: { pollId }, order: { position: 'ASC' } });
      poll.status = PollStatus.Closed;
      poll.closedAt = now;
      if (poll.ballotMode === BallotMode.Secret) {
        const [key] = await em.query<{ custody: string }[]>(`SELECT custody FROM poll_keys WHERE poll_id = $1`, [pollId]);
        if (key?.custody === 'committee') {
          await em.query(`UPDATE polls SET status = 'closed', closed_at = $2, updated_at = now() WHERE id = $1 AND status = 'open'`, [pollId, now]);
          const [{ n }] = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1`, [pollId]);
          await this.audit.append(this.record(actor, poll, 'poll.closed', { cast: n, outcome: null, awaitingCommittee: true, byCountdown: actor === null }), em);
          return { poll, options, cast: n, counted: false };
        }
        if (!key) {
          // opened before sealed ballots existed (an upgrade during the poll): its ballots are already plaintext
          const legacy = await em.query<{ choices: string[] }[]>(`SELECT choices FROM secret_ballots WHERE poll_id = $1`, [pollId]);
          poll.result = computeResult(poll, options, legacy, null);
          await em.query(`UPDATE polls SET status = 'closed', closed_at = $2, result = $3::jsonb, updated_at = now() WHERE id = $1`, [pollId, now, JSON.stringify(poll.result)]);
          await this.audit.append(this.record(actor, poll, 'poll.closed', { cast: legacy.length, outcome: poll.result.outcome, byCountdown: actor === null }), em);
          return { poll, options, cast: legacy.length, counted: false };
        }
        const opener = await this.keys.serverOpener(pollId);
        const cast = await this.countSecret(em, actor, poll, options, opener, now, 'server');
        return { poll, options, cast, counted: true };
      }
      const ballots = await em.query<{ delegate_id: string; choices: string[] }[]>(`SELECT delegate_id, choices FROM named_ballots WHERE poll_id = $1`, [pollId]);
      const chair = await this.chairDelegate(em, poll.meetingId);
      const chairBallot = chair ? ballots.find((r) => r.delegate_id === chair) : undefined;
      poll.result = computeResult(poll, options, ballots, chairBallot?.choices[0] ?? null);
      await em.query(`UPDATE polls SET status = 'closed', closed_at = $2, result = $3::jsonb, updated_at = now() WHERE id = $1 AND status = 'open'`, [
        pollId,
        now,
        JSON.stringify(poll.result),
      ]);
      await this.audit.append(this.record(actor, poll, 'poll.closed', { cast: ballots.length, outcome: poll.result.outcome, byCountdown: actor === null }), em);
      return { poll, options, cast: ballots.length, counted: true };
    });
    if (poll.ballotMode === BallotMode.Secret) {
      this.keys.dropSealer(pollId);
      if (counted) await this.afterSecretCount(pollId);
    }
    this.notifier.closed(poll, cast);
    return toPollView(poll, options, true);
  }

  /** Committee custody: the count, once the committee's shares gave back the poll's private key (checked by the caller). */
  async countWithKey(actor: AuthUser, pollId: string, opener: BallotOpener): Promise<PollView> {
    const { poll, options } = await this.dataSource.transaction(async (em) => {
      const poll = await this.lock(em, pollId);
      if (poll.status !== PollStatus.Closed || poll.result !== null) throw new DomainError(VotingErrorCode.POLL_STATE, 'Only a closed secret poll awaiting its count can be counted', { status: poll.status });
      const options = await em.getRepository(PollOptionEntity).find({ where: { pollId }, order: { position: 'ASC' } });
      await this.countSecret(em, actor, poll, options, opener, this.clock.now(), 'committee');
      return { poll, options };
    });
    await this.afterSecretCount(pollId);
    return toPollView(poll, options, true);
  }

  /** Opens, writes and audits the ballots, the result and the count report (in the closing or counting transaction). */
  private async countSecret(em: EntityManager, actor: Actor, poll: PollEntity, options: PollOptionEntity[], opener: BallotOpener, now: Date, custody: 'server' | 'committee'): Promise<number> {
    const counted = await countSecretBallots(em, poll.id, poll.meetingId, opener);
    // the chair's side of a secret ballot cannot be known: a decisive tie counts as "the chair did not vote"
    poll.result = computeResult(poll, options, counted.ballots, null);
    await em.query(`UPDATE polls SET status = 'closed', closed_at = coalesce(closed_at, $2), result = $3::jsonb, updated_at = now() WHERE id = $1`, [
      poll.id,
      poll.closedAt ?? now,
      JSON.stringify(poll.result),
    ]);
    const committee = await em.query<{ delegate_id: string; full_name: string; role: 'head' | 'member' }[]>(
      `SELECT m.delegate_id, d.full_name, m.role FROM counting_committee_members m JOIN delegates d ON d.id = m.delegate_id WHERE m.poll_id = $1 ORDER BY m.position`,
      [poll.id],
    );
    const content = buildCountReport({
      poll,
      options,
      ballots: counted.ballots.map((b) => b.choices),
      result: poll.result,
      committee: committee.map((c) => ({ delegateId: c.delegate_id, fullName: c.full_name, role: c.role })),
      custody,
      countedAt: now,
    });
    const sha256 = countReportHash(content);
    // without a committee there is nobody to confirm: the report is final at once
    const final = committee.length === 0;
    await em.query(`INSERT INTO count_reports (poll_id, content, sha256, finalised_at) VALUES ($1, $2::jsonb, $3, $4)`, [poll.id, JSON.stringify(content), sha256, final ? now : null]);
    const records: AuditRecord[] = [this.record(actor, poll, custody === 'server' ? 'poll.closed' : 'poll.counted', { cast: counted.ballots.length, outcome: poll.result.outcome, byCountdown: actor === null })];
    records.push(...counted.audit);
    records.push(this.record(actor, poll, 'count_report.written', { sha256, final }));
    await this.audit.appendMany(records, em);
    return counted.ballots.length;
  }

  /** After the count committed: the key file goes, and VACUUM removes the deleted envelopes (their dead tuples). */
  private async afterSecretCount(pollId: string): Promise<void> {
    await this.keys.destroyKeyFile(pollId);
    await this.keys.vacuumEnvelopes();
  }

  async publish(actor: AuthUser, pollId: string): Promise<PollView> {
    const { poll, options } = await this.dataSource.transaction(async (em) => {
      const poll = await this.lock(em, pollId);
      if (poll.status !== PollStatus.Closed) throw stateError(poll, 'publish it (close it first)');
      if (poll.result === null) throw new DomainError(VotingErrorCode.NOT_COUNTED, 'The counting committee has not opened the ballots yet');
      poll.status = PollStatus.Published;
      poll.publishedAt = this.clock.now();
      await em.query(`UPDATE polls SET status = 'published', published_at = $2, updated_at = now() WHERE id = $1 AND status = 'closed'`, [pollId, poll.publishedAt]);
      await this.audit.append(this.record(actor, poll, 'poll.published', { outcome: poll.result?.outcome ?? null }), em);
      const options = await em.getRepository(PollOptionEntity).find({ where: { pollId }, order: { position: 'ASC' } });
      return { poll, options };
    });
    this.notifier.results({
      pollId: poll.id,
      meetingId: poll.meetingId,
      title: poll.title,
      kind: poll.kind,
      ballotMode: poll.ballotMode,
      publishedAt: (poll.publishedAt ?? new Date()).toISOString(),
      result: storedResult(poll.result ?? {}),
    });
    return toPollView(poll, options, true);
  }

  /** Open polls whose countdown ran out (the scheduler closes them). */
  async due(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM polls WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at LIMIT 100`, [this.clock.now()]);
    return rows.map((r) => r.id);
  }

  /** The cast lock exclusively (waits for casts in flight to commit), then the row FOR UPDATE. */
  private async lock(em: EntityManager, pollId: string): Promise<PollEntity> {
    await em.query(`SELECT pg_advisory_xact_lock(${POLL_LOCK_CLASS}, hashtext($1::text))`, [pollId]);
    const poll = await em.getRepository(PollEntity).findOne({ where: { id: pollId }, lock: { mode: 'pessimistic_write' } });
    if (!poll) throw DomainError.notFound('Poll', pollId);
    return poll;
  }

  /**
   * Frozen at open. A member absent but represented by an active proxy whose holder is checked in counts as present
   * and eligible (bodies with allow_proxy_voting only), so quorum and the rule's `present` include them. The eligible
   * set is written to poll_roll in the same statement: every cast is checked against it.
   */
  private async counts(em: EntityManager, pollId: string, meetingId: string, bodyId: string, votingKinds: readonly string[]): Promise<Counts> {
    // only invitations of a voting kind (members): substitutes and guests never count toward quorum nor go on the roll
    const [row] = await em.query<Counts[]>(
      `WITH checked_in AS (
         SELECT r.delegate_id FROM attendance_records r
           JOIN meeting_invitations vi ON vi.meeting_id = r.meeting_id AND vi.delegate_id = r.delegate_id AND vi.kind::text = ANY($4::text[])
          WHERE r.meeting_id = $1 AND r.status = 'present'),
       proxied AS (
         SELECT mp.represented_delegate_id AS delegate_id, mp.acting_delegate_id FROM meeting_proxies mp
           JOIN bodies b ON b.id = $2 AND b.allow_proxy_voting
           JOIN checked_in c ON c.delegate_id = mp.acting_delegate_id
          WHERE mp.meeting_id = $1 AND mp.revoked_at IS NULL),
       counted AS (SELECT delegate_id FROM checked_in UNION SELECT delegate_id FROM proxied),
       roll AS (
         INSERT INTO poll_roll (poll_id, delegate_id, acting_delegate_id)
         SELECT $3, i.delegate_id, CASE WHEN i.delegate_id IN (SELECT delegate_id FROM checked_in) THEN NULL ELSE p.acting_delegate_id END
           FROM meeting_invitations i JOIN counted c ON c.delegate_id = i.delegate_id LEFT JOIN proxied p ON p.delegate_id = i.delegate_id
          WHERE i.meeting_id = $1 AND i.can_vote AND i.kind::text = ANY($4::text[])
         RETURNING delegate_id, acting_delegate_id)
       SELECT
         (SELECT count(*) FROM body_members bm JOIN delegates d ON d.id = bm.delegate_id AND d.active AND d.has_voting_right
           WHERE bm.body_id = $2)::int AS members,
         (SELECT count(*) FROM body_members bm JOIN delegates d ON d.id = bm.delegate_id AND d.active AND d.has_voting_right
            JOIN counted c ON c.delegate_id = bm.delegate_id
           WHERE bm.body_id = $2)::int AS present,
         (SELECT count(*) FROM roll)::int AS eligible,
         (SELECT count(*) FROM roll WHERE acting_delegate_id IS NOT NULL)::int AS represented`,
      [meetingId, bodyId, pollId, votingKinds],
    );
    return row;
  }

  /** The chair's delegate for chair_side ties: the one active chair user linked to a delegate invited here. */
  private async chairDelegate(em: EntityManager, meetingId: string): Promise<string | null> {
    const rows = await em.query<{ delegate_id: string }[]>(
      `SELECT DISTINCT u.delegate_id FROM users u JOIN meeting_invitations i ON i.delegate_id = u.delegate_id AND i.meeting_id = $1
        WHERE u.role = 'chair' AND u.active`,
      [meetingId],
    );
    return rows.length === 1 ? rows[0].delegate_id : null;
  }

  private record(actor: Actor, poll: PollEntity, action: string, payload: Record<string, unknown>): AuditRecord {
    return { action, entityType: 'poll', entityId: poll.id, actorId: actor?.id ?? null, actorRole: actor?.role ?? null, meetingId: poll.meetingId, payload };
  }
}
