import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TokenVerifier } from 'livekit-server-sdk';
import { roomNameFor } from '#conference';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { FakeLiveKitTwirpServer } from '../conference/fake-livekit-twirp.server.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, horizontalOverflow, openSignedIn, screenshot, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * The single-poll page and the online meeting in real Chromium against the real server: a delegate votes on the
 * poll's own page and keeps the receipt while the chair follows the count and runs close / publish there; the tablet's
 * "join online" says clearly when conferencing is off or its server cannot be reached (there is no LiveKit server
 * here); the secretary moderates the online room, whose server API is a loopback Twirp test double.
 */
const maybe = describeInBrowser;

const API_KEY = 'APIwebtestkey';
const API_SECRET = 'web-test-secret-for-livekit-0123456789';

interface PollView {
  id: string;
  title: string;
  status: string;
  result: { cast: number; outcome: string } | null;
}

const OUTCOME: Record<string, string> = { adopted: 'THÔNG QUA', rejected: 'KHÔNG THÔNG QUA', no_quorum: 'KHÔNG ĐỦ TÚC SỐ' };

/** A loopback port nobody listens on: where the tablet is sent to find "the LiveKit server". */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The demo data, the meeting opened and in session with a quorum checked in (delegate2 among them). */
async function meetingInSession(t: TestApp): Promise<{ password: string; meetingId: string; secretary: HttpClient; login(username: string): Promise<HttpClient> }> {
  const password = (await t.app.get(DemoSeeder).seed()).password;
  const login = async (username: string) => {
    const http = new HttpClient(t.url);
    return http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username, password })).body.accessToken);
  };
  const secretary = await login('secretary');
  const meetingId = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!.id;
  expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
  const voter = (await (await login('delegate2')).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
  const rows = (await secretary.get<{ delegateId: string; canVote: boolean }[]>(`/api/meetings/${meetingId}/attendance`)).body;
  for (const delegateId of [voter, ...rows.filter((r) => r.canVote && r.delegateId !== voter).map((r) => r.delegateId)]) {
    const summary = (await secretary.get<{ quorum: { reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
    if (summary.quorum.reached && delegateId !== voter) break;
    expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId })).status).toBe(200);
  }
  expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'in_session' })).status).toBeLessThan(300);
  return { password, meetingId, secretary, login };
}

maybe('single-poll page and online meeting (Chromium)', () => {
  const sessions: Session[] = [];
  // browsers first: their sockets would keep the app from closing
  const closeBrowsers = async () => {
    for (const s of sessions.splice(0)) await s.close();
  };

  const signIn = (t: TestApp, password: string, username: string, problems: ConsoleProblem[], viewport?: { width: number; height: number }): Promise<Page> =>
    openSignedIn({ baseUrl: t.url, username, password, sessions, problems, viewport });

  it('livekit-client is not in the first-load bundle: only the tablet loads it, on demand', () => {
    const dist = 'apps/web/dist';
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const firstLoad = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(firstLoad.length).toBeGreaterThan(0);
    const chunks = readdirSync(join(dist, 'assets'));
    const livekit = chunks.filter((f) => /^livekit-client.*\.js$/.test(f));
    expect(livekit).toHaveLength(1);
    // neither the chunk's name (a preload) nor the library's code (one of its event names) is loaded first
    expect(readFileSync(join(dist, 'assets', livekit[0]), 'utf8')).toContain('participantPermissionsChanged');
    for (const file of firstLoad) {
      const code = readFileSync(join(dist, 'assets', file), 'utf8');
      expect(code).not.toContain(livekit[0]);
      expect(code).not.toContain('participantPermissionsChanged');
    }
    // the one chunk that refers to it does so through a dynamic import()
    const users = chunks.filter((f) => f.endsWith('.js') && !livekit.includes(f) && readFileSync(join(dist, 'assets', f), 'utf8').includes(livekit[0]));
    expect(users).toHaveLength(1);
    expect(readFileSync(join(dist, 'assets', users[0]), 'utf8')).toContain(`import(\`./${livekit[0]}\`)`);
  });

  describe('without LiveKit', () => {
    let t: TestApp;
    let ctx: Awaited<ReturnType<typeof meetingInSession>>;
    const problems: ConsoleProblem[] = [];
    let poll: PollView;
    let chair: Page;
    let delegate: Page;
    let receipt: string;

    beforeAll(async () => {
      t = await startTestApp();
      ctx = await meetingInSession(t);
      poll = (await ctx.secretary.post<PollView>(`/api/meetings/${ctx.meetingId}/polls`, { kind: 'motion', ballotMode: 'named', title: 'Thông qua Đề án chuyển đổi số' })).body;
    }, 120_000);
    afterAll(async () => {
      await closeBrowsers();
      await t?.close();
    });

    it('the chair opens the poll page from the console and opens the vote there', async () => {
      chair = await signIn(t, ctx.password, 'chair', problems, { width: 1440, height: 900 });
      await chair.goto(`${t.url}/meetings/${ctx.meetingId}/console`);
      await chair.getByTestId(`poll-row-${poll.id}`).getByRole('link', { name: poll.title }).click();
      await chair.waitForURL(`${t.url}/meetings/${ctx.meetingId}/polls/${poll.id}`);
      await chair.getByRole('heading', { level: 1, name: poll.title }).waitFor();
      const watch = chair.getByTestId('poll-watch');
      await watch.getByTestId('poll-status').getByText('Bản nháp').waitFor();
      // a draft has no ballot yet, even for the chair, who is a voting member
      await chair.getByText('Biểu quyết chưa được mở.', { exact: false }).waitFor();
      await watch.getByRole('button', { name: `Mở biểu quyết: ${poll.title}` }).click();
      await watch.getByText(`Đã mở biểu quyết “${poll.title}”.`).waitFor();
      await watch.getByTestId('poll-status').getByText('Đang biểu quyết').waitFor();
      expect((await ctx.secretary.get<PollView>(`/api/polls/${poll.id}`)).body.status).toBe('open');
    });

    it('a delegate follows the link from the tablet, votes on the poll page and keeps the receipt; the chair’s count moves', async () => {
      delegate = await signIn(t, ctx.password, 'delegate2', problems);
      await delegate.waitForURL(`${t.url}/meetings/${ctx.meetingId}/tablet`);
      await delegate.getByRole('link', { name: `Mở trang biểu quyết “${poll.title}”` }).click();
      await delegate.waitForURL(`${t.url}/meetings/${ctx.meetingId}/polls/${poll.id}`);
      const ballot = delegate.getByRole('article', { name: poll.title });
      await ballot.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await ballot.getByText('Bạn chọn: Tán thành').waitFor();
      await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
      await ballot.getByText('Đã biểu quyết').waitFor();
      receipt = (await ballot.getByTestId('receipt').textContent()) ?? '';
      const delegateId = (await (await ctx.login('delegate2')).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
      const [saved] = await t.dataSource.query<{ receipt: string }[]>('SELECT receipt FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2', [poll.id, delegateId]);
      expect(receipt).toBe(saved.receipt);
      // delegates see no staff controls on the page
      expect(await delegate.getByTestId('poll-watch').count()).toBe(0);
      expect(await delegate.getByRole('button', { name: /^Kết thúc biểu quyết/ }).count()).toBe(0);
      await chair.getByTestId('poll-watch').getByTestId('poll-progress').getByText(/^Đã bỏ phiếu: 1\/\d+$/).waitFor();
      await screenshot(delegate, '60-poll-page-delegate-voted-1280x800');
      await screenshot(chair, '61-poll-page-chair-progress');
      expect(await horizontalOverflow(delegate)).toBe(0);
      expect(await seriousA11yViolations(delegate)).toEqual([]);
      expect(await seriousA11yViolations(chair)).toEqual([]);
      // the receipt survives a reload of the page (poll:state says this member voted)
      await delegate.reload();
      await delegate.getByRole('article', { name: poll.title }).getByTestId('receipt').getByText(receipt).waitFor();
    });

    it('the chair closes and publishes on the page: the result and its arithmetic appear there and on the delegate’s page', async () => {
      const watch = chair.getByTestId('poll-watch');
      await watch.getByRole('button', { name: `Kết thúc biểu quyết: ${poll.title}` }).click();
      await watch.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc biểu quyết', exact: true }).click();
      await watch.getByText(`Đã kết thúc biểu quyết “${poll.title}”.`).waitFor();
      const closed = (await ctx.secretary.get<PollView>(`/api/polls/${poll.id}`)).body;
      expect(closed.status).toBe('closed');
      const outcome = OUTCOME[closed.result!.outcome];
      // staff read the result before it is published; the delegate does not
      await watch.getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
      expect(await watch.getByTestId('result-cast').textContent()).toBe('1');
      expect(await watch.getByTestId('votes-for').textContent()).toBe('1 phiếu (100%)');
      const arithmetic = (await watch.getByTestId('arithmetic').textContent()) ?? '';
      expect(arithmetic.length).toBeGreaterThan(10);
      expect(arithmetic).not.toContain(' | ');
      expect(await delegate.getByTestId('poll-outcome').count()).toBe(0);

      await watch.getByRole('button', { name: `Công bố kết quả: ${poll.title}` }).click();
      await watch.getByText(`Đã công bố kết quả “${poll.title}”.`).waitFor();
      await watch.getByTestId('poll-status').getByText('Đã công bố kết quả').waitFor();
      await delegate.getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
      expect(await delegate.getByTestId('arithmetic').textContent()).toBe(arithmetic);
      await screenshot(chair, '62-poll-page-chair-result');
      await screenshot(delegate, '63-poll-page-delegate-result-1280x800');
      expect(await seriousA11yViolations(chair)).toEqual([]);
      expect(await seriousA11yViolations(delegate)).toEqual([]);
    });

    it('a poll of another meeting under this meeting’s address is “not found”', async () => {
      await delegate.goto(`${t.url}/meetings/00000000-0000-4000-8000-000000000000/polls/${poll.id}`);
      await delegate.getByText('Không tìm thấy dữ liệu yêu cầu.').waitFor();
    });

    it('the tablet says conferencing is off before any click, and offers no “join online” (issue 17)', async () => {
      const requested: string[] = [];
      delegate.on('request', (r) => {
        if (r.url().includes('/conference/')) requested.push(r.url());
      });
      await delegate.goto(`${t.url}/meetings/${ctx.meetingId}/tablet`);
      const panel = delegate.getByTestId('conference');
      await panel.getByRole('heading', { name: 'Họp trực tuyến' }).waitFor();
      await panel.getByTestId('conf-message').getByText('Hệ thống chưa bật họp trực tuyến', { exact: false }).waitFor();
      // nothing to press that could only fail, and no conference token is asked for
      expect(await panel.getByRole('button').count()).toBe(0);
      expect(requested).toEqual([]);
      await screenshot(delegate, '64-tablet-conference-disabled-1280x800');
      expect(await seriousA11yViolations(delegate)).toEqual([]);
    });

    it('the console says conferencing is off without calling the conference API', async () => {
      const requested: string[] = [];
      chair.on('request', (r) => {
        if (r.url().includes('/conference/')) requested.push(r.url());
      });
      await chair.goto(`${t.url}/meetings/${ctx.meetingId}/console`);
      await chair.getByTestId('conference-moderation').getByText('Hệ thống chưa bật họp trực tuyến', { exact: false }).waitFor();
      expect(requested).toEqual([]);
    });

    it('no console errors or page errors, except the expected 503 of the token request', () => {
      const expected = (p: ConsoleProblem) => p.url.endsWith('/conference/token') && p.text.includes('503');
      expect(problems.filter((p) => !expected(p))).toEqual([]);
    });
  });

  describe('with LiveKit configured (server API: a loopback Twirp test double; no media server)', () => {
    let t: TestApp;
    let ctx: Awaited<ReturnType<typeof meetingInSession>>;
    let livekit: FakeLiveKitTwirpServer;
    let port: number;
    let room: string;
    const problems: ConsoleProblem[] = [];

    beforeAll(async () => {
      livekit = new FakeLiveKitTwirpServer(API_KEY, API_SECRET);
      const url = await livekit.start();
      port = await deadPort();
      t = await startTestApp({
        LIVEKIT_URL: url.replace('http://', 'ws://'),
        // where browsers are told to connect: nothing listens there
        LIVEKIT_PUBLIC_URL: `ws://127.0.0.1:${port}`,
        LIVEKIT_API_KEY: API_KEY,
        LIVEKIT_API_SECRET: API_SECRET,
        LIVEKIT_RECONCILE_INTERVAL_SECONDS: '0',
      });
      ctx = await meetingInSession(t);
      room = roomNameFor(ctx.meetingId);
    }, 120_000);
    afterAll(async () => {
      await closeBrowsers();
      await t?.close();
      await livekit?.stop();
    });

    it('the tablet gets a token for the meeting’s room, cannot reach the media server, says so and offers to retry', async () => {
      const delegate = await signIn(t, ctx.password, 'delegate2', problems);
      await delegate.waitForURL(`${t.url}/meetings/${ctx.meetingId}/tablet`);
      const panel = delegate.getByTestId('conference');
      const [response] = await Promise.all([
        delegate.waitForResponse((r) => r.url().endsWith(`/api/meetings/${ctx.meetingId}/conference/token`)),
        panel.getByRole('button', { name: 'Tham gia trực tuyến' }).click(),
      ]);
      expect(response.status()).toBe(200);
      const token = (await response.json()) as { token: string; url: string; room: string; canPublish: boolean };
      expect(token).toMatchObject({ url: `ws://127.0.0.1:${port}`, room, canPublish: true });
      const me = (await (await ctx.login('delegate2')).get<{ id: string }>('/api/auth/me')).body;
      const claims = await new TokenVerifier(API_KEY, API_SECRET).verify(token.token);
      expect(claims.sub).toBe(me.id);
      expect(claims.video).toMatchObject({ room, roomJoin: true, canPublish: true });

      await panel.getByTestId('conf-message').getByText('Không kết nối được tới máy chủ họp trực tuyến.', { exact: false }).waitFor({ timeout: 45_000 });
      await screenshot(delegate, '65-tablet-conference-unreachable-1280x800');
      expect(await seriousA11yViolations(delegate)).toEqual([]);
      // the retry asks for a fresh token and fails the same way, without breaking the page
      const [again] = await Promise.all([
        delegate.waitForResponse((r) => r.url().endsWith('/conference/token')),
        panel.getByRole('button', { name: 'Thử kết nối lại' }).click(),
      ]);
      expect(again.status()).toBe(200);
      await panel.getByRole('button', { name: 'Thử kết nối lại' }).waitFor({ timeout: 45_000 });
      await delegate.getByRole('button', { name: 'Giơ tay xin phát biểu' }).waitFor();
    }, 120_000);

    it('the secretary sees the room’s participants, mutes, revokes and removes; LiveKit receives exactly those calls', async () => {
      const joined = Date.parse('2026-11-27T08:05:00+07:00');
      livekit.addParticipant(room, {
        sid: 'PA_lan',
        identity: 'user-lan',
        name: 'Trần Thị Lan',
        joinedAtMs: joined,
        tracks: [
          { sid: 'TR_mic_lan', type: 'AUDIO', source: 'MICROPHONE', muted: false },
          { sid: 'TR_cam_lan', type: 'VIDEO', source: 'CAMERA', muted: false },
        ],
        permission: { canPublish: true, canSubscribe: true, canPublishData: true },
      });
      livekit.addParticipant(room, { sid: 'PA_hung', identity: 'user-hung', name: 'Lê Văn Hùng', joinedAtMs: joined + 60_000, permission: { canPublish: false, canSubscribe: true, canPublishData: false } });
      expect(livekit.rooms.has(room)).toBe(true);
      const before = livekit.calls.length;

      const sec = await signIn(t, ctx.password, 'secretary', problems, { width: 1440, height: 900 });
      await sec.goto(`${t.url}/meetings/${ctx.meetingId}/console`);
      const panel = sec.getByTestId('conference-moderation');
      await panel.getByText('Đang có 2 người trong phòng họp trực tuyến.').waitFor();
      const lan = panel.getByTestId('participant-user-lan');
      const hung = panel.getByTestId('participant-user-hung');
      await lan.getByRole('rowheader', { name: 'Trần Thị Lan' }).waitFor();
      expect(await lan.getByTestId('media').textContent()).toBe('Micro: đang bậtCamera: đang bật');
      expect(await lan.getByText('08:05:00', { exact: true }).count()).toBe(1);
      expect(await hung.getByTestId('media').textContent()).toBe('Không phát hình, tiếng');
      expect(await hung.getByTestId('publish').textContent()).toBe('Không được phát');
      await screenshot(sec, '66-console-conference-moderation');
      expect(await seriousA11yViolations(sec)).toEqual([]);

      await panel.getByRole('button', { name: 'Tắt micro của Trần Thị Lan' }).click();
      await panel.getByText('Đã tắt micro của Trần Thị Lan.').waitFor();
      await lan.getByTestId('media').getByText('Micro: đã tắt').waitFor();
      expect(await panel.getByRole('button', { name: 'Tắt micro của Trần Thị Lan' }).count()).toBe(0);
      // the pressed button is gone: the focus is on the outcome, still in the panel
      expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      expect(livekit.callsTo('MutePublishedTrack').map((c) => c.body)).toEqual([{ room, identity: 'user-lan', trackSid: 'TR_mic_lan', muted: true }]);

      await panel.getByRole('button', { name: 'Thu hồi quyền phát của Trần Thị Lan' }).click();
      await panel.getByText('Đã thu hồi quyền phát của Trần Thị Lan.').waitFor();
      await lan.getByTestId('publish').getByText('Không được phát').waitFor();
      const update = livekit.callsTo('UpdateParticipant');
      expect(update).toHaveLength(1);
      expect(update[0].body).toMatchObject({ room, identity: 'user-lan', permission: { canSubscribe: true, canPublishData: true } });
      expect((update[0].body.permission as { canPublish?: boolean }).canPublish ?? false).toBe(false);

      await panel.getByRole('button', { name: 'Cho phép phát: Lê Văn Hùng' }).click();
      await panel.getByText('Đã cho phép Lê Văn Hùng phát hình và tiếng.').waitFor();
      await hung.getByTestId('publish').getByText('Được phát', { exact: true }).waitFor();
      expect(livekit.callsTo('UpdateParticipant')[1].body).toMatchObject({ room, identity: 'user-hung', permission: { canPublish: true } });

      // removing asks first; cancelling sends nothing
      await panel.getByRole('button', { name: 'Mời ra khỏi phòng: Lê Văn Hùng' }).click();
      await panel.getByText('Mời Lê Văn Hùng ra khỏi phòng họp trực tuyến?').waitFor();
      await panel.getByRole('button', { name: 'Hủy' }).click();
      expect(livekit.callsTo('RemoveParticipant')).toEqual([]);
      await panel.getByRole('button', { name: 'Mời ra khỏi phòng: Lê Văn Hùng' }).click();
      await panel.getByRole('alertdialog').getByRole('button', { name: 'Mời ra' }).click();
      await panel.getByText('Đã mời Lê Văn Hùng ra khỏi phòng họp trực tuyến.').waitFor();
      await panel.getByText('Đang có 1 người trong phòng họp trực tuyến.').waitFor();
      expect(await hung.count()).toBe(0);
      expect(livekit.callsTo('RemoveParticipant').map((c) => c.body)).toEqual([{ room, identity: 'user-hung' }]);

      // every call carried a roomAdmin grant for this room only (the double refuses anything else)
      expect(livekit.refused).toEqual([]);
      for (const call of livekit.calls.slice(before)) expect(call.grants.video).toMatchObject({ roomAdmin: true, room });
      await screenshot(sec, '67-console-conference-after-moderation');
    }, 120_000);

    it('a participant who left meanwhile: the refusal is shown in Vietnamese and the list refreshes', async () => {
      const sec = await signIn(t, ctx.password, 'secretary', problems, { width: 1440, height: 900 });
      await sec.goto(`${t.url}/meetings/${ctx.meetingId}/console`);
      const panel = sec.getByTestId('conference-moderation');
      await panel.getByRole('button', { name: 'Mời ra khỏi phòng: Trần Thị Lan' }).click();
      // she leaves while the secretary reads the confirmation
      livekit.participants.set(room, []);
      await panel.getByRole('alertdialog').getByRole('button', { name: 'Mời ra' }).click();
      await panel.getByText('Người này không còn ở trong phòng họp trực tuyến.').waitFor();
      await panel.getByText('Chưa có ai trong phòng họp trực tuyến.').waitFor();
    }, 120_000);

    it('no page errors; console errors only for the unreachable media server and the expected 404', () => {
      const expected = (p: ConsoleProblem) =>
        p.text.includes(`127.0.0.1:${port}`) || p.url.includes(`127.0.0.1:${port}`) || (p.url.endsWith('/conference/moderation/remove') && p.text.includes('404'));
      expect(problems.filter((p) => p.text.startsWith('pageerror'))).toEqual([]);
      expect(problems.filter((p) => !expected(p))).toEqual([]);
    });
  });
});
