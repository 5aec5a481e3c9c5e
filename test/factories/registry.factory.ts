import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BodyEntity, BodyMemberEntity, DelegateEntity } from '#delegates';
import { AgendaItemEntity, InvitationKind, MeetingEntity, MeetingInvitationEntity, MeetingMode, MeetingStatus } from '#meetings';

const tag = (): string => randomBytes(3).toString('hex');

export async function createDelegate(ds: DataSource, overrides: Partial<DelegateEntity> = {}): Promise<DelegateEntity> {
  const repo = ds.getRepository(DelegateEntity);
  const t = tag();
  return repo.save(
    repo.create({ fullName: `Nguyễn Văn Thử ${t}`, title: 'Ủy viên', organization: 'Sở Thử nghiệm', email: `thu.${t}@example.vn`, phone: null, hasVotingRight: true, active: true, ...overrides }),
  );
}

/** A body with `members` delegates. */
export async function createBody(ds: DataSource, members = 3, overrides: Partial<BodyEntity> = {}): Promise<{ body: BodyEntity; delegates: DelegateEntity[] }> {
  const body = await ds.getRepository(BodyEntity).save(ds.getRepository(BodyEntity).create({ name: `UBND Thử nghiệm ${tag()}`, description: null, allowProxyVoting: false, ...overrides }));
  const delegates: DelegateEntity[] = [];
  for (let i = 0; i < members; i++) {
    const d = await createDelegate(ds);
    delegates.push(d);
    await ds.getRepository(BodyMemberEntity).save({ bodyId: body.id, delegateId: d.id, position: 'Ủy viên' });
  }
  return { body, delegates };
}

/** A meeting of the body with every member invited and `agenda` items. */
export async function createMeeting(
  ds: DataSource,
  bodyId: string,
  delegates: DelegateEntity[],
  overrides: Partial<MeetingEntity> = {},
  agenda = 2,
): Promise<{ meeting: MeetingEntity; agendaItems: AgendaItemEntity[] }> {
  const repo = ds.getRepository(MeetingEntity);
  const meeting = await repo.save(
    repo.create({
      bodyId,
      title: `Phiên họp thử ${tag()}`,
      location: 'Phòng họp số 1',
      startsAt: new Date(Date.now() + 3600_000),
      endsAt: null,
      mode: MeetingMode.Hybrid,
      status: MeetingStatus.Scheduled,
      quorumNumerator: 2,
      quorumDenominator: 3,
      createdBy: null,
      ...overrides,
    }),
  );
  await ds.getRepository(MeetingInvitationEntity).save(
    delegates.map((d) => ({ meetingId: meeting.id, delegateId: d.id, kind: InvitationKind.Member, canVote: d.hasVotingRight })),
  );
  const agendaItems = await ds.getRepository(AgendaItemEntity).save(
    Array.from({ length: agenda }, (_, i) => ({ meetingId: meeting.id, position: i + 1, title: `Nội dung ${i + 1}`, description: null, presenter: null })),
  );
  return { meeting, agendaItems };
}
