import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AttendanceReadService, type AttendanceListItem, type AttendanceSummary } from '#attendance';
import { BodyEntity } from '#delegates';
import { MeetingAccess, type AgendaItemEntity, type MeetingEntity } from '#meetings';
import { BallotMode, CommitteeService, PollEntity, PollKind, PollOptionEntity, PollsService, PollStatus, legalView, type CountReportView } from '#voting';

export interface MeetingHeader {
  meeting: MeetingEntity;
  bodyName: string;
  agenda: AgendaItemEntity[];
}

export interface AttendanceExportData extends MeetingHeader {
  summary: AttendanceSummary;
  list: AttendanceListItem[];
}

export interface PollCount {
  label: string;
  votes: number;
}

export interface PollExport {
  id: string;
  title: string;
  kind: PollKind;
  ballotMode: BallotMode;
  status: PollStatus;
  agendaItemId: string | null;
  closedAt: Date | null;
  members: number;
  present: number;
  cast: number;
  counts: PollCount[];
  outcome: string;
  /** The rule engine's line, Vietnamese half. */
  arithmetic: string;
  /** Named polls: each voter and what they chose (option labels). */
  named: { fullName: string; choices: string[] }[];
  /** Secret polls: the receipt codes counted, sorted (never with choices: a receipt proves inclusion only). */
  secret: string[];
  /** The decision type, the rule in words and its legal basis; an administrator's override with its basis. */
  legal: { decisionType: string | null; ruleWords: string; basis: string | null; overrideBasis: string | null };
  /** Confidence polls: one line per official (counts and shares of all delegates, consequences). */
  officials: string[];
}

export interface ResultsExportData extends MeetingHeader {
  polls: PollExport[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The rule engine writes `vi | en`; exports are Vietnamese. */
export function vietnamesePart(arithmetic: string): string {
  const cut = arithmetic.indexOf(' | ');
  return cut < 0 ? arithmetic : arithmetic.slice(0, cut);
}

/** The read models the exports and the minutes draw from, gathered through the other libraries' public surfaces. */
@Injectable()
export class ExportDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attendance: AttendanceReadService,
    private readonly polls: PollsService,
    private readonly committee: CommitteeService,
    private readonly access: MeetingAccess,
  ) {}

  /** The count reports of the counted secret polls among these. */
  async countReports(polls: PollExport[]): Promise<CountReportView[]> {
    const out: CountReportView[] = [];
    for (const p of polls) {
      if (p.ballotMode !== BallotMode.Secret || p.outcome === '') continue;
      // polls counted before count reports existed have none
      const report = await this.committee.reportOf(p.id).catch(() => null);
      if (report) out.push(report);
    }
    return out;
  }

  async header(meetingId: string): Promise<MeetingHeader> {
    const meeting = await this.access.getOrFail(meetingId);
    const body = await this.dataSource.getRepository(BodyEntity).findOne({ where: { id: meeting.bodyId } });
    const agenda = await this.access.agenda(meetingId);
    return { meeting, bodyName: body?.name ?? '', agenda };
  }

  async attendanceData(meetingId: string): Promise<AttendanceExportData> {
    const header = await this.header(meetingId);
    const [summary, list] = await Promise.all([this.attendance.summary(meetingId), this.attendance.list(meetingId)]);
    return { ...header, summary, list };
  }

  async resultsData(meetingId: string): Promise<ResultsExportData> {
    const header = await this.header(meetingId);
    return { ...header, polls: await this.pollResults(meetingId) };
  }

  /** Closed and published polls only, in the order they were created; drafts and open polls have no result. */
  async pollResults(meetingId: string): Promise<PollExport[]> {
    const polls = await this.dataSource.getRepository(PollEntity).find({
      where: { meetingId, status: In([PollStatus.Closed, PollStatus.Published]) },
      order: { closedAt: 'ASC', createdAt: 'ASC' },
    });
    if (polls.length === 0) return [];
    const options = await this.dataSource.getRepository(PollOptionEntity).find({ where: { pollId: In(polls.map((p) => p.id)) }, order: { position: 'ASC' } });
    const out: PollExport[] = [];
    for (const poll of polls) {
      const mine = options.filter((o) => o.pollId === poll.id);
      const label = new Map(mine.map((o) => [o.id, o.label]));
      const labels = (ids: string[]): string[] => ids.map((id) => label.get(id) ?? id);
      const result = poll.result ?? {};
      const ballots = await this.polls.publishedBallots(poll);
      out.push({
        id: poll.id,
        title: poll.title,
        kind: poll.kind,
        ballotMode: poll.ballotMode,
        status: poll.status,
        agendaItemId: poll.agendaItemId,
        closedAt: poll.closedAt,
        members: num(result.members),
        present: num(result.present),
        cast: num(result.cast),
        counts: countsOf(poll.kind, result, mine),
        outcome: str(result.outcome),
        arithmetic: vietnamesePart(str(result.arithmetic)),
        legal: legalLines(poll),
        officials: ((result.confidence ?? {}) as { officials?: { arithmetic: string }[] }).officials?.map((o) => vietnamesePart(o.arithmetic)) ?? [],
        named: ballots.flatMap((b) => ('fullName' in b ? [{ fullName: b.fullName, choices: labels(b.choices) }] : [])),
        secret: ballots.flatMap((b) => ('receipt' in b ? [b.receipt] : [])),
      });
    }
    return out;
  }
}

function legalLines(poll: PollEntity): PollExport['legal'] {
  const v = legalView(poll);
  return { decisionType: v.decisionType?.label.vi ?? null, ruleWords: v.ruleWords.vi, basis: v.legalBasis, overrideBasis: v.override?.basis ?? null };
}

function countsOf(kind: PollKind, result: Record<string, unknown>, options: PollOptionEntity[]): PollCount[] {
  if (kind === PollKind.Confidence || kind === PollKind.NoConfidence) return [];
  if (kind === PollKind.Motion) {
    const m = (result.motion ?? {}) as Record<string, unknown>;
    const byCode: Record<string, number> = { for: num(m.forVotes), against: num(m.againstVotes), abstain: num(m.abstainVotes) };
    return options.map((o) => ({ label: o.label, votes: byCode[o.code ?? ''] ?? 0 }));
  }
  const c = (result.choice ?? {}) as { ranking?: { id: string; votes: number }[] };
  const votes = new Map((c.ranking ?? []).map((r) => [r.id, r.votes]));
  return options.map((o) => ({ label: o.label, votes: votes.get(o.id) ?? 0 }));
}
