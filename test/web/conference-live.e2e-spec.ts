import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { RoomServiceClient } from 'livekit-server-sdk';
import { roomNameFor } from '#conference';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { describeWithLiveKit, startLiveKit, WebhookRelay, type LiveKitServer } from '../conference/livekit-real.js';
import { eventually } from '../utils/eventually.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, openSession, screenshot, signInThroughForm, watchConsole, type ConsoleProblem, type Page, type Session } from './browser.js';
import { fakeCameraArgs, y4mOf } from './fake-camera.js';

/**
 * An online meeting with real media: the real LiveKit server, three Chromium profiles with a fake camera (a face
 * photo as y4m) and microphone, joining through the web UI as two delegates and the chair. They see each other's
 * video decode, the chair's attendance shows them online, the chair mutes one and removes another (who cannot come
 * back until readmitted), and an online delegate votes during the call, counted in the quorum.
 */
const maybe = describeInBrowser === describe.skip ? describe.skip : describeWithLiveKit;

interface VideoState {
  name: string;
  width: number;
  frames: number;
}

/** The remote tiles' videos on a page: their intrinsic width and decoded frame count. */
const remoteVideos = (page: Page): Promise<VideoState[]> =>
  page.getByTestId('conference').evaluate((panel) =>
    [...panel.querySelectorAll('video')]
      .filter((v) => !(v.getAttribute('aria-label') ?? '').includes('(bạn)'))
      .map((v) => ({ name: v.getAttribute('aria-label') ?? '', width: v.videoWidth, frames: v.getVideoPlaybackQuality().totalVideoFrames })),
  );

maybe('online meeting with real media (LiveKit + Chromium)', () => {
  let lk: LiveKitServer;
  const relay = new WebhookRelay();
  let t: TestApp;
  let dir: string;
  let meetingId: string;
  let secretary: HttpClient;
  let password: string;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  const pages: Record<string, Page> = {};
  let camera: string;

  const login = async (username: string) => {
    const http = new HttpClient(t.url);
    return http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username, password })).body.accessToken);
  };
  const open = async (username: string, viewport = { width: 1280, height: 800 }): Promise<Page> => {
    const session = await openSession(viewport, fakeCameraArgs(camera));
    sessions.push(session);
    const page = await session.context.newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, username, password);
    await page.waitForURL(/\/meetings/);
    return page;
  };
  const joinOnline = async (page: Page) => {
    const panel = page.getByTestId('conference');
    await panel.getByRole('button', { name: 'Tham gia trực tuyến' }).click();
    await panel.getByText('Bạn đang ở trong phòng họp trực tuyến.').waitFor({ timeout: 30_000 });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dh-live-'));
    camera = await y4mOf('deepface/img1.jpg', dir);
    const webhookUrl = await relay.start();
    lk = await startLiveKit({ webhookUrl });
    t = await startTestApp({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret, LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0' });
    relay.target = `${t.url}/api/livekit/webhook`;
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    meetingId = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'in_session', confirmBelowQuorum: true })).status).toBeLessThan(300);
  }, 300_000);

  afterAll(async () => {
    for (const s of sessions.splice(0)) await s.close();
    await t?.close();
    await lk?.stop();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('two delegates and the chair join through the web UI and see each other’s video decoding', async () => {
    const before = (await secretary.get<{ presentOnline: number; quorum: { present: number } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
    expect(before.presentOnline).toBe(0);
    pages.d2 = await open('delegate2');
    pages.d3 = await open('delegate3');
    pages.chair = await open('chair', { width: 1440, height: 900 });
    await pages.chair.goto(`${t.url}/meetings/${meetingId}/console`);
    for (const p of [pages.d2, pages.d3]) await p.goto(`${t.url}/meetings/${meetingId}/tablet`);
    for (const p of [pages.d2, pages.d3, pages.chair]) await joinOnline(p);
    for (const [name, p] of Object.entries(pages)) {
      try {
        await eventually(async () => {
          const videos = await remoteVideos(p);
          return videos.length === 2 && videos.every((v) => v.width > 0);
        }, 45_000);
      } catch {
        throw new Error(`${name} does not see two decoding videos: ${JSON.stringify(await remoteVideos(p))}`);
      }
      const first = await remoteVideos(p);
      await new Promise((r) => setTimeout(r, 1500));
      const later = await remoteVideos(p);
      for (const v of later) expect(v.frames).toBeGreaterThan(first.find((f) => f.name === v.name)!.frames);
      expect(later.every((v) => v.width === 320)).toBe(true);
    }
    // pictures for people to look at, not assertions: a screenshot that times out on a loaded machine fails nothing
    await screenshot(pages.d2, '80-conference-live-delegate-1280x800').catch(() => undefined);
    await screenshot(pages.chair, '81-conference-live-chair-console').catch(() => undefined);
  }, 240_000);

  it('the chair’s attendance shows them online and the quorum counts them', async () => {
    const server = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    expect((await server.listParticipants(roomNameFor(meetingId))).length).toBe(3);
    await eventually(async () => (await secretary.get<{ presentOnline: number }>(`/api/meetings/${meetingId}/attendance/summary`)).body.presentOnline === 3, 20_000);
    const summary = (await secretary.get<{ presentOnline: number; quorum: { present: number } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
    expect(summary.quorum.present).toBe(3);
    const dash = await sessions[2].context.newPage();
    watchConsole(dash, problems);
    await dash.goto(`${t.url}/meetings/${meetingId}/dashboard`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    await dash.getByTestId('count-online').getByText('3', { exact: false }).waitFor({ timeout: 60_000 });
    await screenshot(dash, '82-conference-live-chair-dashboard');
    await dash.close();
  }, 180_000);

  it('the chair mutes a delegate: the others see the microphone off', async () => {
    const mod = pages.chair.getByTestId('conference-moderation');
    await mod.getByRole('button', { name: 'Làm mới danh sách' }).click();
    const name = (await (await login('delegate2')).get<{ displayName: string }>('/api/auth/me')).body.displayName;
    await mod.getByRole('button', { name: `Tắt micro của ${name}` }).click();
    await mod.getByText(`Đã tắt micro của ${name}.`).waitFor();
    await pages.d2.getByTestId('conf-notice').getByText('Thư ký đã tắt micro của bạn.').waitFor();
    // the other delegate's tile of delegate2 says the microphone is off
    await pages.d3.getByTestId('conference').locator('li', { hasText: name }).getByText('đã tắt micro').waitFor({ timeout: 20_000 });
    await screenshot(pages.d3, '83-conference-live-sees-mute-1280x800');
  }, 180_000);

  it('the chair removes a delegate: their screen says so; they cannot rejoin until readmitted', async () => {
    const mod = pages.chair.getByTestId('conference-moderation');
    const name = (await (await login('delegate3')).get<{ displayName: string }>('/api/auth/me')).body.displayName;
    // the table re-renders every 10 s: click without waiting for a stable layout
    await mod.getByRole('button', { name: `Mời ra khỏi phòng: ${name}` }).click({ force: true });
    await mod.getByRole('alertdialog').getByRole('button', { name: 'Mời ra' }).click();
    await mod.getByText(`Đã mời ${name} ra khỏi phòng họp trực tuyến.`).waitFor();
    const panel = pages.d3.getByTestId('conference');
    await panel.getByTestId('conf-message').getByText('Chủ tọa hoặc thư ký đã mời bạn ra khỏi phòng họp trực tuyến.', { exact: false }).waitFor({ timeout: 20_000 });
    await screenshot(pages.d3, '84-conference-live-removed-1280x800');
    await panel.getByRole('button', { name: 'Tham gia lại' }).click();
    await panel.getByText('Bạn chỉ tham gia lại được khi được cho vào lại.', { exact: false }).waitFor();
    await mod.getByTestId('conference-removed').getByText(name, { exact: false }).waitFor();
    await screenshot(pages.chair, '85-conference-live-chair-removed-list');
    await mod.getByRole('button', { name: `Cho vào lại: ${name}` }).click();
    await mod.getByText(`Đã cho ${name} vào lại phòng họp trực tuyến.`).waitFor();
    await pages.d3.reload();
    await joinOnline(pages.d3);
  }, 180_000);

  it('an online delegate votes during the call; the vote counts and the call goes on', async () => {
    // a vote opens only with the quorum: the rest come in the hall (checked in by the secretary)
    const rows = (await secretary.get<{ delegateId: string; canVote: boolean; status: string }[]>(`/api/meetings/${meetingId}/attendance`)).body;
    for (const r of rows.filter((x) => x.canVote && x.status !== 'present')) {
      if ((await secretary.get<{ quorum: { reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body.quorum.reached) break;
      expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId: r.delegateId })).status).toBe(200);
    }
    const poll = (await secretary.post<{ id: string; title: string }>(`/api/meetings/${meetingId}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Biểu quyết trong phiên trực tuyến' })).body;
    expect((await secretary.post(`/api/polls/${poll.id}/open`)).status).toBeLessThan(300);
    const ballot = pages.d2.getByRole('article', { name: poll.title });
    await ballot.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await ballot.getByText('Đã biểu quyết').waitFor({ timeout: 20_000 });
    const [row] = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM named_ballots WHERE poll_id = $1', [poll.id]);
    expect(Number(row.n)).toBe(1);
    // still in the room, still receiving video
    await pages.d2.getByTestId('conference').getByText('Bạn đang ở trong phòng họp trực tuyến.').waitFor();
    expect((await remoteVideos(pages.d2)).some((v) => v.width > 0)).toBe(true);
    await screenshot(pages.d2, '86-conference-live-voted-1280x800');
  }, 180_000);

  it('the recording control says recording is unavailable (no egress here) instead of offering a button', async () => {
    const rec = pages.chair.getByTestId('conference-recording');
    await rec.getByTestId('recording-unavailable').waitFor();
    expect(await rec.getByRole('button').count()).toBe(0);
  });

  it('no page errors', () => {
    expect(problems.filter((p) => p.text.startsWith('pageerror'))).toEqual([]);
  });
});
