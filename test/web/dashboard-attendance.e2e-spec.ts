import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { RealtimeService } from '#realtime';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { horizontalOverflow, openSession, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session, describeInBrowser, signInThroughForm } from './browser.js';

/**
 * The chair's dashboard (projector) and the secretary's attendance screen in real Chromium, against the real server:
 * a manual check-in on one screen moves the gauge on the other, a raised hand reaches the chair who grants the floor,
 * an unrecognised face at a kiosk reaches the secretary with no identity.
 */
const maybe = describeInBrowser;

interface Row {
  delegateId: string;
  fullName: string;
  kind: string;
  canVote: boolean;
  status: string;
}
interface Summary {
  presentInHall: number;
  absent: number;
  excused: number;
  members: number;
  quorum: { required: number; present: number; reached: boolean };
}


maybe('chair dashboard and attendance screens (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let secretary: HttpClient;
  let chairSession: Session;
  let secretarySession: Session;
  let rows: Row[];
  const problems: ConsoleProblem[] = [];

  async function signIn(page: Page, username: string, to: string): Promise<void> {
    await signInThroughForm(page, t.url, username, password);
    await page.waitForURL(/\/meetings/);
    await page.goto(`${t.url}${to}`);
  }

  async function summary(): Promise<Summary> {
    return (await secretary.get<Summary>(`/api/meetings/${meetingId}/attendance/summary`)).body;
  }

  async function countOf(page: Page, key: string): Promise<string> {
    return (await page.getByTestId(`count-${key}`).locator('dd').textContent()) ?? '';
  }

  async function waitCount(page: Page, key: string, n: number): Promise<void> {
    await page.waitForFunction(([k, v]) => document.querySelector(`[data-testid="count-${k}"] dd`)?.textContent === v, [key, String(n)] as const);
  }

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await t.app.get(DemoSeeder).seed();
    password = seeded.password;
    const http = new HttpClient(t.url);
    const login = await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password });
    secretary = http.withToken(login.body.accessToken);
    const meetings = await secretary.get<{ id: string; title: string }[]>('/api/meetings');
    meetingId = meetings.body.find((m) => m.title === DEMO_MEETING.title)!.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    rows = (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body;
    expect(rows.length).toBeGreaterThan(3);
    chairSession = await openSession({ width: 1920, height: 1080 });
    secretarySession = await openSession({ width: 1440, height: 900 });
  }, 120_000);

  afterAll(async () => {
    await chairSession?.close();
    await secretarySession?.close();
    await t?.close();
  });

  it('check-in, excused absence and unrecognised-face alerts on the secretary screen reach the projector live', async () => {
    const dash = await chairSession.context.newPage();
    watchConsole(dash, problems);
    await signIn(dash, 'chair', `/meetings/${meetingId}/dashboard`);
    await dash.getByRole('heading', { name: `Màn hình chủ tọa: ${DEMO_MEETING.title}` }).waitFor();
    await dash.getByText('Đã kết nối trực tiếp').waitFor();
    const before = await summary();
    expect(await countOf(dash, 'inHall')).toBe(String(before.presentInHall));
    expect(await countOf(dash, 'absent')).toBe(String(before.absent));
    await dash.getByText(`Cần ${before.quorum.required} trên ${before.members} thành viên`, { exact: false }).waitFor();
    expect(await dash.getByTestId('quorum-state').textContent()).toBe(`Chưa đủ: còn thiếu ${before.quorum.required - before.quorum.present}`);

    const att = await secretarySession.context.newPage();
    watchConsole(att, problems);
    await signIn(att, 'secretary', `/meetings/${meetingId}`);
    await att.getByRole('link', { name: 'Điểm danh', exact: true }).click();
    await att.getByRole('heading', { name: `Điểm danh: ${DEMO_MEETING.title}` }).waitFor();
    await att.getByText('Đã kết nối trực tiếp').waitFor();
    // every invited delegate is listed, those not yet present included
    for (const r of rows) await att.getByRole('rowheader', { name: r.fullName }).waitFor();

    const voter = rows.find((r) => r.kind === 'member' && r.canVote)!;
    await att.getByRole('button', { name: `Điểm danh ${voter.fullName}` }).click();
    await att.getByText(`Đã điểm danh ${voter.fullName}.`).waitFor();
    await waitCount(dash, 'inHall', before.presentInHall + 1);
    await waitCount(dash, 'absent', before.absent - 1);
    const rowOf = (name: string) => att.getByRole('row').filter({ has: att.getByRole('rowheader', { name }) });
    expect(await rowOf(voter.fullName).textContent()).toContain('thư ký điểm danh');

    // an excused absence needs a reason; the empty form says so
    const away = rows.find((r) => r.delegateId !== voter.delegateId && r.status === 'absent')!;
    await att.getByRole('button', { name: `Vắng có lý do: ${away.fullName}` }).click();
    const reason = att.getByLabel(`Lý do vắng của ${away.fullName}`);
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await att.getByRole('button', { name: 'Lưu' }).click();
    await att.getByText('Vui lòng nhập lý do vắng.').waitFor();
    await reason.fill('Đi công tác theo quyết định của UBND thành phố');
    await att.getByRole('button', { name: 'Lưu' }).click();
    await att.getByText(`Đã ghi nhận ${away.fullName} vắng có lý do.`).waitFor();
    expect(await rowOf(away.fullName).textContent()).toContain('Đi công tác theo quyết định của UBND thành phố');
    await waitCount(dash, 'excused', before.excused + 1);

    // another secretary's (or a kiosk's) check-in reaches this screen live
    const other = rows.find((r) => r.delegateId !== voter.delegateId && r.delegateId !== away.delegateId && r.status === 'absent')!;
    expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId: other.delegateId })).status).toBe(200);
    await rowOf(other.fullName).getByText('Có mặt', { exact: true }).waitFor();
    await waitCount(dash, 'inHall', before.presentInHall + 2);

    // check-out
    await att.getByRole('button', { name: `Ghi nhận rời họp: ${other.fullName}` }).click();
    await att.getByText(`Đã ghi nhận ${other.fullName} rời họp.`).waitFor();
    await waitCount(dash, 'inHall', before.presentInHall + 1);

    // unrecognised people at a kiosk: how many, when, which kiosk; never an image
    const live = t.app.get(RealtimeService);
    live.toMeetingStaff(meetingId, 'checkin:unrecognised', { meetingId, kioskId: null, kioskName: 'Cửa chính phòng họp số 1', at: new Date().toISOString(), count: 2 });
    const alert = att.locator('.face-alert').first();
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^2 người chưa nhận diện lúc \d\d:\d\d:\d\d tại Cửa chính phòng họp số 1/);
    expect(await alert.getByRole('img').count()).toBe(0);

    await screenshot(att, '10-attendance-secretary');
    expect(await seriousA11yViolations(att)).toEqual([]);
    await att.getByRole('button', { name: 'Ẩn cảnh báo' }).click();
    await att.getByText('Chưa có khuôn mặt lạ nào tại máy điểm danh.').waitFor();

    // the filter shows who is still missing
    await att.getByRole('button', { name: /^Chưa có mặt/ }).click();
    expect(await att.getByRole('rowheader', { name: voter.fullName }).count()).toBe(0);
    await att.getByRole('rowheader', { name: away.fullName }).waitFor();

    const after = await summary();
    expect(await countOf(dash, 'inHall')).toBe(String(after.presentInHall));
    expect(await countOf(dash, 'excused')).toBe(String(after.excused));
    await screenshot(dash, '11-dashboard-projector-1920x1080');
    expect(await horizontalOverflow(dash)).toBe(0);
    expect(await seriousA11yViolations(dash)).toEqual([]);
    await att.close();
    await dash.close();
  });

  it('quorum reached turns the gauge; the chair grants and ends the floor of a raised hand, live', async () => {
    const dash = await chairSession.context.newPage();
    watchConsole(dash, problems);
    await dash.goto(`${t.url}/meetings/${meetingId}/dashboard`);
    await dash.getByText('Đã kết nối trực tiếp').waitFor();
    await dash.getByText('Chưa có đại biểu đăng ký phát biểu.').waitFor();

    // check in voting members until the quorum is reached
    const current = (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body;
    for (const r of current.filter((x) => x.canVote && x.status !== 'present')) {
      if ((await summary()).quorum.reached) break;
      await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId: r.delegateId });
    }
    expect((await summary()).quorum.reached).toBe(true);
    await dash.getByText('Đã đủ túc số').waitFor();

    // delegate3 raises a hand from their tablet (API)
    const http = new HttpClient(t.url);
    const d3 = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'delegate3', password })).body.accessToken);
    const me = (await d3.get<{ displayName: string }>('/api/auth/me')).body;
    expect((await d3.post(`/api/meetings/${meetingId}/speakers`, {})).status).toBeLessThan(300);
    await dash.getByRole('button', { name: `Mời phát biểu: ${me.displayName}` }).click();
    await dash.locator('.speaker-speaking').getByText(me.displayName).waitFor();
    await dash.getByText(/^Đang phát biểu · từ /).waitFor();
    const queue = (await secretary.get<{ status: string }[]>(`/api/meetings/${meetingId}/speakers`)).body;
    expect(queue.map((q) => q.status)).toEqual(['speaking']);

    // English on the projector
    await dash.getByRole('button', { name: 'English' }).click();
    await dash.getByRole('heading', { name: `Chair's dashboard: ${DEMO_MEETING.title}` }).waitFor();
    await dash.getByText('Quorum reached').waitFor();
    await screenshot(dash, '12-dashboard-speaking-en-1920x1080');
    expect(await seriousA11yViolations(dash)).toEqual([]);
    await dash.getByRole('button', { name: `End the speech of ${me.displayName}` }).click();
    await dash.getByText('Nobody has asked to speak.').waitFor();
    await dash.getByRole('button', { name: 'Tiếng Việt' }).click();

    // a delegate cannot open the dashboard
    await dash.close();
  });

  it('no console errors or uncaught page errors', () => {
    expect(problems).toEqual([]);
  });
});
