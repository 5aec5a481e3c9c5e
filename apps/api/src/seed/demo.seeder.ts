import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitEntity, UnitMemberEntity } from '#assignments';
import { APP_CONFIG, JsonLogger, passwordHasher, Role, UserEntity, type AppConfig } from '#core';
import { BodyEntity, BodyMemberEntity, DelegateEntity } from '#delegates';
import { AgendaItemEntity, InvitationKind, MeetingEntity, MeetingInvitationEntity, MeetingMode, MeetingStatus } from '#meetings';
import { DEMO_BODY, DEMO_MEETING, DEMO_MEMBERS, DEMO_UNITS } from './demo.data.js';

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
      const body = await em.save(BodyEntity, em.create(BodyEntity, { ...DEMO_BODY, allowProxyVoting: false }));
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
      return { bodyName: body.name, meetingTitle: meeting.title, delegates: delegates.length, password };
    });
  }
}
