import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING, DEMO_MEMBERS } from '../../apps/api/src/seed/demo.data.js';
import { createCa, createIdentity, p12Of } from '../factories/pki.factory.js';
import { pdfText } from '../utils/documents.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { describeInBrowser, openSignedIn, partShots, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * Secret ballots' counting committee in real Chromium against the real server on PostgreSQL: the secretary designates
 * a committee of three on the poll's page, the delegates vote on their tablets and get receipts that say they prove
 * only inclusion, the poll closes, the members are prompted on their tablets and confirm the count report on the
 * poll's page, the report and its PDF appear for the secretary, and the receipt check answers "counted" for a real
 * receipt and "not found" for a made-up one. Then committee custody: the members make their counting keys in their
 * browsers, the poll cannot open until all have, and at the count two of three give their key shares (opened with
 * WebCrypto from the passphrase) and the ballots are counted.
 */
const maybe = describeInBrowser;

const SHOTS = '/tmp/shots/i18';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];
const TITLE = 'Bầu chọn phương án trụ sở tiếp công dân';
const CUSTODY_TITLE = 'Lấy ý kiến kín về đề án sáp nhập đơn vị hành chính';
const PASSPHRASE = 'trống đồng Đông Sơn 1945';
const [HEAD, MEMBER_A, MEMBER_B] = [DEMO_MEMBERS[1].fullName, DEMO_MEMBERS[2].fullName, DEMO_MEMBERS[3].fullName];
const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ');

interface PollView {
  id: string;
  status: string;
  options: { id: string; label: string; code: string | null }[];
  result: { cast: number } | null;
  ballots?: Record<string, unknown>[];
}

maybe('secret poll: counting committee, count report, receipts and committee custody (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let meetingId: string;
  let pollId: string;
  let custodyPollId: string;
  let secretary: HttpClient;
  const ids: Record<string, string> = {};
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  let staff: Page;
  const tablets: Record<string, Page> = {};
  const receipts: Record<string, string> = {};

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }

  const shots = (page: Page, testId: string, name: string): Promise<void> => partShots(page, testId, name, SHOTS, VIEWPORTS);

  async function download(page: Page, button: RegExp): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    secretary = await login('secretary');
    const meetings = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body;
    meetingId = meetings.find((m) => m.title === DEMO_MEETING.title)!.id;
    for (const u of ['delegate2', 'delegate3', 'delegate4', 'delegate5']) ids[u] = (await (await login(u)).get<{ delegateId: string }>('/api/auth/me')).body.delegateId;
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    // the four voters, then other members until the quorum is reached
    const rows = (await secretary.get<{ delegateId: string; canVote: boolean }[]>(`/api/meetings/${meetingId}/attendance`)).body;
    const voters = Object.values(ids);
    for (const delegateId of [...voters, ...rows.filter((r) => r.canVote && !voters.includes(r.delegateId)).map((r) => r.delegateId)]) {
      const summary = (await secretary.get<{ quorum: { reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
      if (summary.quorum.reached && !voters.includes(delegateId)) break;
      expect((await secretary.post(`/api/meetings/${meetingId}/attendance/checkin`, { delegateId })).status).toBe(200);
    }
    expect((await secretary.post(`/api/meetings/${meetingId}/status`, { status: 'in_session' })).status).toBeLessThan(300);
    const poll = await secretary.post<PollView>(`/api/meetings/${meetingId}/polls`, {
      kind: 'choice',
      ballotMode: 'secret',
      title: TITLE,
      options: [{ label: 'Trụ sở số 12 Lê Lai' }, { label: 'Trụ sở số 79 Đinh Tiên Hoàng' }],
      maxChoices: 1,
    });
    expect(poll.status).toBe(201);
    pollId = poll.body.id;
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('the secretary designates a committee of three on the poll page and opens the poll', async () => {
    staff = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await staff.goto(`${t.url}/meetings/${meetingId}/polls/${pollId}`);
    const panel = staff.getByTestId('committee-panel');
    await panel.getByText('Chưa chỉ định Ban kiểm phiếu.', { exact: false }).waitFor();
    // refused before anything is sent: no head; committee custody with one member
    await panel.getByRole('button', { name: 'Lưu Ban kiểm phiếu' }).click();
    await panel.getByText('Vui lòng chọn trưởng ban.').waitFor();
    await panel.getByLabel('Trưởng ban').selectOption({ label: HEAD });
    await panel.getByRole('radio', { name: /^Ban kiểm phiếu giữ khóa/ }).check();
    await panel.getByRole('button', { name: 'Lưu Ban kiểm phiếu' }).click();
    await panel.getByText('Ban kiểm phiếu giữ khóa cần ít nhất hai thành viên.').waitFor();
    await panel.getByRole('radio', { name: /^Máy chủ giữ khóa/ }).check();
    // the head is not offered again as a member
    expect(await panel.getByRole('checkbox', { name: HEAD }).count()).toBe(0);
    await panel.getByRole('checkbox', { name: MEMBER_A }).check();
    await panel.getByRole('checkbox', { name: MEMBER_B }).check();
    await panel.getByRole('button', { name: 'Lưu Ban kiểm phiếu' }).click();
    await panel.getByText('Đã lưu Ban kiểm phiếu.').waitFor();
    const table = panel.getByRole('table');
    await table.getByRole('rowheader', { name: HEAD }).waitFor();
    expect(await panel.getByTestId(`committee-member-${ids.delegate2}`).getByRole('cell').first().textContent()).toBe('Trưởng ban');
    expect(await panel.getByTestId(`confirmed-${ids.delegate3}`).textContent()).toBe('Chưa xác nhận');
    const stored = await t.dataSource.query<{ delegate_id: string; role: string }[]>('SELECT delegate_id, role FROM counting_committee_members WHERE poll_id = $1 ORDER BY position', [pollId]);
    expect(stored).toEqual([
      { delegate_id: ids.delegate2, role: 'head' },
      { delegate_id: ids.delegate3, role: 'member' },
      { delegate_id: ids.delegate4, role: 'member' },
    ]);
    const [committee] = await t.dataSource.query<{ custody: string }[]>('SELECT custody FROM counting_committees WHERE poll_id = $1', [pollId]);
    expect(committee.custody).toBe('server');
    await shots(staff, 'committee-panel', 'staff-committee-designated');
    expect(await seriousA11yViolations(staff)).toEqual([]);

    await staff.getByRole('button', { name: `Mở biểu quyết: ${TITLE}` }).click();
    await staff.getByText(`Đã mở biểu quyết “${TITLE}”.`).waitFor();
    // once open the server-held committee may still change, but committee custody can no longer be chosen
    await panel.getByText('Chỉ chọn được “Ban kiểm phiếu giữ khóa” khi biểu quyết chưa mở.').waitFor();
    expect(await panel.getByRole('radio', { name: /^Ban kiểm phiếu giữ khóa/ }).isDisabled()).toBe(true);
  }, 180_000);

  it('three delegates vote on their tablets; each receipt says it proves inclusion only; nothing of it is stored in clear', async () => {
    const choices: Record<string, string> = { delegate2: 'Trụ sở số 12 Lê Lai', delegate3: 'Trụ sở số 12 Lê Lai', delegate4: 'Trụ sở số 79 Đinh Tiên Hoàng' };
    for (const [username, choice] of Object.entries(choices)) {
      const tablet = await openSignedIn({ baseUrl: t.url, username, password, sessions, problems });
      tablets[username] = tablet;
      await tablet.waitForURL(`${t.url}/meetings/${meetingId}/tablet`);
      const ballot = tablet.getByRole('article', { name: TITLE });
      await ballot.getByText('Bỏ phiếu kín', { exact: false }).waitFor();
      await ballot.getByRole('radio', { name: choice }).check();
      await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
      await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
      const receipt = (await ballot.getByTestId('receipt').textContent()) ?? '';
      expect(receipt).toMatch(/^[0-9A-F]{16}$/);
      receipts[username] = receipt;
      expect(nfc((await ballot.getByTestId('receipt-help').textContent()) ?? '')).toContain('chỉ chứng minh phiếu của bạn đã được kiểm, không cho biết bạn đã chọn gì');
    }
    expect(new Set(Object.values(receipts)).size).toBe(3);
    // a fourth ballot over HTTP
    const poll = (await secretary.get<PollView>(`/api/polls/${pollId}`)).body;
    const cast = await (await login('delegate5')).post<{ receipt: string }>(`/api/polls/${pollId}/ballots`, { ballotId: randomUUID(), choices: [poll.options[1].id] });
    expect(cast.status).toBe(200);
    receipts.delegate5 = cast.body.receipt;
    // while open the receipts exist only inside the sealed envelopes
    const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM secret_receipts WHERE poll_id = $1', [pollId]);
    expect(n).toBe(0);
    await tablets.delegate2.screenshot({ path: join(SHOTS, 'tablet-secret-receipt-1280x800.png'), fullPage: true });

    // before the count the receipt check says so (and only that)
    const page = tablets.delegate2;
    await page.getByRole('link', { name: `Mở trang biểu quyết “${TITLE}”` }).click();
    const check = page.getByTestId('receipt-check');
    await check.getByText(`Mã biên nhận của bạn lưu trên thiết bị này: ${receipts.delegate2}`).waitFor();
    expect(await check.getByLabel('Mã biên nhận').inputValue()).toBe(receipts.delegate2);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByTestId('receipt-answer').getByText('Chưa kiểm phiếu: hãy tra lại sau khi kiểm phiếu xong.', { exact: false }).waitFor();
    await page.goto(`${t.url}/meetings/${meetingId}/tablet`);
  }, 240_000);

  it('the poll closes; the members are prompted on their tablets and confirm the report; the secretary sees it final with its PDF', async () => {
    await staff.getByRole('button', { name: `Kết thúc biểu quyết: ${TITLE}` }).click();
    await staff.getByRole('alertdialog').getByRole('button', { name: 'Kết thúc biểu quyết', exact: true }).click();
    await staff.getByText(`Đã kết thúc biểu quyết “${TITLE}”.`).waitFor();

    const panel = staff.getByTestId('committee-panel');
    const report = panel.getByTestId('count-report');
    await report.waitFor({ timeout: 30_000 });
    const [row] = await t.dataSource.query<{ sha256: string; finalised_at: Date | null }[]>('SELECT sha256, finalised_at FROM count_reports WHERE poll_id = $1', [pollId]);
    expect(row.finalised_at).toBeNull();
    expect(await report.getByTestId('report-sha256').textContent()).toBe(row.sha256);
    expect(await report.getByTestId('report-returned').textContent()).toBe('4');
    expect(await report.getByTestId('report-valid').textContent()).toBe('4');
    expect(await report.getByTestId('report-blank').textContent()).toBe('0');
    const poll = (await secretary.get<PollView>(`/api/polls/${pollId}`)).body;
    const [a, b] = poll.options;
    const cells = async (optionId: string) => [
      await report.getByTestId(`report-option-${optionId}`).getByRole('rowheader').textContent(),
      ...(await report.getByTestId(`report-option-${optionId}`).getByRole('cell').allTextContents()),
    ];
    // 2 of 15 members and 2 of 4 ballots returned, each way
    expect(await cells(a.id)).toEqual(['Trụ sở số 12 Lê Lai', '2', '13,33%', '50,00%']);
    expect(await cells(b.id)).toEqual(['Trụ sở số 79 Đinh Tiên Hoàng', '2', '13,33%', '50,00%']);
    await report.getByText('Biên bản chưa được toàn bộ Ban kiểm phiếu xác nhận.').waitFor();

    for (const username of ['delegate2', 'delegate3', 'delegate4']) {
      const tablet = tablets[username];
      const duties = tablet.getByTestId('committee-duties');
      await duties.getByText(`Biên bản kiểm phiếu “${TITLE}” đang chờ bạn xác nhận.`).waitFor({ timeout: 30_000 });
      if (username === 'delegate3') await shots(tablet, 'committee-duties', 'tablet-committee-prompt');
      await duties.getByRole('link', { name: 'Xác nhận biên bản kiểm phiếu' }).click();
      const member = tablet.getByTestId('committee-member');
      await member.getByTestId('count-report').waitFor();
      await member.getByText(username === 'delegate2' ? 'Bạn là Trưởng Ban kiểm phiếu của nội dung biểu quyết này.' : 'Bạn là thành viên Ban kiểm phiếu của nội dung biểu quyết này.').waitFor();
      expect(await member.getByTestId('report-sha256').textContent()).toBe(row.sha256);
      if (username === 'delegate3') {
        await shots(tablet, 'committee-member', 'member-confirm-before');
        expect(await seriousA11yViolations(tablet)).toEqual([]);
      }
      await member.getByRole('button', { name: 'Xác nhận biên bản kiểm phiếu' }).click();
      await member.getByTestId('member-confirmed').waitFor();
      if (username === 'delegate3') await shots(tablet, 'committee-member', 'member-confirmed');
      await tablet.goto(`${t.url}/meetings/${meetingId}/tablet`);
      await tablet.getByRole('heading', { name: 'Biểu quyết', exact: true }).waitFor();
      expect(await tablet.getByTestId('committee-duties').count()).toBe(0);
    }
    const [final] = await t.dataSource.query<{ finalised_at: Date | null }[]>('SELECT finalised_at FROM count_reports WHERE poll_id = $1', [pollId]);
    expect(final.finalised_at).not.toBeNull();
    const chain = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'count_report.%' ORDER BY seq`, [pollId]);
    expect(chain.map((e) => e.action)).toEqual(['count_report.written', 'count_report.confirmed', 'count_report.confirmed', 'count_report.confirmed', 'count_report.final']);

    await panel.getByRole('button', { name: 'Làm mới' }).click();
    await report.getByText(/^Biên bản đã được toàn bộ Ban kiểm phiếu xác nhận/).waitFor();
    for (const u of ['delegate2', 'delegate3', 'delegate4']) expect(await panel.getByTestId(`confirmed-${ids[u]}`).textContent()).toMatch(/^Đã xác nhận \(/);
    await shots(staff, 'committee-panel', 'staff-count-report');
    expect(await seriousA11yViolations(staff)).toEqual([]);

    const pdf = await download(staff, /^Tải biên bản kiểm phiếu \(PDF\)/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = nfc(await pdfText(pdf.bytes));
    for (const s of ['BIÊN BẢN KIỂM PHIẾU', TITLE, 'Số phiếu thu vào: 4', HEAD, MEMBER_A, MEMBER_B, row.sha256, 'Biên bản đã được toàn bộ Ban kiểm phiếu xác nhận']) {
      expect({ s, found: text.includes(nfc(s)) }).toEqual({ s, found: true });
    }

    // the confirmed report gets its number and each member signs their own block with their own key
    const signatures = panel.getByTestId('count-signatures');
    await signatures.getByRole('button', { name: 'Cấp số văn bản và trình ký' }).click();
    await signatures.getByTestId('doc-number').waitFor();
    expect(await signatures.getByTestId('doc-number').textContent()).toMatch(/^Số: \d+\/BB-/);
    const admin = await login('admin');
    const head = (await admin.get<{ id: string; username: string }[]>('/api/users')).body.find((u) => u.username === 'delegate2')!;
    const ca = createCa();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(p12Of(createIdentity(ca, HEAD), ca, PASSPHRASE))]), 'head.p12');
    form.append('password', PASSPHRASE);
    expect((await admin.put(`/api/signatures/signers/${head.id}/p12`, form)).status).toBe(200);
    const headTablet = tablets.delegate2;
    await headTablet.goto(`${t.url}/meetings/${meetingId}/polls/${pollId}`);
    const mine = headTablet.getByTestId('committee-member').getByTestId('count-signatures');
    await mine.getByLabel('Mã PIN token hoặc mật khẩu tệp khóa').fill(PASSPHRASE);
    await mine.getByRole('button', { name: 'Ký số' }).click();
    await mine.getByTestId('slot-head').getByText(/đã ký/).waitFor();
    // the other two blocks still wait, and are offered to no one else on this tablet
    expect(await mine.getByRole('button', { name: 'Ký số' }).count()).toBe(0);
    const signedDoc = (await secretary.get<{ document: { slots: { key: string; signedAt: string | null }[] } }>(`/api/polls/${pollId}/count-report/document`)).body.document;
    expect(signedDoc.slots.map((x) => [x.key, x.signedAt !== null])).toEqual([
      ['head', true],
      ['member-2', false],
      ['member-3', false],
    ]);
    await shots(headTablet, 'count-signatures', 'member-count-signed');
  }, 300_000);

  it('the receipt check answers counted for a real receipt, not found for a made-up one; the published result lists receipts only', async () => {
    const page = tablets.delegate3;
    await page.goto(`${t.url}/meetings/${meetingId}/polls/${pollId}`);
    const check = page.getByTestId('receipt-check');
    expect(await check.getByLabel('Mã biên nhận').inputValue()).toBe(receipts.delegate3);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByTestId('receipt-answer').getByText('Phiếu đã được kiểm.', { exact: false }).waitFor();
    expect(await check.getByTestId('receipt-answer').textContent()).toBe(`${receipts.delegate3}: Phiếu đã được kiểm.`);
    // another voter's receipt typed in lower case with spaces: counted too, and nothing about its choice
    await check.getByLabel('Mã biên nhận').fill(`${receipts.delegate4.slice(0, 8).toLowerCase()} ${receipts.delegate4.slice(8).toLowerCase()}`);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByText(`${receipts.delegate4}: Phiếu đã được kiểm.`).waitFor();
    const madeUp = receipts.delegate3 === '0123456789ABCDEF' ? 'FEDCBA9876543210' : '0123456789ABCDEF';
    await check.getByLabel('Mã biên nhận').fill(madeUp);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByText(`${madeUp}: Không tìm thấy: không có phiếu nào đã kiểm mang mã này.`).waitFor();
    await check.getByLabel('Mã biên nhận').fill('XYZ');
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByText('Mã biên nhận gồm 16 ký tự 0–9 và A–F.').waitFor();
    await shots(page, 'receipt-check', 'member-receipt-check');

    await staff.getByRole('button', { name: `Công bố kết quả: ${TITLE}` }).click();
    await staff.getByText(`Đã công bố kết quả “${TITLE}”.`).waitFor();
    const published = (await secretary.get<PollView>(`/api/polls/${pollId}`)).body;
    expect(published.ballots?.every((b) => Object.keys(b).join() === 'receipt')).toBe(true);
    expect(published.ballots?.map((b) => b.receipt).sort()).toEqual(Object.values(receipts).sort());
    await page.reload();
    const list = page.getByTestId('receipt-check');
    await list.getByText('Danh sách 4 mã biên nhận đã kiểm').click();
    const items = await list.getByTestId('published-receipts').getByRole('listitem').allTextContents();
    expect(items.sort()).toEqual(Object.values(receipts).sort());
  }, 180_000);

  it('committee custody: keys made in the browsers, the open waits for every key, two shares of three count the ballots', async () => {
    const created = await secretary.post<PollView>(`/api/meetings/${meetingId}/polls`, { kind: 'motion', ballotMode: 'secret', title: CUSTODY_TITLE });
    custodyPollId = created.body.id;

    // two members make their counting key on the tablet (a short or mistyped passphrase is refused first)
    for (const username of ['delegate2', 'delegate3']) {
      const tablet = tablets[username];
      await tablet.goto(`${t.url}/meetings/${meetingId}/tablet`);
      const keyPanel = tablet.getByTestId('counting-key-panel');
      await keyPanel.getByText('Khóa kiểm phiếu (dành cho thành viên Ban kiểm phiếu)').click();
      if (username === 'delegate2') {
        await keyPanel.getByLabel('Mật khẩu khóa kiểm phiếu').fill('ngắn');
        await keyPanel.getByLabel('Nhập lại mật khẩu').fill('ngắn');
        await keyPanel.getByRole('button', { name: 'Tạo khóa kiểm phiếu của tôi' }).click();
        await keyPanel.getByText('Mật khẩu cần ít nhất 8 ký tự.').waitFor();
        await keyPanel.getByLabel('Mật khẩu khóa kiểm phiếu').fill(PASSPHRASE);
        await keyPanel.getByLabel('Nhập lại mật khẩu').fill(`${PASSPHRASE}!`);
        await keyPanel.getByRole('button', { name: 'Tạo khóa kiểm phiếu của tôi' }).click();
        await keyPanel.getByText('Hai lần nhập mật khẩu không khớp.').waitFor();
      }
      await keyPanel.getByLabel('Mật khẩu khóa kiểm phiếu').fill(PASSPHRASE);
      await keyPanel.getByLabel('Nhập lại mật khẩu').fill(PASSPHRASE);
      await keyPanel.getByRole('button', { name: 'Tạo khóa kiểm phiếu của tôi' }).click();
      await keyPanel.getByText('Bạn đã có khóa kiểm phiếu.').waitFor({ timeout: 30_000 });
    }
    const keys = await t.dataSource.query<{ delegate_id: string; public_key: Buffer; sealed_private_key: Buffer }[]>('SELECT delegate_id, public_key, sealed_private_key FROM counting_member_keys');
    expect(keys.map((k) => k.delegate_id).sort()).toEqual([ids.delegate2, ids.delegate3].sort());
    // the server holds a public point and a sealed blob, never the private key in clear (pkcs8 would start 0x30 0x81)
    for (const k of keys) {
      expect(k.public_key.length).toBe(65);
      expect(k.sealed_private_key.length).toBe(16 + 12 + 138 + 16);
    }

    await staff.goto(`${t.url}/meetings/${meetingId}/polls/${custodyPollId}`);
    const panel = staff.getByTestId('committee-panel');
    await panel.getByLabel('Trưởng ban').selectOption({ label: HEAD });
    await panel.getByRole('checkbox', { name: MEMBER_A }).check();
    await panel.getByRole('checkbox', { name: MEMBER_B }).check();
    await panel.getByRole('radio', { name: /^Ban kiểm phiếu giữ khóa/ }).check();
    await panel.getByLabel('Số phần khóa cần để mở phiếu').fill('4');
    await panel.getByRole('button', { name: 'Lưu Ban kiểm phiếu' }).click();
    await panel.getByText('Số phần khóa phải từ 1 đến 3.').waitFor();
    await panel.getByLabel('Số phần khóa cần để mở phiếu').fill('2');
    await panel.getByRole('button', { name: 'Lưu Ban kiểm phiếu' }).click();
    await panel.getByText('Đã lưu Ban kiểm phiếu.').waitFor();
    await panel.getByTestId('committee-custody').getByText('Khóa mở phiếu: Ban kiểm phiếu giữ; cần 2/3 phần khóa để mở phiếu.').waitFor();
    await panel.getByTestId('committee-missing-keys').getByText(MEMBER_B, { exact: false }).waitFor();
    expect([await panel.getByTestId(`key-${ids.delegate2}`).textContent(), await panel.getByTestId(`key-${ids.delegate3}`).textContent(), await panel.getByTestId(`key-${ids.delegate4}`).textContent()]).toEqual([
      'Đã tạo',
      'Đã tạo',
      'Chưa tạo',
    ]);
    await shots(staff, 'committee-panel', 'staff-committee-custody');
    // the poll cannot open while a member has no counting key
    await staff.getByRole('button', { name: `Mở biểu quyết: ${CUSTODY_TITLE}` }).click();
    await staff.getByText('Khóa kiểm phiếu chưa dùng được', { exact: false }).waitFor();
    expect((await secretary.get<PollView>(`/api/polls/${custodyPollId}`)).body.status).toBe('draft');

    const late = tablets.delegate4;
    await late.goto(`${t.url}/meetings/${meetingId}/tablet`);
    const keyPanel = late.getByTestId('counting-key-panel');
    await keyPanel.getByText('Khóa kiểm phiếu (dành cho thành viên Ban kiểm phiếu)').click();
    await keyPanel.getByLabel('Mật khẩu khóa kiểm phiếu').fill(PASSPHRASE);
    await keyPanel.getByLabel('Nhập lại mật khẩu').fill(PASSPHRASE);
    await keyPanel.getByRole('button', { name: 'Tạo khóa kiểm phiếu của tôi' }).click();
    await keyPanel.getByText('Bạn đã có khóa kiểm phiếu.').waitFor({ timeout: 30_000 });

    await panel.getByRole('button', { name: 'Làm mới' }).click();
    await panel.getByTestId('committee-missing-keys').waitFor({ state: 'detached' });
    expect(await panel.getByTestId(`key-${ids.delegate4}`).textContent()).toBe('Đã tạo');
    await staff.getByRole('button', { name: `Mở biểu quyết: ${CUSTODY_TITLE}` }).click();
    await staff.getByText(`Đã mở biểu quyết “${CUSTODY_TITLE}”.`).waitFor();
    const shares = await t.dataSource.query<{ delegate_id: string }[]>('SELECT delegate_id FROM poll_key_shares WHERE poll_id = $1', [custodyPollId]);
    expect(shares.map((s) => s.delegate_id).sort()).toEqual([ids.delegate2, ids.delegate3, ids.delegate4].sort());

    const poll = (await secretary.get<PollView>(`/api/polls/${custodyPollId}`)).body;
    const code = (c: string) => poll.options.find((o) => o.code === c)!.id;
    const picks: [string, string][] = [
      ['delegate2', 'for'],
      ['delegate3', 'for'],
      ['delegate4', 'against'],
      ['delegate5', 'for'],
    ];
    for (const [u, c] of picks) expect((await (await login(u)).post(`/api/polls/${custodyPollId}/ballots`, { ballotId: randomUUID(), choices: [code(c)] })).status).toBe(200);
    expect((await secretary.post(`/api/polls/${custodyPollId}/close`)).status).toBe(200);
    expect((await secretary.get<PollView>(`/api/polls/${custodyPollId}`)).body.result).toBeNull();

    // the head gives a share: a wrong passphrase first, then the right one
    const head = tablets.delegate2;
    await head.goto(`${t.url}/meetings/${meetingId}/tablet`);
    const duties = head.getByTestId('committee-duties');
    await duties.getByText(`Biểu quyết “${CUSTODY_TITLE}” đã kết thúc và đang chờ phần khóa của bạn để kiểm phiếu.`).waitFor({ timeout: 30_000 });
    await duties.getByRole('link', { name: 'Cung cấp phần khóa của tôi' }).click();
    const member = head.getByTestId('committee-member');
    await member.getByLabel('Mật khẩu khóa kiểm phiếu').fill('không phải mật khẩu này');
    await member.getByRole('button', { name: 'Cung cấp phần khóa' }).click();
    await member.getByText('Mật khẩu khóa kiểm phiếu không đúng.').waitFor({ timeout: 30_000 });
    await member.getByLabel('Mật khẩu khóa kiểm phiếu').fill(PASSPHRASE);
    await member.getByRole('button', { name: 'Cung cấp phần khóa' }).click();
    await member.getByText('Đã nhận phần khóa của bạn (1/2). Đang chờ các thành viên khác.').waitFor({ timeout: 30_000 });
    expect((await secretary.get<PollView>(`/api/polls/${custodyPollId}`)).body.result).toBeNull();
    await shots(head, 'committee-member', 'member-key-share');

    const second = tablets.delegate3;
    await second.goto(`${t.url}/meetings/${meetingId}/polls/${custodyPollId}`);
    const member2 = second.getByTestId('committee-member');
    await member2.getByLabel('Mật khẩu khóa kiểm phiếu').fill(PASSPHRASE);
    await member2.getByRole('button', { name: 'Cung cấp phần khóa' }).click();
    // enough shares: the ballots are counted and the report comes up for confirmation
    await member2.getByTestId('count-report').waitFor({ timeout: 30_000 });
    await member2.getByRole('button', { name: 'Xác nhận biên bản kiểm phiếu' }).waitFor();
    const counted = (await secretary.get<PollView>(`/api/polls/${custodyPollId}`)).body;
    expect(counted.result?.cast).toBe(4);
    const [report] = await t.dataSource.query<{ content: { custody: string; returned: number; options: { votes: number }[] } }[]>('SELECT content FROM count_reports WHERE poll_id = $1', [custodyPollId]);
    expect(report.content.custody).toBe('committee');
    expect(report.content.options.map((o) => o.votes)).toEqual([3, 1, 0]);
    expect(await member2.getByTestId('report-returned').textContent()).toBe('4');

    await panel.getByRole('button', { name: 'Làm mới' }).click();
    await panel.getByTestId('count-report').waitFor();
    await panel.getByRole('button', { name: /^Tải biên bản kiểm phiếu \(PDF\)/ }).waitFor();
  }, 300_000);

  it('no console errors, except the answers the page expects (not counted yet, no counting key yet, the refused open)', () => {
    const expected = /Failed to load resource: the server responded with a status of (404|409)/;
    expect(problems.filter((p) => !expected.test(p.text))).toEqual([]);
    expect(problems.filter((p) => expected.test(p.text)).length).toBeLessThanOrEqual(6);
  });
});
