import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { horizontalOverflow, openSession, screenshot, seriousA11yViolations, watchConsole, type ConsoleProblem, type Page, type Session, describeInBrowser, signInThroughForm } from './browser.js';

/**
 * The voting story in real Chromium against the real server: the secretary creates and opens a motion from the
 * console, two checked-in delegates vote from their tablets (one of them through a network drop), the secretary
 * closes and publishes, and the chair's projector shows the result with its arithmetic.
 */
const maybe = describeInBrowser;

interface Row {
  delegateId: string;
  fullName: string;
  canVote: boolean;
  status: string;
}
interface PollView {
  id: string;
  title: string;
  status: string;
  ballots?: { delegateId?: string; choices: string[] }[];
  options: { id: string; code: string | null; label: string }[];
  result: { cast: number; outcome: string; motion: { forVotes: number; againstVotes: number; abstainVotes: number } } | null;
}

maybe('voting story: console, two tablets, projector (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let secretary: HttpClient;
  let agendaTitle: string;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let pollId: string;
  let voterIds: { a: string; b: string };
  let console_: Page;
  let tabletA: Page;
  let tabletB: Page;
  let dash: Page;
  let sessionB: Session;

  async function open(viewport: { width: number; height: number }): Promise<Session> {
    const s = await openSession(viewport);
    sessions.push(s);
    return s;
  }

  async function signIn(session: Session, username: string): Promise<Page> {
    const page = await session.context.newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, username, password);
    return page;
  }

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }

  async function ballotsOf(delegateId: string): Promise<number> {
    const rows = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2', [pollId, delegateId]);
    return Number(rows[0].n);
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    const meetings = await secretary.get<{ id: string; title: string }[]>('/api/meetings');
    meetingId = meetings.body.find((m) => m.title === DEMO_MEETING.title)!.id;
    const detail = await secretary.get<{ agenda: { position: number; title: string }[] }>(`/api/meetings/${meetingId}`);
    agendaTitle = detail.body.agenda.find((a) => a.position === 2)!.title;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    // the two voters, then other members until the quorum is reached, checked in by the secretary (manual check-in)
    const a = (await (await login('delegate2')).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
    const b = (await (await login('delegate3')).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
    voterIds = { a, b };
    const rows = (await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body;
    const order = [a, b, ...rows.filter((r) => r.canVote && r.delegateId !== a && r.delegateId !== b).map((r) => r.delegateId)];
    for (const delegateId of order) {
      const summary = (await secretary.get<{ quorum: { reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
      if (summary.quorum.reached && delegateId !== a && delegateId !== b) break;
      expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId })).status).toBe(200);
    }
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'in_session' })).status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('the secretary creates a motion on an agenda item and opens it; the projector follows', async () => {
    dash = await signIn(await open({ width: 1920, height: 1080 }), 'chair');
    await dash.waitForURL(/\/meetings$/);
    await dash.goto(`${t.url}/meetings/${meetingId}/dashboard`);
    await dash.getByText('Chưa có biểu quyết nào đang diễn ra.').waitFor();

    console_ = await signIn(await open({ width: 1440, height: 900 }), 'secretary');
    await console_.waitForURL(/\/meetings$/);
    await console_.goto(`${t.url}/meetings/${meetingId}/console`);
    await console_.getByRole('heading', { name: 'Biểu quyết', exact: true }).waitFor();
    await console_.getByText('Chưa có nội dung biểu quyết nào.').waitFor();
    // an empty title is refused before anything is sent
    await console_.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await console_.getByText('Vui lòng nhập tiêu đề biểu quyết.').waitFor();
    await console_.getByLabel('Nội dung trong chương trình').selectOption({ label: `2. ${agendaTitle}` });
    expect(await console_.getByLabel('Tiêu đề biểu quyết').inputValue()).toBe(agendaTitle);
    expect(await console_.getByLabel('Loại biểu quyết').inputValue()).toBe('motion');
    await console_.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await console_.getByText(`Đã tạo biểu quyết “${agendaTitle}”.`).waitFor();
    const polls = (await secretary.get<PollView[]>(`/api/meetings/${meetingId}/polls`)).body;
    expect(polls.map((p) => [p.title, p.status])).toEqual([[agendaTitle, 'draft']]);
    pollId = polls[0].id;

    await console_.getByRole('button', { name: `Mở biểu quyết: ${agendaTitle}` }).click();
    await console_.getByText(`Đã mở biểu quyết “${agendaTitle}”.`).waitFor();
    await console_.getByTestId(`poll-row-${pollId}`).getByText('Đang biểu quyết').waitFor();
    await dash.getByRole('heading', { name: agendaTitle }).waitFor();
  });

  it('delegate A votes “Tán thành” from the tablet and gets a receipt; a reload shows the vote from poll:state', async () => {
    tabletA = await signIn(await open({ width: 1280, height: 800 }), 'delegate2');
    // a delegate with a meeting in session lands on its tablet screen
    await tabletA.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
    await tabletA.getByRole('article', { name: agendaTitle }).waitFor();
    await tabletA.getByRole('button', { name: 'Tán thành', exact: true }).click();
    // a confirmation step: nothing is sent yet
    await tabletA.getByText('Bạn chọn: Tán thành').waitFor();
    expect(await ballotsOf(voterIds.a)).toBe(0);
    await tabletA.getByRole('button', { name: 'Chọn lại' }).click();
    await tabletA.getByRole('button', { name: 'Tán thành', exact: true }).click();
    await tabletA.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await tabletA.getByText('Đã biểu quyết').waitFor();
    const receipt = (await tabletA.getByTestId('receipt').textContent()) ?? '';
    expect(receipt.length).toBeGreaterThan(3);
    expect(await ballotsOf(voterIds.a)).toBe(1);
    const [saved] = await t.dataSource.query<{ receipt: string }[]>('SELECT receipt FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2', [pollId, voterIds.a]);
    expect(receipt).toBe(saved.receipt);
    await dash.getByTestId('poll-progress').getByText(/^Đã bỏ phiếu: 1\/\d+$/).waitFor();
    await screenshot(tabletA, '20-tablet-voted-1280x800');
    expect(await horizontalOverflow(tabletA)).toBe(0);
    expect(await seriousA11yViolations(tabletA)).toEqual([]);

    await tabletA.reload();
    await tabletA.getByText('Đã biểu quyết').waitFor();
    expect(await tabletA.getByTestId('receipt').textContent()).toBe(receipt);
    expect(await tabletA.getByRole('button', { name: 'Tán thành', exact: true }).count()).toBe(0);
  });

  it('delegate B votes “Không tán thành” through a network drop: the ballot waits, is resent with the same id, and counts once', async () => {
    sessionB = await open({ width: 1280, height: 800 });
    tabletB = await signIn(sessionB, 'delegate3');
    await tabletB.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
    await tabletB.getByText('Đã kết nối trực tiếp').waitFor();
    await tabletB.getByRole('button', { name: 'Không tán thành', exact: true }).click();
    await screenshot(tabletB, '21-tablet-confirm-1280x800');
    expect(await seriousA11yViolations(tabletB)).toEqual([]);

    await sessionB.context.setOffline(true);
    await tabletB.getByText('Mất kết nối, đang thử lại…').waitFor();
    await tabletB.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await tabletB.getByText(/^Chưa gửi được phiếu do mất kết nối/).waitFor();
    const pending = await tabletB.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dh.ballot.')).map((k) => localStorage.getItem(k)));
    expect(pending).toHaveLength(1);
    const stored = JSON.parse(pending[0]!) as { ballotId: string; choices: string[] };
    expect(await ballotsOf(voterIds.b)).toBe(0);
    // a second tap while still offline keeps the same ballot
    await tabletB.getByRole('button', { name: 'Gửi lại phiếu' }).click();
    await tabletB.getByText(/^Chưa gửi được phiếu do mất kết nối/).waitFor();

    await sessionB.context.setOffline(false);
    await tabletB.getByText('Đã biểu quyết').waitFor({ timeout: 30_000 });
    await tabletB.getByTestId('receipt').waitFor();
    expect(await ballotsOf(voterIds.b)).toBe(1);
    const row = await t.dataSource.query<{ ballot_id: string; receipt: string }[]>('SELECT ballot_id, receipt FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2', [pollId, voterIds.b]);
    expect(row[0].ballot_id).toBe(stored.ballotId);
    expect(await tabletB.getByTestId('receipt').textContent()).toBe(row[0].receipt);
    const left = await tabletB.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dh.ballot.')).length);
    expect(left).toBe(0);
    await dash.getByTestId('poll-progress').getByText(/^Đã bỏ phiếu: 2\/\d+$/).waitFor();
  });

  it('the secretary closes and publishes; the projector and the tablets show the result and its arithmetic', async () => {
    await console_.getByRole('button', { name: `Kết thúc biểu quyết: ${agendaTitle}` }).click();
    // closing asks first and names who has not voted yet
    const ask = console_.getByRole('alertdialog');
    await ask.getByText(/Còn \d+ người chưa bỏ phiếu: /).waitFor();
    await ask.getByRole('button', { name: 'Kết thúc biểu quyết', exact: true }).click();
    await console_.getByText(`Đã kết thúc biểu quyết “${agendaTitle}”.`).waitFor();
    await dash.getByText(/^Đã kết thúc biểu quyết \(2\/\d+ phiếu\)/).waitFor();
    await console_.getByRole('button', { name: `Công bố kết quả: ${agendaTitle}` }).click();
    await console_.getByText(`Đã công bố kết quả “${agendaTitle}”.`).waitFor();

    const poll = (await secretary.get<PollView>(`/api/polls/${pollId}`)).body;
    expect(poll.status).toBe('published');
    expect(poll.result!.motion).toMatchObject({ forVotes: 1, againstVotes: 1, abstainVotes: 0 });
    expect(poll.ballots!.map((b) => b.delegateId).sort()).toEqual([voterIds.a, voterIds.b].sort());
    const outcome = poll.result!.outcome === 'adopted' ? 'THÔNG QUA' : poll.result!.outcome === 'rejected' ? 'KHÔNG THÔNG QUA' : 'KHÔNG ĐỦ TÚC SỐ';

    const board = dash.getByTestId('dash-poll');
    await board.getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
    expect(await board.getByTestId('votes-for').textContent()).toBe('1 phiếu (50%)');
    expect(await board.getByTestId('votes-against').textContent()).toBe('1 phiếu (50%)');
    expect(await board.getByTestId('votes-abstain').textContent()).toBe('0 phiếu (0%)');
    expect(await board.getByTestId('result-cast').textContent()).toBe('2');
    const arithmetic = await board.getByTestId('arithmetic').textContent();
    expect(arithmetic).toBeTruthy();
    expect(arithmetic).not.toContain(' | ');
    await screenshot(dash, '22-dashboard-result-1920x1080');
    expect(await horizontalOverflow(dash)).toBe(0);
    expect(await seriousA11yViolations(dash)).toEqual([]);

    await console_.getByTestId(`poll-row-${pollId}`).getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
    await screenshot(console_, '23-console-poll-panel');
    expect(await seriousA11yViolations(console_)).toEqual([]);

    await tabletA.getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
    await tabletB.getByTestId('poll-outcome').getByText(outcome, { exact: true }).waitFor();
    await screenshot(tabletB, '24-tablet-result-1280x800');

    // the projector in English: the arithmetic's English half
    await dash.getByRole('button', { name: 'English' }).click();
    await dash.getByTestId('votes-for').getByText('1 vote (50%)').waitFor();
    expect(await dash.getByTestId('arithmetic').textContent()).not.toBe(arithmetic);
    await dash.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  it('a choice poll: checkboxes honour the maximum, the confirmation lists the choices, the ballot holds exactly them', async () => {
    const title = 'Chọn địa điểm xây dựng trường học';
    await console_.getByLabel('Nội dung trong chương trình').selectOption({ label: '(Không gắn với nội dung nào)' });
    await console_.getByLabel('Tiêu đề biểu quyết').fill(title);
    await console_.getByLabel('Loại biểu quyết').selectOption('choice');
    await console_.getByLabel('Số phương án được chọn tối đa').fill('2');
    await console_.getByLabel('Tự kết thúc sau (giây, để trống nếu không)').fill('900');
    // fewer than two options is refused before anything is sent
    await console_.getByLabel('Các phương án (mỗi dòng một phương án)').fill('Phường Cầu Giấy');
    await console_.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await console_.getByText('Cần ít nhất hai phương án.').waitFor();
    await console_.getByLabel('Các phương án (mỗi dòng một phương án)').fill('Phường Cầu Giấy\nPhường Tây Hồ\nPhường Long Biên');
    await console_.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await console_.getByText(`Đã tạo biểu quyết “${title}”.`).waitFor();
    await console_.getByRole('button', { name: `Mở biểu quyết: ${title}` }).click();
    await console_.getByText(`Đã mở biểu quyết “${title}”.`).waitFor();
    const choice = (await secretary.get<PollView[]>(`/api/meetings/${meetingId}/polls`)).body.find((p) => p.title === title)!;

    const ballot = tabletA.getByRole('article', { name: title });
    await ballot.getByText('Chọn tối đa 2 phương án.').waitFor();
    // the countdown (900 s from the open) ticks on the tablet
    await ballot.getByTestId('countdown').getByText(/^Thời gian còn lại: 1[45]:\d\d$/).waitFor();
    for (const name of ['Phường Cầu Giấy', 'Phường Tây Hồ', 'Phường Long Biên']) await ballot.getByRole('checkbox', { name }).check();
    await ballot.getByText('Bạn chỉ được chọn tối đa 2 phương án.').waitFor();
    expect(await ballot.getByRole('button', { name: 'Tiếp tục' }).isDisabled()).toBe(true);
    await ballot.getByRole('checkbox', { name: 'Phường Cầu Giấy' }).uncheck();
    await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
    await ballot.getByText('Bạn chọn: Phường Tây Hồ, Phường Long Biên').waitFor();
    await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await ballot.getByTestId('receipt').waitFor();
    const [row] = await t.dataSource.query<{ choices: string[] }[]>('SELECT choices FROM named_ballots WHERE poll_id = $1 AND delegate_id = $2', [choice.id, voterIds.a]);
    expect(row.choices.map((id) => choice.options.find((o) => o.id === id)?.label).sort()).toEqual(['Phường Long Biên', 'Phường Tây Hồ']);
    expect(await seriousA11yViolations(tabletA)).toEqual([]);
  });

  it('a delegate who is not checked in gets the refusal in Vietnamese, and no ballot is stored', async () => {
    const present = new Set((await secretary.get<Row[]>(`/api/meetings/${meetingId}/attendance`)).body.filter((r) => r.status === 'present').map((r) => r.delegateId));
    let username = '';
    let delegateId = '';
    for (let i = 15; i > 3 && !username; i--) {
      const me = (await (await login(`delegate${i}`)).get<{ delegateId: string }>('/api/auth/me')).body;
      if (!present.has(me.delegateId)) [username, delegateId] = [`delegate${i}`, me.delegateId];
    }
    expect(username).not.toBe('');
    const tablet = await signIn(await open({ width: 1280, height: 800 }), username);
    await tablet.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
    const ballot = tablet.getByRole('article', { name: 'Chọn địa điểm xây dựng trường học' });
    await ballot.getByRole('checkbox', { name: 'Phường Tây Hồ' }).check();
    await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
    await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await ballot.getByText('Bạn chưa được điểm danh nên chưa thể biểu quyết. Vui lòng liên hệ thư ký.').waitFor();
    // a final refusal: nothing is kept for a retry, and the voter may choose again (after check-in)
    expect(await tablet.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dh.ballot.')).length)).toBe(0);
    await ballot.getByRole('button', { name: 'Tiếp tục' }).waitFor();
    const rows = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM poll_participation WHERE delegate_id = $1', [delegateId]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('no console errors or uncaught page errors (except the offline tablet’s refused connections)', () => {
    const offline = /ERR_INTERNET_DISCONNECTED/;
    expect(problems.filter((p) => !(p.page.includes('/tablet') && offline.test(p.text)))).toEqual([]);
  });
});
