import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, STAFF_ROLES, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { BallotMode, PollStatus } from '../polls/poll.enums.js';
import { PollEntity } from '../polls/poll.entity.js';
import { PollLifecycleService } from '../polls/poll-lifecycle.service.js';
import type { PollView } from '../polls/poll.view.js';
import { BallotOpener, publicKeyOf } from '../secrecy/ballot-crypto.js';
import { combineShares } from '../secrecy/shamir.js';
import { VotingErrorCode } from '../voting.errors.js';
import type { CommitteeView, CountReportView, DesignateCommitteeDto, ReceiptCheck } from './committee.dto.js';
import type { CountReportContent } from './count-report.js';

const invalid = (message: string, details?: unknown): DomainError => new DomainError(VotingErrorCode.COMMITTEE_INVALID, message, details);
const SHARE_TTL_MS = 30 * 60_000;

/**
 * The counting committee (ban kiểm phiếu) of a secret poll: designation by the secretary, each member's confirmation
 * of the count, key shares under committee custody, the count report and the receipt check.
 * Shares given at the count are held in this process's memory only (never in the database or a log) until enough
 * of them open the poll's key, and for at most 30 minutes.
 */
@Injectable()
export class CommitteeService {
  private readonly shares = new Map<string, { at: number; byMember: Map<string, Buffer> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
    private readonly lifecycle: PollLifecycleService,
    private readonly clock: Clock,
  ) {}

  private async poll(user: AuthUser, pollId: string): Promise<{ poll: PollEntity; staff: boolean }> {
    const poll = await this.dataSource.getRepository(PollEntity).findOne({ where: { id: pollId } });
    if (!poll) throw DomainError.notFound('Poll', pollId);
    const { staff } = await this.access.assertCanView(user, poll.meetingId);
    if (!staff && poll.status === PollStatus.Draft) throw DomainError.notFound('Poll', pollId);
    return { poll, staff };
  }

  async designate(user: AuthUser, pollId: string, dto: DesignateCommitteeDto): Promise<CommitteeView> {
    const { poll } = await this.poll(user, pollId);
    if (poll.ballotMode !== BallotMode.Secret) throw invalid('Only secret polls have a counting committee');
    const custody = dto.custody ?? 'server';
    const ids = [dto.headDelegateId, ...dto.memberDelegateIds].map((d) => d.toLowerCase());
    if (new Set(ids).size !== ids.length) throw invalid('A delegate is listed twice');
    if (custody === 'committee' && ids.length < 2) throw invalid('Committee custody needs at least two members');
    const threshold = custody === 'committee' ? (dto.threshold ?? Math.floor(ids.length / 2) + 1) : null;
    if (threshold !== null && threshold > ids.length) throw invalid('The threshold exceeds the committee size', { threshold, members: ids.length });
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ status: PollStatus; result: unknown }[]>(`SELECT status, result FROM polls WHERE id = $1 FOR UPDATE`, [pollId]);
      // the key is made at open: committee custody is chosen on a draft; members may change until the count
      if (custody === 'committee' && row.status !== PollStatus.Draft) throw invalid('Committee custody is chosen before the poll opens');
      const [current] = await em.query<{ custody: string }[]>(`SELECT custody FROM counting_committees WHERE poll_id = $1`, [pollId]);
      if (row.status !== PollStatus.Draft && current?.custody === 'committee') throw invalid('The committee holding the key cannot change once the poll opened');
      if (row.result !== null || (await em.query<unknown[]>(`SELECT 1 FROM count_reports WHERE poll_id = $1`, [pollId])).length > 0) throw invalid('The count is done');
      const invited = await em.query<{ delegate_id: string }[]>(`SELECT delegate_id FROM meeting_invitations WHERE meeting_id = $1 AND delegate_id = ANY($2::uuid[])`, [poll.meetingId, ids]);
      const known = new Set(invited.map((r) => r.delegate_id));
      const strangers = ids.filter((d) => !known.has(d));
      if (strangers.length > 0) throw invalid('Committee members must be delegates invited to this meeting', { delegateIds: strangers });
      await em.query(`DELETE FROM counting_committees WHERE poll_id = $1`, [pollId]);
      await em.query(`INSERT INTO counting_committees (poll_id, custody, threshold, designated_by, designated_at) VALUES ($1, $2, $3, $4, $5)`, [pollId, custody, threshold, user.id, this.clock.now()]);
      await em.query(
        `INSERT INTO counting_committee_members (poll_id, delegate_id, role, position)
         SELECT $1, d, CASE WHEN n = 1 THEN 'head' ELSE 'member' END, n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(d, n)`,
        [pollId, ids],
      );
      await this.audit.append(
        { action: 'committee.designated', entityType: 'poll', entityId: pollId, actorId: user.id, actorRole: user.role, meetingId: poll.meetingId, payload: { members: ids, custody, threshold } },
        em,
      );
    });
    return this.view(user, pollId);
  }

  async view(user: AuthUser, pollId: string): Promise<CommitteeView> {
    await this.poll(user, pollId);
    const [committee] = await this.dataSource.query<{ custody: 'server' | 'committee'; threshold: number | null }[]>(`SELECT custody, threshold FROM counting_committees WHERE poll_id = $1`, [pollId]);
    const members = await this.members(pollId);
    const [report] = await this.dataSource.query<{ sha256: string; finalised_at: Date | null; created_at: Date }[]>(`SELECT sha256, finalised_at, created_at FROM count_reports WHERE poll_id = $1`, [pollId]);
    return {
      pollId,
      custody: committee?.custody ?? 'server',
      threshold: committee?.threshold ?? null,
      members,
      sharesGiven: this.pendingShares(pollId)?.byMember.size ?? 0,
      report: report ? { sha256: report.sha256, finalisedAt: report.finalised_at?.toISOString() ?? null, createdAt: report.created_at.toISOString() } : null,
    };
  }

  private async members(pollId: string): Promise<CommitteeView['members']> {
    const rows = await this.dataSource.query<{ delegate_id: string; full_name: string; role: 'head' | 'member'; confirmed_at: Date | null; has_key: boolean }[]>(
      `SELECT m.delegate_id, d.full_name, m.role, m.confirmed_at, (k.delegate_id IS NOT NULL) AS has_key
         FROM counting_committee_members m JOIN delegates d ON d.id = m.delegate_id LEFT JOIN counting_member_keys k ON k.delegate_id = m.delegate_id
        WHERE m.poll_id = $1 ORDER BY m.position`,
      [pollId],
    );
    return rows.map((r) => ({ delegateId: r.delegate_id, fullName: r.full_name, role: r.role, confirmedAt: r.confirmed_at?.toISOString() ?? null, hasCountingKey: r.has_key }));
  }

  private async assertMember(user: AuthUser, pollId: string): Promise<string> {
    const delegateId = user.delegateId;
    const rows = delegateId ? await this.dataSource.query<unknown[]>(`SELECT 1 FROM counting_committee_members WHERE poll_id = $1 AND delegate_id = $2`, [pollId, delegateId]) : [];
    if (!delegateId || rows.length === 0) throw new DomainError(VotingErrorCode.NOT_COMMITTEE_MEMBER, 'You are not a member of this counting committee');
    return delegateId;
  }

  /** A member confirms the count; when every member has, the report is final and its hash is chained again. */
  async confirm(user: AuthUser, pollId: string): Promise<CommitteeView> {
    const { poll } = await this.poll(user, pollId);
    const delegateId = await this.assertMember(user, pollId);
    await this.dataSource.transaction(async (em) => {
      const [report] = await em.query<{ sha256: string; finalised_at: Date | null }[]>(`SELECT sha256, finalised_at FROM count_reports WHERE poll_id = $1 FOR UPDATE`, [pollId]);
      if (!report) throw new DomainError(VotingErrorCode.NOT_COUNTED, 'There is no count to confirm yet');
      const now = this.clock.now();
      const updated = await em.query<unknown[]>(
        `WITH u AS (UPDATE counting_committee_members SET confirmed_at = $3 WHERE poll_id = $1 AND delegate_id = $2 AND confirmed_at IS NULL RETURNING 1) SELECT 1 FROM u`,
        [pollId, delegateId, now],
      );
      if (updated.length === 0) return;
      const [{ pending }] = await em.query<{ pending: number }[]>(`SELECT count(*)::int AS pending FROM counting_committee_members WHERE poll_id = $1 AND confirmed_at IS NULL`, [pollId]);
      const records = [
        { action: 'count_report.confirmed', entityType: 'poll', entityId: pollId, actorId: user.id, actorRole: user.role, meetingId: poll.meetingId, payload: { delegateId, sha256: report.sha256 } },
      ];
      if (pending === 0) {
        await em.query(`UPDATE count_reports SET finalised_at = $2 WHERE poll_id = $1`, [pollId, now]);
        records.push({ action: 'count_report.final', entityType: 'poll', entityId: pollId, actorId: user.id, actorRole: user.role, meetingId: poll.meetingId, payload: { delegateId, sha256: report.sha256 } });
      }
      await this.audit.appendMany(records, em);
    });
    return this.view(user, pollId);
  }

  async report(user: AuthUser, pollId: string): Promise<CountReportView> {
    const { staff } = await this.poll(user, pollId);
    if (!staff) await this.assertMember(user, pollId);
    return this.reportOf(pollId);
  }

  /** The report for exports and minutes (no access check: the callers have done it). */
  async reportOf(pollId: string): Promise<CountReportView> {
    const [row] = await this.dataSource.query<{ content: CountReportContent; sha256: string; created_at: Date; finalised_at: Date | null }[]>(
      `SELECT content, sha256, created_at, finalised_at FROM count_reports WHERE poll_id = $1`,
      [pollId],
    );
    if (!row) throw new DomainError(VotingErrorCode.NOT_COUNTED, 'This poll has no count report yet');
    const members = await this.members(pollId);
    return {
      pollId,
      sha256: row.sha256,
      createdAt: row.created_at.toISOString(),
      finalisedAt: row.finalised_at?.toISOString() ?? null,
      content: row.content,
      confirmations: members.map(({ hasCountingKey: _k, ...m }) => m),
    };
  }

  /** "counted" or "not found", nothing else: the receipt list of a counted secret poll. */
  async checkReceipt(user: AuthUser, pollId: string, receipt: string): Promise<ReceiptCheck> {
    const { poll } = await this.poll(user, pollId);
    if (poll.ballotMode !== BallotMode.Secret) throw DomainError.notFound('Secret poll', pollId);
    if (poll.result === null) throw new DomainError(VotingErrorCode.NOT_COUNTED, 'Receipts can be checked once the ballots are counted');
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM secret_receipts WHERE poll_id = $1 AND receipt = $2`, [pollId, receipt.trim().toUpperCase()]);
    return { status: rows.length > 0 ? 'counted' : 'not_found' };
  }

  // ---- committee custody: counting keys and shares ----

  async setCountingKey(user: AuthUser, publicKey: Buffer, sealedPrivateKey: Buffer): Promise<void> {
    if (!user.delegateId) throw new DomainError(VotingErrorCode.NOT_COMMITTEE_MEMBER, 'Only a delegate has a counting key');
    if (publicKey.length !== 65 || publicKey[0] !== 4) throw invalid('The counting key must be an uncompressed P-256 point');
    // a key that seals shares of an open poll must not change under it
    const busy = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM poll_key_shares s JOIN polls p ON p.id = s.poll_id WHERE s.delegate_id = $1 AND p.result IS NULL LIMIT 1`,
      [user.delegateId],
    );
    if (busy.length > 0) throw new DomainError(VotingErrorCode.COMMITTEE_KEY, 'Your counting key holds a share of a poll not counted yet: it cannot change now');
    await this.dataSource.query(
      `INSERT INTO counting_member_keys (delegate_id, public_key, sealed_private_key) VALUES ($1, $2, $3)
       ON CONFLICT (delegate_id) DO UPDATE SET public_key = excluded.public_key, sealed_private_key = excluded.sealed_private_key, created_at = now()`,
      [user.delegateId, publicKey, sealedPrivateKey],
    );
    await this.audit.append({ action: 'counting_key.set', entityType: 'delegate', entityId: user.delegateId, actorId: user.id, actorRole: user.role, meetingId: null, payload: {} });
  }

  async countingKey(user: AuthUser): Promise<{ publicKey: string; sealedPrivateKey: string }> {
    const [row] = user.delegateId
      ? await this.dataSource.query<{ public_key: Buffer; sealed_private_key: Buffer }[]>(`SELECT public_key, sealed_private_key FROM counting_member_keys WHERE delegate_id = $1`, [user.delegateId])
      : [];
    if (!row) throw DomainError.notFound('Counting key', user.delegateId ?? '-');
    return { publicKey: row.public_key.toString('base64'), sealedPrivateKey: row.sealed_private_key.toString('base64') };
  }

  /** The caller's sealed share of this poll's key (only the member's browser can open it). */
  async myShare(user: AuthUser, pollId: string): Promise<{ sealed: string }> {
    await this.poll(user, pollId);
    const delegateId = await this.assertMember(user, pollId);
    const [row] = await this.dataSource.query<{ sealed: Buffer }[]>(`SELECT sealed FROM poll_key_shares WHERE poll_id = $1 AND delegate_id = $2`, [pollId, delegateId]);
    if (!row) throw new DomainError(VotingErrorCode.COMMITTEE_KEY, 'This poll has no key share for you (its key is held by the server, or it is counted)');
    return { sealed: row.sealed.toString('base64') };
  }

  private pendingShares(pollId: string): { at: number; byMember: Map<string, Buffer> } | undefined {
    const p = this.shares.get(pollId);
    if (p && Date.now() - p.at > SHARE_TTL_MS) {
      for (const b of p.byMember.values()) b.fill(0);
      this.shares.delete(pollId);
      return undefined;
    }
    return p;
  }

  /** A member gives their opened share; with enough shares the key is rebuilt, checked and the poll counted. */
  async giveShare(user: AuthUser, pollId: string, shareHex: string): Promise<{ given: number; threshold: number; counted: boolean; poll?: PollView }> {
    const { poll } = await this.poll(user, pollId);
    const delegateId = await this.assertMember(user, pollId);
    const [key] = await this.dataSource.query<{ public_key: Buffer; custody: string; threshold: number | null }[]>(`SELECT public_key, custody, threshold FROM poll_keys WHERE poll_id = $1`, [pollId]);
    if (key?.custody !== 'committee' || key.threshold === null) throw new DomainError(VotingErrorCode.COMMITTEE_KEY, 'The key of this poll is not held by the committee');
    if (poll.status !== PollStatus.Closed || poll.result !== null) throw new DomainError(VotingErrorCode.POLL_STATE, 'Shares are given once the poll is closed and before it is counted', { status: poll.status });
    let pending = this.pendingShares(pollId);
    if (!pending) {
      pending = { at: Date.now(), byMember: new Map() };
      this.shares.set(pollId, pending);
    }
    pending.byMember.set(delegateId, Buffer.from(shareHex, 'hex'));
    const given = pending.byMember.size;
    if (given < key.threshold) return { given, threshold: key.threshold, counted: false };
    const shares = [...pending.byMember.values()];
    let privateKey: Buffer;
    try {
      privateKey = combineShares(shares);
      if (!publicKeyOf(privateKey).equals(key.public_key)) throw new Error('mismatch');
    } catch {
      // a wrong share: start over (the members give theirs again), nothing is counted
      for (const b of shares) b.fill(0);
      this.shares.delete(pollId);
      throw new DomainError(VotingErrorCode.COMMITTEE_KEY, "The shares given do not open this poll's key: each member gives their share again");
    }
    this.shares.delete(pollId);
    for (const b of shares) b.fill(0);
    const opener = new BallotOpener(pollId, privateKey);
    privateKey.fill(0);
    const view = await this.lifecycle.countWithKey(user, pollId, opener);
    return { given, threshold: key.threshold, counted: true, poll: view };
  }

  isStaff(user: AuthUser): boolean {
    return STAFF_ROLES.includes(user.role);
  }
}
