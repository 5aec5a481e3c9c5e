import ExcelJS from 'exceljs';
import type { AssignmentsServerEvents, ConclusionView, MyTasks, TaskView, UnitTaskCounts, UnitView } from '#assignments';
import { AssignmentTaskEntity, ConclusionEditGuards, ConclusionsService, TasksScheduler } from '#assignments';
import { AuditEntryEntity } from '#audit';
import { Clock, DomainError, Role } from '#core';
import { MeetingStatus } from '#meetings';
import { createUnit } from './factories/assignments.factory.js';
import { createBody, createMeeting } from './factories/registry.factory.js';
import { clientAs } from './factories/user.factory.js';
import type { ErrorShape, HttpClient } from './utils/http.js';
import { connectSocket, nextEvent, type TestSocket } from './utils/socket.js';
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

    it('lets another library lock a meeting\'s conclusions (edit guard) and read them with tasks (listForMeeting)', async () => {
      const base = `/api/meetings/${otherMeetingId}/conclusions`;
      const first = await secretary.post<ConclusionView>(base, { agendaItemId: otherAgendaItemId, text: 'Kết luận trước khi khóa biên bản.' });
      expect(first.status).toBe(201);
      t.app.get(ConclusionEditGuards).add(async (_em, id) => {
        if (id === otherMeetingId) throw new DomainError('MINUTES_LOCKED_TEST', 'Biên bản đã khóa');
      });
      expect((await secretary.post<ErrorShape>(base, { text: 'Sau khi khóa' })).body.error.code).toBe('MINUTES_LOCKED_TEST');
      expect((await secretary.patch<ErrorShape>(`${base}/${first.body.id}`, { text: 'Sửa' })).body.error.code).toBe('MINUTES_LOCKED_TEST');
      expect((await secretary.delete<ErrorShape>(`${base}/${first.body.id}`)).body.error.code).toBe('MINUTES_LOCKED_TEST');
      const unit = await createUnit(t.dataSource);
      expect((await secretary.post<ErrorShape>(`${base}/${first.body.id}/tasks`, { title: 'x', leadUnitId: unit.id, deadline: '2027-01-01T00:00:00Z' })).body.error.code).toBe('MINUTES_LOCKED_TEST');
      // other meetings are untouched
      expect((await secretary.post(`/api/meetings/${meetingId}/conclusions`, { text: 'Cuộc họp khác vẫn sửa được.' })).status).toBe(201);

      const listed = await t.app.get(ConclusionsService).listForMeeting(otherMeetingId);
      expect(listed).toEqual([expect.objectContaining({ id: first.body.id, position: 1, text: 'Kết luận trước khi khóa biên bản.', agendaItem: { id: otherAgendaItemId, position: 1, title: 'Nội dung 1' }, tasks: [] })]);
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
      expect(del.body.error.code).toBe('UNIT_IN_USE');
      expect((await admin.delete<ErrorShape>(`/api/units/${coop.id}`)).body.error.code).toBe('UNIT_IN_USE');
      await expect(t.dataSource.query(`DELETE FROM units WHERE id = $1`, [lead.id])).rejects.toThrow(/fk_assignment_tasks_lead_unit/);
      const row = await t.dataSource.getRepository(AssignmentTaskEntity).findOneByOrFail({ id: ok.body.id });
      expect(row.leadUnitId).toBe(lead.id);

      const listed = await secretary.get<ConclusionView[]>(`/api/meetings/${meetingId}/conclusions`);
      expect(listed.body.find((c) => c.id === conclusion.id)?.tasks.map((x) => x.id)).toEqual([ok.body.id]);
    });
  });
  describe('task lifecycle', () => {
    const DAY = 86_400_000;
    let lead: { unitId: string; http: HttpClient; delegateId: string };
    let coopHttp: HttpClient;
    let plainHttp: HttpClient;
    let conclusionId: string;
    const tokenOf = (http: HttpClient): string => (http as unknown as { token: string }).token;
    const tasksUrl = (): string => `/api/meetings/${meetingId}/conclusions/${conclusionId}/tasks`;
    const deadlineIn = (days: number): string => new Date(t.app.get(Clock).now().getTime() + days * DAY).toISOString();
    const tick = (): Promise<{ overdue: number; reminded: number }> => t.app.get(TasksScheduler).run();

    beforeAll(async () => {
      const leadDelegate = delegateIds[1];
      const leadUnit = await createUnit(t.dataSource, { name: 'Sở Kế hoạch và Đầu tư' }, [leadDelegate]);
      await createUnit(t.dataSource, { name: 'Sở Tài chính' }, [delegateIds[2]]);
      lead = { unitId: leadUnit.id, delegateId: leadDelegate, http: (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: leadDelegate })).http };
      coopHttp = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegateIds[2] })).http;
      plainHttp = (await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId: delegateIds[3] })).http;
      conclusionId = (await secretary.post<ConclusionView>(`/api/meetings/${meetingId}/conclusions`, { agendaItemId: agendaItemIds[0], text: 'Giao các Sở triển khai.' })).body.id;
    });

    async function coopUnitId(): Promise<string> {
      const mine = await coopHttp.get<MyTasks>('/api/tasks/mine');
      return mine.body.unit!.id;
    }

    it('only staff and the lead unit start and complete a task; cooperating units and other delegates get 403', async () => {
      const coop = await coopUnitId();
      const task = (await secretary.post<TaskView>(tasksUrl(), { title: 'Rà soát danh mục dự án đầu tư công', leadUnitId: lead.unitId, cooperatingUnitIds: [coop], deadline: deadlineIn(60) })).body;

      for (const http of [coopHttp, plainHttp]) {
        const res = await http.post<ErrorShape>(`/api/tasks/${task.id}/start`);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('NOT_LEAD_UNIT');
        const done = await http.post<ErrorShape>(`/api/tasks/${task.id}/complete`, { report: 'Không phải đơn vị chủ trì' });
        expect(done.body.error.code).toBe('NOT_LEAD_UNIT');
      }
      expect((await observer.post<ErrorShape>(`/api/tasks/${task.id}/start`)).status).toBe(403);
      // the cooperating unit reads it; a delegate of no unit on it may not
      expect((await coopHttp.get<TaskView>(`/api/tasks/${task.id}`)).status).toBe(200);
      expect((await plainHttp.get<ErrorShape>(`/api/tasks/${task.id}`)).status).toBe(403);

      const started = await lead.http.post<TaskView>(`/api/tasks/${task.id}/start`);
      expect(started.status).toBe(200);
      expect(started.body.status).toBe('in_progress');
      const again = await lead.http.post<ErrorShape>(`/api/tasks/${task.id}/start`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('TASK_STATUS');

      expect((await lead.http.post<ErrorShape>(`/api/tasks/${task.id}/complete`, {})).status).toBe(400);
      expect((await lead.http.post<ErrorShape>(`/api/tasks/${task.id}/complete`, { report: '   ' })).status).toBe(400);
      const done = await lead.http.post<TaskView>(`/api/tasks/${task.id}/complete`, { report: 'Đã rà soát 125 dự án, báo cáo UBND Thành phố.' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', report: 'Đã rà soát 125 dự án, báo cáo UBND Thành phố.', late: false });
      expect((await lead.http.post<ErrorShape>(`/api/tasks/${task.id}/complete`, { report: 'Lần hai' })).body.error.code).toBe('TASK_STATUS');

      // staff may move any task
      const other = (await secretary.post<TaskView>(tasksUrl(), { title: 'Nhiệm vụ do văn phòng cập nhật', leadUnitId: lead.unitId, deadline: deadlineIn(60) })).body;
      expect((await secretary.post<TaskView>(`/api/tasks/${other.id}/start`)).body.status).toBe('in_progress');

      const mine = await lead.http.get<MyTasks>('/api/tasks/mine');
      expect(mine.body.unit?.id).toBe(lead.unitId);
      expect(mine.body.lead.map((x) => x.id)).toEqual(expect.arrayContaining([task.id, other.id]));
      expect((await coopHttp.get<MyTasks>('/api/tasks/mine')).body.cooperating.map((x) => x.id)).toEqual([task.id]);
      expect((await plainHttp.get<MyTasks>('/api/tasks/mine')).body).toEqual({ unit: null, lead: [], cooperating: [] });

      const audit = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityId: task.id }, order: { seq: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['task.created', 'task.started', 'task.completed']);
      expect(audit[2].actorRole).toBe('delegate');
    });

    it('reminds the lead unit once over socket.io, then flips the task to overdue past its deadline; done stays done', async () => {
      const socket: TestSocket<AssignmentsServerEvents> = await connectSocket<AssignmentsServerEvents>(t.url, tokenOf(lead.http));
      const reminders: AssignmentsServerEvents['task:reminder'][] = [];
      socket.on('task:reminder', (n) => reminders.push(n));
      const assigned: string[] = [];
      socket.on('task:assigned', (n) => assigned.push(n.taskId));
      try {
        await tick(); // settle anything earlier tests left due
        const a = (await secretary.post<TaskView>(tasksUrl(), { title: 'Báo cáo tiến độ giải ngân', leadUnitId: lead.unitId, deadline: deadlineIn(10) })).body;
        const b = (await secretary.post<TaskView>(tasksUrl(), { title: 'Nhiệm vụ hoàn thành sớm', leadUnitId: lead.unitId, deadline: deadlineIn(10) })).body;
        const far = (await secretary.post<TaskView>(tasksUrl(), { title: 'Nhiệm vụ dài hạn', leadUnitId: lead.unitId, deadline: deadlineIn(40) })).body;
        await lead.http.post(`/api/tasks/${b.id}/complete`, { report: 'Xong trước hạn' });

        // 10 days out: nothing due yet
        await tick();
        expect((await t.dataSource.getRepository(AssignmentTaskEntity).findOneByOrFail({ id: a.id })).reminderSentAt).toBeNull();

        t.app.get(Clock).advance(8 * DAY);
        const reminder = nextEvent<AssignmentsServerEvents['task:reminder']>(socket, 'task:reminder');
        expect((await tick()).reminded).toBe(1);
        expect(await reminder).toMatchObject({ taskId: a.id, meetingId, title: 'Báo cáo tiến độ giải ngân', status: 'open', daysLeft: 2 });
        await tick(); // a second pass must not remind again

        t.app.get(Clock).advance(3 * DAY);
        const overdue = nextEvent<AssignmentsServerEvents['task:overdue']>(socket, 'task:overdue');
        expect((await tick()).overdue).toBe(1);
        expect(await overdue).toMatchObject({ taskId: a.id, status: 'overdue' });
        // socket.io keeps order per connection: any duplicate reminder would have arrived before the overdue event
        expect(reminders.map((r) => r.taskId)).toEqual([a.id]);
        expect(assigned).toEqual([a.id, b.id, far.id]);

        const rows = await t.dataSource.getRepository(AssignmentTaskEntity).findBy({ conclusionId });
        const status = (id: string): string | undefined => rows.find((r) => r.id === id)?.status;
        expect([status(a.id), status(b.id), status(far.id)]).toEqual(['overdue', 'done', 'open']);
        expect((await tick()).overdue).toBe(0);

        // an overdue task can still be completed: it is done, and marked late
        expect((await lead.http.post<ErrorShape>(`/api/tasks/${a.id}/start`)).body.error.code).toBe('TASK_STATUS');
        const late = await lead.http.post<TaskView>(`/api/tasks/${a.id}/complete`, { report: 'Hoàn thành chậm 1 ngày' });
        expect(late.body).toMatchObject({ status: 'done', late: true });
        const audit = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityId: a.id }, order: { seq: 'ASC' } });
        expect(audit.map((x) => x.action)).toEqual(['task.created', 'task.overdue', 'task.completed']);
        expect(audit[1].actorId).toBeNull();
      } finally {
        socket.close();
      }
    });

    it('staff extend an overdue task (back to open, reminder re-armed), move its lead unit, and delete it', async () => {
      const coop = await coopUnitId();
      const task = (await secretary.post<TaskView>(tasksUrl(), { title: 'Báo cáo đã quá hạn', leadUnitId: lead.unitId, cooperatingUnitIds: [coop], deadline: deadlineIn(-1) })).body;
      await tick();
      expect((await secretary.get<TaskView>(`/api/tasks/${task.id}`)).body.status).toBe('overdue');

      expect((await lead.http.patch<ErrorShape>(`/api/tasks/${task.id}`, { deadline: deadlineIn(30) })).status).toBe(403);
      const coopSocket = await connectSocket<AssignmentsServerEvents>(t.url, tokenOf(coopHttp));
      const assignedToCoop = nextEvent<AssignmentsServerEvents['task:assigned']>(coopSocket, 'task:assigned');
      const moved = await secretary.patch<TaskView>(`/api/tasks/${task.id}`, { deadline: deadlineIn(30), leadUnitId: coop, cooperatingUnitIds: [lead.unitId] });
      expect(moved.status).toBe(200);
      try {
        expect(await assignedToCoop).toMatchObject({ taskId: task.id, leadUnitId: coop, status: 'open' });
      } finally {
        coopSocket.close();
      }
      expect(moved.body).toMatchObject({ status: 'open', overdueAt: null, reminderSentAt: null, leadUnit: { id: coop }, cooperatingUnits: [{ id: lead.unitId }] });
      const bad = await secretary.patch<ErrorShape>(`/api/tasks/${task.id}`, { reportDeadline: deadlineIn(31) });
      expect(bad.body.error.code).toBe('INVALID_DEADLINES');
      expect((await secretary.patch<ErrorShape>(`/api/tasks/${task.id}`, { cooperatingUnitIds: [coop] })).body.error.code).toBe('LEAD_ALSO_COOPERATING');

      // the former lead now only cooperates; the new lead may work on it
      expect((await lead.http.post<ErrorShape>(`/api/tasks/${task.id}/start`)).body.error.code).toBe('NOT_LEAD_UNIT');
      expect((await coopHttp.post<TaskView>(`/api/tasks/${task.id}/complete`, { report: 'Đã báo cáo sau khi gia hạn' })).body).toMatchObject({ status: 'done', late: false });
      expect((await secretary.patch<ErrorShape>(`/api/tasks/${task.id}`, { title: 'Sửa sau khi xong' })).body.error.code).toBe('TASK_STATUS');

      expect((await secretary.delete(`/api/tasks/${task.id}`)).status).toBe(204);
      expect((await secretary.get<ErrorShape>(`/api/tasks/${task.id}`)).status).toBe(404);
      const audit = await t.dataSource.getRepository(AuditEntryEntity).find({ where: { entityId: task.id }, order: { seq: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['task.created', 'task.overdue', 'task.updated', 'task.completed', 'task.deleted']);
      expect(audit[2].payload).toMatchObject({ status: { from: 'overdue', to: 'open' }, leadUnitId: { from: lead.unitId, to: coop } });
    });

    it('counts tasks per unit on the dashboard and exports them to XLSX with Vietnamese headers', async () => {
      const x = await createUnit(t.dataSource, { code: 'SXD', name: 'Sở Xây dựng' });
      const y = await createUnit(t.dataSource, { code: 'SGTVT', name: 'Sở Giao thông vận tải' });
      const make = async (unitId: string, title: string, days: number): Promise<TaskView> =>
        (await secretary.post<TaskView>(tasksUrl(), { title, leadUnitId: unitId, cooperatingUnitIds: unitId === x.id ? [y.id] : [], expectedOutput: 'Báo cáo đánh giá', deadline: deadlineIn(days) })).body;
      await make(x.id, 'Đánh giá chất lượng công trình nhà ở xã hội', 20);
      const started = await make(x.id, 'Kiểm tra trật tự xây dựng quận Hoàn Kiếm', 20);
      const done = await make(x.id, 'Rà soát quy hoạch phân khu đô thị', 20);
      await make(y.id, 'Lập phương án phân luồng giao thông đường Vành đai 2,5', -1);
      await secretary.post(`/api/tasks/${started.id}/start`);
      await secretary.post(`/api/tasks/${done.id}/complete`, { report: 'Đã rà soát xong' });
      await tick();

      const dash = await secretary.get<UnitTaskCounts[]>('/api/tasks/dashboard');
      expect(dash.status).toBe(200);
      const of = (id: string): UnitTaskCounts | undefined => dash.body.find((c) => c.unit.id === id);
      expect(of(x.id)).toEqual({ unit: { id: x.id, code: 'SXD', name: 'Sở Xây dựng' }, open: 1, inProgress: 1, done: 1, overdue: 0, total: 3 });
      expect(of(y.id)).toMatchObject({ open: 0, inProgress: 0, done: 0, overdue: 1, total: 1 });
      expect((await lead.http.get<ErrorShape>('/api/tasks/dashboard')).status).toBe(403);

      const res = await secretary.get<Buffer>(`/api/tasks/export.xlsx?unitId=${x.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('Nhiệm vụ')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['STT', 'Cuộc họp', 'Kết luận', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn', 'Hạn báo cáo', 'Trạng thái', 'Báo cáo kết quả', 'Ngày báo cáo', 'Trễ hạn']);
      const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
      expect(rows).toHaveLength(3);
      const byTitle = new Map(rows.map((r) => [r[3], r]));
      const doneRow = byTitle.get('Rà soát quy hoạch phân khu đô thị')!;
      expect(doneRow[2]).toBe('Giao các Sở triển khai.');
      expect(doneRow[4]).toBe('Sở Xây dựng');
      expect(doneRow[5]).toBe('Sở Giao thông vận tải');
      expect(doneRow[9]).toBe('Hoàn thành');
      expect(doneRow[10]).toBe('Đã rà soát xong');
      expect(byTitle.get('Kiểm tra trật tự xây dựng quận Hoàn Kiếm')![9]).toBe('Đang thực hiện');
      expect(byTitle.get('Đánh giá chất lượng công trình nhà ở xã hội')![7]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

      const summary = wb.getWorksheet('Tổng hợp theo đơn vị')!;
      expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['Mã đơn vị', 'Cơ quan, đơn vị', 'Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Quá hạn', 'Tổng số']);
      const ySummary = summary.getSheetValues().map((r) => (r as unknown[] | undefined)?.slice(1)).find((r) => r?.[0] === 'SGTVT');
      expect(ySummary).toEqual(['SGTVT', 'Sở Giao thông vận tải', 0, 0, 0, 1, 1]);
    });
  });
});
