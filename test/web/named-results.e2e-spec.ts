import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, horizontalOverflow, openSignedIn, screenshot, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * Named results on the staff screens and the early close of a written opinion round, in real Chromium: once a named
 * poll closes, the console and the poll page say who voted what (the projector once published); a secret poll never
 * shows a name; closing a round before its deadline asks first and names who has not answered.
 */
const maybe = describeInBrowser;

interface PollView {
  id: string;
  status: string;
  options: { id: string; code: string | null }[];
  result: { cast: number } | null;
  ballots?: ({ delegateId: string; fullName: string; choices: string[] } | { receipt: string })[];
}
interface Round {
  id: string;
  status: string;
  recipients: number;
  answered: number;
  questions: { id: string }[];
}

maybe('named results on staff screens; early close of an opinion round (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let bodyId: string;
  let secretary: HttpClient;
  const voters: Record<string, { http: HttpClient; delegateId: string; name: string }> = {};
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let staff: Page;

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }

  /** A motion opened, voted by the given delegates over HTTP, closed. */
  async function runMotion(title: string, ballotMode: 'named' | 'secret', votes: Record<string, 'for' | 'against' | 'abstain'>): Promise<PollView> {
    const created = await secretary.post<PollView>(`/api/meetings/${meetingId}/polls`, { kind: 'motion', ballotMode, title });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await secretary.post(`/api/polls/${id}/open`)).status).toBe(200);
    for (const [username, side] of Object.entries(votes)) {
      const option = created.body.options.find((o) => o.code === side)!;
      expect((await voters[username].http.post(`/api/polls/${id}/ballots`, { ballotId: randomUUID(), choices: [option.id] })).status).toBe(200);
    }
    expect((await secretary.post(`/api/polls/${id}/close`)).status).toBe(200);
    return (await secretary.get<PollView>(`/api/polls/${id}`)).body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    const meeting = (await secretary.get<{ id: string; title: string; body: { id: string } | null }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!;
    meetingId = meeting.id;
    bodyId = meeting.body!.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    const rows = (await secretary.get<{ delegateId: string; fullName: string; canVote: boolean }[]>(`/api/meetings/${meetingId}/attendance`)).body;
    for (const username of ['delegate2', 'delegate3', 'delegate4']) {
      const http = await login(username);
      const delegateId = (await http.get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
      voters[username] = { http, delegateId, name: rows.find((r) => r.delegateId === delegateId)!.fullName };
    }
    const mine = Object.values(voters).map((v) => v.delegateId);
    for (const delegateId of [...mine, ...rows.filter((r) => r.canVote && !mine.includes(r.delegateId)).map((r) => r.delegateId)]) {
      const summary = (await secretary.get<{ quorum: { reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
      if (summary.quorum.reached && !mine.includes(delegateId)) break;
      expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId })).status).toBe(200);
    }
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'in_session' })).status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('a closed named poll: staff read who voted what on the console and the poll page; a delegate does not before publication', async () => {
    const title = 'Thông qua danh mục dự án đầu tư công năm 2027';
    const poll = await runMotion(title, 'named', { delegate2: 'for', delegate3: 'against', delegate4: 'for' });
    expect(poll.status).toBe('closed');
    // the API: staff get the named ballots once closed; a delegate only once published
    const named = (poll.ballots ?? []).filter((b): b is { delegateId: string; fullName: string; choices: string[] } => 'delegateId' in b);
    expect(named.map((b) => b.fullName).sort()).toEqual(Object.values(voters).map((v) => v.name).sort());
    expect((await voters.delegate2.http.get<PollView>(`/api/polls/${poll.id}`)).body.ballots).toBeUndefined();

    staff = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await staff.goto(`${t.url}/meetings/${meetingId}/console`);
    const row = staff.getByTestId(`poll-row-${poll.id}`);
    const table = row.getByTestId('named-ballots');
    await table.waitFor();
    await table.getByText('Phiếu ghi danh (3)').waitFor();
    const cells = async (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').allTextContents();
    expect(await cells(voters.delegate2.name)).toEqual(['Tán thành']);
    expect(await cells(voters.delegate3.name)).toEqual(['Không tán thành']);
    expect(await cells(voters.delegate4.name)).toEqual(['Tán thành']);
    await table.scrollIntoViewIfNeeded();
    await screenshot(staff, 'named-01-console-named-ballots-1280x800');
    expect(await seriousA11yViolations(staff)).toEqual([]);

    await staff.goto(`${t.url}/meetings/${meetingId}/polls/${poll.id}`);
    const onPage = staff.getByTestId('named-ballots');
    await onPage.getByRole('row', { name: new RegExp(`^${voters.delegate3.name}`) }).getByText('Không tán thành').waitFor();
    expect(await onPage.getByTestId('named-ballot-row').count()).toBe(3);
    expect(await horizontalOverflow(staff)).toBeLessThanOrEqual(0);
    await screenshot(staff, 'named-02-poll-page-1280x800');

    // published: the projector shows the names too
    expect((await secretary.post(`/api/polls/${poll.id}/publish`)).status).toBe(200);
    const dash = await openSignedIn({ baseUrl: t.url, username: 'chair', password, sessions, problems, viewport: { width: 1920, height: 1080 } });
    await dash.goto(`${t.url}/meetings/${meetingId}/dashboard`);
    await dash.getByTestId('dash-poll').getByTestId('named-ballots').getByText(voters.delegate3.name).waitFor();
    await screenshot(dash, 'named-03-dashboard-published-1920x1080');
  }, 120_000);

  it('a secret poll never shows a name, closed or published', async () => {
    const title = 'Bầu bổ sung thành viên Tổ đại biểu (bỏ phiếu kín)';
    const poll = await runMotion(title, 'secret', { delegate2: 'for', delegate3: 'against' });
    expect(poll.status).toBe('closed');
    expect(poll.result?.cast).toBe(2);
    expect(poll.ballots).toBeUndefined();

    await staff.goto(`${t.url}/meetings/${meetingId}/console`);
    const row = staff.getByTestId(`poll-row-${poll.id}`);
    await row.getByTestId('poll-outcome').waitFor();
    expect(await row.getByTestId('named-ballots').count()).toBe(0);
    const text = (await row.textContent()) ?? '';
    for (const v of Object.values(voters)) expect(text).not.toContain(v.name);

    expect((await secretary.post(`/api/polls/${poll.id}/publish`)).status).toBe(200);
    const published = (await secretary.get<PollView>(`/api/polls/${poll.id}`)).body;
    expect((published.ballots ?? []).every((b) => 'receipt' in b && !('delegateId' in b))).toBe(true);
    await staff.goto(`${t.url}/meetings/${meetingId}/polls/${poll.id}`);
    await staff.getByTestId('poll-watch').getByTestId('poll-outcome').waitFor();
    expect(await staff.getByTestId('named-ballots').count()).toBe(0);
    const page = (await staff.getByTestId('poll-watch').textContent()) ?? '';
    for (const v of Object.values(voters)) expect(page).not.toContain(v.name);
  }, 90_000);

  it('closing an opinion round before its deadline asks first and names who has not answered; cancel keeps it open', async () => {
    const title = 'Lấy ý kiến về quy chế phối hợp giữa HĐND và UBND';
    const created = await secretary.post<Round>('/api/opinion-rounds', { bodyId, title, deadline: new Date(Date.now() + 3 * 86400_000).toISOString(), questions: ['Đồng ý ban hành quy chế?'] });
    expect(created.status).toBe(201);
    const roundId = created.body.id;
    expect((await secretary.post(`/api/opinion-rounds/${roundId}/open`)).status).toBe(200);
    expect((await voters.delegate2.http.post(`/api/opinion-rounds/${roundId}/answers`, { answers: [{ questionId: created.body.questions[0].id, choice: 'agree' }] })).status).toBe(200);
    const pending = await secretary.get<{ count: number; names: string[] }>(`/api/opinion-rounds/${roundId}/not-answered`);
    expect(pending.status).toBe(200);
    const round = (await secretary.get<Round>(`/api/opinion-rounds/${roundId}`)).body;
    expect(pending.body.count).toBe(round.recipients - 1);
    expect(pending.body.names).toContain(voters.delegate3.name);
    expect(pending.body.names).not.toContain(voters.delegate2.name);
    // staff only
    expect((await voters.delegate3.http.get(`/api/opinion-rounds/${roundId}/not-answered`)).status).toBe(403);

    await staff.goto(`${t.url}/opinion-rounds/${roundId}`);
    await staff.getByRole('button', { name: 'Kết thúc và tổng hợp' }).click();
    const dialog = staff.getByRole('alertdialog');
    await dialog.waitFor();
    const words = (await dialog.textContent()) ?? '';
    expect(words).toContain(`Còn ${round.recipients - 1}/${round.recipients} thành viên chưa trả lời`);
    expect(words).toContain(voters.delegate3.name);
    expect(words).not.toContain(voters.delegate2.name);
    await screenshot(staff, 'named-04-round-close-confirm-1280x800');
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await secretary.get<Round>(`/api/opinion-rounds/${roundId}`)).body.status).toBe('open');

    await staff.getByRole('button', { name: 'Kết thúc và tổng hợp' }).click();
    await staff.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc ngay' }).click();
    await staff.getByText('Đã kết thúc và tổng hợp ý kiến.').waitFor();
    expect((await secretary.get<Round>(`/api/opinion-rounds/${roundId}`)).body.status).toBe('closed');
  }, 90_000);

  it('no console errors or uncaught page errors', () => {
    expect(problems).toEqual([]);
  });
});
