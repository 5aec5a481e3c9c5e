import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { pdfText, xlsxSheets } from '../utils/documents.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, openSignedIn, screenshot, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * Conclusions, tasks, minutes and exports in real Chromium against the real server and database: the secretary
 * concludes an agenda item and assigns a task to a unit, a person of that unit starts and reports it, the dashboard
 * counts it; the secretary drafts, edits, saves and locks the minutes and downloads the meeting's files.
 */
const maybe = describeInBrowser;

interface Minutes {
  status: string;
  sha256: string | null;
  editedAt: string | null;
  content: { title: string; sections: { heading: string; body: string }[] };
}
interface Task {
  id: string;
  title: string;
  status: string;
  report: string | null;
  leadUnit: { code: string };
  cooperatingUnits: { code: string }[];
}
interface Conclusion {
  text: string;
  agendaItem: { position: number } | null;
  tasks: Task[];
}

const nfc = (s: string): string => s.normalize('NFC');
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
const CONCLUSION = 'Thống nhất thông qua dự toán ngân sách Thành phố năm 2027, giao Sở Tài chính hoàn thiện hồ sơ.';
const TASK = 'Hoàn thiện hồ sơ dự toán ngân sách năm 2027, trình Hội đồng nhân dân Thành phố';
const REPORT = 'Đã hoàn thiện hồ sơ và trình Hội đồng nhân dân Thành phố tại Tờ trình số 321/TTr-STC.';
const ADDED_LINE = 'Thư ký bổ sung: các đại biểu thống nhất cao với dự toán.';

maybe('minutes, exports, conclusions and tasks (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let secretary: HttpClient;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];

  const signIn = (username: string): Promise<Page> => openSignedIn({ baseUrl: t.url, username, password, sessions, problems });

  /** Clicks a download button and returns the file the browser saved, with the name it was given. */
  async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    const http = new HttpClient(t.url);
    secretary = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password })).body.accessToken);
    const meetings = (await secretary.get<{ id: string; title: string }[] | { items: { id: string; title: string }[] }>('/api/meetings')).body;
    meetingId = (Array.isArray(meetings) ? meetings : meetings.items).find((m) => m.title === DEMO_MEETING.title)!.id;
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('a conclusion assigns a task to a unit; its person starts and reports it; the dashboard counts it', async () => {
    const sec = await signIn('secretary');
    await sec.goto(`${t.url}/meetings/${meetingId}`);
    await sec.getByRole('link', { name: 'Kết luận và nhiệm vụ' }).click();
    await sec.getByText('Chưa có kết luận nào.').waitFor();
    await sec.getByRole('button', { name: 'Thêm kết luận' }).click();
    await sec.getByText('Vui lòng nhập nội dung kết luận.').waitFor();
    await sec.getByLabel('Nội dung chương trình').selectOption({ label: `2. ${DEMO_MEETING.agenda[1].title}` });
    await sec.getByLabel('Nội dung kết luận').fill(CONCLUSION);
    await sec.getByRole('button', { name: 'Thêm kết luận' }).click();
    await sec.getByText('Đã thêm kết luận.').waitFor();
    const group = sec.getByRole('region', { name: `2. ${DEMO_MEETING.agenda[1].title}` });
    await group.getByText(CONCLUSION).waitFor();

    await sec.getByRole('button', { name: 'Giao nhiệm vụ theo kết luận 1' }).click();
    await sec.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
    await sec.getByText('Vui lòng nhập nội dung nhiệm vụ, chọn cơ quan chủ trì và thời hạn hoàn thành.').waitFor();
    await sec.getByLabel('Nội dung nhiệm vụ').fill(TASK);
    await sec.getByLabel('Sản phẩm dự kiến').fill('Tờ trình và dự thảo Nghị quyết');
    await sec.getByLabel('Cơ quan chủ trì').selectOption({ label: 'Sở Tài chính' });
    await sec.getByRole('group', { name: 'Cơ quan phối hợp' }).getByLabel('Sở Nội vụ').check();
    const deadline = new Date(Date.now() + 14 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await sec.getByLabel('Thời hạn hoàn thành').fill(deadline);
    await sec.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
    await sec.getByText(`Đã giao nhiệm vụ “${TASK}”.`).waitFor();
    const taskGroup = sec.getByRole('group', { name: 'Nhiệm vụ theo kết luận 1' });
    await taskGroup.getByRole('heading', { name: TASK }).waitFor();
    await taskGroup.getByText('Chưa thực hiện').waitFor();
    const [conclusion] = (await secretary.get<Conclusion[]>(`/api/meetings/${meetingId}/conclusions`)).body;
    expect(conclusion.text).toBe(CONCLUSION);
    expect(conclusion.agendaItem?.position).toBe(2);
    expect(conclusion.tasks.map((x) => [x.title, x.leadUnit.code, x.cooperatingUnits.map((u) => u.code), x.status])).toEqual([[TASK, 'STC', ['SNV'], 'open']]);
    const taskId = conclusion.tasks[0].id;
    await screenshot(sec, '40-conclusions-tasks');
    expect(await seriousA11yViolations(sec)).toEqual([]);

    // the secretary extends the deadline (gia hạn) from the task list
    await sec.getByRole('link', { name: 'Nhiệm vụ', exact: true }).first().click();
    const staffCard = sec.getByRole('region', { name: 'Tất cả nhiệm vụ' }).getByTestId(`task-${taskId}`);
    await staffCard.getByRole('button', { name: `Gia hạn nhiệm vụ ${TASK}` }).click();
    await staffCard.getByRole('button', { name: 'Lưu thời hạn mới' }).click();
    await staffCard.getByText('Vui lòng chọn thời hạn mới.').waitFor();
    const extended = new Date(Date.now() + 30 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await staffCard.getByLabel('Thời hạn mới').fill(extended);
    await staffCard.getByRole('button', { name: 'Lưu thời hạn mới' }).click();
    await staffCard.getByText('Đã gia hạn nhiệm vụ.').waitFor();
    // the browser runs in Hanoi time (UTC+7): the typed local time is that instant
    expect((await secretary.get<Task & { deadline: string }>(`/api/tasks/${taskId}`)).body.deadline).toBe(new Date(`${extended}:00+07:00`).toISOString());

    // delegate6 works for Sở Tài chính, the lead unit
    const lead = await signIn('delegate6');
    await lead.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await lead.getByRole('heading', { name: 'Nhiệm vụ của đơn vị tôi: Sở Tài chính' }).waitFor();
    const card = lead.getByTestId(`task-${taskId}`);
    await card.getByText('Chưa thực hiện').waitFor();
    await card.getByRole('button', { name: `Bắt đầu thực hiện nhiệm vụ ${TASK}` }).click();
    await card.getByText('Đã chuyển nhiệm vụ sang đang thực hiện.').waitFor();
    await card.getByText('Đang thực hiện', { exact: true }).waitFor();
    expect((await secretary.get<Task>(`/api/tasks/${taskId}`)).body.status).toBe('in_progress');
    await card.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await card.getByText('Vui lòng nhập báo cáo kết quả.').waitFor();
    await card.getByLabel('Báo cáo kết quả thực hiện').fill(REPORT);
    await card.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await card.getByText('Đã báo cáo hoàn thành nhiệm vụ.').waitFor();
    await card.getByText('Đã hoàn thành', { exact: true }).waitFor();
    await card.getByText(REPORT).waitFor();
    expect(await card.getByRole('button', { name: 'Báo cáo hoàn thành' }).count()).toBe(0);
    const done = (await secretary.get<Task>(`/api/tasks/${taskId}`)).body;
    expect([done.status, done.report]).toEqual(['done', REPORT]);
    await screenshot(lead, '41-my-tasks-done');
    expect(await seriousA11yViolations(lead)).toEqual([]);

    // delegate7 works for Sở Nội vụ, a cooperating unit: reads the task, cannot move it
    const coop = await signIn('delegate7');
    await coop.goto(`${t.url}/tasks`);
    await coop.getByRole('heading', { name: 'Nhiệm vụ của đơn vị tôi: Sở Nội vụ' }).waitFor();
    await coop.getByText('Đơn vị chưa được giao chủ trì nhiệm vụ nào.').waitFor();
    await coop.getByRole('heading', { name: 'Nhiệm vụ đơn vị phối hợp' }).waitFor();
    await coop.getByTestId(`task-${taskId}`).getByText('Đã hoàn thành', { exact: true }).waitFor();
    expect(await coop.getByRole('button', { name: /Báo cáo hoàn thành|Bắt đầu thực hiện/ }).count()).toBe(0);

    // the secretary's dashboard and export
    await sec.reload();
    const row = sec.getByTestId('dashboard-STC');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['0', '0', '1', '0', '1']);
    expect(await sec.getByTestId('dashboard-SNV').locator('td').allTextContents()).toEqual(['0', '0', '0', '0', '0']);
    const xlsx = await download(sec, 'Xuất danh sách (XLSX)');
    expect(xlsx.name).toBe('nhiem-vu.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const cells = [...(await xlsxSheets(xlsx.bytes)).values()].flat(2).map((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? '')));
    expect(cells.some((c) => c.includes(nfc(TASK)))).toBe(true);
    expect(cells.some((c) => c.includes(nfc(REPORT)))).toBe(true);
    await screenshot(sec, '42-task-dashboard');
    expect(await seriousA11yViolations(sec)).toEqual([]);
  }, 180_000);

  it('the secretary drafts, edits, saves and locks the minutes; a stale editor is refused; the files download', async () => {
    const sec = await signIn('secretary');
    await sec.goto(`${t.url}/meetings/${meetingId}`);
    await sec.getByRole('link', { name: 'Biên bản và tệp xuất' }).click();
    await sec.getByText(/^Cuộc họp chưa có biên bản/).waitFor();
    expect(await sec.getByRole('button', { name: 'Tải xuống Biên bản cuộc họp (PDF)' }).isDisabled()).toBe(true);

    await sec.getByRole('button', { name: 'Soạn dự thảo từ dữ liệu cuộc họp' }).click();
    await sec.getByText('Đã soạn dự thảo biên bản.').waitFor();
    const drafted = (await secretary.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    expect(drafted.status).toBe('draft');
    expect(await sec.getByLabel('Tên văn bản').inputValue()).toBe(drafted.content.title);
    expect(await sec.getByLabel('Nội dung mục 1 (mỗi dòng một đoạn)').inputValue()).toBe(drafted.content.sections[0].body);
    // the draft carries the conclusion made in the first test
    expect(drafted.content.sections.some((s) => s.body.includes(CONCLUSION))).toBe(true);

    const body1 = sec.getByLabel('Nội dung mục 1 (mỗi dòng một đoạn)');
    await body1.fill(`${drafted.content.sections[0].body}\n${ADDED_LINE}`);
    // the lock seals what is saved: not offered while there are unsaved edits
    await sec.getByText('Có thay đổi chưa lưu: hãy lưu biên bản trước khi khóa.').waitFor();
    expect(await sec.getByRole('button', { name: 'Khóa biên bản' }).isDisabled()).toBe(true);
    await sec.getByRole('button', { name: 'Lưu biên bản' }).click();
    await sec.getByText('Đã lưu biên bản.').waitFor();
    expect(await sec.getByRole('button', { name: 'Khóa biên bản' }).isDisabled()).toBe(false);
    const saved = (await secretary.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    expect(saved.content.sections[0].body.split('\n').at(-1)).toBe(ADDED_LINE);
    expect(saved.editedAt).not.toBeNull();

    // a second editor opened now, before the lock
    const stale = await signIn('secretary');
    await stale.goto(`${t.url}/meetings/${meetingId}/minutes`);
    await stale.getByLabel('Tên văn bản').waitFor();

    const pdf = await download(sec, 'Tải xuống Biên bản cuộc họp (PDF)');
    expect(pdf.name).toMatch(/^bien-ban.*\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfContent = oneLine(await pdfText(pdf.bytes));
    expect(pdfContent).toContain(nfc(ADDED_LINE));
    expect(pdfContent).toContain(nfc('dự toán ngân sách Thành phố năm 2027'));
    const docx = await download(sec, 'Tải xuống Biên bản cuộc họp (DOCX)');
    expect(docx.name).toMatch(/\.docx$/);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const attendance = await download(sec, 'Tải xuống Danh sách điểm danh (XLSX)');
    expect(attendance.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const names = [...(await xlsxSheets(attendance.bytes)).values()].flat(2).filter((v): v is string => typeof v === 'string');
    expect(names).toContain(nfc('Vũ Đình Khải'));
    const attendancePdf = await download(sec, 'Tải xuống Danh sách điểm danh (PDF)');
    expect(attendancePdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(oneLine(await pdfText(attendancePdf.bytes))).toContain(nfc('Vũ Đình Khải'));
    await screenshot(sec, '43-minutes-draft');
    expect(await seriousA11yViolations(sec)).toEqual([]);

    await sec.getByRole('button', { name: 'Khóa biên bản' }).click();
    await sec.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận' }).click();
    await sec.getByText('Đã khóa biên bản.').waitFor();
    const locked = (await secretary.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    expect(locked.status).toBe('locked');
    expect(locked.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await sec.getByTestId('minutes-sha256').textContent()).toBe(locked.sha256);
    expect(await sec.getByLabel('Nội dung mục 1 (mỗi dòng một đoạn)').isDisabled()).toBe(true);
    expect(await sec.getByLabel('Tên văn bản').isDisabled()).toBe(true);
    expect(await sec.getByRole('button', { name: /Lưu biên bản|Khóa biên bản|Soạn lại/ }).count()).toBe(0);
    await screenshot(sec, '44-minutes-locked');
    expect(await seriousA11yViolations(sec)).toEqual([]);

    // the stale editor still shows the draft form; its save is refused with the lock's own message
    await stale.getByLabel('Trích yếu').fill('Sửa sau khi đã khóa');
    await stale.getByRole('button', { name: 'Lưu biên bản' }).click();
    await stale.getByRole('alert').getByText('Biên bản đã khóa nên không thể thay đổi nữa (kể cả kết luận và nhiệm vụ của cuộc họp).').waitFor();
    expect(await stale.getByTestId('minutes-sha256').textContent()).toBe(locked.sha256);
    expect(await stale.getByLabel('Trích yếu').isDisabled()).toBe(true);
    const after = (await secretary.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    expect([after.sha256, after.content]).toEqual([locked.sha256, locked.content]);
    expect((await secretary.put<{ error: { code: string } }>(`/api/meetings/${meetingId}/minutes`, locked.content)).body.error.code).toBe('MINUTES_LOCKED');

    // locked minutes freeze the conclusions: the screen says so and offers no edits
    await sec.getByRole('link', { name: 'Kết luận và nhiệm vụ' }).click();
    await sec.getByTestId('conclusions-frozen').getByText(/^Biên bản đã khóa/).waitFor();
    await sec.getByText(CONCLUSION).waitFor();
    expect(await sec.getByRole('button', { name: /Thêm kết luận|Sửa kết luận|Giao nhiệm vụ/ }).count()).toBe(0);
  }, 180_000);

  it('the admin keeps the units: adds one and a person to it, cannot delete a unit that leads a task', async () => {
    const admin = await signIn('admin');
    await admin.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await admin.getByRole('heading', { name: 'Cơ quan, đơn vị' }).waitFor();
    const form = admin.getByRole('region', { name: 'Thêm đơn vị' });
    await form.getByLabel('Mã đơn vị').fill('Sở CT');
    await form.getByLabel('Tên đơn vị').fill('Sở Công Thương');
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await form.getByText(/^Vui lòng nhập tên đơn vị và mã đơn vị/).waitFor();
    await form.getByLabel('Mã đơn vị').fill('SCT');
    await form.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await form.getByText('Đã thêm đơn vị “Sở Công Thương”.').waitFor();
    const unit = admin.getByTestId('unit-SCT');
    await unit.getByText('Đơn vị chưa có cán bộ nào.').waitFor();
    await unit.getByLabel('Thêm cán bộ vào Sở Công Thương').first().selectOption({ label: 'Cao Minh Nhật — Bộ Tư lệnh Thủ đô' });
    await unit.getByRole('button', { name: 'Thêm cán bộ vào Sở Công Thương' }).click();
    await unit.getByText('Đã thêm Cao Minh Nhật vào đơn vị.').waitFor();
    await unit.getByRole('button', { name: 'Bỏ khỏi đơn vị: Cao Minh Nhật (Sở Công Thương)' }).waitFor();
    const units = (await secretary.get<{ id: string; code: string; name: string; memberDelegateIds: string[] }[]>('/api/units')).body;
    const sct = units.find((u) => u.code === 'SCT')!;
    const delegates = (await secretary.get<{ items: { id: string; fullName: string }[] }>('/api/delegates?limit=500&offset=0')).body.items;
    expect(sct.memberDelegateIds.map((id) => delegates.find((d) => d.id === id)?.fullName)).toEqual(['Cao Minh Nhật']);

    // Sở Tài chính leads the task of the first test
    const stc = admin.getByTestId('unit-STC');
    await stc.getByRole('button', { name: 'Xóa đơn vị Sở Tài chính' }).click();
    await stc.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận' }).click();
    await stc.getByText('Đơn vị đang được giao nhiệm vụ nên không thể xóa.').waitFor();
    expect((await secretary.get<{ code: string }[]>('/api/units')).body.map((u) => u.code)).toContain('STC');
    await screenshot(admin, '45-units');
    expect(await seriousA11yViolations(admin)).toEqual([]);
  }, 120_000);

  it('a round summary downloads from the round page once closed', async () => {
    const round = (
      await secretary.post<{ id: string }>('/api/opinion-rounds', {
        bodyId: (await secretary.get<{ body: { id: string } }>(`/api/meetings/${meetingId}`)).body.body.id,
        title: 'Lấy ý kiến về kế hoạch đầu tư công năm 2027',
        deadline: new Date(Date.now() + 86400_000).toISOString(),
        questions: ['Đồng ý thông qua kế hoạch?'],
      })
    ).body;
    expect((await secretary.post(`/api/opinion-rounds/${round.id}/open`)).status).toBeLessThan(300);
    expect((await secretary.post(`/api/opinion-rounds/${round.id}/close`)).status).toBeLessThan(300);
    const sec = await signIn('secretary');
    await sec.goto(`${t.url}/opinion-rounds/${round.id}`);
    const pdf = await download(sec, 'Tải bản tổng hợp (PDF)');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(oneLine(await pdfText(pdf.bytes))).toContain(nfc('kế hoạch đầu tư công năm 2027'));
    expect(await seriousA11yViolations(sec)).toEqual([]);
  }, 120_000);

  it('no console errors or uncaught page errors but the expected refusals', () => {
    // the stale save is refused (409), so is deleting a unit in use (409); "no minutes yet" is no longer a 404
    const expected = (p: ConsoleProblem) => (/\/api\/meetings\/[^/]+\/minutes$/.test(p.url) && /status of 409/.test(p.text)) || (/\/api\/units\/[^/]+$/.test(p.url) && /status of 409/.test(p.text));
    expect(problems.filter((p) => !expected(p))).toEqual([]);
  });
});
