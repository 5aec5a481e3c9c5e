import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import type { Server } from 'socket.io';
import { RealtimeService } from '#realtime';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { CHROMIUM_PATH, horizontalOverflow, openSession, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session, signInThroughForm } from './browser.js';

/**
 * The web UI in real Chromium against the real server and database, on the demo data set:
 * login, meetings, meeting detail with a PDF, the secretary console, the delegates admin, a delegate's landing.
 */
const UI_BUILT = existsSync('apps/web/dist/index.html');
const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
// on CI a missing browser fails the run instead of skipping it, so a missing install step cannot pass unseen
const maybe = UI_BUILT && (HAS_CHROMIUM || process.env.CI) ? describe : describe.skip;
if (!UI_BUILT) process.stdout.write('[web e2e] apps/web/dist is missing: run "npm run build" (npm test does) to test the UI\n');
if (!HAS_CHROMIUM) process.stdout.write(`[web e2e] ${CHROMIUM_PATH} is missing (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);

/** A one-page PDF, enough for the server's content check and the browser's viewer. */
function tinyPdf(text: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${44 + text.length} >>\nstream\nBT /F1 24 Tf 72 760 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

maybe('web UI (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let session: Session;
  const problems: ConsoleProblem[] = [];
  /** Errors a step provokes on purpose (an expired token's 401, a refused import's 422). */
  const expected: RegExp[] = [];

  async function newPage(): Promise<Page> {
    const page = await session.context.newPage();
    watchConsole(page, problems);
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await signInThroughForm(page, t.url, username, password);
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: /Đăng xuất|Sign out/ }).click();
    await page.getByRole('heading', { name: /Đăng nhập|Sign in/ }).waitFor();
  }

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await t.app.get(DemoSeeder).seed();
    password = seeded.password;
    const http = new HttpClient(t.url);
    const login = await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password });
    const secretary = http.withToken(login.body.accessToken);
    const meetings = await secretary.get<{ id: string; title: string }[]>('/api/meetings');
    meetingId = meetings.body.find((m) => m.title === DEMO_MEETING.title)!.id;
    const detail = await secretary.get<{ agenda: { id: string }[] }>(`/api/meetings/${meetingId}`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(tinyPdf('Du toan ngan sach 2027'))], { type: 'application/pdf' }), 'Dự toán ngân sách 2027.pdf');
    form.append('agendaItemId', detail.body.agenda[1].id);
    const up = await secretary.post('/api/meetings/' + meetingId + '/documents', form);
    expect(up.status).toBe(201);
    session = await openSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('serves the UI at / and client routes, keeps /api answers JSON', async () => {
    const http = new HttpClient(t.url);
    const root = await fetch(`${t.url}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    expect(root.headers.get('content-security-policy')).toContain("frame-src 'self' blob:");
    expect(await root.text()).toContain('<div id="root">');
    const deep = await fetch(`${t.url}/meetings/${meetingId}`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    const api = await http.get<{ error: { code: string } }>('/api/nope');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('ROUTE_NOT_FOUND');
    const apiHtml = await fetch(`${t.url}/api/nope`, { headers: { accept: 'text/html' } });
    expect(apiHtml.headers.get('content-type')).toContain('application/json');
  });

  it('login page: Vietnamese, accessible', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await screenshot(page, '01-login');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // keyboard order: language switch first, then the form
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await page.close();
  });

  it('secretary signs in, sees the meetings in Vietnamese, switches to English (kept after reload) and back', async () => {
    const page = await newPage();
    await signIn(page, 'secretary');
    await page.getByRole('heading', { name: 'Danh sách cuộc họp' }).waitFor();
    expect(page.url()).toBe(`${t.url}/meetings`);
    await page.getByRole('link', { name: `Mở cuộc họp ${DEMO_MEETING.title}` }).waitFor();
    expect(await page.textContent('main')).toContain('Đã lên lịch');
    await screenshot(page, '02-meetings-vi');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Meetings', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Meetings', exact: true }).waitFor();
    expect(await page.textContent('main')).toContain('Scheduled');
    await screenshot(page, '03-meetings-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Danh sách cuộc họp' }).waitFor();
    await page.close();
  });

  it('opens a meeting: agenda, documents, the PDF in the viewer, the live connection; accessible', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/meetings`);
    await page.getByRole('link', { name: `Mở cuộc họp ${DEMO_MEETING.title}` }).click();
    await page.getByRole('heading', { name: DEMO_MEETING.title }).waitFor();
    await page.getByRole('heading', { name: 'Chương trình họp' }).waitFor();
    for (const item of DEMO_MEETING.agenda) await page.getByRole('heading', { name: item.title }).waitFor();
    await page.getByText('Đã kết nối trực tiếp').waitFor();

    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/meetings/${meetingId}/documents/`) && r.request().method() === 'GET'),
      page.getByRole('button', { name: /^Dự toán ngân sách 2027\.pdf/ }).first().click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const frame = page.locator('iframe.viewer-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(1500); // let the PDF viewer paint for the screenshot
    await screenshot(page, '04-meeting-detail');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // tablet, laptop, projector: nothing wider than the screen
    for (const size of [
      { width: 1280, height: 800, name: 'tablet' },
      { width: 1440, height: 900, name: 'laptop' },
      { width: 1920, height: 1080, name: 'projector' },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      expect({ size: size.name, overflow: await horizontalOverflow(page) }).toEqual({ size: size.name, overflow: 0 });
      await screenshot(page, `05-meeting-${size.name}-${size.width}x${size.height}`);
    }
    await page.close();
  });

  it('secretary console moves the meeting through its lifecycle', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${t.url}/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Bàn điều hành của thư ký' }).click();
    await page.getByRole('heading', { name: `Bàn điều hành: ${DEMO_MEETING.title}` }).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu điểm danh' }).click();
    await page.getByText('Xác nhận: Bắt đầu điểm danh?').waitFor();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByText('Đã chuyển cuộc họp sang trạng thái: Đang điểm danh.').waitFor();
    await page.getByRole('button', { name: 'Khai mạc phiên họp' }).waitFor();
    await screenshot(page, '06-secretary-console');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const http = new HttpClient(t.url);
    const login = await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password });
    const detail = await http.withToken(login.body.accessToken).get<{ status: string }>(`/api/meetings/${meetingId}`);
    expect(detail.body.status).toBe('open');
    await signOut(page);
    await page.close();
  });

  it('admin sees the delegates and gets the per-row errors of a refused import', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Đại biểu', exact: true }).click();
    await page.getByRole('heading', { name: 'Quản lý đại biểu' }).waitFor();
    await page.getByText('Tổng số: 30 đại biểu').waitFor();
    await page.getByRole('rowheader', { name: 'Nguyễn Văn Phong' }).waitFor();

    expected.push(/status of 422/);
    const csv = 'Họ và tên,Email,Điện thoại\nNguyễn Thị Mới,moi@hanoi.example.vn,0912345678\n,thieu.ten@hanoi.example.vn,\nLê Văn Sai,khong-phai-email,\n';
    await page.getByLabel('Chọn tệp').setInputFiles({ name: 'dai-bieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Tệp có dòng không hợp lệ; chưa có dòng nào được nhập.').waitFor();
    const table = page.getByRole('table', { name: 'Các dòng bị lỗi' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, '07-delegates-import-errors');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Nhập các dòng hợp lệ, bỏ qua dòng lỗi').check();
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Đã nhập 1 đại biểu, bỏ qua 2 dòng.').waitFor();
    await page.getByText('Tổng số: 31 đại biểu').waitFor();
    await signOut(page);
    await page.close();
  });

  it('a delegate lands on the tablet screen of their open meeting and can read its documents', async () => {
    const page = await newPage();
    await signIn(page, 'delegate3');
    await page.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
    await page.getByText('Hiện chưa có nội dung biểu quyết.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Thông tin cuộc họp' }).click();
    await page.waitForURL(`${t.url}/meetings/${meetingId}`);
    await page.getByRole('heading', { name: DEMO_MEETING.title }).waitFor();
    await page.getByText('Thành viên, có quyền biểu quyết').waitFor();
    expect(await page.getByRole('link', { name: 'Bàn điều hành của thư ký' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Đại biểu', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: /^Dự toán ngân sách 2027\.pdf/ }).first().click();
    expect(await page.locator('iframe.viewer-frame').getAttribute('src')).toMatch(/^blob:/);
    await screenshot(page, '08-delegate-meeting');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('an expired access token is refreshed without sending the user back to login', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/meetings/${meetingId}`);
    await page.getByRole('heading', { name: DEMO_MEETING.title }).waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('dh.tokens'));
    const tokens = JSON.parse(stored ?? '{}') as { accessToken: string; refreshToken: string };
    const claims = jwt.decode(tokens.accessToken) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ ...claims, iat: now - 120, exp: now - 60 }, t.config.jwt.secret, { algorithm: 'HS256' });
    await page.evaluate((v) => localStorage.setItem('dh.tokens', v), JSON.stringify({ ...tokens, accessToken: expired }));
    expected.push(/status of 401/);
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200);
    await page.reload();
    await refreshed;
    await page.getByRole('heading', { name: DEMO_MEETING.title }).waitFor();
    const after = JSON.parse((await page.evaluate(() => localStorage.getItem('dh.tokens'))) ?? '{}') as { accessToken: string; refreshToken: string };
    expect(after.accessToken).not.toBe(expired);
    expect(after.refreshToken).not.toBe(tokens.refreshToken);
    await page.close();
  });

  it('after a network drop the page reconnects, re-joins the meeting room and refetches the meeting', async () => {
    const io = (t.app.get(RealtimeService) as unknown as { server: Server }).server;
    const room = `meeting:${meetingId}`;
    const page = await newPage();
    await page.goto(`${t.url}/meetings/${meetingId}`);
    await page.getByText('Đã kết nối trực tiếp').waitFor();
    const joined = async () => (await io.in(room).fetchSockets()).length;
    for (let i = 0; i < 50 && (await joined()) === 0; i++) await page.waitForTimeout(100);
    expect(await joined()).toBe(1);

    const refetched = page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}`) && r.status() === 200);
    // drop the transport under the socket, as a lost Wi-Fi would: the client sees "transport close" and retries
    for (const s of await io.in(room).fetchSockets()) (s as unknown as { conn: { close(): void } }).conn.close();
    await refetched;
    await page.getByText('Đã kết nối trực tiếp').waitFor();
    expect(await joined()).toBe(1);
    await page.close();
  });

  it('no console errors or uncaught page errors on any screen', () => {
    const unexpected = problems.filter((p) => !expected.some((re) => re.test(p.text)));
    expect(unexpected).toEqual([]);
  });
});
