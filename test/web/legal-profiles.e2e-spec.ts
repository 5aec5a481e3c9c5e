import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Role } from '#core';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_BODY, DEMO_COUNCIL, DEMO_COUNCIL_SESSION, DEMO_MEETING } from '../../apps/api/src/seed/demo.data.js';
import { clientAs } from '../factories/user.factory.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, horizontalOverflow, openSignedIn, partShots, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * Legal profiles in real Chromium: in the People's Council session the secretary creates polls by decision type and
 * reads each rule in words with its legal basis; a confidence rating of three officials is created, opened, rated on
 * delegates' tablets (one of them by keyboard on a phone), closed, and the result gives per official the counts and
 * shares of ALL 30 delegates and the Resolution 96/2023/QH15 consequence in words. Then a written round of the
 * People's Committee that failed appears as a proposal while preparing the Committee's next meeting and is added to
 * its agenda in one click.
 */
const maybe = describeInBrowser;

const SHOTS = join(process.cwd(), 'test-artifacts', 'screens', 'legal-profiles');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];
const TITLE = 'Lấy phiếu tín nhiệm giữa nhiệm kỳ 2026';
const OFFICIALS = [
  { name: 'Nguyễn Văn Phong', office: 'Chủ tịch UBND Thành phố' },
  { name: 'Trần Thị Hương', office: 'Phó Chủ tịch Thường trực UBND' },
  { name: 'Ngô Thanh Sơn', office: 'Chánh Văn phòng HĐND' },
];
const ROUND_TITLE = 'Lấy ý kiến thành viên về điều chỉnh dự toán 2026';
const nfc = (s: string | null): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ');

interface PollView {
  id: string;
  title: string;
  status: string;
  kind: string;
  options: { id: string; subject: number | null; grade: string | null; delegateId: string | null }[];
}

maybe('legal profiles: decision types, a confidence rating on tablets, a failed written round carried to the next meeting (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let councilId: string;
  let committeeMeetingId: string;
  let secretary: HttpClient;
  let poll: PollView;
  const voters: HttpClient[] = [];
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let staff: Page;

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }

  const shots = (page: Page, testId: string, name: string): Promise<void> => partShots(page, testId, name, SHOTS, VIEWPORTS);

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    const meetings = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body;
    councilId = meetings.find((m) => m.title === DEMO_COUNCIL_SESSION.title)!.id;
    committeeMeetingId = meetings.find((m) => m.title === DEMO_MEETING.title)!.id;
    // the council's 30 delegates: demo accounts delegate1..15, and an account for each of the 15 others
    const invited = (await secretary.get<{ delegateId: string }[]>(`/api/meetings/${councilId}/invitations`)).body.map((i) => i.delegateId);
    expect(invited).toHaveLength(30);
    const linked = await t.dataSource.query<{ delegate_id: string }[]>(`SELECT delegate_id FROM users WHERE delegate_id IS NOT NULL`);
    const withAccount = new Set(linked.map((r) => r.delegate_id));
    for (const delegateId of invited.filter((d) => !withAccount.has(d))) voters.push((await clientAs(t.dataSource, t.url, Role.Delegate, { delegateId })).http);
    expect(voters).toHaveLength(15);
    for (let i = 4; i <= 15; i++) voters.push(await login(`delegate${i}`));
    expect((await secretary.post(`/api/meetings/${councilId}/status`, { status: 'open' })).status).toBeLessThan(300);
    for (const delegateId of invited) expect((await secretary.post(`/api/meetings/${councilId}/attendance/checkin`, { delegateId })).status).toBe(200);
    expect((await secretary.post(`/api/meetings/${councilId}/status`, { status: 'in_session' })).status).toBeLessThan(300);
  }, 240_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('the secretary creates polls by decision type, reads the rule in words and its legal basis, and cannot choose a named confidence vote', async () => {
    staff = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await staff.goto(`${t.url}/meetings/${councilId}/console`);
    const form = staff.getByRole('form', { name: 'Tạo nội dung biểu quyết' });
    const type = form.getByLabel('Loại quyết định (theo hồ sơ pháp lý của cơ quan)');
    expect(await type.inputValue()).toBe('council_resolution');
    const rule = form.getByTestId('decision-rule');
    expect(nfc(await rule.textContent())).toContain('Thông qua khi có quá nửa tổng số đại biểu tán thành');
    expect(nfc(await rule.textContent())).toContain('Căn cứ: Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 35 khoản 2');
    expect(nfc(await rule.textContent())).toContain('Chỉ quản trị viên được áp dụng nguyên tắc khác');
    // a delegate's dismissal: at least 2/3 of all delegates, secret by law (the mode is locked)
    await type.selectOption('delegate_dismissal');
    expect(nfc(await rule.textContent())).toContain('ít nhất hai phần ba tổng số đại biểu');
    expect(await form.getByLabel('Hình thức bỏ phiếu').isDisabled()).toBe(true);
    expect(await form.getByLabel('Hình thức bỏ phiếu').inputValue()).toBe('secret');
    // no override for the secretary: the rule is locked
    expect(await form.getByLabel(/Áp dụng nguyên tắc khác/).count()).toBe(0);
    // a resolution created by type: the server stores the type, its rule and basis
    await type.selectOption('council_resolution');
    await form.getByLabel('Tiêu đề biểu quyết').fill('Nghị quyết về dự toán ngân sách 2027');
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await staff.getByText('Đã tạo biểu quyết “Nghị quyết về dự toán ngân sách 2027”.').waitFor();
    const polls = (await secretary.get<(PollView & { decisionType: { code: string } | null; legalBasis: string })[]>(`/api/meetings/${councilId}/polls`)).body;
    const resolution = polls.find((p) => p.title === 'Nghị quyết về dự toán ngân sách 2027')!;
    expect(resolution.decisionType?.code).toBe('council_resolution');
    expect(resolution.legalBasis).toContain('72/2025/QH15');

    // the confidence rating: only the confidence kind, secret, three officials
    await type.selectOption('confidence_rating');
    expect(nfc(await rule.textContent())).toContain('tín nhiệm cao, tín nhiệm, tín nhiệm thấp');
    expect(nfc(await rule.textContent())).toContain('Nghị quyết 96/2023/QH15');
    expect(await form.getByLabel('Loại biểu quyết').inputValue()).toBe('confidence');
    expect(await form.getByLabel('Hình thức bỏ phiếu').isDisabled()).toBe(true);
    await form.getByLabel('Tiêu đề biểu quyết').fill(TITLE);
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await form.getByText('Nhập họ tên của ít nhất một người được lấy phiếu.').waitFor();
    // the first official is a delegate of the session: choosing them fills the name and office
    await form.getByLabel('Là đại biểu (không bắt buộc) — người thứ 1').selectOption({ label: OFFICIALS[0].name });
    expect(await form.getByLabel('Họ và tên người thứ 1').inputValue()).toBe(OFFICIALS[0].name);
    expect(await form.getByLabel('Chức vụ người thứ 1').inputValue()).toBe(OFFICIALS[0].office);
    for (const [i, o] of OFFICIALS.entries()) {
      if (i > 0) await form.getByRole('button', { name: 'Thêm người' }).click();
      await form.getByLabel(`Họ và tên người thứ ${i + 1}`).fill(o.name);
      await form.getByLabel(`Chức vụ người thứ ${i + 1}`).fill(o.office);
    }
    await form.getByRole('button', { name: 'Thêm người' }).click();
    await form.getByRole('button', { name: 'Xóa người thứ 4' }).click();
    await staff.evaluate(() => document.querySelector('.poll-form')?.setAttribute('data-testid', 'poll-form'));
    await shots(staff, 'poll-form', 'poll-create-decision-type');
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await staff.getByText(`Đã tạo biểu quyết “${TITLE}”.`).waitFor();
    poll = (await secretary.get<PollView[]>(`/api/meetings/${councilId}/polls`)).body.find((p) => p.title === TITLE)!;
    expect(poll).toMatchObject({ kind: 'confidence', status: 'draft' });
    expect(poll.options).toHaveLength(9);
    expect(poll.options.filter((o) => o.grade === 'low').map((o) => o.subject)).toEqual([1, 2, 3]);
    expect(poll.options.filter((o) => o.grade === 'low').map((o) => o.delegateId !== null)).toEqual([true, false, false]);
    expect(await seriousA11yViolations(staff)).toEqual([]);

    await staff.getByRole('button', { name: `Mở biểu quyết: ${TITLE}` }).click();
    await staff.getByText(`Đã mở biểu quyết “${TITLE}”.`).waitFor();
  }, 240_000);

  it('three delegates rate the officials on their tablets (one by keyboard on a phone); the confirm step lists each rating', async () => {
    const plans: { username: string; viewport: { width: number; height: number }; grades: string[]; keyboard: boolean }[] = [
      { username: 'delegate1', viewport: { width: 1280, height: 800 }, grades: ['Tín nhiệm cao', 'Tín nhiệm thấp', 'Tín nhiệm thấp'], keyboard: false },
      { username: 'delegate2', viewport: { width: 1024, height: 768 }, grades: ['Tín nhiệm', 'Tín nhiệm thấp', 'Tín nhiệm thấp'], keyboard: false },
      { username: 'delegate3', viewport: { width: 390, height: 844 }, grades: ['Tín nhiệm cao', 'Tín nhiệm thấp', 'Tín nhiệm thấp'], keyboard: true },
    ];
    for (const plan of plans) {
      const tablet = await openSignedIn({ baseUrl: t.url, username: plan.username, password, sessions, problems, viewport: plan.viewport });
      await tablet.goto(`${t.url}/meetings/${councilId}/tablet`);
      const ballot = tablet.getByRole('article', { name: TITLE });
      await ballot.getByText('Đánh giá mỗi người ở một mức', { exact: false }).waitFor();
      for (const [i, grade] of plan.grades.entries()) {
        const group = ballot.getByRole('group', { name: `${i + 1}. ${OFFICIALS[i].name} — ${OFFICIALS[i].office}` });
        const radio = group.getByRole('radio', { name: grade, exact: true });
        if (plan.keyboard) {
          await radio.focus();
          await tablet.keyboard.press('Space');
        } else {
          await radio.check();
        }
        expect(await radio.isChecked()).toBe(true);
      }
      await ballot.getByText('Đã đánh giá 3/3 người.').waitFor();
      if (plan.username === 'delegate1') {
        await tablet.evaluate(() => document.querySelector('.ballot')?.setAttribute('data-testid', 'confidence-ballot'));
        await shots(tablet, 'confidence-ballot', 'tablet-confidence-ballot');
      }
      if (plan.keyboard) {
        await ballot.getByRole('button', { name: 'Tiếp tục' }).focus();
        await tablet.keyboard.press('Enter');
      } else {
        await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
      }
      const confirm = ballot.getByTestId('confirm-ratings');
      for (const [i, grade] of plan.grades.entries()) expect(nfc(await confirm.getByRole('listitem').nth(i).textContent())).toBe(`${OFFICIALS[i].name} — ${OFFICIALS[i].office}: ${grade}`);
      if (plan.keyboard) {
        expect(await tablet.evaluate(() => document.activeElement?.textContent)).toBe('Xác nhận gửi phiếu');
        await tablet.keyboard.press('Enter');
      } else {
        await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
      }
      expect(await ballot.getByTestId('receipt').textContent()).toMatch(/^[0-9A-F]{16}$/);
      expect(await horizontalOverflow(tablet)).toBe(0);
      expect(await seriousA11yViolations(tablet)).toEqual([]);
    }
  }, 240_000);

  it('the poll closes; per official the counts and shares of ALL 30 delegates and the consequence in words; never "won"', async () => {
    // 27 ballots more over HTTP: official 2 ends with 16 "low" (more than half of 30), official 3 with 20 (two thirds)
    const opt = (subject: number, grade: string): string => poll.options.find((o) => o.subject === subject && o.grade === grade)!.id;
    const casts = await Promise.all(
      voters.map((v, i) =>
        v.post(`/api/polls/${poll.id}/ballots`, { ballotId: randomUUID(), choices: [opt(1, i < 20 ? 'high' : 'medium'), opt(2, i < 13 ? 'low' : 'medium'), opt(3, i < 17 ? 'low' : 'high')] }),
      ),
    );
    expect(casts.map((c) => c.status)).toEqual(voters.map(() => 200));
    await staff.reload();
    const row = staff.getByTestId(`poll-row-${poll.id}`);
    await row.getByRole('button', { name: `Kết thúc biểu quyết: ${TITLE}` }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await staff.getByText(`Đã kết thúc biểu quyết “${TITLE}”.`).waitFor();
    const result = row.getByRole('region', { name: TITLE });
    await result.getByTestId('poll-outcome').getByText('Đã kiểm phiếu').waitFor();
    expect(nfc(await result.getByTestId('official-1-high').textContent())).toContain('22 phiếu (73,33%)');
    expect(nfc(await result.getByTestId('official-2-low').textContent())).toContain('16 phiếu (53,33%)');
    expect(nfc(await result.getByTestId('official-3-low').textContent())).toContain('20 phiếu (66,67%)');
    expect(nfc(await result.getByTestId('flag-1').textContent())).toBe('Không thuộc trường hợp Nghị quyết 96/2023/QH15 quy định hệ quả.');
    expect(nfc(await result.getByTestId('flag-2').textContent())).toContain('Quá nửa đến dưới 2/3 tổng số đại biểu đánh giá tín nhiệm thấp: có thể xin từ chức; nếu không xin từ chức thì trình bỏ phiếu tín nhiệm');
    expect(nfc(await result.getByTestId('flag-3').textContent())).toContain('trình miễn nhiệm');
    expect(nfc(await result.textContent())).toContain('Tỷ lệ tính trên tổng số 30 đại biểu; 30 phiếu.');
    expect(nfc(await result.textContent())).not.toMatch(/trúng|THÔNG QUA/i);
    await staff.evaluate((id) => document.querySelector(`[data-testid="poll-row-${id}"] .result`)?.setAttribute('data-testid', 'confidence-result'), poll.id);
    await shots(staff, 'confidence-result', 'confidence-result');
    expect(await seriousA11yViolations(staff)).toEqual([]);
  }, 240_000);

  it('a failed written round of the Committee appears while preparing its next meeting and is added to the agenda in one click', async () => {
    const body = (await secretary.get<{ id: string; kind: string }[]>('/api/bodies')).body.find((b) => b.kind === 'peoples_committee')!;
    const round = await secretary.post<{ id: string; questions: { id: string }[] }>('/api/opinion-rounds', {
      bodyId: body.id,
      title: ROUND_TITLE,
      deadline: new Date(Date.now() + 3 * 86400_000).toISOString(),
      questions: ['Đồng ý điều chỉnh dự toán?'],
    });
    expect(round.status).toBe(201);
    expect((await secretary.post(`/api/opinion-rounds/${round.body.id}/open`)).status).toBe(200);
    // 9 of 15 members answer, 6 disagree: more than half answered, not adopted -> failed
    for (let i = 1; i <= 9; i++) {
      const answer = await (await login(`delegate${i}`)).post(`/api/opinion-rounds/${round.body.id}/answers`, { answers: [{ questionId: round.body.questions[0].id, choice: i <= 3 ? 'agree' : 'disagree' }] });
      expect(answer.status).toBe(200);
    }
    expect((await secretary.post(`/api/opinion-rounds/${round.body.id}/close`)).status).toBe(200);

    await staff.goto(`${t.url}/meetings/${committeeMeetingId}/prepare`);
    const proposal = staff.getByTestId(`proposal-${round.body.id}`);
    await proposal.getByRole('link', { name: `Xem đợt lấy ý kiến “${ROUND_TITLE}”` }).waitFor();
    expect(nfc(await proposal.getByTestId('proposal-result').textContent())).toContain('Kết quả: Không được thông qua · 9/15 thành viên đã trả lời');
    expect(nfc(await proposal.textContent())).toContain('Nghị định 314/2025/NĐ-CP');
    await shots(staff, `proposal-${round.body.id}`, 'prepare-round-proposal');
    expect(await seriousA11yViolations(staff)).toEqual([]);
    await proposal.getByRole('button', { name: `Đưa vào chương trình họp: ${ROUND_TITLE}` }).click();
    await staff.getByText(`Đã đưa “${ROUND_TITLE}” vào chương trình họp.`).waitFor();
    await proposal.getByText('Đã đưa vào chương trình của cuộc họp này.').waitFor();
    const item = `Báo cáo kết quả lấy ý kiến thành viên bằng văn bản: ${ROUND_TITLE}`;
    await staff.getByRole('region', { name: 'Chương trình họp' }).getByText(item).first().waitFor();
    const agenda = (await secretary.get<{ agenda: { id: string; title: string }[] }>(`/api/meetings/${committeeMeetingId}`)).body.agenda;
    expect(agenda.at(-1)?.title).toBe(item);
    const [stored] = await t.dataSource.query<{ status: string; agenda_item_id: string }[]>(`SELECT status, agenda_item_id FROM round_proposals WHERE round_id = $1`, [round.body.id]);
    expect(stored).toEqual({ status: 'taken', agenda_item_id: agenda.at(-1)?.id });
  }, 240_000);

  it("the bodies screen shows each body's kind with its quorum floor, tie rule and proxies", async () => {
    const admin = await openSignedIn({ baseUrl: t.url, username: 'admin', password, sessions, problems });
    await admin.goto(`${t.url}/admin/bodies`);
    const bodies = (await secretary.get<{ id: string; name: string }[]>('/api/bodies')).body;
    const council = admin.getByTestId(`body-${bodies.find((b) => b.name === DEMO_COUNCIL.name)!.id}`);
    const committee = admin.getByTestId(`body-${bodies.find((b) => b.name === DEMO_BODY.name)!.id}`);
    expect(nfc(await council.textContent())).toContain('Hội đồng nhân dân (HĐND)');
    expect(nfc(await council.textContent())).toContain('Ít nhất 2/3 tổng số đại biểu có mặt');
    expect(nfc(await council.textContent())).toContain('không có phiếu quyết định của Chủ tọa khi ngang nhau');
    expect(nfc(await committee.textContent())).toContain('Ủy ban nhân dân (UBND)');
    expect(nfc(await committee.textContent())).toContain('quyết định theo ý kiến mà Chủ tịch đã biểu quyết');
    // the kind is chosen at creation: its help says what the profile locks
    await admin.getByLabel('Loại cơ quan (hồ sơ pháp lý)').selectOption('peoples_council');
    await admin.getByText('nghị quyết khi quá nửa tổng số đại biểu tán thành', { exact: false }).waitFor();
    expect(await admin.getByLabel('Cho phép biểu quyết ủy quyền').isDisabled()).toBe(true);
    expect(await seriousA11yViolations(admin)).toEqual([]);
  }, 120_000);

  it('only an administrator applies another rule, and only with its legal basis, which is stored', async () => {
    const admin = await openSignedIn({ baseUrl: t.url, username: 'admin', password, sessions, problems });
    await admin.goto(`${t.url}/meetings/${councilId}/console`);
    const form = admin.getByRole('form', { name: 'Tạo nội dung biểu quyết' });
    await form.getByLabel('Tiêu đề biểu quyết').fill('Nghị quyết theo nguyên tắc khác');
    await form.getByLabel(/Áp dụng nguyên tắc khác/).check();
    await form.getByLabel('Nguyên tắc áp dụng').selectOption('two_thirds_members');
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await form.getByText('Nhập căn cứ pháp lý của nguyên tắc khác (văn bản và điều, ít nhất 10 ký tự).').waitFor();
    await form.getByLabel('Căn cứ pháp lý (văn bản, điều, khoản)').fill('Điều 5 Quy chế làm việc HĐND (thử nghiệm)');
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await admin.getByText('Đã tạo biểu quyết “Nghị quyết theo nguyên tắc khác”.').waitFor();
    const polls = (await secretary.get<(PollView & { override: { basis: string } | null; rule: { threshold: unknown } })[]>(`/api/meetings/${councilId}/polls`)).body;
    const overridden = polls.find((p) => p.title === 'Nghị quyết theo nguyên tắc khác')!;
    expect(overridden.override?.basis).toBe('Điều 5 Quy chế làm việc HĐND (thử nghiệm)');
    expect(overridden.rule.threshold).toEqual({ kind: 'at_least', num: 2, den: 3 });
  }, 120_000);

  it('an election by decision type: secret, one seat; three delegates choose on their tablets and the one with more than half of ALL delegates is elected', async () => {
    const ELECTION = 'Bầu Phó Chủ tịch HĐND Thành phố';
    await staff.goto(`${t.url}/meetings/${councilId}/console`);
    const form = staff.getByRole('form', { name: 'Tạo nội dung biểu quyết' });
    await form.getByLabel('Loại quyết định (theo hồ sơ pháp lý của cơ quan)').selectOption('council_election');
    expect(await form.getByLabel('Loại biểu quyết').inputValue()).toBe('election');
    expect(await form.getByLabel('Hình thức bỏ phiếu').inputValue()).toBe('secret');
    await form.getByLabel('Tiêu đề biểu quyết').fill(ELECTION);
    await form.getByLabel('Số người cần bầu').fill('1');
    await form.getByLabel('Các phương án (mỗi dòng một phương án)').fill('Lê Minh Anh\nPhạm Quốc Bình');
    await form.getByRole('button', { name: 'Tạo biểu quyết' }).click();
    await staff.getByText(`Đã tạo biểu quyết “${ELECTION}”.`).waitFor();
    const election = (await secretary.get<PollView[]>(`/api/meetings/${councilId}/polls`)).body.find((p) => p.title === ELECTION)!;
    expect(election).toMatchObject({ kind: 'election', status: 'draft' });
    await staff.getByRole('button', { name: `Mở biểu quyết: ${ELECTION}` }).click();
    await staff.getByText(`Đã mở biểu quyết “${ELECTION}”.`).waitFor();

    for (const [username, viewport] of [['delegate1', { width: 1024, height: 768 }], ['delegate2', { width: 390, height: 844 }], ['delegate3', { width: 1280, height: 800 }]] as const) {
      const tablet = await openSignedIn({ baseUrl: t.url, username, password, sessions, problems, viewport });
      await tablet.goto(`${t.url}/meetings/${councilId}/tablet`);
      const ballot = tablet.getByRole('article', { name: ELECTION });
      await ballot.getByRole('radio', { name: 'Lê Minh Anh' }).check();
      await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
      await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
      expect(await ballot.getByTestId('receipt').textContent()).toMatch(/^[0-9A-F]{16}$/);
      expect(await horizontalOverflow(tablet)).toBe(0);
    }
    // 27 more over HTTP: 13 for Anh (16 of 30 in all: more than half of ALL delegates), 14 for Bình
    const [anh, binh] = election.options.map((o) => o.id);
    const casts = await Promise.all(voters.map((v, i) => v.post(`/api/polls/${election.id}/ballots`, { ballotId: randomUUID(), choices: [i < 13 ? anh : binh] })));
    expect(casts.map((c) => c.status)).toEqual(voters.map(() => 200));
    await staff.reload();
    const row = staff.getByTestId(`poll-row-${election.id}`);
    await row.getByRole('button', { name: `Kết thúc biểu quyết: ${ELECTION}` }).click();
    await row.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await staff.getByText(`Đã kết thúc biểu quyết “${ELECTION}”.`).waitFor();
    const result = row.getByRole('region', { name: ELECTION });
    await result.getByTestId('poll-outcome').getByText('Đã bầu đủ số người cần bầu').waitFor();
    const closed = (await secretary.get<PollView & { result: { cast: number; choice: { winners: string[] } } }>(`/api/polls/${election.id}`)).body;
    expect(closed.result.cast).toBe(30);
    expect(closed.result.choice.winners).toEqual([anh]);
    expect(nfc(await result.textContent())).toContain('Lê Minh Anh');
    await partShots(staff, `poll-row-${election.id}`, 'election-result', SHOTS, VIEWPORTS);
  }, 240_000);

  it('no console errors or uncaught page errors', () => {
    expect(problems).toEqual([]);
  });
});
