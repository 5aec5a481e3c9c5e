import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { openSession, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session, describeInBrowser, signInThroughForm } from './browser.js';

/**
 * The secretary console's opinion and kiosk panels in real Chromium: a written opinion sent from a delegate's
 * tablet reaches the console live and is marked addressed; a kiosk token issued from the console works for the
 * kiosk routes until it is revoked from the console.
 */
const maybe = describeInBrowser;

maybe('secretary console: opinions and kiosk tokens (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let secretary: HttpClient;
  let agendaTitle: string;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let console_: Page;

  async function signIn(username: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const session = await openSession(viewport);
    sessions.push(session);
    const page = await session.context.newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, username, password);
    return page;
  }

  /** A kiosk-only route: 401 when the token is refused; otherwise the scanned (bogus) code is judged. */
  async function kioskStatus(token: string): Promise<number> {
    const res = await fetch(`${t.url}/api/meetings/${meetingId}/attendance/qr`, {
      method: 'POST',
      headers: { authorization: `Kiosk ${token}`, 'x-kiosk-device': 'door-tablet-console-test', 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'not-a-real-code' }),
    });
    return res.status;
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    const http = new HttpClient(t.url);
    secretary = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password })).body.accessToken);
    const meetings = await secretary.get<{ id: string; title: string }[]>('/api/meetings');
    meetingId = meetings.body.find((m) => m.title === DEMO_MEETING.title)!.id;
    const detail = await secretary.get<{ agenda: { position: number; title: string }[] }>(`/api/meetings/${meetingId}`);
    agendaTitle = detail.body.agenda.find((a) => a.position === 3)!.title;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    console_ = await signIn('secretary', { width: 1440, height: 900 });
    await console_.waitForURL(/\/meetings$/);
    await console_.goto(`${t.url}/meetings/${meetingId}/console`);
    await console_.getByText('Chưa có ý kiến nào.').waitFor();
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('a written opinion from the tablet reaches the console live and is marked addressed', async () => {
    const tablet = await signIn('delegate4');
    await tablet.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
    await tablet.getByRole('button', { name: `Gửi ý kiến bằng văn bản về: ${agendaTitle}` }).click();
    // an empty opinion is refused on the tablet, with the field focused and described
    await tablet.getByRole('button', { name: 'Gửi ý kiến', exact: true }).click();
    await tablet.getByText('Vui lòng nhập nội dung ý kiến.').waitFor();
    const text = 'Đề nghị bổ sung kinh phí đào tạo cán bộ cấp xã về sử dụng hệ thống họp không giấy.';
    await tablet.getByLabel(`Ý kiến của bạn về: ${agendaTitle}`).fill(text);
    await tablet.getByRole('button', { name: 'Gửi ý kiến', exact: true }).click();
    await tablet.getByText('Đã gửi ý kiến của bạn tới thư ký.').waitFor();
    expect(await seriousA11yViolations(tablet)).toEqual([]);

    const me = (await secretary.get<{ delegateName: string; content: string; status: string; id: string }[]>(`/api/meetings/${meetingId}/opinions`)).body;
    expect(me.map((o) => [o.content, o.status])).toEqual([[text, 'submitted']]);
    const item = console_.getByTestId(`opinion-${me[0].id}`);
    await item.getByText(text).waitFor();
    expect(await item.textContent()).toContain(agendaTitle);
    await console_.getByText('Chỉ hiện ý kiến chưa tiếp thu (1)').waitFor();
    await console_.getByRole('button', { name: `Đánh dấu đã tiếp thu ý kiến của ${me[0].delegateName}` }).click();
    await item.getByText('Đã tiếp thu').waitFor();
    await console_.getByText('Chỉ hiện ý kiến chưa tiếp thu (0)').waitFor();
    const after = (await secretary.get<{ status: string }[]>(`/api/meetings/${meetingId}/opinions`)).body;
    expect(after.map((o) => o.status)).toEqual(['addressed']);
  });

  it('a kiosk token issued from the console opens the kiosk routes until it is revoked there', async () => {
    await console_.getByRole('button', { name: 'Cấp mã máy điểm danh' }).click();
    await console_.getByText('Vui lòng nhập tên máy điểm danh.').waitFor();
    await console_.getByLabel('Tên máy điểm danh (ví dụ: Cửa chính phòng họp số 1)').fill('Cửa phụ tầng 2');
    await console_.getByRole('button', { name: 'Cấp mã máy điểm danh' }).click();
    await console_.getByText('Đã cấp mã cho máy “Cửa phụ tầng 2”.').waitFor();
    const token = (await console_.getByTestId('kiosk-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(await console_.getByTestId('kiosk-link').getAttribute('href')).toBe(`${t.url}/kiosk/${meetingId}#token=${encodeURIComponent(token)}`);
    expect(await kioskStatus(token)).toBe(400); // the token is accepted; the bogus scanned code is what is refused
    expect(await kioskStatus('x'.repeat(token.length))).toBe(401);
    await screenshot(console_, '25-console-opinions-kiosks');
    expect(await seriousA11yViolations(console_)).toEqual([]);

    await console_.getByRole('button', { name: 'Thu hồi mã máy điểm danh Cửa phụ tầng 2' }).click();
    await console_.getByText(/đã thu hồi lúc/).waitFor();
    expect(await kioskStatus(token)).toBe(401);
    const kiosks = (await secretary.get<{ name: string; revokedAt: string | null }[]>(`/api/meetings/${meetingId}/kiosks`)).body;
    expect(kiosks.map((k) => [k.name, k.revokedAt !== null])).toEqual([['Cửa phụ tầng 2', true]]);
  });

  it('no console errors or uncaught page errors', () => {
    expect(problems).toEqual([]);
  });
});
