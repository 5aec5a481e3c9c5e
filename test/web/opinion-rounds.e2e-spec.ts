import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, openSignedIn, screenshot, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/** A written opinion round in real Chromium: the secretary creates and sends it, a member answers, the secretary closes it and reads the summary. */
const maybe = describeInBrowser;

interface Round {
  id: string;
  title: string;
  status: string;
  summary: { respondents: number; questions: { agree: number; disagree: number; other: number }[] } | null;
}

maybe('written opinion rounds (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let secretary: HttpClient;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];

  const signIn = (username: string): Promise<Page> => openSignedIn({ baseUrl: t.url, username, password, sessions, problems });

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    const http = new HttpClient(t.url);
    secretary = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password })).body.accessToken);
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('create, send, answer, close: the summary counts the answer', async () => {
    const title = 'Lấy ý kiến về Đề án chuyển đổi số cấp xã';
    const sec = await signIn('secretary');
    await sec.getByRole('link', { name: 'Lấy ý kiến' }).click();
    await sec.getByText('Chưa có đợt lấy ý kiến nào.').waitFor();
    await sec.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await sec.getByText('Vui lòng nhập tiêu đề, hạn trả lời và ít nhất một câu hỏi.').waitFor();
    await sec.getByLabel('Tiêu đề').fill(title);
    const due = new Date(Date.now() + 2 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 16);
    await sec.getByLabel('Hạn trả lời').fill(due);
    await sec.getByLabel('Các câu hỏi (mỗi dòng một câu)').fill('Đồng ý thông qua Đề án?\nĐồng ý bố trí kinh phí năm 2027?');
    await sec.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await sec.getByText(`Đã tạo đợt lấy ý kiến “${title}”.`).waitFor();
    await sec.getByRole('link', { name: title }).click();
    await sec.getByRole('button', { name: 'Gửi phiếu tới các thành viên' }).click();
    await sec.getByText('Đã gửi phiếu lấy ý kiến.').waitFor();
    const round = (await secretary.get<Round[]>('/api/opinion-rounds')).body.find((r) => r.title === title)!;
    expect(round.status).toBe('open');

    const member = await signIn('delegate5');
    await member.goto(`${t.url}/opinion-rounds`);
    await member.getByRole('link', { name: title }).click();
    await member.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await member.getByText('Vui lòng trả lời tất cả các câu hỏi.').waitFor();
    const q1 = member.getByRole('group', { name: '1. Đồng ý thông qua Đề án?' });
    const q2 = member.getByRole('group', { name: '2. Đồng ý bố trí kinh phí năm 2027?' });
    await q1.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await q2.getByRole('radio', { name: 'Ý kiến khác' }).check();
    await q2.getByLabel('Ghi chú (không bắt buộc)').fill('Đề nghị phân kỳ kinh phí theo hai năm.');
    await member.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await member.getByText(/^Đã ghi nhận ý kiến của bạn/).waitFor();
    await screenshot(member, '26-opinion-round-answer');
    expect(await seriousA11yViolations(member)).toEqual([]);

    await sec.reload();
    await sec.getByText('1/15 đã trả lời', { exact: false }).waitFor();
    await sec.getByRole('button', { name: 'Kết thúc và tổng hợp' }).click();
    // before the deadline: a confirmation that says how many have not answered
    await sec.getByRole('alertdialog').getByText('Còn 14/15 thành viên chưa trả lời', { exact: false }).waitFor();
    await sec.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc ngay' }).click();
    await sec.getByText('Đã kết thúc và tổng hợp ý kiến.').waitFor();
    await sec.getByTestId('summary-1').getByText(/Đồng ý 1 · Không đồng ý 0 · Ý kiến khác 0/).waitFor();
    await sec.getByTestId('summary-2').getByText(/Đồng ý 0 · Không đồng ý 0 · Ý kiến khác 1/).waitFor();
    const closed = (await secretary.get<Round>(`/api/opinion-rounds/${round.id}`)).body;
    expect(closed.status).toBe('closed');
    expect(closed.summary!.questions.map((q) => [q.agree, q.disagree, q.other])).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    await screenshot(sec, '27-opinion-round-summary');
    expect(await seriousA11yViolations(sec)).toEqual([]);
  });

  it('no console errors or uncaught page errors', () => {
    expect(problems).toEqual([]);
  });
});
