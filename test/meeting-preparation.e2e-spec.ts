import { Role } from '#core';
import type { BodyEntity, DelegateEntity } from '#delegates';
import { MeetingEntity, MeetingInvitationEntity } from '#meetings';
import { createBody, createDelegate } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Invitation {
  delegateId: string;
  fullName: string;
  kind: string;
  canVote: boolean;
  substituteFor: { delegateId: string; fullName: string } | null;
  notifiedAt: string | null;
}
interface Detail {
  id: string;
  status: string;
  chairName: string | null;
  secretaryName: string | null;
  checkInOpenedAt: string | null;
  sessionOpenedAt: string | null;
  closedAt: string | null;
  opening: { present: number | null; required: number | null; belowQuorum: boolean } | null;
  counts: { invited: number; members: number; guests: number; substitutes: number; voters: number };
}

const inHours = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * What the secretary's preparation screens rely on: substitutes (attend for a named member, never vote, never in
 * the quorum), the invitation notice, the session opened below the quorum only when confirmed (and recorded), the
 * actual times stamped, and no poll once the meeting is closed.
 */
describe('meeting preparation', () => {
  let t: TestApp;
  let body: BodyEntity;
  let members: DelegateEntity[];
  let outsider: DelegateEntity;
  let guest: DelegateEntity;
  let secretary: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    ({ body, delegates: members } = await createBody(t.dataSource, 3));
    outsider = await createDelegate(t.dataSource, { fullName: 'Đinh Thị Thay' });
    guest = await createDelegate(t.dataSource, { fullName: 'Âu Văn Khách', email: null });
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (): Promise<Detail> => {
    const res = await secretary.post<Detail>('/api/meetings', {
      bodyId: body.id,
      title: 'Phiên họp chuẩn bị',
      startsAt: inHours(24),
      chairName: 'Nguyễn Văn Chủ Tọa',
      secretaryName: 'Lê Thị Thư Ký',
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const invite = (id: string, body_: Record<string, unknown>) => secretary.post<Invitation & ErrorShape>(`/api/meetings/${id}/invitations`, body_);

  it('a substitute attends for an invited member, never votes; members and guests cannot be substitutes', async () => {
    const m = await create();
    expect(m.chairName).toBe('Nguyễn Văn Chủ Tọa');
    expect(m.secretaryName).toBe('Lê Thị Thư Ký');
    // a substitute names a member; a member of the body is not a substitute; only substitutes name one
    expect((await invite(m.id, { delegateId: outsider.id, kind: 'substitute' })).body.error.code).toBe('SUBSTITUTE_INVALID');
    expect((await invite(m.id, { delegateId: members[2].id, kind: 'substitute', substituteFor: members[0].id })).body.error.code).toBe('SUBSTITUTE_INVALID');
    expect((await invite(m.id, { delegateId: outsider.id, kind: 'substitute', substituteFor: guest.id })).body.error.code).toBe('SUBSTITUTE_INVALID');
    expect((await invite(m.id, { delegateId: guest.id, kind: 'guest', substituteFor: members[0].id })).status).toBe(400);

    const sub = await invite(m.id, { delegateId: outsider.id, kind: 'substitute', substituteFor: members[0].id });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ kind: 'substitute', canVote: false, substituteFor: { delegateId: members[0].id, fullName: members[0].fullName } });
    expect((await invite(m.id, { delegateId: guest.id, kind: 'guest' })).body).toMatchObject({ kind: 'guest', canVote: false });

    const list = (await secretary.get<Invitation[]>(`/api/meetings/${m.id}/invitations`)).body;
    expect(list.map((i) => i.kind)).toEqual(['member', 'member', 'member', 'substitute', 'guest']);
    const detail = (await secretary.get<Detail>(`/api/meetings/${m.id}`)).body;
    expect(detail.counts).toMatchObject({ invited: 5, members: 3, guests: 1, substitutes: 1, voters: 3 });
    // the database holds the rule too
    await expect(
      t.dataSource.getRepository(MeetingInvitationEntity).update({ meetingId: m.id, delegateId: guest.id }, { substituteFor: members[1].id }),
    ).rejects.toThrow(/ck_meeting_invitations_substitute_for/);
  });

  it('the notice is stamped for those not yet notified, re-sent to all on request; in-app only without SMTP', async () => {
    const m = await create();
    await invite(m.id, { delegateId: guest.id, kind: 'guest' });
    const first = await secretary.post<{ notified: number; email: unknown }>(`/api/meetings/${m.id}/invitations/notice`, {});
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ notified: 4, email: null });
    expect((await secretary.post<{ notified: number }>(`/api/meetings/${m.id}/invitations/notice`, {})).body.notified).toBe(0);
    expect((await secretary.post<{ notified: number }>(`/api/meetings/${m.id}/invitations/notice`, { resend: true })).body.notified).toBe(4);
    const list = (await secretary.get<Invitation[]>(`/api/meetings/${m.id}/invitations`)).body;
    expect(list.every((i) => i.notifiedAt !== null)).toBe(true);
  });

  it('opening the session below the quorum is refused unless confirmed, then recorded with the actual times', async () => {
    const m = await create();
    for (const status of ['scheduled', 'open']) expect((await secretary.post(`/api/meetings/${m.id}/status`, { status })).status).toBe(200);
    // one of three present: 2/3 needs 2
    expect((await secretary.post(`/api/meetings/${m.id}/attendance/checkin`, { delegateId: members[1].id })).status).toBe(200);
    const refused = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'in_session' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'QUORUM_NOT_REACHED', details: { present: 1, required: 2 } });
    expect((await secretary.get<Detail>(`/api/meetings/${m.id}`)).body.status).toBe('open');

    const opened = await secretary.post<Detail>(`/api/meetings/${m.id}/status`, { status: 'in_session', confirmBelowQuorum: true });
    expect(opened.status).toBe(200);
    expect(opened.body.opening).toEqual({ present: 1, required: 2, belowQuorum: true });
    expect(opened.body.checkInOpenedAt).not.toBeNull();
    expect(new Date(opened.body.sessionOpenedAt!).getTime()).toBeGreaterThanOrEqual(new Date(opened.body.checkInOpenedAt!).getTime());
    expect(opened.body.closedAt).toBeNull();

    const closed = await secretary.post<Detail>(`/api/meetings/${m.id}/status`, { status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    const row = await t.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id: m.id });
    expect(row.openedBelowQuorum).toBe(true);

    // no new poll once the meeting is closed
    const poll = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết muộn' });
    expect(poll.status).toBe(409);
    expect(poll.body.error.code).toBe('MEETING_CLOSED');
  });

  it('with the quorum present the session opens without confirmation and is not marked', async () => {
    const m = await create();
    for (const status of ['scheduled', 'open']) await secretary.post(`/api/meetings/${m.id}/status`, { status });
    for (const d of members.slice(0, 2)) await secretary.post(`/api/meetings/${m.id}/attendance/checkin`, { delegateId: d.id });
    const opened = await secretary.post<Detail>(`/api/meetings/${m.id}/status`, { status: 'in_session' });
    expect(opened.status).toBe(200);
    expect(opened.body.opening).toEqual({ present: 2, required: 2, belowQuorum: false });
  });
});
