import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { RoundProposal } from '#contracts';
import { AuditService } from '#audit';
import { Clock, DomainError, ErrorCode, type AuthUser } from '#core';
import { BodyEntity } from '#delegates';
import { profileOf } from '#legal';
import { AgendaService, MeetingAccess } from '#meetings';
import { OpinionsErrorCode } from '../opinions.errors.js';
import { OpinionRoundEntity } from '../rounds/opinion-round.entity.js';
import { ProposalStatus, RoundProposalEntity } from './round-proposal.entity.js';

/** The agenda item a taken proposal becomes: "Báo cáo kết quả lấy ý kiến ... bằng văn bản: <round>" (500 characters at most). */
export function proposalItemTitle(roundTitle: string): string {
  const head = 'Báo cáo kết quả lấy ý kiến thành viên bằng văn bản: ';
  return `${head}${roundTitle}`.slice(0, 500);
}

/**
 * Written rounds that failed or were not decided, as proposals for the body's next meeting: the secretary preparing
 * it adds one to the agenda (marking it taken) or dismisses it with a reason; both are audited.
 */
@Injectable()
export class RoundProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly agenda: AgendaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The body's proposals still waiting, and those taken into this meeting. */
  async list(user: AuthUser, meetingId: string): Promise<RoundProposal[]> {
    const { meeting } = await this.access.assertCanView(user, meetingId);
    const rows = await this.dataSource.getRepository(RoundProposalEntity).find({
      where: [
        { bodyId: meeting.bodyId, status: ProposalStatus.Pending },
        { bodyId: meeting.bodyId, meetingId },
      ],
      order: { createdAt: 'ASC' },
    });
    return this.views(this.dataSource.manager, rows);
  }

  async take(user: AuthUser, meetingId: string, proposalId: string): Promise<RoundProposal> {
    const { meeting } = await this.access.assertCanView(user, meetingId);
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.lockPending(em, meeting.bodyId, proposalId);
      const round = await em.findOneOrFail(OpinionRoundEntity, { where: { id: proposal.roundId } });
      const result = proposal.result === 'failed' ? 'không được thông qua' : 'chưa quyết định được (chưa đủ quá nửa thành viên trả lời)';
      const item = await this.agenda.append(
        meetingId,
        { title: proposalItemTitle(round.title), description: `Kết quả lấy ý kiến thành viên bằng văn bản: ${result}. Đưa ra cuộc họp tiếp theo của cơ quan để xem xét, quyết định.`, presenter: null },
        em,
      );
      Object.assign(proposal, { status: ProposalStatus.Taken, meetingId, agendaItemId: item.id, decidedBy: user.id, decidedAt: this.clock.now() });
      await em.save(proposal);
      await em.update(OpinionRoundEntity, { id: round.id }, { carriedMeetingId: meetingId, carriedAgendaItemId: item.id });
      await this.audit.append(
        { action: 'round_proposal.taken', entityType: 'opinion_round', entityId: round.id, actorId: user.id, actorRole: user.role, meetingId, payload: { proposalId, agendaItemId: item.id, result: proposal.result } },
        em,
      );
      return (await this.views(em, [proposal]))[0];
    });
  }

  async dismiss(user: AuthUser, meetingId: string, proposalId: string, reason: string): Promise<RoundProposal> {
    const { meeting } = await this.access.assertCanView(user, meetingId);
    const text = reason.normalize('NFC').trim();
    if (text.length < 3) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Give the reason for not bringing the round to a meeting', [{ field: 'reason', reasons: ['required'] }]);
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.lockPending(em, meeting.bodyId, proposalId);
      Object.assign(proposal, { status: ProposalStatus.Dismissed, dismissReason: text, decidedBy: user.id, decidedAt: this.clock.now() });
      await em.save(proposal);
      await this.audit.append(
        { action: 'round_proposal.dismissed', entityType: 'opinion_round', entityId: proposal.roundId, actorId: user.id, actorRole: user.role, meetingId, payload: { proposalId, reason: text } },
        em,
      );
      return (await this.views(em, [proposal]))[0];
    });
  }

  /** The proposal of this body, locked; 404 for another body's (or none), 409 once taken or dismissed. */
  private async lockPending(em: EntityManager, bodyId: string, proposalId: string): Promise<RoundProposalEntity> {
    const proposal = await em.findOne(RoundProposalEntity, { where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
    if (!proposal || proposal.bodyId !== bodyId) throw DomainError.notFound('Round proposal', proposalId);
    if (proposal.status !== ProposalStatus.Pending) {
      throw new DomainError(OpinionsErrorCode.PROPOSAL_DECIDED, `The proposal is already ${proposal.status}`, { status: proposal.status, meetingId: proposal.meetingId });
    }
    return proposal;
  }

  private async views(em: EntityManager, rows: RoundProposalEntity[]): Promise<RoundProposal[]> {
    if (rows.length === 0) return [];
    const rounds = new Map((await em.find(OpinionRoundEntity, { where: { id: In(rows.map((r) => r.roundId)) } })).map((r) => [r.id, r]));
    const bodies = new Map((await em.find(BodyEntity, { where: { id: In([...new Set(rows.map((r) => r.bodyId))]) } })).map((b) => [b.id, b]));
    return rows.map((p) => {
      const round = rounds.get(p.roundId);
      const written = profileOf(bodies.get(p.bodyId)?.kind).writtenRound;
      return {
        id: p.id,
        roundId: p.roundId,
        roundTitle: round?.title ?? '',
        bodyId: p.bodyId,
        result: p.result,
        respondents: round?.summary?.respondents ?? 0,
        votingRecipients: round?.summary?.votingRecipients ?? 0,
        closedAt: round?.closedAt ? round.closedAt.toISOString() : null,
        basis: written?.basis ?? 'Quy chế làm việc của cơ quan',
        status: p.status,
        meetingId: p.meetingId,
        agendaItemId: p.agendaItemId,
        dismissReason: p.dismissReason,
        decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
        createdAt: p.createdAt.toISOString(),
      };
    });
  }
}
