import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Role, type AuthUser } from '#core';
import { BodyEntity } from '#delegates';
import type { DecisionTypeView } from '#contracts';
import { BodyKind, decisionTypeViews, profileOf } from '#legal';
import { quorumRequired, seesAllMeetings } from '../access/meeting-rules.js';
import { MeetingsService } from '../access/meetings.service.js';
import { AgendaItemEntity } from '../agenda-item.entity.js';
import { MeetingDocumentEntity } from '../meeting-document.entity.js';
import { InvitationKind, MeetingInvitationEntity } from '../meeting-invitation.entity.js';
import { MeetingMode, MeetingStatus } from '../meeting-status.js';
import { MeetingEntity } from '../meeting.entity.js';
import type { ListMeetingsQueryDto } from './meetings.dto.js';

export interface MeetingCounts {
  invited: number;
  members: number;
  guests: number;
  substitutes: number;
  voters: number;
  agendaItems: number;
  documents: number;
}

export interface MeetingSummary {
  id: string;
  title: string;
  location: string | null;
  startsAt: Date;
  endsAt: Date | null;
  mode: MeetingMode;
  status: MeetingStatus;
  body: { id: string; name: string; kind: BodyKind };
  counts: MeetingCounts;
}

export interface DocumentView {
  id: string;
  agendaItemId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: Date;
}

export interface MeetingDetail extends MeetingSummary {
  quorum: { numerator: number; denominator: number; required: number };
  /** The body's legal profile: its label and quorum floor, and an administrator's override below it. */
  legalProfile: {
    kind: BodyKind;
    label: { vi: string; en: string };
    quorumFloor: string | null;
    quorumBasis: string;
    locked: boolean;
    /** What a poll of this meeting may be created as, with each rule in words and its legal basis. */
    decisionTypes: DecisionTypeView[];
    defaultDecisionType: string;
  };
  quorumOverride: { basis: string; by: string | null } | null;
  bodyMemberCount: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  agenda: { id: string; position: number; title: string; description: string | null; presenter: string | null }[];
  documents: DocumentView[];
  myInvitation: { kind: InvitationKind; canVote: boolean } | null;
  chairName: string | null;
  secretaryName: string | null;
  /** What actually happened: when check-in opened, the session opened and the meeting closed. */
  checkInOpenedAt: Date | null;
  sessionOpenedAt: Date | null;
  closedAt: Date | null;
  /** Voting members present / required when the session opened; belowQuorum when the secretary confirmed opening without it. */
  opening: { present: number | null; required: number | null; belowQuorum: boolean } | null;
}

export const documentView = (d: MeetingDocumentEntity): DocumentView => ({
  id: d.id,
  agendaItemId: d.agendaItemId,
  filename: d.filename,
  contentType: d.contentType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  uploadedBy: d.uploadedBy,
  createdAt: d.createdAt,
});

/** Read side: the meetings a caller may see, and one meeting's detail. */
@Injectable()
export class MeetingQueriesService {
  constructor(
    private readonly access: MeetingsService,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingInvitationEntity) private readonly invitations: Repository<MeetingInvitationEntity>,
    @InjectRepository(AgendaItemEntity) private readonly agenda: Repository<AgendaItemEntity>,
    @InjectRepository(MeetingDocumentEntity) private readonly documents: Repository<MeetingDocumentEntity>,
    @InjectRepository(BodyEntity) private readonly bodies: Repository<BodyEntity>,
  ) {}

  async list(user: AuthUser, q: ListMeetingsQueryDto): Promise<MeetingSummary[]> {
    const qb = this.meetings.createQueryBuilder('m').orderBy('m.startsAt', 'ASC').addOrderBy('m.id', 'ASC');
    if (!seesAllMeetings(user.role)) {
      qb.andWhere('m.status <> :draft', { draft: MeetingStatus.Draft });
      if (user.role === Role.Delegate) {
        if (!user.delegateId) return [];
        qb.andWhere('EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = m.id AND i.delegate_id = :did)', { did: user.delegateId });
      } else if (user.role !== Role.Observer) {
        return [];
      }
    }
    if (q.status) qb.andWhere('m.status = :status', { status: q.status });
    if (q.bodyId) qb.andWhere('m.bodyId = :bodyId', { bodyId: q.bodyId });
    if (q.from) qb.andWhere('m.startsAt >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('m.startsAt < :to', { to: new Date(q.to) });
    const rows = await qb.getMany();
    return this.summaries(rows);
  }

  async detail(user: AuthUser, meetingId: string): Promise<MeetingDetail> {
    const meeting = await this.access.assertCanView(user, meetingId);
    const [summary] = await this.summaries([meeting]);
    const [agenda, documents, bodyMemberCount, mine] = await Promise.all([
      this.agenda.find({ where: { meetingId }, order: { position: 'ASC' } }),
      this.documents.find({ where: { meetingId }, order: { createdAt: 'ASC' } }),
      this.access.activeMemberCount(meeting.bodyId),
      user.delegateId ? this.access.getInvitation(meetingId, user.delegateId) : Promise.resolve(null),
    ]);
    return {
      ...summary,
      quorum: {
        numerator: meeting.quorumNumerator,
        denominator: meeting.quorumDenominator,
        required: quorumRequired(bodyMemberCount, meeting.quorumNumerator, meeting.quorumDenominator),
      },
      legalProfile: legalProfileOf(summary.body.kind),
      quorumOverride: meeting.quorumOverrideBasis ? { basis: meeting.quorumOverrideBasis, by: meeting.quorumOverrideBy } : null,
      bodyMemberCount,
      createdBy: meeting.createdBy,
      createdAt: meeting.createdAt,
      updatedAt: meeting.updatedAt,
      agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, description: a.description, presenter: a.presenter })),
      documents: documents.map(documentView),
      myInvitation: mine ? { kind: mine.kind, canVote: mine.canVote } : null,
      chairName: meeting.chairName,
      secretaryName: meeting.secretaryName,
      checkInOpenedAt: meeting.checkInOpenedAt,
      sessionOpenedAt: meeting.sessionOpenedAt,
      closedAt: meeting.closedAt,
      opening: meeting.sessionOpenedAt ? { present: meeting.openingPresent, required: meeting.openingRequired, belowQuorum: meeting.openedBelowQuorum } : null,
    };
  }

  private async summaries(rows: MeetingEntity[]): Promise<MeetingSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((m) => m.id);
    const [bodies, inv, agenda, docs] = await Promise.all([
      this.bodies.find({ where: { id: In([...new Set(rows.map((m) => m.bodyId))]) } }),
      this.invitations
        .createQueryBuilder('i')
        .select('i.meeting_id', 'meetingId')
        .addSelect('count(*)::int', 'invited')
        .addSelect(`count(*) FILTER (WHERE i.kind = 'member')::int`, 'members')
        .addSelect(`count(*) FILTER (WHERE i.kind = 'guest')::int`, 'guests')
        .addSelect(`count(*) FILTER (WHERE i.kind = 'substitute')::int`, 'substitutes')
        .addSelect('count(*) FILTER (WHERE i.can_vote)::int', 'voters')
        .where('i.meeting_id IN (:...ids)', { ids })
        .groupBy('i.meeting_id')
        .getRawMany<{ meetingId: string; invited: number; members: number; guests: number; substitutes: number; voters: number }>(),
      this.countBy(this.agenda, 'agenda_items', ids),
      this.countBy(this.documents, 'meeting_documents', ids),
    ]);
    const bodyName = new Map(bodies.map((b) => [b.id, b.name]));
    const bodyKind = new Map(bodies.map((b) => [b.id, b.kind]));
    const invBy = new Map(inv.map((r) => [r.meetingId, r]));
    return rows.map((m) => {
      const i = invBy.get(m.id);
      return {
        id: m.id,
        title: m.title,
        location: m.location,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        mode: m.mode,
        status: m.status,
        body: { id: m.bodyId, name: bodyName.get(m.bodyId) ?? '', kind: bodyKind.get(m.bodyId) ?? BodyKind.Other },
        counts: {
          invited: Number(i?.invited ?? 0),
          members: Number(i?.members ?? 0),
          guests: Number(i?.guests ?? 0),
          substitutes: Number(i?.substitutes ?? 0),
          voters: Number(i?.voters ?? 0),
          agendaItems: agenda.get(m.id) ?? 0,
          documents: docs.get(m.id) ?? 0,
        },
      };
    });
  }

  private async countBy(repo: Repository<AgendaItemEntity> | Repository<MeetingDocumentEntity>, alias: string, ids: string[]): Promise<Map<string, number>> {
    const raw = await repo
      .createQueryBuilder(alias)
      .select(`${alias}.meeting_id`, 'meetingId')
      .addSelect('count(*)::int', 'n')
      .where(`${alias}.meeting_id IN (:...ids)`, { ids })
      .groupBy(`${alias}.meeting_id`)
      .getRawMany<{ meetingId: string; n: number }>();
    return new Map(raw.map((r) => [r.meetingId, Number(r.n)]));
  }
}

function legalProfileOf(kind: BodyKind): MeetingDetail['legalProfile'] {
  const p = profileOf(kind);
  return { kind, label: p.label, quorumFloor: p.quorumFloor ? `${p.quorumFloor.num}/${p.quorumFloor.den}` : null, quorumBasis: p.quorumBasis, locked: p.locked, decisionTypes: decisionTypeViews(p), defaultDecisionType: p.defaultDecisionType };
}
