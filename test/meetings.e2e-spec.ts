import { createHash } from 'node:crypto';
import { Role } from '#core';
import { BodyMemberEntity, type BodyEntity, type DelegateEntity } from '#delegates';
import { AgendaItemEntity, MeetingDocumentEntity, MeetingEntity, MeetingEvents, MeetingInvitationEntity, MeetingStatus, type MeetingStatusChangedEvent } from '#meetings';
import { minimalPdf } from './factories/pdf.factory.js';
import { createBody, createDelegate } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Detail {
  id: string;
  status: MeetingStatus;
  title: string;
  body: { id: string; name: string };
  counts: { invited: number; members: number; guests: number; voters: number; agendaItems: number; documents: number };
  bodyMemberCount: number;
  quorum: { numerator: number; denominator: number; required: number };
  agenda: { id: string; position: number; title: string }[];
  documents: { id: string; filename: string; sha256: string; sizeBytes: number }[];
  myInvitation: { kind: string; canVote: boolean } | null;
}
interface Summary {
  id: string;
  status: MeetingStatus;
  startsAt: string;
}
interface Doc {
  id: string;
  filename: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

const MAX_DOC = 2048;
const inHours = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

describe('meetings', () => {
  let t: TestApp;
  let body: BodyEntity;
  let members: DelegateEntity[];
  let nonVoter: DelegateEntity;
  let inactive: DelegateEntity;
  let outsider: DelegateEntity;
  let admin: HttpClient;
  let secretary: HttpClient;
  let chair: HttpClient;
  let observer: HttpClient;
  let invitedDelegate: HttpClient;
  let outsiderDelegate: HttpClient;
  const events: MeetingStatusChangedEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp({ DOCUMENT_MAX_BYTES: String(MAX_DOC) });
    ({ body, delegates: members } = await createBody(t.dataSource, 2));
    nonVoter = await createDelegate(t.dataSource, { hasVotingRight: false });
    inactive = await createDelegate(t.dataSource, { active: false });
    outsider = await createDelegate(t.dataSource);
    await t.dataSource.getRepository(BodyMemberEntity).save([
      { bodyId: body.id, delegateId: nonVoter.id, position: 'Ủy viên' },
      { bodyId: body.id, delegateId: inactive.id, position: 'Ủy viên' },
    ]);
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    chair = (await clientAs(t.dataSource, t.url, Role.Chair, { delegateId: members[0].id })).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
    invitedDelegate = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: members[1].id })).http;
    outsiderDelegate = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: outsider.id })).http;
    t.app.get(MeetingEvents).on('status-changed', (e) => void events.push(e));
  });
  afterAll(async () => {
    await t.close();
  });

  const create = async (over: Record<string, unknown> = {}): Promise<Detail> => {
    const res = await secretary.post<Detail>('/api/meetings', { bodyId: body.id, title: 'Phiên họp thường kỳ tháng 12', location: 'Phòng họp tầng 3', startsAt: inHours(24), endsAt: inHours(27), mode: 'hybrid', ...over });
    expect(res.status).toBe(201);
    return res.body;
  };
  const moveTo = async (id: string, ...path: MeetingStatus[]): Promise<void> => {
    // the quorum guard is tested in meeting-preparation.e2e-spec.ts; here the path is what is tested
    for (const status of path) expect((await secretary.post(`/api/meetings/${id}/status`, { status, ...(status === MeetingStatus.InSession ? { confirmBelowQuorum: true } : {}) })).status).toBe(200);
  };
  const upload = (http: HttpClient, meetingId: string, content: Buffer, filename = 'Tờ trình số 12.pdf', type = 'application/pdf', fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type }), filename);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return http.post<Doc & ErrorShape>(`/api/meetings/${meetingId}/documents`, form);
  };

  describe('create', () => {
    it('creates a draft and invites every active member of the body, voting right from the registry', async () => {
      const m = await create({ agenda: [{ title: 'Báo cáo kinh tế - xã hội' }, { title: 'Kế hoạch đầu tư công', presenter: 'Sở KH&ĐT' }], quorumNumerator: 1, quorumDenominator: 2 });
      expect(m.status).toBe(MeetingStatus.Draft);
      expect(m.body).toEqual({ id: body.id, name: body.name, kind: 'other' });
      expect(m.agenda.map((a) => [a.position, a.title])).toEqual([
        [1, 'Báo cáo kinh tế - xã hội'],
        [2, 'Kế hoạch đầu tư công'],
      ]);
      const rows = await t.dataSource.getRepository(MeetingInvitationEntity).find({ where: { meetingId: m.id } });
      const byDelegate = new Map(rows.map((r) => [r.delegateId, r]));
      expect(rows).toHaveLength(3);
      expect(byDelegate.get(members[0].id)).toMatchObject({ kind: 'member', canVote: true });
      expect(byDelegate.get(nonVoter.id)).toMatchObject({ kind: 'member', canVote: false });
      expect(byDelegate.has(inactive.id)).toBe(false);
      expect(m.bodyMemberCount).toBe(3);
      expect(m.quorum).toEqual({ numerator: 1, denominator: 2, required: 2 });
      expect(m.counts).toMatchObject({ invited: 3, members: 3, guests: 0, voters: 2, agendaItems: 2 });
    });

    it('rejects bad input with 4xx and writes nothing', async () => {
      const before = await t.dataSource.getRepository(MeetingEntity).count();
      const ok = { bodyId: body.id, title: 'Họp', startsAt: inHours(1), endsAt: inHours(2) };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...ok, endsAt: inHours(0.5) }, 'endsAt'],
        [{ ...ok, bodyId: '00000000-0000-4000-8000-000000000000' }, 'bodyId'],
        [{ ...ok, bodyId: 'not-a-uuid' }, 'bodyId'],
        [{ ...ok, title: 'x'.repeat(501) }, 'title'],
        [{ ...ok, title: 42 }, 'title'],
        [{ ...ok, title: '   ' }, 'title'],
        [{ ...ok, startsAt: 'tomorrow' }, 'startsAt'],
        [{ ...ok, mode: 'telepathy' }, 'mode'],
        [{ ...ok, quorumNumerator: 4, quorumDenominator: 3 }, 'quorumNumerator'],
        [{ ...ok, quorumNumerator: 0, quorumDenominator: 3 }, 'quorumNumerator'],
        [{ ...ok, quorumNumerator: 2 }, 'quorumDenominator'],
        [{ ...ok, agenda: [{ description: 'no title' }] }, 'agenda.0.title'],
        [{ ...ok, status: 'open' }, 'status'],
        [{ title: 'Họp' }, 'bodyId'],
      ];
      for (const [payload, field] of cases) {
        const res = await secretary.post<ErrorShape>('/api/meetings', payload);
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(JSON.stringify(res.body.error.details)).toContain(field);
      }
      expect((await invitedDelegate.post('/api/meetings', ok)).status).toBe(403);
      expect((await chair.post('/api/meetings', ok)).status).toBe(403);
      expect(await t.dataSource.getRepository(MeetingEntity).count()).toBe(before);
    });
  });

  describe('visibility', () => {
    it('hides drafts from delegates and observers, shows invited delegates their meetings, never others', async () => {
      const m = await create();
      for (const http of [admin, secretary, chair]) expect((await http.get(`/api/meetings/${m.id}`)).status).toBe(200);
      for (const http of [invitedDelegate, observer, outsiderDelegate]) {
        const res = await http.get<ErrorShape>(`/api/meetings/${m.id}`);
        expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
        expect((await http.get<Summary[]>('/api/meetings')).body.map((s) => s.id)).not.toContain(m.id);
      }
      await moveTo(m.id, MeetingStatus.Scheduled);
      const mine = await invitedDelegate.get<Detail>(`/api/meetings/${m.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.myInvitation).toEqual({ kind: 'member', canVote: true });
      expect((await invitedDelegate.get<Summary[]>('/api/meetings')).body.map((s) => s.id)).toContain(m.id);
      expect((await observer.get<Detail>(`/api/meetings/${m.id}`)).body.myInvitation).toBeNull();
      expect((await observer.get<Summary[]>('/api/meetings')).body.map((s) => s.id)).toContain(m.id);
      expect((await outsiderDelegate.get(`/api/meetings/${m.id}`)).status).toBe(404);
      expect((await outsiderDelegate.get<Summary[]>('/api/meetings')).body.map((s) => s.id)).not.toContain(m.id);
      expect((await outsiderDelegate.get(`/api/meetings/${m.id}/documents`)).status).toBe(404);
    });

    it('filters by status, body and time and sorts by start', async () => {
      const late = await create({ startsAt: inHours(500), endsAt: inHours(501) });
      const early = await create({ startsAt: inHours(400), endsAt: inHours(401) });
      const { body: other } = await createBody(t.dataSource, 1);
      const elsewhere = await create({ bodyId: other.id, startsAt: inHours(450), endsAt: inHours(451) });
      const res = await admin.get<Summary[]>(`/api/meetings?from=${encodeURIComponent(inHours(300))}&to=${encodeURIComponent(inHours(600))}`);
      expect(res.body.map((s) => s.id)).toEqual([early.id, elsewhere.id, late.id]);
      const byBody = await admin.get<Summary[]>(`/api/meetings?bodyId=${other.id}`);
      expect(byBody.body.map((s) => s.id)).toEqual([elsewhere.id]);
      await moveTo(late.id, MeetingStatus.Scheduled);
      const scheduled = await admin.get<Summary[]>(`/api/meetings?status=scheduled&from=${encodeURIComponent(inHours(300))}`);
      expect(scheduled.body.map((s) => s.id)).toEqual([late.id]);
      expect((await admin.get<ErrorShape>('/api/meetings?status=nope')).status).toBe(400);
      expect((await admin.get<ErrorShape>('/api/meetings?bodyId=1')).status).toBe(400);
      expect((await admin.get<ErrorShape>('/api/meetings/not-a-uuid')).body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('status', () => {
    it('allows only legal transitions, reports from/to, and emits an event per change', async () => {
      const m = await create();
      const bad = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'open' });
      expect(bad.status).toBe(409);
      expect(bad.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'draft', to: 'open' } });
      expect((await invitedDelegate.post(`/api/meetings/${m.id}/status`, { status: 'scheduled' })).status).toBe(403);
      expect((await secretary.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'finished' })).status).toBe(400);
      await moveTo(m.id, MeetingStatus.Scheduled, MeetingStatus.Draft, MeetingStatus.Scheduled);
      const byChair = await chair.post<Detail>(`/api/meetings/${m.id}/status`, { status: 'open' });
      expect([byChair.status, byChair.body.status]).toEqual([200, 'open']);
      expect((await secretary.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'draft' })).body.error.details).toEqual({ from: 'open', to: 'draft' });
      await moveTo(m.id, MeetingStatus.InSession, MeetingStatus.Closed);
      expect((await t.dataSource.getRepository(MeetingEntity).findOneByOrFail({ id: m.id })).status).toBe(MeetingStatus.Closed);
      expect(events.filter((e) => e.meetingId === m.id).map((e) => `${e.from}>${e.to}`)).toEqual([
        'draft>scheduled',
        'scheduled>draft',
        'draft>scheduled',
        'scheduled>open',
        'open>in_session',
        'in_session>closed',
      ]);
      const closedAgain = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'closed' });
      expect(closedAgain.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'closed', to: 'closed' } });
    });

    it('lets exactly one of two concurrent identical transitions win', async () => {
      for (let round = 0; round < 3; round++) {
        const m = await create();
        await moveTo(m.id, MeetingStatus.Scheduled);
        const before = events.length;
        const results = await Promise.all([secretary, admin, chair].map((h) => h.post<ErrorShape>(`/api/meetings/${m.id}/status`, { status: 'open' })));
        expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
        for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('ILLEGAL_TRANSITION');
        expect(events.slice(before).filter((e) => e.meetingId === m.id)).toHaveLength(1);
      }
    });

    it('edits only while draft or scheduled; no invitation, agenda or document change once closed', async () => {
      const m = await create();
      const edited = await secretary.patch<Detail>(`/api/meetings/${m.id}`, { title: 'Phiên họp chuyên đề', quorumNumerator: 3, quorumDenominator: 4 });
      expect([edited.status, edited.body.title, edited.body.quorum.numerator]).toEqual([200, 'Phiên họp chuyên đề', 3]);
      const badTimes = await secretary.patch<ErrorShape>(`/api/meetings/${m.id}`, { endsAt: inHours(1) });
      expect([badTimes.status, badTimes.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await secretary.patch<ErrorShape>(`/api/meetings/${m.id}`, { bodyId: body.id })).status).toBe(400);
      expect((await chair.patch(`/api/meetings/${m.id}`, { title: 'x' })).status).toBe(403);
      await moveTo(m.id, MeetingStatus.Scheduled, MeetingStatus.Open);
      const locked = await secretary.patch<ErrorShape>(`/api/meetings/${m.id}`, { title: 'Muộn' });
      expect(locked.status).toBe(409);
      expect(locked.body.error).toMatchObject({ code: 'MEETING_LOCKED', details: { status: 'open' } });
      await moveTo(m.id, MeetingStatus.InSession, MeetingStatus.Closed);
      const agendaItem = m.agenda[0]?.id ?? '00000000-0000-4000-8000-000000000000';
      const attempts = [
        await secretary.post<ErrorShape>(`/api/meetings/${m.id}/invitations`, { delegateId: outsider.id, kind: 'guest' }),
        await secretary.delete<ErrorShape>(`/api/meetings/${m.id}/invitations/${members[0].id}`),
        await secretary.post<ErrorShape>(`/api/meetings/${m.id}/agenda`, { title: 'Muộn' }),
        await secretary.patch<ErrorShape>(`/api/meetings/${m.id}/agenda/${agendaItem}`, { title: 'Muộn' }),
        await upload(secretary, m.id, minimalPdf('late')),
      ];
      for (const r of attempts) expect([r.status, r.body.error.code]).toEqual([409, 'MEETING_LOCKED']);
      expect(await t.dataSource.getRepository(MeetingInvitationEntity).countBy({ meetingId: m.id })).toBe(3);
      expect(await t.dataSource.getRepository(MeetingDocumentEntity).countBy({ meetingId: m.id })).toBe(0);
    });
  });

  describe('invitations', () => {
    it('invites guests without a vote, members only from the body, once each; staff read the list', async () => {
      const m = await create();
      const guest = await secretary.post<{ delegateId: string; kind: string; canVote: boolean }>(`/api/meetings/${m.id}/invitations`, { delegateId: outsider.id, kind: 'guest' });
      expect(guest.status).toBe(201);
      expect(guest.body).toMatchObject({ delegateId: outsider.id, kind: 'guest', canVote: false });
      expect(await t.dataSource.getRepository(MeetingInvitationEntity).findOneByOrFail({ meetingId: m.id, delegateId: outsider.id })).toMatchObject({ kind: 'guest', canVote: false });
      const again = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/invitations`, { delegateId: outsider.id, kind: 'guest' });
      expect([again.status, again.body.error.code]).toEqual([409, 'DUPLICATE']);
      const notMember = await createDelegate(t.dataSource);
      const asMember = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/invitations`, { delegateId: notMember.id, kind: 'member' });
      expect([asMember.status, asMember.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await secretary.post(`/api/meetings/${m.id}/invitations`, { delegateId: '00000000-0000-4000-8000-000000000000', kind: 'guest' })).status).toBe(400);
      expect((await secretary.post(`/api/meetings/${m.id}/invitations`, { delegateId: outsider.id, kind: 'vip' })).status).toBe(400);
      expect((await secretary.post(`/api/meetings/${m.id}/invitations`, { delegateId: inactive.id, kind: 'guest' })).status).toBe(400);
      const list = await chair.get<{ delegateId: string; kind: string }[]>(`/api/meetings/${m.id}/invitations`);
      expect(list.body.map((i) => i.kind)).toEqual(['member', 'member', 'member', 'guest']);
      expect((await invitedDelegate.get(`/api/meetings/${m.id}/invitations`)).status).toBe(403);
      expect((await secretary.delete(`/api/meetings/${m.id}/invitations/${outsider.id}`)).status).toBe(204);
      expect((await secretary.delete<ErrorShape>(`/api/meetings/${m.id}/invitations/${outsider.id}`)).status).toBe(404);
      expect(await t.dataSource.getRepository(MeetingInvitationEntity).countBy({ meetingId: m.id })).toBe(3);
    });
  });

  describe('agenda', () => {
    it('appends, edits, removes (closing the gap) and reorders by permutation only', async () => {
      const m = await create({ agenda: [{ title: 'A' }, { title: 'B' }, { title: 'C' }] });
      const [a, b, c] = m.agenda.map((x) => x.id);
      const d = await secretary.post<{ id: string; position: number }>(`/api/meetings/${m.id}/agenda`, { title: 'D', description: 'Thảo luận' });
      expect([d.status, d.body.position]).toEqual([201, 4]);
      expect((await secretary.patch<{ title: string }>(`/api/meetings/${m.id}/agenda/${b}`, { title: 'B′' })).body.title).toBe('B′');
      expect((await secretary.delete(`/api/meetings/${m.id}/agenda/${a}`)).status).toBe(204);
      const positions = async (): Promise<[string, number][]> =>
        (await t.dataSource.getRepository(AgendaItemEntity).find({ where: { meetingId: m.id }, order: { position: 'ASC' } })).map((x) => [x.title, x.position]);
      expect(await positions()).toEqual([
        ['B′', 1],
        ['C', 2],
        ['D', 3],
      ]);
      const reordered = await secretary.put<{ id: string; position: number }[]>(`/api/meetings/${m.id}/agenda/order`, { itemIds: [d.body.id, b, c] });
      expect(reordered.status).toBe(200);
      expect(reordered.body.map((x) => x.id)).toEqual([d.body.id, b, c]);
      expect(await positions()).toEqual([
        ['D', 1],
        ['B′', 2],
        ['C', 3],
      ]);
      for (const itemIds of [[b, c], [d.body.id, b, c, a], [b, b, c], [d.body.id, b, 'x'], []]) {
        const res = await secretary.put<ErrorShape>(`/api/meetings/${m.id}/agenda/order`, { itemIds });
        expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await positions()).toEqual([
        ['D', 1],
        ['B′', 2],
        ['C', 3],
      ]);
      expect((await chair.post(`/api/meetings/${m.id}/agenda`, { title: 'E' })).status).toBe(403);
      expect((await secretary.post(`/api/meetings/${m.id}/agenda`, { title: 'x'.repeat(501) })).status).toBe(400);
      expect((await secretary.patch(`/api/meetings/${m.id}/agenda/${a}`, { title: 'gone' })).status).toBe(404);
      const detail = await admin.get<Detail>(`/api/meetings/${m.id}`);
      expect(detail.body.agenda.map((x) => [x.title, x.position])).toEqual([
        ['D', 1],
        ['B′', 2],
        ['C', 3],
      ]);
    });
  });

  describe('documents', () => {
    it('stores a PDF with its checksum and serves the same bytes to staff and invited delegates only', async () => {
      const m = await create({ agenda: [{ title: 'Tờ trình' }] });
      await moveTo(m.id, MeetingStatus.Scheduled);
      const pdf = minimalPdf('round trip');
      const sha = createHash('sha256').update(pdf).digest('hex');
      const up = await upload(secretary, m.id, pdf, 'Tờ trình số 12/TTr-UBND.pdf', 'application/octet-stream', { agendaItemId: m.agenda[0].id });
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ sha256: sha, sizeBytes: pdf.length, contentType: 'application/pdf', filename: 'TTr-UBND.pdf' });
      const named = await upload(secretary, m.id, minimalPdf('named'), 'Báo cáo kinh tế - xã hội.pdf');
      expect(named.body.filename).toBe('Báo cáo kinh tế - xã hội.pdf');
      const row = await t.dataSource.getRepository(MeetingDocumentEntity).findOneByOrFail({ id: up.body.id });
      expect(row).toMatchObject({ meetingId: m.id, agendaItemId: m.agenda[0].id, sha256: sha });

      for (const http of [admin, secretary, chair, invitedDelegate]) {
        const res = await http.get<Buffer>(`/api/meetings/${m.id}/documents/${named.body.id}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('etag')).toBe(`"${named.body.sha256}"`);
        expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo kinh tế - xã hội.pdf')}`);
        expect(createHash('sha256').update(res.body).digest('hex')).toBe(named.body.sha256);
      }
      const denied = await observer.get<ErrorShape>(`/api/meetings/${m.id}/documents/${up.body.id}`);
      expect([denied.status, denied.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await outsiderDelegate.get(`/api/meetings/${m.id}/documents/${up.body.id}`)).status).toBe(404);
      // metadata is visible to whoever sees the meeting
      const list = await observer.get<Doc[]>(`/api/meetings/${m.id}/documents`);
      expect(list.body.map((d) => d.id).sort()).toEqual([up.body.id, named.body.id].sort());
      expect((await invitedDelegate.get<Detail>(`/api/meetings/${m.id}`)).body.documents).toHaveLength(2);

      expect((await invitedDelegate.delete(`/api/meetings/${m.id}/documents/${up.body.id}`)).status).toBe(403);
      expect((await secretary.delete(`/api/meetings/${m.id}/documents/${up.body.id}`)).status).toBe(204);
      expect((await secretary.get(`/api/meetings/${m.id}/documents/${up.body.id}`)).status).toBe(404);
      expect(await t.dataSource.getRepository(MeetingDocumentEntity).countBy({ meetingId: m.id })).toBe(1);
    });

    it('refuses what is not a PDF, whatever its name or type, and bad fields', async () => {
      const m = await create({ agenda: [{ title: 'X' }] });
      const fake = await upload(secretary, m.id, Buffer.from('PK\u0003\u0004 this is a zip'), 'bao-cao.pdf', 'application/pdf');
      expect([fake.status, fake.body.error.code]).toEqual([415, 'INVALID_FILE']);
      const empty = await upload(secretary, m.id, Buffer.alloc(0), 'empty.pdf');
      expect([empty.status, empty.body.error.code]).toEqual([415, 'INVALID_FILE']);
      const noFile = await secretary.post<ErrorShape>(`/api/meetings/${m.id}/documents`, {});
      expect([noFile.status, noFile.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const otherItem = await upload(secretary, m.id, minimalPdf('x'), 'a.pdf', 'application/pdf', { agendaItemId: '00000000-0000-4000-8000-000000000000' });
      expect(otherItem.status).toBe(400);
      const badField = await upload(secretary, m.id, minimalPdf('y'), 'a.pdf', 'application/pdf', { agendaItemId: 'nope' });
      expect(badField.status).toBe(400);
      const extra = await upload(secretary, m.id, minimalPdf('z'), 'a.pdf', 'application/pdf', { owner: 'me' });
      expect(extra.status).toBe(400);
      expect(await t.dataSource.getRepository(MeetingDocumentEntity).countBy({ meetingId: m.id })).toBe(0);
    });

    it('stops oversized uploads with 413, including a 200 MB stream, without storing anything', async () => {
      const m = await create();
      const big = Buffer.concat([minimalPdf('big'), Buffer.alloc(MAX_DOC, 0x20)]);
      const tooBig = await upload(secretary, m.id, big);
      expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

      const boundary = 'dh-boundary-7f3a';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const total = 200;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(head);
          if (sent < total) controller.enqueue(chunk);
          else {
            controller.enqueue(tail);
            controller.close();
          }
          sent++;
        },
      });
      const token = (secretary as unknown as { token: string }).token;
      const res = await fetch(`${t.url}/api/meetings/${m.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: stream,
        duplex: 'half',
      } as RequestInit & { duplex: 'half' });
      expect(res.status).toBe(413);
      expect(((await res.json()) as ErrorShape).error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await t.dataSource.getRepository(MeetingDocumentEntity).countBy({ meetingId: m.id })).toBe(0);
      // the server is still fine afterwards
      expect((await upload(secretary, m.id, minimalPdf('after'))).status).toBe(201);
    });
  });
});
