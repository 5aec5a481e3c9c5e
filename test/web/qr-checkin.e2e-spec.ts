import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBuffer as qrPng } from 'qrcode';
import sharp from 'sharp';
import { signQrCode } from '../../libs/attendance/src/qr/qr-code.js';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, horizontalOverflow, openSignedIn, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session } from './browser.js';
import { fakeCameraArgs, mjpegOfImage } from './fake-camera.js';

/**
 * QR check-in in real Chromium: a delegate opens their check-in QR on a phone; the test draws that code as a picture
 * and makes it the fake camera of a second Chromium, where the secretary's scanner (jsQR over the camera's frames)
 * checks the delegate in; the kiosk's QR mode reads it too; the typed-code fallback checks in another delegate; an
 * expired and a made-up code are refused in words.
 */
const maybe = describeInBrowser;

interface Row {
  delegateId: string;
  fullName: string;
  status: string;
  method: string | null;
}

maybe('QR check-in: the delegate’s code, the secretary’s scanner, the kiosk and the typed fallback (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let secretary: HttpClient;
  let kioskToken: string;
  let tmp: string;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let phone: Page;
  let code: string;

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }
  const rowOf = async (delegateId: string): Promise<Row> => (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body.find((r) => r.delegateId === delegateId)!;

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    meetingId = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    const rows = (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body;
    for (const username of ['delegate2', 'delegate3']) {
      ids[username] = (await (await login(username)).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
      names[username] = rows.find((r) => r.delegateId === ids[username])!.fullName;
    }
    const kiosk = await secretary.post<{ token: string }>(`/api/meetings/${meetingId}/kiosks`, { name: 'Cửa chính hội trường' });
    expect(kiosk.status).toBe(201);
    kioskToken = kiosk.body.token;
    tmp = mkdtempSync(join(tmpdir(), 'dh-qr-'));
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the delegate opens their check-in QR on a phone (390x844): a QR picture and the code in small text', async () => {
    phone = await openSignedIn({ baseUrl: t.url, username: 'delegate2', password, sessions, problems, viewport: { width: 390, height: 844 } });
    // the page's clock, to move it to just before the code runs out
    await phone.clock.install();
    await phone.goto(`${t.url}/meetings/${meetingId}/tablet`);
    await phone.getByRole('button', { name: /Mã QR điểm danh/ }).click();
    await phone.getByTestId('my-qr').waitFor();
    code = ((await phone.getByTestId('my-qr-code').textContent()) ?? '').trim();
    expect(code).toMatch(new RegExp(`^dq1\\.${meetingId}\\.${ids.delegate2}\\.\\d+\\.[A-Za-z0-9_-]+$`));
    // the picture is an SVG the page draws itself, with a square viewBox (the symbol and its quiet zone)
    const viewBox = (await phone.getByTestId('my-qr').getAttribute('viewBox')) ?? '';
    const [, , w, h] = viewBox.split(' ').map(Number);
    expect(w).toBe(h);
    expect(w).toBeGreaterThanOrEqual(21 + 8);
    // 100 s on (20 s before the 120 s code expires) the tablet fetches a fresh code by itself
    const refreshed = phone.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/attendance/my-qr`) && r.status() === 200);
    await phone.clock.runFor(101_000);
    const next = (await (await refreshed).json()) as { code: string; expiresAt: string };
    // (the same code when the fetch falls in the same second as the first: its expiry is whole seconds)
    await phone.getByTestId('my-qr-code').getByText(next.code, { exact: true }).waitFor();
    code = next.code;
    await phone.getByTestId('my-qr').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'qr-01-phone-my-qr-390x844');
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.setViewportSize({ width: 1024, height: 768 });
    await phone.getByTestId('my-qr').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'qr-02-tablet-my-qr-1024x768');
  }, 60_000);

  it('the secretary scans it with the camera: the delegate is present by QR, and the phone says so', async () => {
    // the code as a picture in front of the camera: a QR on a white sheet, 4:3
    const symbol = await qrPng(code, { errorCorrectionLevel: 'M', margin: 4, width: 360 });
    const sheet = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#ffffff' } })
      .composite([{ input: symbol, gravity: 'centre' }])
      .png()
      .toBuffer();
    const video = await mjpegOfImage(sheet, 10, tmp, 'qr.mjpeg');
    const att = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems, args: fakeCameraArgs(video) });
    await att.goto(`${t.url}/meetings/${meetingId}/attendance`);
    await att.getByText('Đã kết nối trực tiếp').waitFor();
    expect((await rowOf(ids.delegate2)).status).toBe('absent');
    await att.getByRole('button', { name: /Quét mã QR/ }).click();
    await att.getByTestId('qr-scanner').waitFor();
    const result = att.getByTestId('qr-result');
    await result.getByText(`${names.delegate2} đã điểm danh bằng mã QR.`).waitFor({ timeout: 30_000 });
    const row = att.locator(`tr[data-delegate="${ids.delegate2}"]`);
    await row.getByText('Có mặt').waitFor();
    await row.getByText('mã QR').waitFor();
    expect(await rowOf(ids.delegate2)).toMatchObject({ status: 'present', method: 'qr' });
    await screenshot(att, 'qr-03-attendance-scanner-1280x800');
    expect(await seriousA11yViolations(att)).toEqual([]);
    // switched off: the video goes and the camera is released
    await att.getByRole('button', { name: 'Tắt camera quét mã' }).click();
    await att.getByTestId('qr-scanner').waitFor({ state: 'detached' });
    expect(await att.evaluate(() => document.querySelectorAll('video').length)).toBe(0);

    // the phone, still showing the code, learns of the check-in from the live update and says so
    await phone.getByTestId('my-qr-checked-in').waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId('my-qr').count()).toBe(0);
    await phone.setViewportSize({ width: 390, height: 844 });
    await screenshot(phone, 'qr-04-phone-checked-in-390x844');

    // the kiosk's QR mode in the same browser (same fake camera): the same code now answers "already checked in"
    const kiosk = await att.context().newPage();
    watchConsole(kiosk, problems);
    await kiosk.goto(`${t.url}/kiosk/${meetingId}#token=${encodeURIComponent(kioskToken)}`);
    const qrCall = kiosk.waitForRequest((r) => r.url().endsWith(`/api/meetings/${meetingId}/attendance/qr`) && r.method() === 'POST');
    await kiosk.getByRole('button', { name: 'Quét mã QR' }).click();
    await kiosk.getByTestId('qr-scanner').waitFor();
    const sent = await qrCall;
    expect(sent.headers()['authorization']).toBe(`Kiosk ${kioskToken}`);
    expect(sent.headers()['x-kiosk-device']).toMatch(/^[0-9a-f-]{36}$/);
    await kiosk.getByTestId('qr-result').getByText(`${names.delegate2} đã điểm danh trước đó.`).waitFor({ timeout: 30_000 });
    await screenshot(kiosk, 'qr-05-kiosk-qr-1280x800');
    expect(await seriousA11yViolations(kiosk)).toEqual([]);
    // back to faces: the QR scanner and its stream are gone
    await kiosk.getByRole('button', { name: 'Nhận diện khuôn mặt' }).click();
    await kiosk.getByTestId('qr-scanner').waitFor({ state: 'detached' });
    await kiosk.close();
  }, 120_000);

  it('the typed code checks in another delegate; an expired or made-up code is refused in words', async () => {
    const att = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await att.goto(`${t.url}/meetings/${meetingId}/attendance`);
    await att.getByText('Đã kết nối trực tiếp').waitFor();
    const result = att.getByTestId('qr-result');

    // an empty field sends nothing
    await att.getByRole('button', { name: /Điểm danh bằng mã/ }).click();
    await att.getByText('Vui lòng nhập mã điểm danh.').waitFor();

    await att.locator('#qr-code-input').fill('not-a-check-in-code');
    await att.getByRole('button', { name: /Điểm danh bằng mã/ }).click();
    await result.getByText('Đây không phải mã điểm danh hợp lệ.').waitFor();

    const stale = signQrCode(t.config.jwt.secret, meetingId, ids.delegate3, Date.now() - 10 * 60_000).code;
    await att.locator('#qr-code-input').fill(stale);
    await att.getByRole('button', { name: /Điểm danh bằng mã/ }).click();
    await result.getByText('Mã QR đã hết hạn. Đề nghị đại biểu mở lại mã mới rồi quét lại.').waitFor();
    expect((await rowOf(ids.delegate3)).status).toBe('absent');

    const fresh = (await (await login('delegate3')).get<{ code: string; checkedIn: boolean }>(`/api/meetings/${meetingId}/attendance/my-qr`)).body;
    expect(fresh.checkedIn).toBe(false);
    await att.locator('#qr-code-input').fill(fresh.code);
    await att.getByRole('button', { name: /Điểm danh bằng mã/ }).click();
    await result.getByText(`${names.delegate3} đã điểm danh bằng mã QR.`).waitFor();
    expect(await att.locator('#qr-code-input').inputValue()).toBe('');
    await att.locator(`tr[data-delegate="${ids.delegate3}"]`).getByText('mã QR').waitFor();
    expect(await rowOf(ids.delegate3)).toMatchObject({ status: 'present', method: 'qr' });
    expect((await (await login('delegate3')).get<{ checkedIn: boolean }>(`/api/meetings/${meetingId}/attendance/my-qr`)).body.checkedIn).toBe(true);
    await screenshot(att, 'qr-06-attendance-typed-code-1280x800');
  }, 60_000);

  it('no unexpected console errors (the refused codes and the kiosk’s face frames answer 4xx/5xx on purpose)', () => {
    const expected = (p: ConsoleProblem) => /status of [45]\d\d/.test(p.text) && /\/attendance\/qr|\/checkin\/frame/.test(p.url);
    expect(problems.filter((p) => !expected(p))).toEqual([]);
  });
});
