import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, STAFF_ROLES, byVietnameseName, compareVietnameseNames, type AuthUser } from '#core';
import { MeetingAccess, MeetingStatus } from '#meetings';
import { checkOverride, decisionTypeOf, LegalErrorCode, locked, profileOf, sameRule } from '#legal';
import { GRADE_LABEL, NO_CONFIDENCE_GRADES, RATING_GRADES } from '../rules/evaluate-confidence.js';
import { parseRule, cloneRule, type MajorityRule } from '../rules/rule-spec.js';
import { VotingErrorCode } from '../voting.errors.js';
import type { MyVote, PollState, ProxyVote } from '../voting.events.js';
import { ProxiesService } from '../proxies/proxies.service.js';
import { PollOptionEntity } from './poll-option.entity.js';
import { PollEntity } from './poll.entity.js';
import { BallotMode, MOTION_OPTIONS, PollKind, PollStatus } from './poll.enums.js';
import { toPollView, type PollView, type PublishedBallot } from './poll.view.js';
import type { CreatePollDto } from './polls.dto.js';

/** A poll's definition (everything but its state), cached: it never changes after create. */
export interface PollDefinition {
  poll: PollEntity;
  options: PollOptionEntity[];
  optionIds: Set<string>;
}

const invalid = (message: string, field: string): DomainError => new DomainError(VotingErrorCode.POLL_INVALID, message, [{ field, reason: message }]);

/** Officials on one confidence ballot: three options each, within the ballot's 100 choices. */
export const MAX_OFFICIALS = 30;

/** "Name — office" as listed on the ballot and in the result (the office is optional). */
export function officialName(name: string, office?: string | null): string {
  const n = name.normalize('NFC').trim();
  const o = office?.normalize('NFC').trim();
  return o ? `${n} — ${o}` : n;
}

type OptionRow = Pick<PollOptionEntity, 'label' | 'delegateId' | 'code'> & Partial<Pick<PollOptionEntity, 'subject' | 'subjectName' | 'grade'>>;

interface LegalChoice {
  rule: MajorityRule;
  decisionType: string;
  legalBasis: string;
  overrideBasis: string | null;
}

@Injectable()
export class PollsService {
  private readonly definitions = new Map<string, PollDefinition>();
  private readonly loadingDefinitions = new Map<string, Promise<PollDefinition>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
    private readonly proxies: ProxiesService,
  ) {}

  async create(user: AuthUser, meetingId: string, dto: CreatePollDto): Promise<PollView> {
    const { meeting } = await this.access.assertCanView(user, meetingId);
    if (meeting.status === MeetingStatus.Closed) throw new DomainError(VotingErrorCode.MEETING_CLOSED, 'The meeting is closed: polls can no longer be created', { meetingId });
    const legal = await this.legalChoice(user, meetingId, dto);
    const rule = legal.rule;
    const secret = dto.ballotMode === BallotMode.Secret;
    if (secret && dto.allowChange) throw invalid('Secret polls cannot allow changing a ballot: nothing links a ballot to its voter', 'allowChange');
    if (secret && dto.liveTallies) throw invalid('Secret polls show no tallies before close', 'liveTallies');
    let options: OptionRow[];
    let maxChoices = 1;
    let seats: number | null = null;
    if (dto.kind === PollKind.Motion) {
      if (dto.options?.length) throw invalid('Motions have the fixed options for / against / abstain', 'options');
      if (dto.officials) throw invalid('Only confidence and no-confidence polls list officials', 'officials');
      if (dto.maxChoices !== undefined && dto.maxChoices !== 1) throw invalid('Motions take one choice', 'maxChoices');
      if (dto.seats !== undefined) throw invalid('Only elections have seats', 'seats');
      options = MOTION_OPTIONS.map((o) => ({ label: o.label, code: o.code, delegateId: null }));
    } else if (dto.kind === PollKind.Confidence || dto.kind === PollKind.NoConfidence) {
      // Resolution 96/2023/QH15: one secret ballot lists every official, each rated at one level
      if (!secret) throw locked('Confidence ratings and no-confidence votes are secret ballots (Resolution 96/2023/QH15)', { field: 'ballotMode' });
      if (dto.seats !== undefined || dto.maxChoices !== undefined) throw invalid('A confidence ballot rates each official once: no seats or maxChoices', 'maxChoices');
      if (dto.officials && dto.options?.length) throw invalid('List the officials once: officials or options, not both', 'officials');
      const officials = dto.officials
        ? dto.officials.map((o) => ({ name: officialName(o.name, o.office), delegateId: o.delegateId ?? null }))
        : (dto.options ?? []).map((o) => ({ name: o.label.normalize('NFC').trim(), delegateId: o.delegateId ?? null }));
      if (officials.length < 1 || officials.length > MAX_OFFICIALS) throw invalid(`List from 1 to ${MAX_OFFICIALS} officials`, 'options');
      if (officials.some((o) => !o.name)) throw invalid('Every official needs a name', 'options');
      if (new Set(officials.map((o) => o.name.toLowerCase())).size !== officials.length) throw invalid('An official is listed twice', 'options');
      const grades = dto.kind === PollKind.Confidence ? RATING_GRADES : NO_CONFIDENCE_GRADES;
      options = officials.flatMap((o, i) =>
        grades.map((g) => ({ label: `${o.name} — ${GRADE_LABEL[g].vi}`, code: null, delegateId: o.delegateId, subject: i + 1, subjectName: o.name, grade: g })),
      );
      maxChoices = officials.length;
    } else {
      if (dto.officials) throw invalid('Only confidence and no-confidence polls list officials', 'officials');
      options = (dto.options ?? []).map((o) => ({ label: o.label.trim(), delegateId: o.delegateId ?? null, code: null }));
      if (options.length < 2) throw invalid('Give at least two options', 'options');
      if (new Set(options.map((o) => o.label.toLowerCase())).size !== options.length) throw invalid('Option labels must differ', 'options');
      if (dto.kind === PollKind.Election) {
        if (dto.seats === undefined) throw invalid('Elections need seats', 'seats');
        seats = dto.seats;
        maxChoices = dto.seats;
        if (dto.maxChoices !== undefined && dto.maxChoices !== dto.seats) throw invalid('An election ballot marks at most `seats` candidates', 'maxChoices');
      } else {
        if (dto.seats !== undefined) throw invalid('Only elections have seats', 'seats');
        maxChoices = dto.maxChoices ?? 1;
      }
      if (maxChoices > options.length) throw invalid('maxChoices / seats cannot exceed the number of options', 'maxChoices');
    }
    if (dto.agendaItemId && !(await this.access.agendaItem(meetingId, dto.agendaItemId))) {
      throw invalid('The agenda item is not part of this meeting', 'agendaItemId');
    }
    const saved = await this.dataSource.transaction(async (em) => {
      const poll = await em.getRepository(PollEntity).save(
        em.getRepository(PollEntity).create({
          meetingId,
          agendaItemId: dto.agendaItemId ?? null,
          kind: dto.kind,
          ballotMode: dto.ballotMode,
          title: dto.title.trim(),
          status: PollStatus.Draft,
          rule,
          decisionType: legal.decisionType,
          legalBasis: legal.legalBasis,
          overrideBasis: legal.overrideBasis,
          overrideBy: legal.overrideBasis ? user.id : null,
          allowChange: dto.allowChange ?? false,
          liveTallies: dto.liveTallies ?? false,
          maxChoices,
          seats,
          countdownSeconds: dto.countdownSeconds ?? null,
          createdBy: user.id,
        }),
      );
      const rows = await em.getRepository(PollOptionEntity).save(options.map((o, i) => ({ ...o, pollId: poll.id, position: i + 1 })));
      await this.audit.append(
        {
          action: 'poll.created',
          entityType: 'poll',
          entityId: poll.id,
          actorId: user.id,
          actorRole: user.role,
          meetingId,
          payload: { title: poll.title, kind: poll.kind, ballotMode: poll.ballotMode, decisionType: poll.decisionType, rule: poll.rule, overrideBasis: poll.overrideBasis },
        },
        em,
      );
      return { poll, options: rows };
    });
    return toPollView(saved.poll, saved.options, true);
  }

  /**
   * The rule a new poll applies: its decision type's rule from the body's legal profile. Another rule, a poll kind
   * the type does not allow or a named ballot where the law requires a secret one are refused (PROFILE_LOCKED); an
   * administrator may set another rule with its legal basis (stored, audited, printed). Secrecy is never overridden.
   */
  private async legalChoice(user: AuthUser, meetingId: string, dto: CreatePollDto): Promise<LegalChoice> {
    const [row] = await this.dataSource.query<{ kind: string }[]>(`SELECT b.kind FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = $1`, [meetingId]);
    const profile = profileOf(row?.kind);
    const type = decisionTypeOf(profile, dto.decisionType);
    if (!type) {
      throw new DomainError(LegalErrorCode.DECISION_TYPE_INVALID, `"${dto.decisionType}" is not a decision type of a ${profile.label.en}`, {
        field: 'decisionType',
        allowed: profile.decisionTypes.map((d) => d.code),
      });
    }
    if (!type.pollKinds.includes(dto.kind)) {
      throw new DomainError(LegalErrorCode.DECISION_TYPE_INVALID, `A "${type.label.en}" is decided by ${type.pollKinds.join(' / ')}, not ${dto.kind}`, {
        field: 'kind',
        allowed: type.pollKinds,
      });
    }
    if (type.ballot === 'secret' && dto.ballotMode !== BallotMode.Secret) {
      throw locked(`A "${type.label.en}" is a secret ballot by law (${type.basis})`, { field: 'ballotMode', basis: type.basis });
    }
    const overrideBasis = checkOverride(user, dto.overrideBasis);
    const rule = dto.rule === undefined ? cloneRule(type.rule) : parseRule(dto.rule);
    if (profile.locked && !overrideBasis && !sameRule(rule, type.rule)) {
      throw locked(`The rule of a "${type.label.en}" is fixed by law (${type.basis}); another rule needs an administrator's override with its legal basis`, {
        field: 'rule',
        basis: type.basis,
      });
    }
    return { rule, decisionType: type.code, legalBasis: type.basis, overrideBasis };
  }

  async list(user: AuthUser, meetingId: string): Promise<PollView[]> {
    const { staff } = await this.access.assertCanView(user, meetingId);
    const polls = await this.dataSource.getRepository(PollEntity).find({ where: { meetingId }, order: { createdAt: 'ASC' } });
    const visible = polls.filter((p) => staff || p.status !== PollStatus.Draft);
    const options = await this.optionsOf(visible.map((p) => p.id));
    return visible.map((p) => toPollView(p, options.get(p.id) ?? [], staff));
  }

  async get(user: AuthUser, pollId: string): Promise<PollView> {
    const poll = await this.dataSource.getRepository(PollEntity).findOne({ where: { id: pollId } });
    if (!poll) throw DomainError.notFound('Poll', pollId);
    const { staff } = await this.access.assertCanView(user, poll.meetingId);
    if (!staff && poll.status === PollStatus.Draft) throw DomainError.notFound('Poll', pollId);
    const view = toPollView(poll, (await this.optionsOf([poll.id])).get(poll.id) ?? [], staff);
    // staff read a named poll's ballots once closed, as they read its result; a secret poll's only ever as receipts
    const namedForStaff = staff && poll.ballotMode === BallotMode.Named && poll.status === PollStatus.Closed;
    if (poll.status === PollStatus.Published || namedForStaff) view.ballots = await this.publishedBallots(poll);
    return view;
  }

  /**
   * Who on the poll's roll has not voted yet, for the staff's close confirmation: names for a named poll, only the
   * number for a secret one (who abstained from a secret ballot is not shown even to staff).
   */
  async notVoted(user: AuthUser, pollId: string): Promise<{ count: number; names: string[] | null }> {
    const poll = await this.dataSource.getRepository(PollEntity).findOne({ where: { id: pollId } });
    if (!poll) throw DomainError.notFound('Poll', pollId);
    const { staff } = await this.access.assertCanView(user, poll.meetingId);
    if (!staff) throw DomainError.forbidden('Only staff see who has not voted');
    const rows = await this.dataSource.query<{ full_name: string }[]>(
      `SELECT d.full_name FROM poll_roll r JOIN delegates d ON d.id = r.delegate_id
        WHERE r.poll_id = $1 AND NOT EXISTS (SELECT 1 FROM poll_participation p WHERE p.poll_id = r.poll_id AND p.delegate_id = r.delegate_id)`,
      [pollId],
    );
    const names = rows.map((r) => r.full_name).sort(compareVietnameseNames);
    return { count: names.length, names: poll.ballotMode === BallotMode.Named ? names : null };
  }

  /**
   * Reconnect: the meeting's non-draft polls and the caller's vote in each open one, in one answer; for a proxy
   * holder also the represented delegate's vote in each (a tablet shows "Biểu quyết thay cho <name>").
   */
  async state(user: AuthUser, meetingId: string): Promise<PollState> {
    const polls = await this.list(user, meetingId);
    const open = polls.filter((p) => p.status === PollStatus.Open).map((p) => p.id);
    const proxy = await this.proxies.activeOf(meetingId, user.delegateId);
    const myVotes: MyVote[] = user.delegateId ? (await this.votesOf(user.delegateId, open)).map(({ castByDelegateId: _by, ...v }) => v) : [];
    const proxyVotes: ProxyVote[] = [];
    if (proxy.holds) {
      const { representedDelegateId, representedFullName } = proxy.holds;
      for (const v of await this.votesOf(representedDelegateId, open)) proxyVotes.push({ ...v, representedDelegateId, representedFullName });
    }
    return { meetingId, polls, myVotes, proxy, proxyVotes };
  }

  /** One delegate's vote status in each of the given open polls (receipt and choices for named polls only). */
  private async votesOf(delegateId: string, open: string[]): Promise<(MyVote & { castByDelegateId: string | null })[]> {
    if (open.length === 0) return [];
    const voted = await this.dataSource.query<{ poll_id: string; acting_delegate_id: string | null }[]>(
      `SELECT poll_id, acting_delegate_id FROM poll_participation WHERE delegate_id = $1 AND poll_id = ANY($2::uuid[])`,
      [delegateId, open],
    );
    const named = await this.dataSource.query<{ poll_id: string; receipt: string; choices: string[] }[]>(
      `SELECT poll_id, receipt, choices FROM named_ballots WHERE delegate_id = $1 AND poll_id = ANY($2::uuid[])`,
      [delegateId, open],
    );
    return open.map((id) => {
      const n = named.find((r) => r.poll_id === id);
      const v = voted.find((r) => r.poll_id === id);
      return { pollId: id, voted: !!v, receipt: n?.receipt ?? null, choices: n?.choices ?? null, castByDelegateId: v ? (v.acting_delegate_id ?? delegateId) : null };
    });
  }

  /** The cached definition (poll row as created, options). Status in it is stale: read it under a lock. */
  async definition(pollId: string): Promise<PollDefinition> {
    const cached = this.definitions.get(pollId);
    if (cached) return cached;
    // thousands of first casts on an instance that has not seen the poll yet share one load, not one each
    let loading = this.loadingDefinitions.get(pollId);
    if (!loading) {
      loading = this.loadDefinition(pollId).finally(() => this.loadingDefinitions.delete(pollId));
      this.loadingDefinitions.set(pollId, loading);
    }
    return loading;
  }

  private async loadDefinition(pollId: string): Promise<PollDefinition> {
    const poll = await this.dataSource.getRepository(PollEntity).findOne({ where: { id: pollId } });
    if (!poll) throw DomainError.notFound('Poll', pollId);
    const options = (await this.optionsOf([pollId])).get(pollId) ?? [];
    const def = { poll, options, optionIds: new Set(options.map((o) => o.id)) };
    if (this.definitions.size > 5000) this.definitions.clear();
    this.definitions.set(pollId, def);
    return def;
  }

  async publishedBallots(poll: PollEntity): Promise<PublishedBallot[]> {
    if (poll.ballotMode === BallotMode.Secret) {
      // receipts only (inclusion): a receipt next to its choices would let a voter prove their vote to a buyer
      const rows = await this.dataSource.query<{ receipt: string }[]>(`SELECT receipt FROM secret_receipts WHERE poll_id = $1 ORDER BY receipt`, [poll.id]);
      return rows.map((r) => ({ receipt: r.receipt }));
    }
    const rows = await this.dataSource.query<{ delegate_id: string; full_name: string; choices: string[]; acting_delegate_id: string | null; acting_full_name: string | null }[]>(
      `SELECT b.delegate_id, d.full_name, b.choices, pp.acting_delegate_id, a.full_name AS acting_full_name
         FROM named_ballots b
         JOIN delegates d ON d.id = b.delegate_id
         LEFT JOIN poll_participation pp ON pp.poll_id = b.poll_id AND pp.delegate_id = b.delegate_id
         LEFT JOIN delegates a ON a.id = pp.acting_delegate_id
        WHERE b.poll_id = $1 ORDER BY d.full_name, b.delegate_id`,
      [poll.id],
    );
    return byVietnameseName(rows, (r) => r.full_name).map((r) => ({
      delegateId: r.delegate_id,
      fullName: r.full_name,
      choices: r.choices,
      ...(r.acting_delegate_id ? { byProxy: { delegateId: r.acting_delegate_id, fullName: r.acting_full_name ?? '' } } : {}),
    }));
  }

  isStaff(user: AuthUser): boolean {
    return STAFF_ROLES.includes(user.role);
  }

  private async optionsOf(pollIds: string[]): Promise<Map<string, PollOptionEntity[]>> {
    const map = new Map<string, PollOptionEntity[]>();
    if (pollIds.length === 0) return map;
    const rows = await this.dataSource.getRepository(PollOptionEntity).find({ where: { pollId: In(pollIds) }, order: { position: 'ASC' } });
    for (const o of rows) map.set(o.pollId, [...(map.get(o.pollId) ?? []), o]);
    return map;
  }
}
