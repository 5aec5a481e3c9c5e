import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import { AttendanceRecordEntity, KioskAuthService, type AttendanceServerEvents } from '#attendance';
import { AuditEntryEntity } from '#audit';
import { Role } from '#core';
import { DescriptorCipher, FaceDescriptorEntity, type FaceServerEvents, type FrameResult } from '#face';
import { createAttendanceMeeting, type AttendanceFixture } from '../factories/attendance.factory.js';
import { consentAndEnrol, KIOSK_DEVICE, NOTICE_VERSION, photo, photoForm, sendFrame, sharedPhotos } from '../factories/face.factory.js';
import { createMeeting } from '../factories/registry.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { HttpClient, type ErrorShape } from '../utils/http.js';
import { connectSocket, emitAck, nextEvent, type TestSocket } from '../utils/socket.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

type Unrecognised = FaceServerEvents['checkin:unrecognised'];
type Updated = AttendanceServerEvents['attendance:updated'];
const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;
const face = (id: string): string => `/api/delegates/${id}/face`;

describe('face consent, enrolment and kiosk check-in (real models, real photos)', () => {
  let t: TestApp;
  let fx: AttendanceFixture;
  let kioskToken: string;
  let kioskId: string;
  const as = new Map<Role, HttpClient>();
  /** delegate accounts of members[0] and members[1] */
  let self0: HttpClient;
  let self1: HttpClient;
  let staff: TestSocket<FaceServerEvents & AttendanceServerEvents>;
  const sockets: Socket[] = [];

  const admin = (): HttpClient => as.get(Role.Admin)!;
  const frame = (file: string): Promise<{ status: number; body: FrameResult & ErrorShape; headers: Headers }> =>
    sendFrame<FrameResult & ErrorShape>(t.url, fx.meeting.id, kioskToken, photo(file), file.endsWith('.png') ? 'image/png' : 'image/jpeg');
  const descriptorRows = (delegateId: string): Promise<number> => t.dataSource.getRepository(FaceDescriptorEntity).count({ where: { delegateId } });

  beforeAll(async () => {
    t = await startTestApp({ FACE_WORKERS: '1', FACE_MAX_QUEUE: '1', FACE_AGREEMENT_WINDOW_MS: '60000', FACE_KIOSK_MAX_FPS: '1000' });
    fx = await createAttendanceMeeting(t.dataSource, { members: 4 });
    for (const role of [Role.Admin, Role.Secretary, Role.Chair, Role.Observer]) as.set(role, (await clientAs(t.dataSource, t.url, role)).http);
    self0 = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: fx.members[0].id })).http;
    self1 = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: fx.members[1].id })).http;
    const kiosk = await t.app.get(KioskAuthService).create(fx.meeting.id, 'Cổng A', null);
    kioskToken = kiosk.token;
    kioskId = kiosk.id;
    staff = await connectSocket<FaceServerEvents & AttendanceServerEvents>(t.url, tokenOf(as.get(Role.Secretary)!));
    sockets.push(staff as unknown as Socket);
    expect(await emitAck(staff, 'meeting:join', { meetingId: fx.meeting.id })).toMatchObject({ ok: true, staff: true });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  describe('consent', () => {
    it('no photo is accepted without consent', async () => {
      const res = await admin().post<ErrorShape>(`${face(fx.members[0].id)}/enrolments`, photoForm(sharedPhotos(['deepface/img1.jpg'])));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONSENT_REQUIRED');
    });

    it('a delegate consents for themself only; an admin only with a paper reference; the notice version must be current', async () => {
      const other = await self0.post<ErrorShape>(`${face(fx.members[1].id)}/consent`, { noticeVersion: NOTICE_VERSION });
      expect(other.status).toBe(403);
      const old = await self0.post<ErrorShape>(`${face(fx.members[0].id)}/consent`, { noticeVersion: '2020-01' });
      expect(old.status).toBe(409);
      expect(old.body.error.code).toBe('NOTICE_VERSION_OUTDATED');
      const noRef = await admin().post<ErrorShape>(`${face(fx.members[2].id)}/consent`, { noticeVersion: NOTICE_VERSION });
      expect(noRef.status).toBe(400);
      expect(noRef.body.error.code).toBe('PAPER_REFERENCE_REQUIRED');
      const secretary = await as.get(Role.Secretary)!.post<ErrorShape>(`${face(fx.members[2].id)}/consent`, { noticeVersion: NOTICE_VERSION, paperReference: 'X-1' });
      expect(secretary.status).toBe(403);

      const mine = await self0.post(`${face(fx.members[0].id)}/consent`, { noticeVersion: NOTICE_VERSION });
      expect(mine.status).toBe(201);
      expect(mine.body).toMatchObject({ active: true, consent: { method: 'self', paperReference: null, noticeVersion: NOTICE_VERSION, withdrawnAt: null } });
      const again = await self0.post<ErrorShape>(`${face(fx.members[0].id)}/consent`, { noticeVersion: NOTICE_VERSION });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONSENT_ALREADY_GIVEN');
      const paper = await admin().post(`${face(fx.members[2].id)}/consent`, { noticeVersion: NOTICE_VERSION, paperReference: 'GCN-2026/0153' });
      expect(paper.status).toBe(201);
      expect(paper.body).toMatchObject({ active: true, consent: { method: 'paper', paperReference: 'GCN-2026/0153' } });
    });

    it('consent status: admin, secretary and the delegate themself; not chair, observer or another delegate', async () => {
      for (const [client, status] of [
        [admin(), 200],
        [as.get(Role.Secretary)!, 200],
        [self0, 200],
        [as.get(Role.Chair)!, 403],
        [as.get(Role.Observer)!, 403],
        [self1, 403],
      ] as const) {
        expect((await client.get(`${face(fx.members[0].id)}/consent`)).status).toBe(status);
        expect((await client.get(face(fx.members[0].id))).status).toBe(status);
      }
      expect((await admin().get(`${face('00000000-0000-4000-8000-00000000abcd')}/consent`)).status).toBe(404);
    });
  });

  describe('enrolment', () => {
    it('stores only encrypted descriptors: 1+12+16+512 bytes, not floats, decryptable with the key in DATA_DIR', async () => {
      const res = await self0.post<{ descriptors: number; replaced: number }>(`${face(fx.members[0].id)}/enrolments`, photoForm(sharedPhotos(['deepface/img1.jpg', 'deepface/img2.jpg'])));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ descriptors: 2, replaced: 0, consentActive: true });
      const status = await as.get(Role.Secretary)!.get<Record<string, unknown>>(face(fx.members[0].id));
      expect(status.body).toMatchObject({ delegateId: fx.members[0].id, descriptors: 2, consentActive: true });
      expect(JSON.stringify(status.body)).not.toMatch(/descriptor"\s*:\s*\[/);

      const rows = await t.dataSource.query<{ descriptor: Uint8Array; key_version: number }[]>('SELECT descriptor, key_version FROM face_descriptors WHERE delegate_id = $1', [fx.members[0].id]);
      expect(rows).toHaveLength(2);
      const key = readFileSync(join(t.config.dataDir, 'face.key'), 'utf8');
      for (const row of rows) {
        const bytes = Buffer.from(row.descriptor);
        expect(bytes.length).toBe(1 + 12 + 16 + 128 * 4);
        expect(bytes[0]).toBe(row.key_version);
        // read as raw floats the blob is noise: real descriptors are 128 small finite values (|v| < 1)
        const asFloats = new Float32Array(new Uint8Array(bytes.subarray(1 + 12 + 16)).buffer);
        expect(asFloats.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(false);
        const plain = new DescriptorCipher(key, row.key_version).decrypt(bytes);
        expect(plain).toHaveLength(128);
        expect(plain.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(true);
      }
      const paper = await admin().post(`${face(fx.members[2].id)}/enrolments`, photoForm(sharedPhotos(['bbt/howard/howard1.png', 'bbt/howard/howard2.png'])));
      expect(paper.status).toBe(201);
    });

    it('names the rule and the photo that failed: several faces, zero faces, bad files; the pool answers afterwards', async () => {
      await self1.post(`${face(fx.members[1].id)}/consent`, { noticeVersion: NOTICE_VERSION });
      const url = `${face(fx.members[1].id)}/enrolments`;
      const group = await self1.post<ErrorShape>(url, photoForm([...sharedPhotos(['bbt/amy/amy1.png']), ...sharedPhotos(['group/couple.jpg'])]));
      expect(group.status).toBe(422);
      expect(group.body.error).toMatchObject({ code: 'MULTIPLE_FACES', details: { photo: 1 } });

      const grey = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 128, g: 128, b: 128 } } }).png().toBuffer();
      const onePixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toBuffer();
      const jpeg = photo('deepface/img1.jpg');
      const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 3));
      // a valid PNG header that claims 20000 x 20000 pixels (400 MP)
      const hugePng = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer());
      hugePng.writeUInt32BE(20000, 16);
      hugePng.writeUInt32BE(20000, 20);
      const cases: [string, Buffer, string, number[]][] = [
        ['notes.txt', Buffer.from('this is not an image at all'), 'text/plain', [400, 415]],
        ['truncated.jpg', Buffer.from(truncated), 'image/jpeg', [400, 422]],
        ['huge.png', hugePng, 'image/png', [413]],
        ['grey.png', grey, 'image/png', [422]],
        ['one.jpg', onePixel, 'image/jpeg', [400, 422]],
      ];
      for (const [name, data, type, statuses] of cases) {
        const res = await self1.post<ErrorShape>(url, photoForm([{ name, data, type }]));
        expect({ name, status: statuses.includes(res.status) ? 'ok' : res.status }).toEqual({ name, status: 'ok' });
        expect(res.body.error.details).toMatchObject({ photo: 0 });
      }
      const noFace = await self1.post<ErrorShape>(url, photoForm([{ name: 'grey.png', data: grey, type: 'image/png' }]));
      expect(noFace.body.error.code).toBe('NO_FACE');
      const tooMany = await self1.post<ErrorShape>(url, photoForm(sharedPhotos(Array.from({ length: 6 }, () => 'bbt/amy/amy1.png'))));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.code).toBe('TOO_MANY_PHOTOS');
      expect(await descriptorRows(fx.members[1].id)).toBe(0);

      const ok = await self1.post(url, photoForm(sharedPhotos(['bbt/amy/amy1.png', 'bbt/amy/amy2.png'])));
      expect(ok.status).toBe(201);
      expect(await descriptorRows(fx.members[1].id)).toBe(2);
    });

    it('enrolment routes: admin or the delegate themself', async () => {
      const url = `${face(fx.members[0].id)}/enrolments`;
      for (const client of [as.get(Role.Secretary)!, as.get(Role.Chair)!, as.get(Role.Observer)!, self1]) {
        expect((await client.post(url, photoForm(sharedPhotos(['deepface/img1.jpg'])))).status).toBe(403);
        expect((await client.delete(face(fx.members[0].id))).status).toBe(403);
        expect((await client.delete(`${face(fx.members[0].id)}/consent`)).status).toBe(403);
      }
      expect((await new HttpClient(t.url).post(url, photoForm(sharedPhotos(['deepface/img1.jpg'])))).status).toBe(401);
    });
  });

  describe('kiosk frames', () => {
    it('checks a delegate in after 2 agreeing frames, once; the staff room gets attendance:updated', async () => {
      const updated = nextEvent<Updated>(staff, 'attendance:updated');
      const first = await frame('deepface/img4.jpg');
      expect(first.status).toBe(200);
      expect(first.body.faces).toHaveLength(1);
      expect(first.body.faces[0]).toMatchObject({ status: 'pending', delegate: { fullName: fx.members[0].fullName } });
      const second = await frame('deepface/img5.jpg');
      expect(second.body.faces[0]).toMatchObject({ status: 'checked_in', delegate: { fullName: fx.members[0].fullName, title: fx.members[0].title } });
      expect(second.headers.get('server-timing')).toMatch(/checkin;dur=/);
      expect((await updated).record).toMatchObject({ delegateId: fx.members[0].id, status: 'present', method: 'face', kioskId });
      for (const file of ['deepface/img6.jpg', 'deepface/img4.jpg']) {
        expect((await frame(file)).body.faces[0]).toMatchObject({ status: 'already_present' });
      }
      const records = await t.dataSource.getRepository(AttendanceRecordEntity).find({ where: { meetingId: fx.meeting.id, delegateId: fx.members[0].id } });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ method: 'face', kioskId });
      expect(Number(records[0].distance)).toBeLessThanOrEqual(0.5);
    });

    it('a stranger and an enrolled delegate who is not invited are unrecognised: no identity to the kiosk, only a count to staff', async () => {
      await consentAndEnrol(admin(), fx.uninvited.id, ['bbt/leonard/leonard1.png', 'bbt/leonard/leonard2.png'], 'GCN-7');
      for (const [i, file] of ['bbt/stuart/stuart1.png', 'bbt/leonard/leonard3.png'].entries()) {
        // staff get at most one unrecognised alert per kiosk every 3 s
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 3100));
        const event = nextEvent<Unrecognised>(staff, 'checkin:unrecognised');
        const res = await frame(file);
        expect(res.status).toBe(200);
        expect(res.body.faces.length).toBeGreaterThan(0);
        for (const f of res.body.faces) {
          expect(f.status).toBe('unrecognised');
          expect(f.delegate).toBeUndefined();
        }
        expect(JSON.stringify(res.body)).not.toMatch(/Leonard|leonard|delegateId/);
        const got = await event;
        expect(got).toMatchObject({ meetingId: fx.meeting.id, kioskId, kioskName: 'Cổng A' });
        expect(Object.keys(got).sort()).toEqual(['at', 'count', 'kioskId', 'kioskName', 'meetingId']);
        expect(got.count).toBeGreaterThan(0);
      }
      expect(await t.dataSource.getRepository(AttendanceRecordEntity).count({ where: { meetingId: fx.meeting.id, delegateId: fx.uninvited.id } })).toBe(0);
    });

    it('handles every face of a group frame', async () => {
      const res = await frame('group/bbt1.jpg');
      expect(res.status).toBe(200);
      expect(res.body.faces.length).toBeGreaterThan(1);
      const invited = new Set(fx.members.map((m) => m.fullName));
      for (const f of res.body.faces) if (f.delegate) expect(invited.has(f.delegate.fullName)).toBe(true);
      expect(res.body.faces.every((f) => ['pending', 'checked_in', 'already_present', 'unrecognised'].includes(f.status))).toBe(true);
    });

    it('shows the engine backend in /api/health', async () => {
      const health = await new HttpClient(t.url).get<{ components: Record<string, Record<string, unknown>> }>('/api/health');
      expect(health.body.components.face).toMatchObject({ status: 'up', backend: expect.stringMatching(/^(wasm|tensorflow)$/), workers: 1 });
    });

    it('bad frames answer 4xx, and the pool still answers the next frame', async () => {
      const text = await sendFrame<ErrorShape>(t.url, fx.meeting.id, kioskToken, Buffer.from('hello'), 'image/jpeg');
      expect([400, 415]).toContain(text.status);
      const plain = await new HttpClient(t.url).post<ErrorShape>(`/api/meetings/${fx.meeting.id}/checkin/frame`, 'hello', { authorization: `Kiosk ${kioskToken}`, 'x-kiosk-device': KIOSK_DEVICE, 'content-type': 'text/plain' });
      expect(plain.status).toBe(415);
      const empty = await sendFrame<ErrorShape>(t.url, fx.meeting.id, kioskToken, new Uint8Array(0));
      expect(empty.status).toBe(400);
      const grey = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#777' } }).jpeg().toBuffer();
      const none = await sendFrame<FrameResult>(t.url, fx.meeting.id, kioskToken, grey);
      expect(none.status).toBe(200);
      expect(none.body.faces).toEqual([]);
      const multipart = await new HttpClient(t.url).post<FrameResult>(`/api/meetings/${fx.meeting.id}/checkin/frame`, photoForm(sharedPhotos(['deepface/img7.jpg']), 'frame'), {
        authorization: `Kiosk ${kioskToken}`,
        'x-kiosk-device': KIOSK_DEVICE,
      });
      expect(multipart.status).toBe(200);
      expect(multipart.body.faces[0]).toMatchObject({ status: 'already_present' });
    });

    it('a full queue answers 503 ENGINE_BUSY with Retry-After at once', async () => {
      const image = photo('group/bbt2.jpg');
      const all = await Promise.all(Array.from({ length: 6 }, () => sendFrame<ErrorShape>(t.url, fx.meeting.id, kioskToken, image)));
      const busy = all.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0].body.error.code).toBe('ENGINE_BUSY');
      expect(busy[0].headers.get('retry-after')).toBe('1');
      expect(all.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    });

    it('frame route access: this meeting kiosk, admin or secretary; never another meeting kiosk or other roles', async () => {
      const { meeting: other } = await createMeeting(t.dataSource, fx.meeting.bodyId, fx.members, {}, 0);
      const foreign = await t.app.get(KioskAuthService).create(other.id, 'Cổng B', null);
      const wrong = await sendFrame<ErrorShape>(t.url, fx.meeting.id, foreign.token, photo('deepface/img4.jpg'));
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('KIOSK_WRONG_MEETING');
      const bogus = await sendFrame<ErrorShape>(t.url, fx.meeting.id, 'dhk_nope', photo('deepface/img4.jpg'));
      expect(bogus.status).toBe(401);
      const url = `/api/meetings/${fx.meeting.id}/checkin/frame`;
      const img = photo('deepface/img4.jpg');
      expect((await new HttpClient(t.url).post(url, img, { 'content-type': 'image/jpeg' })).status).toBe(401);
      for (const [client, status] of [
        [admin(), 200],
        [as.get(Role.Secretary)!, 200],
        [as.get(Role.Chair)!, 403],
        [as.get(Role.Observer)!, 403],
        [self0, 403],
      ] as const) {
        expect((await client.post(url, img, { 'content-type': 'image/jpeg' })).status).toBe(status);
      }
    });
  });

  describe('kiosk socket /kiosk', () => {
    const connectKiosk = (auth: Record<string, string>): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const s = io(`${t.url}/kiosk`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 5000 });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', (err: Error & { data?: unknown }) => reject(Object.assign(new Error(err.message), { data: err.data })));
      });

    it('refuses a connection without a kiosk token of this meeting', async () => {
      await expect(connectKiosk({ token: tokenOf(admin()), meetingId: fx.meeting.id })).rejects.toMatchObject({ data: { code: 'KIOSK_TOKEN_INVALID' } });
      await expect(connectKiosk({ meetingId: fx.meeting.id })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
      await expect(connectKiosk({ token: kioskToken, meetingId: fx.meeting.id })).rejects.toMatchObject({ data: { code: 'KIOSK_DEVICE_REQUIRED' } });
      await expect(connectKiosk({ token: kioskToken, meetingId: fx.meeting.id, device: 'another-tablet-0002' })).rejects.toMatchObject({ data: { code: 'KIOSK_WRONG_DEVICE' } });
    });

    it('checkin:frame with a binary payload answers through the ack; the 2-frame agreement holds across transports', async () => {
      const s = await connectKiosk({ token: kioskToken, meetingId: fx.meeting.id, device: KIOSK_DEVICE });
      const first = await emitAck<{ ok: boolean } & FrameResult>(s, 'checkin:frame', photo('bbt/howard/howard3.png'), 20000);
      expect(first).toMatchObject({ ok: true, meetingId: fx.meeting.id });
      expect(first.faces[0]).toMatchObject({ delegate: { fullName: fx.members[2].fullName } });
      expect(['pending', 'checked_in']).toContain(first.faces[0].status);
      const second = await emitAck<{ ok: boolean } & FrameResult>(s, 'checkin:frame', photo('bbt/howard/howard4.png'), 20000);
      expect(['checked_in', 'already_present']).toContain(second.faces[0].status);
      expect(await t.dataSource.getRepository(AttendanceRecordEntity).count({ where: { meetingId: fx.meeting.id, delegateId: fx.members[2].id, status: 'present' as never } })).toBe(1);
      const bad = await emitAck<{ ok: boolean; error: { code: string } }>(s, 'checkin:frame', { not: 'binary' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });
  });

  describe('withdrawal and deletion', () => {
    it('withdrawing deletes every descriptor at once and the person is no longer recognised', async () => {
      const before = await frame('bbt/amy/amy3.png');
      expect(before.body.faces[0]).toMatchObject({ delegate: { fullName: fx.members[1].fullName } });
      const res = await self1.delete<{ active: boolean; descriptorsDeleted: number }>(`${face(fx.members[1].id)}/consent`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ active: false, descriptorsDeleted: 2, consent: { withdrawnAt: expect.any(String) } });
      expect(await descriptorRows(fx.members[1].id)).toBe(0);
      const after = await frame('bbt/amy/amy4.png');
      expect(after.body.faces[0]).toMatchObject({ status: 'unrecognised' });
      expect(after.body.faces[0].delegate).toBeUndefined();
      const enrolAgain = await self1.post<ErrorShape>(`${face(fx.members[1].id)}/enrolments`, photoForm(sharedPhotos(['bbt/amy/amy1.png'])));
      expect(enrolAgain.body.error.code).toBe('CONSENT_REQUIRED');
      expect((await self1.delete(`${face(fx.members[1].id)}/consent`)).status).toBe(200);
    });

    it('DELETE face removes the descriptors but keeps the consent; audit entries carry no biometric data', async () => {
      const res = await admin().delete<{ descriptorsDeleted: number; consentActive: boolean }>(face(fx.members[2].id));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ descriptorsDeleted: 2, consentActive: true, descriptors: 0 });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM face_descriptors WHERE delegate_id = $1', [fx.members[2].id])).toEqual([{ n: 0 }]);
      const entries = await t.dataSource.getRepository(AuditEntryEntity).find({ where: [{ entityId: fx.members[1].id }, { entityId: fx.members[2].id }, { entityId: fx.members[0].id }] });
      const actions = entries.map((e) => e.action);
      for (const a of ['face_consent.given', 'face_enrolment.created', 'face_consent.withdrawn', 'face_enrolment.deleted']) expect(actions).toContain(a);
      for (const e of entries) expect(JSON.stringify(e.payload)).not.toMatch(/descriptor"|\[-?0\.\d+,/);
    });
  });
});
