import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import {
  dispose,
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackKind,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import { chromium } from 'playwright-core';
import { freePort } from './lib/local-services.js';
import { liveKitBinary, startLiveKit, WebhookRelay, type LiveKitServer } from './lib/livekit-process.js';
import { parseArgs, processCpuMs, startServer, type ServerProcess } from './lib/server-process.js';
import { percentile } from './lib/vote-crowd.js';

/**
 * npm run bench:livekit [-- --joins 10 --max 16 --step 2 --hold 10]
 *
 * The real LiveKit server (scripts/livekit-local.sh's build) next to the compiled API (embedded PGlite with the demo
 * data, or DATABASE_URL), on this machine. Prints JSON:
 * - join: Chromium (fake camera and microphone) clicks "Tham gia trực tuyến" on the tablet, time until the first
 *   frame of the other participant's video is decoded (videoWidth > 0), `joins` times: p50, p95;
 * - capacity: headless participants (@livekit/rtc-node) each publishing 320x240 video at 15 fps and subscribing to
 *   all others, added `step` at a time: the CPU of LiveKit, of the API and of the participants' process, the whole
 *   machine's busy share, and whether every participant receives every other's track;
 * - webhooks: the API's CPU per webhook LiveKit delivered (join/leave cycles, idle CPU subtracted).
 */
const args = parseArgs(process.argv.slice(2));
const JOINS = Number(args.joins ?? 10);
const MAX = Number(args.max ?? 16);
const STEP = Number(args.step ?? 2);
const HOLD_S = Number(args.hold ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

class Publisher {
  readonly room = new Room();
  private source: VideoSource | null = null;
  private timer: NodeJS.Timeout | null = null;

  async start(url: string, token: string): Promise<void> {
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: true });
    this.source = new VideoSource(320, 240);
    const track = LocalVideoTrack.createVideoTrack('camera', this.source);
    await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
    const frame = new Uint8Array((320 * 240 * 3) / 2);
    let n = 0;
    this.timer = setInterval(() => {
      n = (n + 3) % 200;
      frame.fill(16 + n, 0, 320 * 240);
      frame.fill(128, 320 * 240);
      this.source?.captureFrame(new VideoFrame(frame, 320, 240, VideoBufferType.I420));
    }, 1000 / 15);
  }

  subscribedVideo(): number {
    let n = 0;
    for (const p of this.room.remoteParticipants.values()) for (const pub of p.trackPublications.values()) if (pub.subscribed && pub.kind === TrackKind.KIND_VIDEO) n++;
    return n;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.room.disconnect().catch(() => undefined);
    await this.source?.close().catch(() => undefined);
  }
}

async function token(lk: LiveKitServer, room: string, identity: string): Promise<string> {
  const at = new AccessToken(lk.apiKey, lk.apiSecret, { identity, name: identity, ttl: 3600 });
  at.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  return at.toJwt();
}

async function main(): Promise<void> {
  if (!existsSync(liveKitBinary())) throw new Error(`livekit-server is not built: bash scripts/livekit-local.sh build`);
  const apiPort = await freePort();
  const relay = new WebhookRelay();
  const webhookUrl = await relay.start();
  const lk = await startLiveKit({ webhookUrl });
  let api: ServerProcess | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'dh-bench-lk-'));
  const publishers: Publisher[] = [];
  try {
    api = await startServer({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret, LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0', DEMO_SEED: 'always' }, apiPort);
    relay.target = `${api.url}/api/livekit/webhook`;
    const password = 'demo1234';
    const loginAs = async (username: string): Promise<string> => {
      const res = await fetch(`${api!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const secretary = await loginAs('secretary');
    const call = (path: string, body?: unknown) =>
      fetch(`${api!.url}/api${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${secretary}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const meetings = (await (await call('/meetings')).json()) as { id: string; status: string }[];
    const meeting = meetings.find((m) => m.status === 'scheduled') ?? meetings[0];
    await call(`/meetings/${meeting.id}/status`, { status: 'open' });
    const hall = (await (await call(`/meetings/${meeting.id}/conference/hall-token`, {})).json()) as { token: string; room: string };
    const room = hall.room;

    // 1. join time in Chromium: one publisher (the hall camera) is in the room
    const hallCam = new Publisher();
    await hallCam.start(lk.url, hall.token);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
    const joinMs: number[] = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${api.url}/`);
      await page.getByLabel('Tên đăng nhập').fill('delegate2');
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/meetings/);
      for (let i = 0; i < JOINS; i++) {
        await page.goto(`${api.url}/meetings/${meeting.id}/tablet`);
        const button = page.getByTestId('conference').getByRole('button', { name: 'Tham gia trực tuyến' });
        await button.waitFor();
        const t0 = Date.now();
        await button.click();
        await page.waitForFunction(
          () => [...document.querySelectorAll('[data-testid="conference"] video')].some((v) => !(v.getAttribute('aria-label') ?? '').includes('(bạn)') && (v as HTMLVideoElement).videoWidth > 0),
          undefined,
          { timeout: 60_000, polling: 'raf' },
        );
        joinMs.push(Date.now() - t0);
        await page.getByTestId('conference').getByRole('button', { name: 'Rời phòng họp' }).click();
        await page.getByTestId('conference').getByRole('button', { name: 'Tham gia lại' }).waitFor();
      }
    } finally {
      await browser.close();
      await hallCam.stop();
    }
    const sortedJoins = [...joinMs].sort((a, b) => a - b);

    // 2. API CPU per webhook: join/leave cycles of headless participants (4 webhooks each: joined, track published,
    // track unpublished or left...), counted at the relay; the API's idle CPU over the same time is subtracted
    const idleStart = processCpuMs(api.child.pid)!;
    await new Promise((r) => setTimeout(r, 5000));
    const idlePerMs = (processCpuMs(api.child.pid)! - idleStart) / 5000;
    const before = relay.deliveries.length;
    const cpu0 = processCpuMs(api.child.pid)!;
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) {
      const p = new Publisher();
      await p.start(lk.url, await token(lk, room, `bench-cycle-${i}`));
      await new Promise((r) => setTimeout(r, 300));
      await p.stop();
    }
    await new Promise((r) => setTimeout(r, 3000));
    const hooks = relay.deliveries.slice(before).filter((d) => d.answered === 200).length;
    const apiCpuPerWebhookMs = hooks > 0 ? (processCpuMs(api.child.pid)! - cpu0 - idlePerMs * (Date.now() - t0)) / hooks : null;

    // 3. capacity: add publishers, hold, measure
    const server = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    const capacity: Record<string, unknown>[] = [];
    for (let n = STEP; n <= MAX; n += STEP) {
      while (publishers.length < n) {
        const p = new Publisher();
        await p.start(lk.url, await token(lk, room, `bench-pub-${publishers.length}`));
        publishers.push(p);
      }
      await new Promise((r) => setTimeout(r, 4000));
      const lk0 = processCpuMs(lk.pid)!;
      const api0 = processCpuMs(api.child.pid)!;
      const self0 = process.cpuUsage();
      const m0 = machineTicks();
      const w0 = Date.now();
      await new Promise((r) => setTimeout(r, HOLD_S * 1000));
      const ms = Date.now() - w0;
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const listed = await server.listParticipants(room);
      const fullyMeshed = publishers.every((p) => p.subscribedVideo() === n - 1);
      const row = {
        participants: n,
        forwardedStreams: n * (n - 1),
        livekitCpuPct: Math.round(((processCpuMs(lk.pid)! - lk0) / ms) * 1000) / 10,
        apiCpuPct: Math.round(((processCpuMs(api.child.pid)! - api0) / ms) * 1000) / 10,
        participantsProcessCpuPct: Math.round(((self.user + self.system) / 1000 / ms) * 1000) / 10,
        machineBusyPct: Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 1000) / 10,
        serverListsAll: listed.filter((p) => p.identity.startsWith('bench-pub-')).length === n,
        fullyMeshed,
      };
      capacity.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
      if (!fullyMeshed || row.machineBusyPct > 97) break;
    }
    const carried = capacity.filter((r) => r.fullyMeshed && r.serverListsAll).map((r) => r.participants as number);
    process.stdout.write(
      `${JSON.stringify(
        {
          livekit: { binary: liveKitBinary(), cores: cpus().length },
          join: { runs: joinMs.length, ms: joinMs, p50: percentile(sortedJoins, 50), p95: percentile(sortedJoins, 95) },
          webhooks: { delivered: hooks, apiCpuPerWebhookMs: apiCpuPerWebhookMs === null ? null : Math.round(apiCpuPerWebhookMs * 100) / 100, apiIdleCpuPct: Math.round(idlePerMs * 1000) / 10 },
          capacity: { video: '320x240 @ 15 fps, every participant subscribed to every other', maxFullyMeshed: carried.length ? Math.max(...carried) : 0, steps: capacity },
          note: 'shared machine: other processes ran meanwhile (machineBusyPct includes them)',
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    for (const p of publishers) await p.stop();
    await dispose();
    await api?.stop();
    await lk.stop();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
