import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { consentAndEnrol, FACES_DIR } from '../factories/face.factory.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { mjpegOf } from './fake-camera.js';
import { CHROMIUM_PATH, openSession, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session, signInThroughForm } from './browser.js';

/**
 * The check-in kiosk in real Chromium with a fake camera: the video is a photo of an enrolled delegate
 * (../shared/faces, deepface img4 = the person of img1 and img2), the real face engine recognises them, the kiosk
 * greets them by name and the chair's dashboard counts them present.
 */
const UI_BUILT = existsSync('apps/web/dist/index.html');
const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
const HAS_FACES = existsSync(join(FACES_DIR, 'deepface', 'img4.jpg'));
const maybe = UI_BUILT && HAS_FACES && (HAS_CHROMIUM || process.env.CI) ? describe : describe.skip;
if (!HAS_FACES) process.stdout.write(`[web e2e] ${FACES_DIR} is missing: the kiosk test needs the shared photos\n`);

interface Row {
  delegateId: string;
  fullName: string;
  title: string | null;
  status: string;
}

maybe('check-in kiosk with a fake camera (Chromium, real face engine)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let kioskToken: string;
  let sideKioskToken: string;
  let delegate: Row;
  let kioskSession: Session;
  let chairSession: Session;
  let tmp: string;
  const problems: ConsoleProblem[] = [];
  const expected: RegExp[] = [];

  beforeAll(async () => {
    t = await startTestApp({ FACE_WORKERS: '1' });
    password = (await t.app.get(DemoSeeder).seed()).password;
    const http = new HttpClient(t.url);
    const as = async (username: string) => http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username, password })).body.accessToken);
    const secretary = await as('secretary');
    const admin = await as('admin');
    meetingId = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    const rows = (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body;
    delegate = rows.find((r) => r.status === 'absent' && r.title)!;
    const enrolled = await consentAndEnrol(admin, delegate.delegateId, ['deepface/img1.jpg', 'deepface/img2.jpg'], 'GCN-2026/0001');
    expect(enrolled.status).toBe(201);
    const kiosk = await secretary.post<{ token: string }>(`/api/meetings/${meetingId}/kiosks`, { name: 'Cửa chính phòng họp số 1' });
    expect(kiosk.status).toBe(201);
    kioskToken = kiosk.body.token;
    // a token binds to the first tablet that uses it: the second camera (another browser) gets its own
    const side = await secretary.post<{ token: string }>(`/api/meetings/${meetingId}/kiosks`, { name: 'Cửa phụ phòng họp số 1' });
    expect(side.status).toBe(201);
    sideKioskToken = side.body.token;

    tmp = mkdtempSync(join(tmpdir(), 'dh-camera-'));
    const video = await mjpegOf('deepface/img4.jpg', 10, tmp);
    kioskSession = await openSession({ width: 1280, height: 800 }, ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    chairSession = await openSession({ width: 1920, height: 1080 });
  }, 180_000);

  afterAll(async () => {
    await kioskSession?.close();
    await chairSession?.close();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('asks for the kiosk code once, refuses a wrong one, greets the enrolled delegate by name; the dashboard counts them present', async () => {
    const dash: Page = await chairSession.context.newPage();
    watchConsole(dash, problems);
    await signInThroughForm(dash, t.url, 'chair', password);
    await dash.waitForURL(/\/meetings/);
    await dash.goto(`${t.url}/meetings/${meetingId}/dashboard`);
    await dash.getByText('Đã kết nối trực tiếp').waitFor();
    const inHall = async () => dash.getByTestId('count-inHall').locator('dd').textContent();
    const before = Number(await inHall());

    const kiosk = await kioskSession.context.newPage();
    watchConsole(kiosk, problems);
    // no token: the setup form, accessible
    await kiosk.goto(`${t.url}/kiosk/${meetingId}`);
    await kiosk.getByRole('heading', { name: 'Cài đặt máy điểm danh' }).waitFor();
    expect(await seriousA11yViolations(kiosk)).toEqual([]);
    expected.push(/status of 401/);
    await kiosk.getByLabel('Mã máy điểm danh').fill('not-a-kiosk-token');
    await kiosk.getByRole('button', { name: 'Bắt đầu điểm danh' }).click();
    await kiosk.getByText('Mã máy điểm danh không hợp lệ cho cuộc họp này. Vui lòng nhập lại.').waitFor();

    // the token in the URL fragment: taken, kept in sessionStorage, removed from the address bar
    const frame = kiosk.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/checkin/frame`) && r.request().method() === 'POST');
    await kiosk.goto(`${t.url}/kiosk/${meetingId}#token=${encodeURIComponent(kioskToken)}`);
    const first = await frame;
    expect(first.request().headers()['authorization']).toBe(`Kiosk ${kioskToken}`);
    expect(first.request().headers()['content-type']).toBe('image/jpeg');
    expect(first.request().headers()['x-kiosk-device']).toMatch(/^[0-9a-f-]{36}$/);
    expect(kiosk.url()).toBe(`${t.url}/kiosk/${meetingId}`);
    expect(await kiosk.evaluate((id) => sessionStorage.getItem(`dh.kiosk.${id}`), meetingId)).toBe(kioskToken);
    // frames are downscaled to at most 640 px
    const size = await sharp(Buffer.from(first.request().postDataBuffer() ?? Buffer.alloc(0))).metadata();
    expect(Math.max(size.width ?? 0, size.height ?? 0)).toBeLessThanOrEqual(640);

    const seen: string[] = [];
    kiosk.on('response', (r) => {
      if (r.url().endsWith('/checkin/frame')) void r.text().then((b) => seen.push(`${r.status()} ${b.slice(0, 300)}`), () => undefined);
    });
    await kiosk.getByText(`Xin chào, ${delegate.fullName}`).waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
      await screenshot(kiosk, '13-kiosk-failed');
      throw new Error(`${String(err)}\nframe answers: ${seen.slice(-5).join('\n')}`);
    });
    await kiosk.getByText(delegate.title!).waitFor();
    await kiosk.getByText('Đã điểm danh. Kính mời đại biểu vào phòng họp.').waitFor();
    await screenshot(kiosk, '13-kiosk-welcome');
    expect(await seriousA11yViolations(kiosk)).toEqual([]);

    await dash.waitForFunction((n) => document.querySelector('[data-testid="count-inHall"] dd')?.textContent === String(n), before + 1);
    await screenshot(dash, '14-dashboard-after-kiosk');

    // a reload keeps the token (sessionStorage) and the camera going; the delegate is already present
    await kiosk.reload();
    await kiosk.getByText(`Xin chào, ${delegate.fullName}`).waitFor({ timeout: 60_000 });
    await kiosk.getByText('Đại biểu đã điểm danh trước đó.').waitFor();
    await kiosk.close();
    await dash.close();
  }, 150_000);

  it('a stranger gets a neutral message with no identity; the secretary gets a count with time and kiosk, no image', async () => {
    const strangerSession = await openSession({ width: 1280, height: 800 }, [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${await mjpegOf('bbt/stuart/stuart1.png', 10, mkdtempSync(join(tmp, 'stranger-')))}`,
    ]);
    const secretarySession = await openSession({ width: 1440, height: 900 });
    try {
      const att = await secretarySession.context.newPage();
      watchConsole(att, problems);
      await signInThroughForm(att, t.url, 'secretary', password);
      await att.waitForURL(/\/meetings/);
      await att.goto(`${t.url}/meetings/${meetingId}/attendance`);
      await att.getByText('Đã kết nối trực tiếp').waitFor();
      await att.getByText('Chưa có khuôn mặt lạ nào tại máy điểm danh.').waitFor();

      const kiosk = await strangerSession.context.newPage();
      watchConsole(kiosk, problems);
      await kiosk.goto(`${t.url}/kiosk/${meetingId}#${encodeURIComponent(sideKioskToken)}`);
      await kiosk.getByText('Chưa nhận diện được. Kính mời liên hệ thư ký để điểm danh.').waitFor({ timeout: 30_000 });
      expect(await kiosk.getByTestId('kiosk-message').textContent()).not.toContain('Xin chào');
      await screenshot(kiosk, '15-kiosk-unrecognised');
      expect(await seriousA11yViolations(kiosk)).toEqual([]);

      const alert = att.locator('.face-alert').first();
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Cửa phụ phòng họp số 1');
      expect(await alert.getByRole('img').count()).toBe(0);
      expect(await alert.textContent()).toMatch(/người chưa nhận diện/);
      await screenshot(att, '16-attendance-unrecognised-alert');
      expect(await seriousA11yViolations(att)).toEqual([]);
    } finally {
      await strangerSession.close();
      await secretarySession.close();
    }
  }, 120_000);

  it('shows a busy state on 503 ENGINE_BUSY and an offline state when the server cannot be reached, then recovers', async () => {
    const kiosk = await kioskSession.context.newPage();
    watchConsole(kiosk, problems);
    expected.push(/status of 503/, /ERR_FAILED|ERR_INTERNET_DISCONNECTED|Failed to fetch/);
    const frameUrl = `**/api/meetings/${meetingId}/checkin/frame`;
    await kiosk.route(frameUrl, (route) =>
      route.fulfill({ status: 503, headers: { 'retry-after': '1', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'ENGINE_BUSY', message: 'busy', requestId: 'x' } }) }),
    );
    await kiosk.goto(`${t.url}/kiosk/${meetingId}#token=${encodeURIComponent(kioskToken)}`); // a new tab: sessionStorage is per tab
    await kiosk.getByText('Hệ thống đang bận, xin chờ giây lát…').waitFor();
    await kiosk.unroute(frameUrl);
    await kiosk.route(frameUrl, (route) => route.abort('internetdisconnected'));
    await kiosk.getByText('Mất kết nối tới máy chủ, đang thử lại…').waitFor();
    await screenshot(kiosk, '17-kiosk-offline');
    await kiosk.unroute(frameUrl);
    await kiosk.getByText(`Xin chào, ${delegate.fullName}`).waitFor({ timeout: 30_000 });
    await kiosk.close();
  }, 60_000);

  it('no unexpected console errors', () => {
    expect(problems.filter((p) => !expected.some((re) => re.test(p.text)))).toEqual([]);
  });
});
