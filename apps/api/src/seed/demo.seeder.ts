import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnitEntity, UnitMemberEntity } from '#assignments';
import { APP_CONFIG, JsonLogger, passwordHasher, Role, UserEntity, type AppConfig } from '#core';
import { BodyEntity, BodyMemberEntity, DelegateEntity } from '#delegates';
import { AgendaItemEntity, InvitationKind, MeetingEntity, MeetingInvitationEntity, MeetingMode, MeetingStatus } from '#meetings';
import { BodyKind, decisionTypeOf, profileOf } from '#legal';
import { BallotMode, GRADE_LABEL, PollEntity, PollKind, PollOptionEntity, PollStatus, RATING_GRADES } from '#voting';
import { DEMO_BODY, DEMO_COUNCIL, DEMO_COUNCIL_DELEGATES, DEMO_COUNCIL_SESSION, DEMO_MEETING, DEMO_MEMBERS, DEMO_UNITS } from './demo.data.js';

export interface SeedResult {
  bodyName: string;
  meetingTitle: string;
  delegates: number;
  password: string;
}

/** Seeds demo data into an empty database so a newcomer can log in at once. */
@Injectable()
export class DemoSeeder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
  ) {}

  async seedIfWanted(): Promise<SeedResult | null> {
    const mode = this.config.demo.seed;
    const wanted = mode === 'always' || (mode === 'auto' && this.config.database.kind === 'pglite');
    if (!wanted) return null;
    if ((await this.dataSource.getRepository(UserEntity).count()) > 0) return null;
    const result = await this.seed();
    this.logger.write('info', 'demo data seeded', { ...result, password: undefined });
    return result;
  }

  async seed(): Promise<SeedResult> {
    const password = this.config.demo.password;
    const hashes = await Promise.all(Array.from({ length: DEMO_MEMBERS.length + 4 }, () => passwordHasher.hash(password)));
    return this.dataSource.transaction(async (em) => {
      const body = await em.save(BodyEntity, em.create(BodyEntity, { ...DEMO_BODY, kind: BodyKind.PeoplesCommittee, allowProxyVoting: false }));
      const delegates: DelegateEntity[] = [];
      for (const [i, m] of DEMO_MEMBERS.entries()) {
        const d = await em.save(
          DelegateEntity,
          em.create(DelegateEntity, {
            fullName: m.fullName,
            title: m.title,
            organization: m.organization,
            email: `daibieu${i + 1}@hanoi.example.vn`,
            phone: `0912${String(100000 + i).slice(1)}0`,
            hasVotingRight: true,
            active: true,
          }),
        );
        delegates.push(d);
        await em.save(BodyMemberEntity, em.create(BodyMemberEntity, { bodyId: body.id, delegateId: d.id, position: m.position }));
      }
      const staff: { username: string; displayName: string; role: Role; delegateId: string | null }[] = [
        { username: 'admin', displayName: 'Quản trị hệ thống', role: Role.Admin, delegateId: null },
        { username: 'secretary', displayName: 'Thư ký phiên họp', role: Role.Secretary, delegateId: null },
        // the chair is the Chairman, a voting member, so the account links to that delegate record
        { username: 'chair', displayName: DEMO_MEMBERS[0].fullName, role: Role.Chair, delegateId: delegates[0].id },
        { username: 'observer', displayName: 'Quan sát viên', role: Role.Observer, delegateId: null },
      ];
      const accounts = [
        ...staff,
        ...delegates.map((d, i) => ({ username: `delegate${i + 1}`, displayName: d.fullName, role: Role.Delegate, delegateId: d.id })),
      ];
      await em.save(
        UserEntity,
        accounts.map((a, i) => em.create(UserEntity, { ...a, passwordHash: hashes[i], active: true })),
      );
      const units = await em.save(UnitEntity, DEMO_UNITS.map((u) => em.create(UnitEntity, { ...u, parentId: null })));
      const unitMembers = delegates.flatMap((d) => {
        const unit = units.find((u) => u.name === d.organization);
        return unit ? [em.create(UnitMemberEntity, { delegateId: d.id, unitId: unit.id })] : [];
      });
      await em.save(UnitMemberEntity, unitMembers);
      const start = new Date();
      start.setUTCDate(start.getUTCDate() + 1);
      start.setUTCHours(1, 30, 0, 0); // 08:30 in Hanoi
      const meeting = await em.save(
        MeetingEntity,
        em.create(MeetingEntity, {
          bodyId: body.id,
          title: DEMO_MEETING.title,
          location: DEMO_MEETING.location,
          startsAt: start,
          endsAt: new Date(start.getTime() + 4 * 3600_000),
          mode: MeetingMode.Hybrid,
          status: MeetingStatus.Scheduled,
          quorumNumerator: 2,
          quorumDenominator: 3,
          createdBy: null,
        }),
      );
      await em.save(
        MeetingInvitationEntity,
        delegates.map((d) => em.create(MeetingInvitationEntity, { meetingId: meeting.id, delegateId: d.id, kind: InvitationKind.Member, canVote: d.hasVotingRight })),
      );
      await em.save(
        AgendaItemEntity,
        DEMO_MEETING.agenda.map((a, i) => em.create(AgendaItemEntity, { meetingId: meeting.id, position: i + 1, title: a.title, presenter: a.presenter, description: null })),
      );
      await this.seedCouncil(em, delegates, start);
      return { bodyName: body.name, meetingTitle: meeting.title, delegates: delegates.length, password };
    });
  }

  /**
   * The People's Council: the 15 Committee members and 15 more delegates, a session the day after the Committee's
   * meeting, and a secret confidence rating of three officials ready to open once the session is in session.
   */
  private async seedCouncil(em: EntityManager, committee: DelegateEntity[], committeeStart: Date): Promise<void> {
    const council = await em.save(BodyEntity, em.create(BodyEntity, { ...DEMO_COUNCIL, kind: BodyKind.PeoplesCouncil, allowProxyVoting: false }));
    const extra: DelegateEntity[] = [];
    for (const [i, m] of DEMO_COUNCIL_DELEGATES.entries()) {
      extra.push(
        await em.save(
          DelegateEntity,
          em.create(DelegateEntity, { fullName: m.fullName, title: m.title, organization: m.organization, email: `hdnd${i + 16}@hanoi.example.vn`, phone: null, hasVotingRight: true, active: true }),
        ),
      );
    }
    const members = [...committee, ...extra];
    await em.save(
      BodyMemberEntity,
      members.map((d, i) => em.create(BodyMemberEntity, { bodyId: council.id, delegateId: d.id, position: i === 15 ? 'Chủ tịch HĐND' : i === 16 ? 'Phó Chủ tịch HĐND' : 'Đại biểu' })),
    );
    const start = new Date(committeeStart.getTime() + 24 * 3600_000);
    const floor = profileOf(BodyKind.PeoplesCouncil).quorumFloor;
    const session = await em.save(
      MeetingEntity,
      em.create(MeetingEntity, {
        bodyId: council.id,
        title: DEMO_COUNCIL_SESSION.title,
        location: DEMO_COUNCIL_SESSION.location,
        startsAt: start,
        endsAt: new Date(start.getTime() + 6 * 3600_000),
        mode: MeetingMode.Hybrid,
        status: MeetingStatus.Scheduled,
        quorumNumerator: floor?.num ?? 2,
        quorumDenominator: floor?.den ?? 3,
        createdBy: null,
      }),
    );
    await em.save(
      MeetingInvitationEntity,
      members.map((d) => em.create(MeetingInvitationEntity, { meetingId: session.id, delegateId: d.id, kind: InvitationKind.Member, canVote: true })),
    );
    const [item] = await em.save(
      AgendaItemEntity,
      DEMO_COUNCIL_SESSION.agenda.map((a, i) => em.create(AgendaItemEntity, { meetingId: session.id, position: i + 1, title: a.title, presenter: a.presenter, description: null })),
    );
    const type = decisionTypeOf(profileOf(BodyKind.PeoplesCouncil), 'confidence_rating');
    if (!type) throw new Error('the People\'s Council profile has no confidence rating');
    const poll = await em.save(
      PollEntity,
      em.create(PollEntity, {
        meetingId: session.id,
        agendaItemId: item.id,
        kind: PollKind.Confidence,
        ballotMode: BallotMode.Secret,
        title: DEMO_COUNCIL_SESSION.confidenceTitle,
        status: PollStatus.Draft,
        rule: { ...type.rule, threshold: { ...type.rule.threshold }, quorum: type.rule.quorum && { ...type.rule.quorum } },
        decisionType: type.code,
        legalBasis: type.basis,
        overrideBasis: null,
        overrideBy: null,
        allowChange: false,
        liveTallies: false,
        maxChoices: 3,
        seats: null,
        countdownSeconds: null,
        createdBy: null,
      }),
    );
    const officials = [
      { name: `${committee[0].fullName} — Chủ tịch UBND Thành phố`, delegateId: committee[0].id },
      { name: `${committee[1].fullName} — Phó Chủ tịch Thường trực UBND`, delegateId: committee[1].id },
      { name: `${extra[0].fullName} — Chủ tịch HĐND Thành phố`, delegateId: extra[0].id },
    ];
    await em.save(
      PollOptionEntity,
      officials.flatMap((o, i) =>
        RATING_GRADES.map((g, j) =>
          em.create(PollOptionEntity, { pollId: poll.id, position: i * 3 + j + 1, label: `${o.name} — ${GRADE_LABEL[g].vi}`, code: null, delegateId: o.delegateId, subject: i + 1, subjectName: o.name, grade: g }),
        ),
      ),
    );
  }
}
