import { AttendanceRecordEntity, AttendanceService, CheckInMethod, KioskAuthService, type AttendanceListItem, type AttendanceServerEvents, type AttendanceSummary, type CheckInResult } from '#attendance';
import { Clock, Role } from '#core';
import { DelegateEntity } from '#delegates';
import { MeetingStatus } from '#meetings';
import { createAttendanceMeeting, type AttendanceFixture } from './factories/attendance.factory.js';
import { clientAs } from './factories/user.factory.js';
import { HttpClient, type ErrorShape } from './utils/http.js';
import { connectSocket, emitAck, nextEvent, type TestSocket } from './utils/socket.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

type Updated = AttendanceServerEvents['attendance:updated'];
const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;
const base = (meetingId: string): string => `/api/meetings/${meetingId}/attendance`;

describe('attendance', () => {
  let t: TestApp;
  let fx: AttendanceFixture;
  const as = new Map<Role, HttpClient>();
  let outsider: HttpClient;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    fx = await createAttendanceMeeting(t.dataSource, { members: 4, guests: 1 });
    for (const role of [Role.Admin, Role.Secretary, Role.Chair, Role.Observer]) as.set(role, (await clientAs(t.dataSource, t.url, role)).http);
    as.set(Role.Delegate, (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: fx.members[0].id })).http);
    outsider = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: fx.uninvited.id })).http;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const secretary = (): HttpClient => as.get(Role.Secretary)!;
  const records = (meetingId: string, delegateId: string): Promise<number> =>
    t.dataSource.getRepository(AttendanceRecordEntity).count({ where: { meetingId, delegateId } });

  it('manual check-in pushes attendance:updated: summary + record to staff, summary only to the hall', async () => {
    const staff = await connectSocket<AttendanceServerEvents>(t.url, tokenOf(as.get(Role.Secretary)!));
    const hall = await connectSocket<AttendanceServerEvents>(t.url, tokenOf(as.get(Role.Delegate)!));
    sockets.push(staff, hall);
    expect(await emitAck(staff, 'meeting:join', { meetingId: fx.meeting.id })).toMatchObject({ ok: true, staff: true });
    expect(await emitAck(hall, 'meeting:join', { meetingId: fx.meeting.id })).toMatchObject({ ok: true, staff: false });
    const toStaff = nextEvent<Updated>(staff, 'attendance:updated');
    const toHall = nextEvent<Updated>(hall, 'attendance:updated');
    const target = fx.members[1];
    const res = await secretary().post<CheckInResult>(`${base(fx.meeting.id)}/checkin`, { delegateId: target.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: true, record: { delegateId: target.id, status: 'present', method: 'manual', fullName: target.fullName } });
    const staffEvent = await toStaff;
    expect(staffEvent.record).toMatchObject({ delegateId: target.id, fullName: target.fullName, title: target.title, status: 'present', method: 'manual' });
    expect(staffEvent.summary).toMatchObject({ meetingId: fx.meeting.id, present: 1, presentInHall: 1 });
    const hallEvent = await toHall;
    expect(hallEvent.record).toBeUndefined();
    expect(hallEvent.summary.present).toBe(1);
  });

  it('a second check-in is a no-op, and concurrent check-ins leave one record', async () => {
    const target = fx.members[2];
    const first = await secretary().post<CheckInResult>(`${base(fx.meeting.id)}/checkin`, { delegateId: target.id });
    const second = await secretary().post<CheckInResult>(`${base(fx.meeting.id)}/checkin`, { delegateId: target.id });
    expect(first.body.created).toBe(true);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: false, record: { status: 'present', method: 'manual' } });
    expect(second.body.record.checkedInAt).toEqual(first.body.record.checkedInAt);
    expect(await records(fx.meeting.id, target.id)).toBe(1);

    const racer = fx.members[3];
    const service = t.app.get(AttendanceService);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => service.checkIn({ meetingId: fx.meeting.id, delegateId: racer.id, method: i % 2 ? CheckInMethod.Face : CheckInMethod.Qr, distance: 0.3, score: 0.9 })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await records(fx.meeting.id, racer.id)).toBe(1);
    expect(await service.isPresent(fx.meeting.id, racer.id)).toBe(true);
    expect(await service.isPresent(fx.meeting.id, fx.members[0].id)).toBe(false);
  });

  it('refuses delegates who are not invited and unknown meetings', async () => {
    const notInvited = await secretary().post<ErrorShape>(`${base(fx.meeting.id)}/checkin`, { delegateId: fx.uninvited.id });
    expect(notInvited.status).toBe(403);
    expect(notInvited.body.error.code).toBe('NOT_INVITED');
    const unknown = await secretary().post<ErrorShape>(`${base('00000000-0000-4000-8000-0000000000bb')}/checkin`, { delegateId: fx.members[0].id });
    expect(unknown.status).toBe(404);
    const badBody = await secretary().post<ErrorShape>(`${base(fx.meeting.id)}/checkin`, { delegateId: 'nope', extra: 1 });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 409 MEETING_NOT_OPEN before check-in opens and after the meeting closed', async () => {
    for (const status of [MeetingStatus.Draft, MeetingStatus.Scheduled, MeetingStatus.Closed]) {
      const other = await createAttendanceMeeting(t.dataSource, { members: 1, status });
      const res = await secretary().post<ErrorShape>(`${base(other.meeting.id)}/checkin`, { delegateId: other.members[0].id });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('MEETING_NOT_OPEN');
    }
  });

  it('excused, then checked in; checked out, then checked in again', async () => {
    const target = fx.members[0];
    const excused = await secretary().post<AttendanceListItem>(`${base(fx.meeting.id)}/excuse`, { delegateId: target.id, reason: 'Đi công tác' });
    expect(excused.status).toBe(200);
    expect(excused.body).toMatchObject({ status: 'excused', absenceReason: 'Đi công tác' });
    expect((await secretary().get<AttendanceSummary>(`${base(fx.meeting.id)}/summary`)).body.excused).toBe(1);
    const back = await secretary().post<CheckInResult>(`${base(fx.meeting.id)}/checkin`, { delegateId: target.id });
    expect(back.body).toMatchObject({ created: true, record: { status: 'present', absenceReason: null } });

    const out = await secretary().post<AttendanceListItem>(`${base(fx.meeting.id)}/checkout`, { delegateId: target.id });
    expect(out.body).toMatchObject({ status: 'left' });
    expect(out.body.checkedOutAt).not.toBeNull();
    const outAgain = await secretary().post<ErrorShape>(`${base(fx.meeting.id)}/checkout`, { delegateId: target.id });
    expect(outAgain.status).toBe(409);
    expect(outAgain.body.error.code).toBe('NOT_CHECKED_IN');
    const neverIn = await secretary().post<ErrorShape>(`${base(fx.meeting.id)}/checkout`, { delegateId: fx.guests[0].id });
    expect(neverIn.body.error.code).toBe('NOT_CHECKED_IN');
    const again = await secretary().post<CheckInResult>(`${base(fx.meeting.id)}/checkin`, { delegateId: target.id });
    expect(again.body).toMatchObject({ created: true, record: { status: 'present', checkedOutAt: null } });
    expect(await records(fx.meeting.id, target.id)).toBe(1);
  });

  it('lists every invited delegate with name, title, method and times', async () => {
    const res = await as.get(Role.Chair)!.get<AttendanceListItem[]>(base(fx.meeting.id));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    const guest = res.body.find((r) => r.delegateId === fx.guests[0].id)!;
    expect(guest).toMatchObject({ status: 'absent', method: null, kind: 'guest', title: 'Khách mời' });
    const racer = res.body.find((r) => r.delegateId === fx.members[3].id)!;
    expect(racer.status).toBe('present');
    expect(typeof racer.checkedInAt).toBe('string');
  });

  describe('quorum (2/3 of the members of the body)', () => {
    let q: AttendanceFixture;
    beforeAll(async () => {
      q = await createAttendanceMeeting(t.dataSource, { members: 15, guests: 3 });
    });
    const summary = async (): Promise<AttendanceSummary> => (await secretary().get<AttendanceSummary>(`${base(q.meeting.id)}/summary`)).body;

    it('9 of 15 members plus guests is not a quorum; the 10th member (online) reaches it', async () => {
      for (const m of q.members.slice(0, 9)) await secretary().post(`${base(q.meeting.id)}/checkin`, { delegateId: m.id });
      for (const g of q.guests) await secretary().post(`${base(q.meeting.id)}/checkin`, { delegateId: g.id });
      await secretary().post(`${base(q.meeting.id)}/excuse`, { delegateId: q.members[14].id, reason: 'Ốm' });
      expect(await summary()).toEqual({
        meetingId: q.meeting.id,
        invited: 18,
        members: 15,
        presentInHall: 12,
        presentOnline: 0,
        present: 12,
        excused: 1,
        absent: 5,
        quorum: { required: 10, present: 9, reached: false, rule: '2/3' },
      });
      await t.app.get(AttendanceService).checkIn({ meetingId: q.meeting.id, delegateId: q.members[9].id, method: CheckInMethod.Online });
      expect(await summary()).toMatchObject({ presentInHall: 12, presentOnline: 1, present: 13, absent: 4, quorum: { required: 10, present: 10, reached: true } });
    });

    it('members without voting right or inactive do not count toward the quorum', async () => {
      const repo = t.dataSource.getRepository(DelegateEntity);
      await repo.update({ id: q.members[0].id }, { hasVotingRight: false });
      expect((await summary()).quorum).toMatchObject({ required: 10, present: 9, reached: false });
      await repo.update({ id: q.members[0].id }, { hasVotingRight: true });
      // an inactive delegate is not a member any more: 14 members need ceil(28/3) = 10
      await repo.update({ id: q.members[13].id }, { active: false });
      expect(await summary()).toMatchObject({ members: 14, quorum: { required: 10, present: 10, reached: true } });
      await repo.update({ id: q.members[13].id }, { active: true });
    });

    it('summary is readable by staff, the invited delegate and observers, not by an uninvited delegate', async () => {
      for (const role of [Role.Admin, Role.Secretary, Role.Chair, Role.Observer]) {
        expect((await as.get(role)!.get(`${base(fx.meeting.id)}/summary`)).status).toBe(200);
      }
      expect((await as.get(Role.Delegate)!.get(`${base(fx.meeting.id)}/summary`)).status).toBe(200);
      const denied = await outsider.get<ErrorShape>(`${base(fx.meeting.id)}/summary`);
      // not invited: the meeting is not shown at all (MeetingAccess), as if it did not exist
      expect(denied.status).toBe(404);
      expect(denied.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('QR codes and kiosks', () => {
    let qr: AttendanceFixture;
    let delegate: HttpClient;
    let kioskToken: string;
    let kioskId: string;
    beforeAll(async () => {
      qr = await createAttendanceMeeting(t.dataSource, { members: 3 });
      delegate = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: qr.members[0].id })).http;
    });
    const myCode = async (client = delegate, meetingId = qr.meeting.id): Promise<string> => {
      const res = await client.get<{ code: string; expiresAt: string; delegateId: string }>(`${base(meetingId)}/my-qr`);
      expect(res.status).toBe(200);
      return res.body.code;
    };
    const kiosk = (token: string, device = 'door-tablet-000001'): Record<string, string> => ({ authorization: `Kiosk ${token}`, 'x-kiosk-device': device });

    it('creates a kiosk token once; lists kiosks without it', async () => {
      const created = await secretary().post<{ id: string; token: string; name: string }>(`/api/meetings/${qr.meeting.id}/kiosks`, { name: 'Cửa chính' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^dhk_[A-Za-z0-9_-]{40,}$/);
      kioskToken = created.body.token;
      kioskId = created.body.id;
      const list = await secretary().get<Record<string, unknown>[]>(`/api/meetings/${qr.meeting.id}/kiosks`);
      expect(list.body).toEqual([expect.objectContaining({ id: kioskId, name: 'Cửa chính', revokedAt: null })]);
      expect(JSON.stringify(list.body)).not.toContain(kioskToken);
      expect(list.body[0]).not.toHaveProperty('tokenHash');
      const auth = t.app.get(KioskAuthService);
      await expect(auth.verify(kioskToken, fx.meeting.id, 'door-tablet-000001')).rejects.toMatchObject({ code: 'KIOSK_WRONG_MEETING' });
      await expect(auth.verify('dhk_nothing', qr.meeting.id, 'door-tablet-000001')).rejects.toMatchObject({ code: 'KIOSK_TOKEN_INVALID' });
      await expect(auth.verify(kioskToken, qr.meeting.id, undefined)).rejects.toMatchObject({ code: 'KIOSK_DEVICE_REQUIRED' });
      await expect(auth.verify(kioskToken, qr.meeting.id, 'short')).rejects.toMatchObject({ code: 'KIOSK_DEVICE_REQUIRED' });
      // the first use binds the token to that tablet
      await expect(auth.verify(kioskToken, qr.meeting.id, 'door-tablet-000001')).resolves.toMatchObject({ id: kioskId });
      await expect(auth.verify(kioskToken, qr.meeting.id, 'door-tablet-000001')).resolves.toMatchObject({ id: kioskId });
      const listed = await secretary().get<{ boundAt: string | null }[]>(`/api/meetings/${qr.meeting.id}/kiosks`);
      expect(listed.body[0].boundAt).toEqual(expect.any(String));
    });

    it('a kiosk token copied to another device is refused, also over HTTP; two tablets racing the first use, one wins', async () => {
      const copied = await new HttpClient(t.url).post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code: 'x' }, kiosk(kioskToken, 'copied-to-laptop-0002'));
      expect(copied.status).toBe(403);
      expect(copied.body.error.code).toBe('KIOSK_WRONG_DEVICE');
      const noDevice = await new HttpClient(t.url).post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code: 'x' }, { authorization: `Kiosk ${kioskToken}` });
      expect(noDevice.status).toBe(400);
      expect(noDevice.body.error.code).toBe('KIOSK_DEVICE_REQUIRED');
      const fresh = await secretary().post<{ token: string }>(`/api/meetings/${qr.meeting.id}/kiosks`, { name: 'Cửa phụ' });
      const auth = t.app.get(KioskAuthService);
      const race = await Promise.allSettled(['side-tablet-aaaa01', 'side-tablet-bbbb02', 'side-tablet-cccc03'].map((d) => auth.verify(fresh.body.token, qr.meeting.id, d)));
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(race.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { code: string }).map((e) => e.code)).toEqual(['KIOSK_WRONG_DEVICE', 'KIOSK_WRONG_DEVICE']);
    });

    it('a kiosk checks a delegate in with the scanned code (method qr); a second scan is a no-op', async () => {
      const checkedIn = async () => (await delegate.get<{ checkedIn: boolean }>(`${base(qr.meeting.id)}/my-qr`)).body.checkedIn;
      expect(await checkedIn()).toBe(false);
      const code = await myCode();
      const res = await new HttpClient(t.url).post<CheckInResult>(`${base(qr.meeting.id)}/qr`, { code }, kiosk(kioskToken));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: true, record: { delegateId: qr.members[0].id, method: 'qr', kioskId } });
      const again = await new HttpClient(t.url).post<CheckInResult>(`${base(qr.meeting.id)}/qr`, { code }, kiosk(kioskToken));
      expect(again.body.created).toBe(false);
      // the tablet learns it from its own code's answer and stops showing one
      expect(await checkedIn()).toBe(true);
    });

    it('a secretary may submit a code too; other roles and anonymous callers may not', async () => {
      const other = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: qr.members[1].id })).http;
      const code = await myCode(other);
      expect((await new HttpClient(t.url).post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code })).status).toBe(401);
      const asDelegate = await other.post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code });
      expect(asDelegate.status).toBe(403);
      expect(asDelegate.body.error.message).toMatch(/needs one of the roles/);
      const res = await secretary().post<CheckInResult>(`${base(qr.meeting.id)}/qr`, { code });
      expect(res.body).toMatchObject({ created: true, record: { method: 'qr', kioskId: null } });
    });

    it('refuses tampered, foreign-meeting and expired codes', async () => {
      const code = await myCode();
      const parts = code.split('.');
      parts[2] = qr.members[2].id;
      const tampered = await secretary().post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code: parts.join('.') });
      expect(tampered.status).toBe(400);
      expect(tampered.body.error.code).toBe('QR_CODE_INVALID');
      expect((await secretary().post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code: 'garbage' })).body.error.code).toBe('QR_CODE_INVALID');
      const other = await createAttendanceMeeting(t.dataSource, { members: 1 });
      const wrongMeeting = await secretary().post<ErrorShape>(`${base(other.meeting.id)}/qr`, { code });
      expect(wrongMeeting.body.error.code).toBe('QR_CODE_INVALID');
      const clock = t.app.get(Clock);
      clock.advance(121_000);
      try {
        const expired = await secretary().post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code });
        expect(expired.status).toBe(400);
        expect(expired.body.error.code).toBe('QR_CODE_EXPIRED');
      } finally {
        clock.advance(-121_000);
      }
      // the third member never got checked in by any of these
      expect(await records(qr.meeting.id, qr.members[2].id)).toBe(0);
    });

    it('my-qr needs a linked, invited delegate (a meeting the delegate is not invited to is 404)', async () => {
      const notInvited = await outsider.get<ErrorShape>(`${base(qr.meeting.id)}/my-qr`);
      expect(notInvited.status).toBe(404);
      expect(notInvited.body.error.code).toBe('NOT_FOUND');
      const chairWithoutDelegate = await as.get(Role.Chair)!.get<ErrorShape>(`${base(qr.meeting.id)}/my-qr`);
      expect(chairWithoutDelegate.body.error.code).toBe('NOT_A_DELEGATE');
    });

    it('a kiosk token of another meeting, a bad or a revoked token is refused', async () => {
      const code = await myCode();
      const other = await createAttendanceMeeting(t.dataSource, { members: 1 });
      const wrong = await new HttpClient(t.url).post<ErrorShape>(`${base(other.meeting.id)}/qr`, { code }, kiosk(kioskToken));
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('KIOSK_WRONG_MEETING');
      const bad = await new HttpClient(t.url).post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code }, kiosk('dhk_made-up'));
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('KIOSK_TOKEN_INVALID');
      expect((await secretary().delete(`/api/meetings/${qr.meeting.id}/kiosks/${kioskId}`)).status).toBe(204);
      expect((await secretary().delete(`/api/meetings/${qr.meeting.id}/kiosks/${kioskId}`)).status).toBe(204);
      const revoked = await new HttpClient(t.url).post<ErrorShape>(`${base(qr.meeting.id)}/qr`, { code }, kiosk(kioskToken));
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.code).toBe('KIOSK_TOKEN_INVALID');
      const list = await secretary().get<{ revokedAt: string | null }[]>(`/api/meetings/${qr.meeting.id}/kiosks`);
      expect(list.body[0].revokedAt).not.toBeNull();
      expect((await secretary().delete(`/api/meetings/${qr.meeting.id}/kiosks/00000000-0000-4000-8000-0000000000cc`)).status).toBe(404);
    });
  });

  it('enforces the roles of every route', async () => {
    const { Admin, Secretary, Chair, Delegate, Observer } = Role;
    const m = fx.meeting.id;
    const routes: [string, string, Role[]][] = [
      ['GET', base(m), [Admin, Secretary, Chair]],
      ['GET', `${base(m)}/summary`, [Admin, Secretary, Chair, Delegate, Observer]],
      ['POST', `${base(m)}/checkin`, [Admin, Secretary]],
      ['POST', `${base(m)}/checkout`, [Admin, Secretary]],
      ['POST', `${base(m)}/excuse`, [Admin, Secretary]],
      ['GET', `${base(m)}/my-qr`, [Delegate, Chair]],
      ['POST', `${base(m)}/qr`, [Admin, Secretary]],
      ['POST', `/api/meetings/${m}/kiosks`, [Admin, Secretary]],
      ['GET', `/api/meetings/${m}/kiosks`, [Admin, Secretary]],
      ['DELETE', `/api/meetings/${m}/kiosks/00000000-0000-4000-8000-0000000000dd`, [Admin, Secretary]],
    ];
    const failures: string[] = [];
    for (const [method, path, allowed] of routes) {
      const anon = await new HttpClient(t.url).request(method, path, method === 'GET' ? undefined : {});
      if (anon.status !== 401) failures.push(`${method} ${path} anonymous -> ${anon.status}`);
      for (const [role, http] of as) {
        const res = await http.request<ErrorShape>(method, path, method === 'GET' ? undefined : {});
        const denied = res.status === 403 && /needs one of the roles/.test(res.body?.error?.message ?? '');
        if (allowed.includes(role) === denied) failures.push(`${method} ${path} as ${role} -> ${res.status} ${res.body?.error?.code ?? ''}`);
        if (res.status >= 500) failures.push(`${method} ${path} as ${role} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
