import type { ConclusionView, TaskView, UnitView } from '#assignments';
import { AssignmentTaskEntity } from '#assignments';
import { Role } from '#core';
import { MeetingStatus } from '#meetings';
import { createUnit } from './factories/assignments.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

describe('conclusions and assigned tasks', () => {
  let t: TestApp;
  let admin: HttpClient;
  let secretary: HttpClient;
  let observer: HttpClient;
  let meetingId: string;
  let otherMeetingId: string;
  let agendaItemIds: string[];
  let otherAgendaItemId: string;
  let delegateIds: string[];

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER_INTERVAL_SECONDS: '0' });
    const made = await createBody(t.dataSource, 4);
    delegateIds = made.delegates.map((d) => d.id);
    const m = await createMeeting(t.dataSource, made.body.id, made.delegates, { status: MeetingStatus.InSession }, 3);
    meetingId = m.meeting.id;
    agendaItemIds = m.agendaItems.map((a) => a.id);
    const other = await createMeeting(t.dataSource, made.body.id, made.delegates, {}, 1);
    otherMeetingId = other.meeting.id;
    otherAgendaItemId = other.agendaItems[0].id;
    admin = (await clientAs(t.dataSource, t.url, Role.Admin)).http;
    secretary = (await clientAs(t.dataSource, t.url, Role.Secretary)).http;
    observer = (await clientAs(t.dataSource, t.url, Role.Observer)).http;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('units registry', () => {
    it('admin creates units with a unique code and a parent, adds a delegate; cycles and duplicates are refused', async () => {
      const parent = await admin.post<UnitView>('/api/units', { code: 'UBND-HN', name: 'Ủy ban nhân dân Thành phố Hà Nội' });
      expect(parent.status).toBe(201);
      const child = await admin.post<UnitView>('/api/units', { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', parentId: parent.body.id });
      expect(child.status).toBe(201);
      expect(child.body.parentId).toBe(parent.body.id);

      const dup = await admin.post<ErrorShape>('/api/units', { code: 'STTTT', name: 'Trùng mã' });
      expect(dup.status).toBe(409);
      expect(dup.body.error.code).toBe('DUPLICATE');
      const cycle = await admin.patch<ErrorShape>(`/api/units/${parent.body.id}`, { parentId: child.body.id });
      expect(cycle.status).toBe(409);
      expect(cycle.body.error.code).toBe('UNIT_CYCLE');
      const badCode = await admin.post<ErrorShape>('/api/units', { code: 'có dấu', name: 'x' });
      expect(badCode.status).toBe(400);

      const added = await admin.post<UnitView>(`/api/units/${child.body.id}/members`, { delegateId: delegateIds[0] });
      expect(added.status).toBe(201);
      expect(added.body.memberDelegateIds).toEqual([delegateIds[0]]);
      // one unit per delegate: adding elsewhere moves them
      const moved = await admin.post<UnitView>(`/api/units/${parent.body.id}/members`, { delegateId: delegateIds[0] });
      expect(moved.body.memberDelegateIds).toEqual([delegateIds[0]]);
      expect((await admin.get<UnitView>(`/api/units/${child.body.id}`)).body.memberDelegateIds).toEqual([]);
      expect((await admin.delete(`/api/units/${parent.body.id}/members/${delegateIds[0]}`)).status).toBe(204);

      const list = await secretary.get<UnitView[]>('/api/units');
      expect(list.body.map((u) => u.code)).toEqual(expect.arrayContaining(['UBND-HN', 'STTTT']));
      expect((await admin.delete(`/api/units/${child.body.id}`)).status).toBe(204);
      expect((await admin.get(`/api/units/${child.body.id}`)).status).toBe(404);
    });
  });

  describe('conclusions', () => {
    it('secretary records conclusions per agenda item in order, edits, reorders and removes them', async () => {
      const base = `/api/meetings/${meetingId}/conclusions`;
      const a = await secretary.post<ConclusionView>(base, { agendaItemId: agendaItemIds[0], text: '  Thống nhất thông qua Tờ trình về Đề án chuyển đổi số.  ' });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ position: 1, text: 'Thống nhất thông qua Tờ trình về Đề án chuyển đổi số.', agendaItem: { id: agendaItemIds[0], position: 1, title: 'Nội dung 1' }, tasks: [] });
      const b = await secretary.post<ConclusionView>(base, { text: 'Kết luận chung của Chủ tịch.' });
      const c = await secretary.post<ConclusionView>(base, { agendaItemId: agendaItemIds[1], text: 'Giao Sở Tài chính rà soát nguồn vốn.' });
      expect([b.body.position, c.body.position]).toEqual([2, 3]);
      expect(b.body.agendaItem).toBeNull();

      const edited = await secretary.patch<ConclusionView>(`${base}/${b.body.id}`, { agendaItemId: agendaItemIds[2], text: 'Kết luận về nội dung 3.' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ agendaItemId: agendaItemIds[2], text: 'Kết luận về nội dung 3.' });

      const reordered = await secretary.put<ConclusionView[]>(`${base}/order`, { conclusionIds: [c.body.id, a.body.id, b.body.id] });
      expect(reordered.status).toBe(200);
      expect(reordered.body.map((x) => [x.id, x.position])).toEqual([
        [c.body.id, 1],
        [a.body.id, 2],
        [b.body.id, 3],
      ]);
      const partial = await secretary.put<ErrorShape>(`${base}/order`, { conclusionIds: [c.body.id, a.body.id] });
      expect(partial.status).toBe(400);

      expect((await secretary.delete(`${base}/${c.body.id}`)).status).toBe(204);
      const list = await secretary.get<ConclusionView[]>(base);
      expect(list.body.map((x) => [x.id, x.position])).toEqual([
        [a.body.id, 1],
        [b.body.id, 2],
      ]);
    });

    it('refuses an agenda item of another meeting, blank text, and writes by non-staff', async () => {
      const base = `/api/meetings/${meetingId}/conclusions`;
      const mismatch = await secretary.post<ErrorShape>(base, { agendaItemId: otherAgendaItemId, text: 'x' });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.error.code).toBe('AGENDA_ITEM_MISMATCH');
      const blank = await secretary.post<ErrorShape>(base, { text: '   ' });
      expect(blank.status).toBe(400);
      expect(blank.body.error.code).toBe('VALIDATION_FAILED');
      const byObserver = await observer.post<ErrorShape>(base, { text: 'Không được phép' });
      expect(byObserver.status).toBe(403);
      const unknownMeeting = await secretary.post<ErrorShape>('/api/meetings/00000000-0000-4000-8000-00000000abcd/conclusions', { text: 'x' });
      expect(unknownMeeting.status).toBe(404);
      // the other meeting has no conclusions: lists are per meeting
      expect((await secretary.get<ConclusionView[]>(`/api/meetings/${otherMeetingId}/conclusions`)).body).toEqual([]);
    });
  });

  describe('assigning tasks', () => {
    it('a task needs exactly one lead unit: the API refuses none or several, the database refuses a null lead', async () => {
      const lead = await createUnit(t.dataSource);
      const coop = await createUnit(t.dataSource);
      const conclusion = (await secretary.post<ConclusionView>(`/api/meetings/${meetingId}/conclusions`, { text: 'Giao nhiệm vụ.' })).body;
      const url = `/api/meetings/${meetingId}/conclusions/${conclusion.id}/tasks`;
      const base = { title: 'Xây dựng kế hoạch triển khai', deadline: '2027-01-31T17:00:00+07:00' };

      const none = await secretary.post<ErrorShape>(url, base);
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body.error.details)).toContain('leadUnitId');
      const several = await secretary.post<ErrorShape>(url, { ...base, leadUnitId: [lead.id, coop.id] });
      expect(several.status).toBe(400);
      const asArrayField = await secretary.post<ErrorShape>(url, { ...base, leadUnitIds: [lead.id] });
      expect(asArrayField.status).toBe(400);
      const leadAlsoCoop = await secretary.post<ErrorShape>(url, { ...base, leadUnitId: lead.id, cooperatingUnitIds: [lead.id] });
      expect(leadAlsoCoop.status).toBe(422);
      expect(leadAlsoCoop.body.error.code).toBe('LEAD_ALSO_COOPERATING');
      const unknownUnit = await secretary.post<ErrorShape>(url, { ...base, leadUnitId: '00000000-0000-4000-8000-00000000beef' });
      expect(unknownUnit.status).toBe(400);
      const reportAfter = await secretary.post<ErrorShape>(url, { ...base, leadUnitId: lead.id, reportDeadline: '2027-02-15T17:00:00+07:00' });
      expect(reportAfter.status).toBe(422);
      expect(reportAfter.body.error.code).toBe('INVALID_DEADLINES');

      const ok = await secretary.post<TaskView>(url, { ...base, leadUnitId: lead.id, cooperatingUnitIds: [coop.id], expectedOutput: 'Kế hoạch được UBND phê duyệt', reportDeadline: '2027-01-25T17:00:00+07:00' });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ status: 'open', meetingId, leadUnit: { id: lead.id, code: lead.code }, cooperatingUnits: [{ id: coop.id }], late: false });

      // the database itself: no task without a lead unit, and a unit leading a task cannot be deleted
      await expect(t.dataSource.query(`UPDATE assignment_tasks SET lead_unit_id = NULL WHERE id = $1`, [ok.body.id])).rejects.toThrow(/null value in column "lead_unit_id"/);
      const del = await admin.delete<ErrorShape>(`/api/units/${lead.id}`);
      expect(del.status).toBe(409);
      const row = await t.dataSource.getRepository(AssignmentTaskEntity).findOneByOrFail({ id: ok.body.id });
      expect(row.leadUnitId).toBe(lead.id);

      const listed = await secretary.get<ConclusionView[]>(`/api/meetings/${meetingId}/conclusions`);
      expect(listed.body.find((c) => c.id === conclusion.id)?.tasks.map((x) => x.id)).toEqual([ok.body.id]);
    });
  });
});
