import { io, type Socket } from 'socket.io-client';
import { AttendanceRecordEntity, KioskAuthService } from '#attendance';
import { AuditEntryEntity } from '#audit';
import { Clock, Role } from '#core';
import { FaceConsentEntity, FaceDescriptorEntity, FaceRetentionJob, type FaceServerEvents, type FrameResult } from '#face';
import { createAttendanceMeeting, type AttendanceFixture } from '../factories/attendance.factory.js';
import { consentAndEnrol, KIOSK_DEVICE, NOTICE_VERSION, photo, photoForm, sendFrame, sharedPhotos } from '../factories/face.factory.js';
import { clientAs } from '../factories/user.factory.js';
import { HttpClient, type ErrorShape } from '../utils/http.js';
import { connectSocket, emitAck } from '../utils/socket.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;
const face = (id: string): string => `/api/delegates/${id}/face`;

/** JPEG/PNG bytes, or base64/data-URL image data, anywhere in a payload. */
function imageDataIn(value: unknown): string | null {
  const seen: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (v instanceof ArrayBuffer) return walk(Buffer.from(v));
    if (ArrayBuffer.isView(v)) {
      const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      if (b.includes(Buffer.from([0xff, 0xd8, 0xff]))) seen.push('JPEG bytes');
      if (b.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) seen.push('PNG bytes');
      return;
    }
    if (typeof v === 'string') {
      if (/data:image\//i.test(v)) seen.push('data URL');
      if (/\/9j\/[A-Za-z0-9+/]{20}/.test(v)) seen.push('base64 JPEG');
      if (/iVBORw0KGgo/.test(v)) seen.push('base64 PNG');
      if (/[A-Za-z0-9+/]{200,}/.test(v)) seen.push('long base64 run');
      return;
    }
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x);
  };
  walk(value);
  return seen.length ? seen.join(', ') : null;
}

describe('face data under Law 91/2025/QH15: bystanders, retention, notices, the data subject (real models, real photos)', () => {
  let t: TestApp;
  let fx: AttendanceFixture;
  let kioskToken: string;
  const sockets: Socket[] = [];
  const socketPayloads: { event: string; args: unknown[] }[] = [];
  const httpBodies: unknown[] = [];
  let admin: HttpClient;
  let secretary: HttpClient;
  const self: HttpClient[] = [];

  const frame = async (file: string): Promise<FrameResult & ErrorShape> => {
    const res = await sendFrame<FrameResult & ErrorShape>(t.url, fx.meeting.id, kioskToken, photo(file), file.endsWith('.png') ? 'image/png' : 'image/jpeg');
    httpBodies.push(res.body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const descriptors = (delegateId: string): Promise<number> => t.dataSource.getRepository(FaceDescriptorEntity).count({ where: { delegateId } });
  const retention = (): FaceRetentionJob => t.app.get(FaceRetentionJob);

  beforeAll(async () => {
    t = await startTestApp({ FACE_WORKERS: '1', FACE_MAX_QUEUE: '2', FACE_AGREEMENT_WINDOW_MS: '60000', FACE_KIOSK_MAX_FPS: '1000', FACE_RETENTION_DAYS: String(RETENTION_DAYS), FACE_NOTICE_GRACE_DAYS: '10', SCHEDULER_INTERVAL_SECONDS: '0' });
    fx = await createAttendanceMeeting(t.dataSource, { members: 4 });
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    for (const m of fx.members) self.push((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: m.id })).http);
    kioskToken = (await t.app.get(KioskAuthService).create(fx.meeting.id, 'Cổng B', null)).token;
    // every socket event the staff and a delegate receive is kept and scanned
    for (const http of [secretary, self[0]]) {
      const s = await connectSocket<FaceServerEvents>(t.url, tokenOf(http));
      sockets.push(s as unknown as Socket);
      (s as unknown as Socket).onAny((event: string, ...args: unknown[]) => socketPayloads.push({ event, args }));
      await emitAck(s, 'meeting:join', { meetingId: fx.meeting.id });
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('a stranger and a delegate who refused consent leave nothing: no image in any answer or event, only an unrecognised count', async () => {
    // members[0] consents and is enrolled; members[2] (Penny) refused: no consent, no descriptor
    expect((await consentAndEnrol(self[0], fx.members[0].id, ['bbt/sheldon/sheldon1.png', 'bbt/sheldon/sheldon2.png'])).status).toBe(201);
    const refused = await self[2].get<{ active: boolean }>(`${face(fx.members[2].id)}/consent`);
    expect(refused.body.active).toBe(false);
    const auditBefore = await t.dataSource.getRepository(AuditEntryEntity).count();
    const descBefore = await t.dataSource.getRepository(FaceDescriptorEntity).count();
    const metricBefore = await unrecognisedMetric();

    const kiosk = io(`${t.url}/kiosk`, { auth: { token: kioskToken, meetingId: fx.meeting.id, device: KIOSK_DEVICE }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(kiosk);
    kiosk.onAny((event: string, ...args: unknown[]) => socketPayloads.push({ event, args }));
    await new Promise<void>((resolve, reject) => {
      kiosk.once('connect', () => resolve());
      kiosk.once('connect_error', reject);
    });
    let faces = 0;
    for (const file of ['bbt/stuart/stuart1.png', 'bbt/stuart/stuart2.png', 'bbt/penny/penny3.png', 'bbt/penny/penny4.png']) {
      const body = await frame(file);
      const ack = await emitAck<{ ok: boolean } & FrameResult>(kiosk, 'checkin:frame', photo(file), 30000);
      httpBodies.push(ack);
      for (const r of [body, ack]) {
        expect(r.faces.length).toBeGreaterThan(0);
        for (const f of r.faces) {
          expect(f.status).toBe('unrecognised');
          expect(f.delegate).toBeUndefined();
          faces++;
        }
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    const unrecognised = socketPayloads.filter((p) => p.event === 'checkin:unrecognised');
    expect(unrecognised.length).toBeGreaterThan(0);
    for (const p of unrecognised) expect(Object.keys(p.args[0] as object).sort()).toEqual(['at', 'count', 'kioskId', 'kioskName', 'meetingId']);
    for (const p of socketPayloads) expect(imageDataIn(p.args)).toBeNull();
    for (const b of httpBodies) expect(imageDataIn(b)).toBeNull();
    expect(JSON.stringify(socketPayloads)).not.toContain(fx.members[2].fullName);
    // nothing written: no attendance, no audit entry, no descriptor; only the counter moved
    expect(await t.dataSource.getRepository(AttendanceRecordEntity).count({ where: { meetingId: fx.meeting.id, delegateId: fx.members[2].id, status: 'present' as never } })).toBe(0);
    expect(await t.dataSource.getRepository(AuditEntryEntity).count()).toBe(auditBefore);
    expect(await t.dataSource.getRepository(FaceDescriptorEntity).count()).toBe(descBefore);
    expect((await unrecognisedMetric()) - metricBefore).toBe(faces);
  });

  it('stores consent evidence and lets the person see and print it; a staff read is audited', async () => {
    const notice = await self[0].get<{ version: string; sha256: string; text: string }>('/api/face/notice');
    expect(notice.body.version).toBe(NOTICE_VERSION);
    expect(notice.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(notice.body.text).toContain('nhạy cảm');
    const record = await self[0].get<{ consents: { noticeSha256: string; purposes: { bodyName: string }[]; controller: string; method: string; recordedBy: string; evidence: { sensitiveStatement: string; withdrawal: string }; noticeText: string }[] }>(`${face(fx.members[0].id)}/consent/record`);
    expect(record.status).toBe(200);
    const c = record.body.consents[0];
    expect(c).toMatchObject({ noticeSha256: notice.body.sha256, method: 'self', controller: t.config.face.controller, noticeText: notice.body.text });
    expect(c.purposes.length).toBeGreaterThan(0);
    expect(c.evidence.sensitiveStatement).toContain('nhạy cảm');
    expect(c.evidence.withdrawal).toContain('Rút lại');
    const pdf = await self[0].get<Buffer>(`${face(fx.members[0].id)}/consent/record.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const before = await t.dataSource.getRepository(AuditEntryEntity).count({ where: { action: 'face_consent.record_read' } });
    expect((await secretary.get(`${face(fx.members[0].id)}/consent/record`)).status).toBe(200);
    expect(await t.dataSource.getRepository(AuditEntryEntity).count({ where: { action: 'face_consent.record_read' } })).toBe(before + 1);
    expect((await self[1].get(`${face(fx.members[0].id)}/consent/record`)).status).toBe(403);
  });

  it('a new notice in force: the older consent stops matching (descriptors kept) until re-consent; after the grace period it is deleted', async () => {
    expect((await consentAndEnrol(self[1], fx.members[1].id, ['bbt/amy/amy1.png', 'bbt/amy/amy2.png'])).status).toBe(201);
    expect((await frame('bbt/amy/amy3.png')).faces[0]).toMatchObject({ delegate: { fullName: fx.members[1].fullName } });
    // the consent was given to an older notice: the one in force is newer
    await t.dataSource.query(`INSERT INTO face_notices (version, sha256, text, in_force_from) VALUES ('2025-01', repeat('a', 64), 'old', now() - interval '400 days')`);
    await t.dataSource.query(`UPDATE face_consents SET notice_version = '2025-01' WHERE delegate_id = $1 AND withdrawn_at IS NULL`, [fx.members[1].id]);
    const status = await self[1].get<{ active: boolean; authorisesCheckIn: boolean; reconsentRequired: boolean }>(`${face(fx.members[1].id)}/consent`);
    expect(status.body).toMatchObject({ active: true, authorisesCheckIn: false, reconsentRequired: true });
    // the change was written behind the API's back: the meeting's gallery re-checks its consents every 2 s
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await frame('bbt/amy/amy4.png')).faces[0]).toMatchObject({ status: 'unrecognised' });
    expect(await descriptors(fx.members[1].id)).toBe(2);
    // re-consent to the notice in force: matched again, the old consent superseded
    const again = await self[1].post<{ authorisesCheckIn: boolean }>(`${face(fx.members[1].id)}/consent`, { noticeVersion: NOTICE_VERSION });
    expect(again.status).toBe(201);
    expect(again.body.authorisesCheckIn).toBe(true);
    expect((await frame('bbt/amy/amy5.png')).faces[0]).toMatchObject({ delegate: { fullName: fx.members[1].fullName } });
    const rows = await t.dataSource.getRepository(FaceConsentEntity).find({ where: { delegateId: fx.members[1].id }, order: { givenAt: 'ASC' } });
    expect(rows.map((r) => r.endReason)).toEqual(['superseded', null]);
    // members[3] keeps an old consent past the grace period: deleted by the retention job
    expect((await consentAndEnrol(self[3], fx.members[3].id, ['bbt/raj/raj1.png'])).status).toBe(201);
    await t.dataSource.query(`UPDATE face_consents SET notice_version = '2025-01' WHERE delegate_id = $1 AND withdrawn_at IS NULL`, [fx.members[3].id]);
    t.app.get(Clock).advance(11 * DAY);
    const pass = await retention().run();
    expect(pass.noticeExpired).toBe(1);
    expect(await descriptors(fx.members[3].id)).toBe(0);
    expect(await descriptors(fx.members[1].id)).toBe(2);
  });

  it('retention: a deactivated delegate is gone; an idle one is gone after FACE_RETENTION_DAYS; counted in /api/health; audited', async () => {
    expect((await self[3].post(`${face(fx.members[3].id)}/consent`, { noticeVersion: NOTICE_VERSION })).status).toBe(201);
    expect((await self[3].post(`${face(fx.members[3].id)}/enrolments`, photoForm(sharedPhotos(['bbt/raj/raj2.png'])))).status).toBe(201);
    await t.dataSource.query(`UPDATE delegates SET active = false WHERE id = $1`, [fx.members[3].id]);
    const first = await retention().run();
    expect(first.deactivated).toBe(1);
    expect(await descriptors(fx.members[3].id)).toBe(0);
    expect(await descriptors(fx.members[0].id)).toBe(2);
    // nobody idle yet
    expect((await retention().run()).idle).toBe(0);
    t.app.get(Clock).advance((RETENTION_DAYS + 1) * DAY);
    const idle = await retention().run();
    expect(idle.idle).toBeGreaterThanOrEqual(2);
    expect(await descriptors(fx.members[0].id)).toBe(0);
    expect(await descriptors(fx.members[1].id)).toBe(0);
    const audit = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { action: 'face_retention.deleted' } });
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.every((a) => a.actorId === null)).toBe(true);
    const health = await new HttpClient(t.url).get<{ components: Record<string, { totals: { deactivated: number; idle: number; noticeExpired: number } }> }>('/api/health');
    expect(health.body.components.faceRetention.totals).toMatchObject({ deactivated: 1, noticeExpired: 1 });
    expect(health.body.components.faceRetention.totals.idle).toBeGreaterThanOrEqual(2);
  });

  it('the data export holds profile, consents, enrolment dates and check-ins, never descriptor bytes; JSON and PDF; audited', async () => {
    expect((await consentAndEnrol(self[2], fx.members[2].id, ['bbt/penny/penny1.png', 'bbt/penny/penny2.png'])).status).toBe(201);
    await t.dataSource.query(`INSERT INTO attendance_records (meeting_id, delegate_id, status, method, checked_in_at) VALUES ($1, $2, 'present', 'manual', now())`, [fx.meeting.id, fx.members[2].id]);
    const res = await self[2].get<{ profile: { fullName: string }; consents: unknown[]; biometrics: { descriptorCount: number; enrolments: { enrolledAt: string }[] }; checkIns: { meetingTitle: string; method: string }[] }>(`/api/delegates/${fx.members[2].id}/privacy/export`);
    expect(res.status).toBe(200);
    expect(res.body.profile.fullName).toBe(fx.members[2].fullName);
    expect(res.body.consents.length).toBeGreaterThan(0);
    expect(res.body.biometrics.descriptorCount).toBe(2);
    expect(res.body.biometrics.enrolments).toHaveLength(2);
    expect(res.body.checkIns).toEqual([expect.objectContaining({ meetingTitle: fx.meeting.title, method: 'manual' })]);
    const raw = JSON.stringify(res.body);
    expect(raw).not.toMatch(/"descriptor"|\\x|bytea/);
    expect(imageDataIn(res.body)).toBeNull();
    const pdf = await self[2].get<Buffer>(`/api/delegates/${fx.members[2].id}/privacy/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await self[0].get(`/api/delegates/${fx.members[2].id}/privacy/export`)).status).toBe(403);
    const audit = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { action: 'personal_data.exported', entityId: fx.members[2].id } });
    expect(audit).toHaveLength(2);
    expect(audit[0].actorId).not.toBeNull();
  });

  it('biometric erasure is immediate and audited; other requests wait for the admin with their legal deadlines', async () => {
    const erase = await self[2].post<{ descriptorsDeleted: number; consentEnded: boolean }>(`/api/delegates/${fx.members[2].id}/privacy/biometric-erasure`, {});
    expect(erase.status).toBe(200);
    expect(erase.body).toMatchObject({ descriptorsDeleted: 2, consentEnded: true });
    expect(await descriptors(fx.members[2].id)).toBe(0);
    expect(await t.dataSource.getRepository(AuditEntryEntity).count({ where: { action: 'face_biometrics.erased', entityId: fx.members[2].id } })).toBe(1);
    const filed = await self[2].post<{ id: string; status: string; responseDueAt: string; dueAt: string }>(`/api/delegates/${fx.members[2].id}/privacy/requests`, { kind: 'correction', details: 'Sửa chức vụ' });
    expect(filed.status).toBe(201);
    expect(filed.body.status).toBe('pending');
    expect(new Date(filed.body.dueAt).getTime()).toBeGreaterThan(new Date(filed.body.responseDueAt).getTime());
    const bad = await self[2].post<ErrorShape>(`/api/delegates/${fx.members[2].id}/privacy/requests`, { kind: 'export', details: 'x' });
    expect(bad.status).toBe(400);
    const list = await admin.get<{ id: string; status: string; delegateName: string }[]>('/api/privacy/requests?pending=true');
    expect(list.body.map((r) => r.id)).toContain(filed.body.id);
    expect((await self[2].get('/api/privacy/requests')).status).toBe(403);
    const done = await admin.post<{ status: string }>(`/api/privacy/requests/${filed.body.id}/resolve`, { status: 'done', outcome: 'Đã sửa' });
    expect(done.body.status).toBe('done');
    expect((await admin.get<unknown[]>('/api/privacy/requests?pending=true')).body).toHaveLength(0);
  });

  it('the record of processing comes from the configuration, as JSON and PDF, for the admin only', async () => {
    const rec = await admin.get<{ controller: string; activities: { dataCategory: string; retention: string; storage: string }[]; processors: { name: string; configured: boolean }[]; securityMeasures: string[] }>('/api/privacy/processing-record');
    expect(rec.status).toBe(200);
    expect(rec.body.controller).toBe(t.config.face.controller);
    const sensitive = rec.body.activities.find((a) => a.dataCategory === 'sensitive')!;
    expect(sensitive.retention).toContain(`${RETENTION_DAYS} ngày`);
    expect(sensitive.storage).toContain('AES-256-GCM');
    expect(rec.body.processors.map((p) => p.name).join(' ')).toMatch(/SMTP.*LiveKit/);
    expect(rec.body.processors.find((p) => p.name.includes('LiveKit'))!.configured).toBe(t.config.livekit !== null);
    const pdf = await admin.get<Buffer>('/api/privacy/processing-record.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await secretary.get('/api/privacy/processing-record')).status).toBe(403);
  });

  async function unrecognisedMetric(): Promise<number> {
    const text = await (await fetch(`${t.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('face_unrecognised_faces_total'));
    return line ? Number(line.split(' ')[1]) : 0;
  }
});
