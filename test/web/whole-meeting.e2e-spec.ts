import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator } from 'playwright-core';
import { compareVietnameseNames, formatVnDateTime } from '#core';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_BODY, DEMO_COUNCIL_DELEGATES, DEMO_MEMBERS } from '../../apps/api/src/seed/demo.data.js';
import { FACES_DIR } from '../factories/face.factory.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { CHROMIUM_PATH, horizontalOverflow, SCREENS_DIR, seriousA11yViolations, signInThroughForm, watchConsole, type ConsoleProblem, type Page } from './browser.js';
import { fakeCameraArgs, mjpegOf } from './fake-camera.js';

/**
 * The secretary's whole meeting in real Chromium against the real server, through the screens only (the API is read
 * to assert, never to act): from an empty meeting list the secretary creates the meeting, its agenda, a PDF and the
 * invitations (a guest and a substitute), sends the notice, schedules it and opens check-in; the admin enrols a face;
 * delegates check in by face (a fake camera on the kiosk), by QR and by hand while the chair watches the quorum; the
 * session opens; a delegate is given the floor; named, secret and candidate-choice votes run on three tablets (one a
 * phone; a People's Committee holds no elections by law, so the choice stands for one);
 * closing with voters missing asks first; an opinion round runs; the meeting closes; the minutes are drafted with the
 * facts, edited, locked and downloaded, and the PDF's text is checked with pdftotext.
 *
 * One Chromium holds the people's contexts (secretary, admin, chair, three tablets); a second one, for the fake
 * camera, is the kiosk: the machine has two cores.
 */
const UI_BUILT = existsSync('apps/web/dist/index.html');
const HAS_FACES = existsSync(join(FACES_DIR, 'deepface', 'img4.jpg'));
const maybe = UI_BUILT && HAS_FACES && (existsSync(CHROMIUM_PATH) || process.env.CI) ? describe : describe.skip;
if (!HAS_FACES) process.stdout.write(`[web e2e] ${FACES_DIR} is missing: the whole-meeting story needs the shared photos\n`);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

const TITLE = 'Phiên họp UBND Thành phố tháng 12/2026';
const LOCATION = 'Phòng họp số 1, 79 Đinh Tiên Hoàng, Hoàn Kiếm';
const CHAIR_NAME = DEMO_MEMBERS[0].fullName;
const SECRETARY_NAME = 'Lê Thị Thu Thủy';
const AGENDA = [
  { title: 'Tờ trình về Kế hoạch đầu tư công năm 2027', presenter: 'Giám đốc Sở Tài chính' },
  { title: 'Bầu Trưởng ban chỉ đạo chuyển đổi số', presenter: 'Chánh Văn phòng UBND Thành phố' },
  { title: 'Báo cáo tình hình kinh tế - xã hội tháng 12', presenter: 'Giám đốc Sở Tài chính' },
];
const DOC_NAME = 'to-trinh-dau-tu-cong-2027.pdf';
const GUEST = DEMO_COUNCIL_DELEGATES[0].fullName;
const SUBSTITUTE = DEMO_COUNCIL_DELEGATES[1].fullName;
const REPLACED = DEMO_MEMBERS[14].fullName;
// deepface img1/img2 enrolled for this member; the kiosk's camera shows img4, the same person
const FACE_MEMBER = DEMO_MEMBERS[4];
// delegate2 shows the QR, delegate3 and delegate4 (a phone) vote and speak, the chair is delegate1
const QR_MEMBER = DEMO_MEMBERS[1].fullName;
const VOTERS = { a: DEMO_MEMBERS[1].fullName, b: DEMO_MEMBERS[2].fullName, c: DEMO_MEMBERS[3].fullName };
const BY_HAND = [DEMO_MEMBERS[0], DEMO_MEMBERS[2], DEMO_MEMBERS[3], DEMO_MEMBERS[5], DEMO_MEMBERS[6], DEMO_MEMBERS[7], DEMO_MEMBERS[8], DEMO_MEMBERS[9]].map((m) => m.fullName);
const NAMED = 'Thông qua Kế hoạch đầu tư công năm 2027';
const SECRET = 'Thông qua chủ trương vay vốn ODA';
const ELECTION = 'Bầu Trưởng ban chỉ đạo chuyển đổi số';
const CANDIDATES = [DEMO_MEMBERS[5].fullName, DEMO_MEMBERS[11].fullName];
const ROUND = 'Lấy ý kiến về dự thảo Quy chế làm việc năm 2027';
const ROUND_DRAFT = 'Dự thảo Quy chế làm việc của UBND Thành phố nhiệm kỳ 2026-2031, gồm 6 chương 42 điều.';
const ROUND_QUESTION = 'Đồng ý với dự thảo Quy chế?';
const ADDED_LINE = 'Thư ký bổ sung: cuộc họp diễn ra nghiêm túc, đúng chương trình.';

const nfc = (s: string): string => s.normalize('NFC');
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');

/** A one-page PDF with a line of text, small enough to write by hand (the xref offsets are counted). */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface MeetingView {
  id: string;
  title: string;
  status: string;
  sessionOpenedAt: string | null;
  closedAt: string | null;
  agenda: { id: string; position: number; title: string; presenter: string | null }[];
  documents: { filename: string; agendaItemId: string | null }[];
}
interface Invitation {
  fullName: string;
  kind: string;
  canVote: boolean;
  notifiedAt: string | null;
  substituteFor: { fullName: string } | null;
}
interface AttendanceRow {
  fullName: string;
  status: string;
  method: string | null;
}
interface PollView {
  id: string;
  title: string;
  status: string;
  ballotMode: string;
  result: { cast: number; outcome: string } | null;
  ballots?: ({ fullName: string; choices: string[] } | { receipt: string })[];
}
interface Minutes {
  status: string;
  sha256: string | null;
  content: { title: string; sections: { heading: string; body: string }[] };
}

maybe('the whole meeting in the browser, through the screens only (Chromium, real face engine)', () => {
  let t: TestApp;
  let password: string;
  let api: HttpClient;
  let browser: Browser;
  let cameraBrowser: Browser;
  let tmp: string;
  let meetingId = '';
  const contexts: BrowserContext[] = [];
  const problems: ConsoleProblem[] = [];
  // the kiosk's first frames may come before the engine is warm (503 ENGINE_BUSY, retried)
  const expected: RegExp[] = [/status of 503/];
  const pages: Record<'secretary' | 'admin' | 'chair' | 'tabletA' | 'tabletB' | 'phone' | 'kiosk', Page> = {} as never;

  async function contextOf(b: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await b.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    contexts.push(context);
    return context;
  }

  async function signedIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await contextOf(browser, viewport)).newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, username, password);
    await page.waitForURL(/\/meetings/);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENS_DIR, `whole-${name}.png`), fullPage: true });
    expect(await horizontalOverflow(page)).toBe(0);
  }

  async function confirmIn(scope: Page | Locator, button?: string): Promise<void> {
    const dialog = scope.getByRole('alertdialog');
    await dialog.getByRole('button', { name: button ?? 'Xác nhận', exact: true }).click();
  }

  /** Moves the meeting on from the prepare screen, through the confirmation that says what will happen. */
  async function moveTo(page: Page, action: string, what: RegExp): Promise<void> {
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.getByRole('alertdialog').getByText(what).waitFor();
    await confirmIn(page);
  }

  const meeting = async (): Promise<MeetingView> => (await api.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
  const attendance = async (): Promise<AttendanceRow[]> => (await api.get<AttendanceRow[]>(`/api/meetings/${meetingId}/attendance`)).body;
  const pollByTitle = async (title: string): Promise<PollView> => {
    const list = (await api.get<PollView[]>(`/api/meetings/${meetingId}/polls`)).body;
    return (await api.get<PollView>(`/api/polls/${list.find((p) => p.title === title)!.id}`)).body;
  };

  /** Casts on a tablet: a motion's side, or an election's candidates; waits for the receipt. */
  async function vote(page: Page, title: string, choices: string[]): Promise<void> {
    const ballot = page.getByRole('article', { name: title });
    await ballot.waitFor({ timeout: 20_000 });
    if (choices.length === 1 && ['Tán thành', 'Không tán thành', 'Không biểu quyết'].includes(choices[0])) {
      await ballot.getByRole('button', { name: choices[0], exact: true }).click();
    } else {
      for (const c of choices) await ballot.getByLabel(c, { exact: true }).check();
      await ballot.getByRole('button', { name: 'Tiếp tục' }).click();
    }
    await ballot.getByText(/^Bạn chọn: /).waitFor();
    await ballot.getByRole('button', { name: 'Xác nhận gửi phiếu' }).click();
    await ballot.getByTestId('receipt').waitFor({ timeout: 20_000 });
  }

  /** From the secretary's console: creates a poll with the form, opens it, and says so. */
  async function createAndOpen(page: Page, opts: { title: string; agendaLabel?: string; kind?: string; mode?: string; options?: string[] }): Promise<void> {
    await page.getByLabel('Nội dung trong chương trình').selectOption({ label: opts.agendaLabel ?? '(Không gắn với nội dung nào)' });
    await page.getByLabel('Tiêu đề biểu quyết').fill(opts.title);
    await page.getByLabel('Loại biểu quyết').selectOption(opts.kind ?? 'motion');
    await page.getByLabel('Hình thức bỏ phiếu').selectOption(opts.mode ?? 'named');
    if (opts.options) await page.getByLabel('Các phương án (mỗi dòng một phương án)').fill(opts.options.join('\n'));
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/polls`) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Tạo biểu quyết' }).click(),
    ]);
    if (created.status() >= 300) throw new Error(`poll not created: ${created.status()} ${await created.text()}`);
    await page.getByText(`Đã tạo biểu quyết “${opts.title}”.`).waitFor();
    await page.getByRole('button', { name: `Mở biểu quyết: ${opts.title}` }).click();
    await page.getByText(`Đã mở biểu quyết “${opts.title}”.`).waitFor();
  }

  /** Closes from the console: the confirmation first names who (named) or says how many (secret) have not voted. */
  async function closeAndPublish(page: Page, title: string, missing: RegExp): Promise<void> {
    await page.getByRole('button', { name: `Kết thúc biểu quyết: ${title}` }).click();
    const ask = page.getByRole('alertdialog');
    await ask.getByText(missing).waitFor();
    await ask.getByRole('button', { name: 'Kết thúc biểu quyết', exact: true }).click();
    await page.getByText(`Đã kết thúc biểu quyết “${title}”.`).waitFor();
    await page.getByRole('button', { name: `Công bố kết quả: ${title}` }).click();
    await page.getByText(`Đã công bố kết quả “${title}”.`).waitFor();
  }

  beforeAll(async () => {
    t = await startTestApp({ FACE_WORKERS: '1' });
    password = (await t.app.get(DemoSeeder).seed()).password;
    // the story starts from an empty meeting list: the demo's meetings are setup, not part of it
    await t.dataSource.query('TRUNCATE meetings CASCADE');
    const http = new HttpClient(t.url);
    api = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'secretary', password })).body.accessToken);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
    tmp = mkdtempSync(join(tmpdir(), 'dh-whole-'));
    cameraBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...FLAGS, ...fakeCameraArgs(await mjpegOf('deepface/img4.jpg', 10, tmp))] });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await cameraBrowser?.close();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the secretary creates the meeting from an empty list: facts, agenda, a PDF, a guest and a substitute, the notice', async () => {
    const sec = (pages.secretary = await signedIn('secretary', DESKTOP));
    await sec.getByText('Chưa có cuộc họp nào.').waitFor();
    await sec.getByRole('link', { name: 'Tạo cuộc họp' }).click();
    await sec.getByRole('heading', { name: 'Tạo cuộc họp' }).waitFor();
    // nothing filled: the form says what is missing
    await sec.getByRole('button', { name: 'Tạo cuộc họp (bản nháp)' }).click();
    await sec.getByText('Vui lòng chọn cơ quan tổ chức cuộc họp.').waitFor();
    await sec.getByLabel('Cơ quan', { exact: true }).selectOption({ label: DEMO_BODY.name });
    await sec.getByLabel('Tên cuộc họp').fill(TITLE);
    await sec.getByLabel('Địa điểm', { exact: true }).fill(LOCATION);
    const day = new Date(Date.now() + 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    await sec.getByLabel('Bắt đầu', { exact: true }).fill(`${day}T08:00`);
    await sec.getByLabel('Kết thúc (dự kiến)').fill(`${day}T07:00`);
    await sec.getByRole('button', { name: 'Tạo cuộc họp (bản nháp)' }).click();
    await sec.getByText('Thời gian kết thúc phải sau thời gian bắt đầu.').waitFor();
    await sec.getByLabel('Kết thúc (dự kiến)').fill(`${day}T11:30`);
    await sec.getByLabel('Trực tiếp', { exact: true }).check();
    await sec.getByLabel('Chủ tọa', { exact: true }).fill(CHAIR_NAME);
    await sec.getByLabel('Thư ký', { exact: true }).fill(SECRETARY_NAME);
    await shot(sec, '01-meeting-form-1280x800');
    await sec.getByRole('button', { name: 'Tạo cuộc họp (bản nháp)' }).click();
    await sec.getByRole('heading', { name: 'Chuẩn bị cuộc họp' }).waitFor();
    meetingId = /\/meetings\/([0-9a-f-]{36})\/prepare/.exec(sec.url())![1];
    expect((await meeting()).status).toBe('draft');

    // the agenda: three items, the last moved up with the keyboard-usable buttons
    for (const item of [AGENDA[0], AGENDA[2], AGENDA[1]]) {
      await sec.locator('#agenda-new-title').fill(item.title);
      await sec.locator('#agenda-new-presenter').fill(item.presenter);
      await sec.getByRole('button', { name: 'Thêm nội dung', exact: true }).click();
      await sec.getByText('Đã thêm nội dung vào chương trình.').waitFor();
      await sec.getByRole('button', { name: new RegExp(`^Sửa \\d\\. ${item.title}$`) }).waitFor();
    }
    await sec.getByRole('button', { name: `Chuyển lên: 3. ${AGENDA[1].title}` }).click();
    await sec.getByText(`Đã chuyển “${AGENDA[1].title}” tới vị trí 2.`).waitFor();
    await sec.getByRole('button', { name: `Sửa 2. ${AGENDA[1].title}` }).waitFor();
    expect((await meeting()).agenda.map((a) => [a.position, a.title, a.presenter])).toEqual(AGENDA.map((a, i) => [i + 1, a.title, a.presenter]));

    // a document: a non-PDF refused by the screen, then the PDF uploaded for item 1
    const notPdf = join(tmp, 'ghi-chu.txt');
    writeFileSync(notPdf, 'không phải PDF');
    await sec.getByLabel('Tệp PDF').setInputFiles(notPdf);
    await sec.getByRole('button', { name: 'Tải tài liệu lên', exact: true }).click();
    await sec.getByText('Tệp này không phải PDF. Vui lòng chọn tệp PDF.').waitFor();
    const pdf = join(tmp, DOC_NAME);
    writeFileSync(pdf, tinyPdf('To trinh Ke hoach dau tu cong 2027'));
    await sec.getByLabel('Tệp PDF').setInputFiles(pdf);
    await sec.getByLabel('Kèm theo').selectOption({ label: `1. ${AGENDA[0].title}` });
    await sec.getByRole('button', { name: 'Tải tài liệu lên', exact: true }).click();
    await sec.getByText(`Đã tải lên “${DOC_NAME}”.`).waitFor();
    await sec.getByRole('button', { name: `${DOC_NAME} 1 KB (xem tài liệu)` }).waitFor();
    const withDoc = await meeting();
    expect(withDoc.documents.map((d) => [d.filename, d.agendaItemId])).toEqual([[DOC_NAME, withDoc.agenda[0].id]]);

    // invitations: the body's 15 members are there; a guest and a substitute for a member are added
    await sec.getByText('15 thành viên, 0 người dự thay, 0 khách mời.').waitFor();
    await sec.getByLabel('Người được mời').selectOption({ label: `${GUEST}, ${DEMO_COUNCIL_DELEGATES[0].title}` });
    await sec.getByLabel(/^Khách mời/).check();
    await sec.getByRole('button', { name: 'Mời thêm', exact: true }).click();
    await sec.getByText(`Đã mời ${GUEST}.`).waitFor();
    await sec.getByLabel('Người được mời').selectOption({ label: `${SUBSTITUTE}, ${DEMO_COUNCIL_DELEGATES[1].title}` });
    await sec.getByLabel(/^Người dự thay/).check();
    await sec.getByRole('button', { name: 'Mời thêm', exact: true }).click();
    await sec.getByText('Vui lòng chọn thành viên được dự thay.').waitFor();
    await sec.getByLabel('Dự thay cho thành viên').selectOption({ label: REPLACED });
    await sec.getByRole('button', { name: 'Mời thêm', exact: true }).click();
    await sec.getByText(`Đã mời ${SUBSTITUTE}.`).waitFor();
    await sec.getByText('15 thành viên, 1 người dự thay, 1 khách mời.').waitFor();
    const invited = (await api.get<Invitation[]>(`/api/meetings/${meetingId}/invitations`)).body;
    expect(invited.filter((i) => i.kind !== 'member').map((i) => [i.fullName, i.kind, i.canVote, i.substituteFor?.fullName ?? null])).toEqual(
      expect.arrayContaining([
        [GUEST, 'guest', false, null],
        [SUBSTITUTE, 'substitute', false, REPLACED],
      ]),
    );

    await sec.getByRole('button', { name: 'Gửi giấy mời', exact: true }).click();
    await sec.getByText('Đã gửi giấy mời cho 17 người trên hệ thống.').waitFor();
    expect((await api.get<Invitation[]>(`/api/meetings/${meetingId}/invitations`)).body.every((i) => i.notifiedAt !== null)).toBe(true);
    await shot(sec, '02-prepare-1280x800');
    expect(await seriousA11yViolations(sec)).toEqual([]);

    // scheduled, then check-in open: each step says what will happen first
    await moveTo(sec, 'Lên lịch và gửi giấy mời', /Cuộc họp hiện ra với người được mời/);
    await sec.getByText('Đã chuyển cuộc họp sang trạng thái: Đã lên lịch.').waitFor();
    await moveTo(sec, 'Bắt đầu điểm danh', /bắt đầu điểm danh/);
    await sec.getByText('Đã chuyển cuộc họp sang trạng thái: Đang điểm danh.').waitFor();
    expect((await meeting()).status).toBe('open');
  }, 240_000);

  it('the admin records the consent and enrols a face from the biometrics screen', async () => {
    const admin = (pages.admin = await signedIn('admin', DESKTOP));
    await admin.getByRole('link', { name: 'Đại biểu', exact: true }).click();
    await admin.getByRole('link', { name: `Sinh trắc học của ${FACE_MEMBER.fullName}` }).click();
    await admin.getByRole('heading', { name: `Sinh trắc học: ${FACE_MEMBER.fullName}` }).waitFor();
    await admin.getByLabel('Số phiếu đồng ý đã ký').fill('GCN-2026/0777');
    await admin.getByRole('button', { name: 'Ghi nhận phiếu đồng ý' }).click();
    await admin.getByText('Đã ghi nhận sự đồng ý.').waitFor();
    await admin.getByLabel('Tải ảnh lên (JPEG, PNG)').setInputFiles([join(FACES_DIR, 'deepface', 'img1.jpg'), join(FACES_DIR, 'deepface', 'img2.jpg')]);
    await admin.getByRole('button', { name: 'Đăng ký 2 ảnh' }).click();
    await admin.getByText('Đã đăng ký 2 mẫu khuôn mặt.').waitFor({ timeout: 90_000 });
    await shot(admin, '03-biometrics-1280x800');
  }, 150_000);

  it('check-in: by face at the kiosk, by QR, by hand; the chair watches the quorum come', async () => {
    const sec = pages.secretary;
    // the kiosk's code comes from the console
    await sec.goto(`${t.url}/meetings/${meetingId}`);
    await sec.getByRole('link', { name: 'Bàn điều hành của thư ký' }).click();
    await sec.getByLabel('Tên máy điểm danh (ví dụ: Cửa chính phòng họp số 1)').fill('Cửa chính phòng họp số 1');
    await sec.getByRole('button', { name: 'Cấp mã máy điểm danh' }).click();
    const link = (await sec.getByTestId('kiosk-link').textContent()) ?? '';
    expect(link).toContain(`/kiosk/${meetingId}#token=`);

    const chair = (pages.chair = await signedIn('chair', DESKTOP));
    await chair.goto(`${t.url}/meetings/${meetingId}`);
    await chair.getByRole('link', { name: 'Màn hình chủ tọa' }).click();
    await chair.getByText('Đã kết nối trực tiếp').waitFor();
    await chair.getByText('Chưa đủ: còn thiếu 10').first().waitFor();

    // by face: the kiosk (second Chromium, fake camera) greets the enrolled member
    const kiosk = (pages.kiosk = await (await contextOf(cameraBrowser, DESKTOP)).newPage());
    watchConsole(kiosk, problems);
    await kiosk.goto(link);
    await kiosk.getByText(`Xin chào, ${FACE_MEMBER.fullName}`).waitFor({ timeout: 60_000 });
    await kiosk.getByText('Đã điểm danh. Kính mời đại biểu vào phòng họp.').waitFor();
    await shot(kiosk, '04-kiosk-1280x800');
    const kioskStatus = await kiosk.getByTestId('kiosk-message').boundingBox();
    expect(kioskStatus && kioskStatus.y + kioskStatus.height).toBeLessThanOrEqual(DESKTOP.height);
    await chair.getByText('Chưa đủ: còn thiếu 9').first().waitFor();
    // the kiosk's work is done: closed, so that its frames do not meet the closed meeting later (409)
    await kiosk.close();

    // the delegates' tablets: two at 1024x768, one phone
    pages.tabletA = await signedIn('delegate2', TABLET);
    pages.tabletB = await signedIn('delegate3', TABLET);
    pages.phone = await signedIn('delegate4', PHONE);
    for (const p of [pages.tabletA, pages.tabletB, pages.phone]) await p.goto(`${t.url}/meetings/${meetingId}/tablet`);

    // by QR: the delegate's tablet shows the code, the secretary's attendance screen takes it
    await sec.goto(`${t.url}/meetings/${meetingId}/attendance`);
    await sec.getByText('Đã kết nối trực tiếp').waitFor();
    const qrButton = pages.tabletA.getByRole('button', { name: /Mã QR điểm danh/ });
    await pages.tabletA.getByRole('heading', { level: 1 }).waitFor();
    await qrButton.click();
    await pages.tabletA.locator('[data-testid=my-qr]').waitFor();
    const code = ((await pages.tabletA.locator('[data-testid=my-qr-code]').textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThan(8);
    await shot(pages.tabletA, '05-tablet-qr-1024x768');
    await sec.getByRole('button', { name: /Quét mã QR/ }).click();
    await sec.locator('[data-testid=qr-scanner]').waitFor();
    await sec.locator('#qr-code-input').fill(code);
    await sec.getByRole('button', { name: /Điểm danh bằng mã/ }).click();
    await sec.getByText(`Đã điểm danh ${QR_MEMBER}.`).first().waitFor().catch(() => undefined);
    await sec.getByRole('button', { name: `Ghi nhận rời họp: ${QR_MEMBER}` }).waitFor();
    expect((await attendance()).find((r) => r.fullName === QR_MEMBER)).toMatchObject({ status: 'present', method: 'qr' });

    // by hand: members until the quorum, the guest and the substitute
    for (const name of [...BY_HAND, GUEST, SUBSTITUTE]) {
      await sec.getByRole('button', { name: `Điểm danh ${name}`, exact: true }).click();
      await sec.getByText(`Đã điểm danh ${name}.`).waitFor();
    }
    await shot(sec, '06-attendance-1280x800');
    expect(await seriousA11yViolations(sec)).toEqual([]);
    await chair.getByText('Đã đủ túc số').first().waitFor();
    // the quorum card says "Túc số" like every other screen
    await chair.getByRole('heading', { name: 'Túc số', exact: true }).waitFor();
    await shot(chair, '07-chair-quorum-1280x800');

    const rows = await attendance();
    // the list (and the PDFs and exports made from it) in the Vietnamese order: given name, then family name
    expect(rows.map((r) => r.fullName)).toEqual(rows.map((r) => r.fullName).sort(compareVietnameseNames));
    const present = rows.filter((r) => r.status === 'present');
    expect(present).toHaveLength(12);
    expect(rows.find((r) => r.fullName === FACE_MEMBER.fullName)).toMatchObject({ status: 'present', method: 'face' });
    expect(rows.find((r) => r.fullName === BY_HAND[0])).toMatchObject({ status: 'present', method: 'manual' });
    const summary = (await api.get<{ quorum: { present: number; required: number; reached: boolean } }>(`/api/meetings/${meetingId}/attendance/summary`)).body;
    // the guest and the substitute are present but never count toward the quorum
    expect(summary.quorum).toMatchObject({ present: 10, required: 10, reached: true });
  }, 240_000);

  it('the session opens; a delegate asks for the floor and the chair gives it', async () => {
    const sec = pages.secretary;
    await sec.goto(`${t.url}/meetings/${meetingId}/prepare`);
    await moveTo(sec, 'Khai mạc phiên họp', /khai mạc thực tế/);
    await sec.getByText('Đã chuyển cuộc họp sang trạng thái: Đang họp.').waitFor();
    expect((await meeting()).sessionOpenedAt).not.toBeNull();

    const b = pages.tabletB;
    await b.reload();
    await b.getByRole('button', { name: 'Giơ tay xin phát biểu' }).click();
    await b.getByTestId('hand-state').getByText(/Bạn đã đăng ký phát biểu/).waitFor();
    await pages.chair.getByRole('button', { name: `Mời phát biểu: ${VOTERS.b}` }).click();
    await b.getByTestId('hand-state').getByText('Bạn đang được mời phát biểu.').waitFor();
    // while speaking there is nothing to withdraw: the chair ends the turn
    expect(await b.getByRole('button', { name: 'Rút đăng ký phát biểu' }).count()).toBe(0);
    await shot(b, '08-tablet-speaking-1024x768');
    await pages.chair.getByRole('button', { name: `Kết thúc phát biểu: ${VOTERS.b}` }).click();
    await b.getByTestId('hand-state').getByText('Bạn chưa đăng ký phát biểu.').waitFor();
  }, 120_000);

  it('a named vote: the close names who has not voted and asks first; the result and the poll page show names', async () => {
    const sec = pages.secretary;
    await sec.goto(`${t.url}/meetings/${meetingId}/console`);
    await sec.getByRole('heading', { name: 'Biểu quyết', exact: true }).waitFor();
    await createAndOpen(sec, { title: NAMED, agendaLabel: `1. ${AGENDA[0].title}` });
    await vote(pages.tabletA, NAMED, ['Tán thành']);
    await vote(pages.tabletB, NAMED, ['Tán thành']);
    await vote(pages.phone, NAMED, ['Không tán thành']);
    await shot(pages.phone, '09-phone-voted-390x844');
    await pages.phone.getByRole('heading', { level: 1, name: /^Màn hình đại biểu/ }).waitFor();
    await pages.chair.getByTestId('poll-progress').getByText(/^Đã bỏ phiếu: 3\/\d+$/).waitFor();

    // 3 voted: the confirmation names the others (the chair among them), nothing is closed before the answer
    await sec.getByRole('button', { name: `Kết thúc biểu quyết: ${NAMED}` }).click();
    const ask = sec.getByRole('alertdialog');
    await ask.getByText(/Còn \d+ người chưa bỏ phiếu: /).waitFor();
    expect(await ask.textContent()).toContain(CHAIR_NAME);
    await shot(sec, '10-console-close-asks-1280x800');
    expect((await pollByTitle(NAMED)).status).toBe('open');
    await ask.getByRole('button', { name: 'Hủy' }).click();
    await closeAndPublish(sec, NAMED, /Còn \d+ người chưa bỏ phiếu: /);

    const poll = await pollByTitle(NAMED);
    expect(poll.status).toBe('published');
    expect(poll.ballots!.map((x) => ('fullName' in x ? x.fullName : '')).sort()).toEqual([VOTERS.a, VOTERS.b, VOTERS.c].sort());
    // the poll titled, then the outcome: "Kết quả: KHÔNG THÔNG QUA" (2 of 15 members is not more than half)
    const row = sec.getByTestId(`poll-row-${poll.id}`);
    await row.getByRole('heading', { name: NAMED, exact: true }).waitFor();
    await row.getByTestId('poll-outcome').getByText('KHÔNG THÔNG QUA', { exact: true }).waitFor();
    expect(oneLine((await row.getByTestId('poll-outcome').textContent()) ?? '')).toBe('Kết quả: KHÔNG THÔNG QUA');
    const rule = (await row.getByTestId('rule-words').textContent()) ?? '';
    expect(rule).not.toMatch(/members>|quorum>=|tie=/);
    await pages.chair.getByTestId('dash-poll').getByTestId('poll-outcome').getByText('KHÔNG THÔNG QUA', { exact: true }).waitFor();
    await shot(pages.chair, '11-chair-result-1280x800');
    // the chair's result fits the projector's 1280x800 without scrolling
    const board = await pages.chair.getByTestId('dash-poll').boundingBox();
    expect(board && board.y + board.height).toBeLessThanOrEqual(DESKTOP.height);

    // the staff's poll page: who voted what (named ballots only)
    await row.getByRole('link', { name: NAMED }).click();
    await sec.getByRole('heading', { name: NAMED }).first().waitFor();
    await sec.getByTestId('poll-outcome').first().waitFor();
    const ballots = sec.getByTestId('named-ballots').first();
    await ballots.waitFor();
    for (const name of [VOTERS.a, VOTERS.b, VOTERS.c]) expect(await ballots.getByTestId('named-ballot-row').filter({ hasText: name }).count()).toBe(1);
    await shot(sec, '12-poll-page-named-1280x800');
  }, 180_000);

  it('a secret vote and a choice among candidates on the three tablets', async () => {
    const sec = pages.secretary;
    await sec.goto(`${t.url}/meetings/${meetingId}/console`);
    await createAndOpen(sec, { title: SECRET, mode: 'secret' });
    await vote(pages.tabletA, SECRET, ['Tán thành']);
    await vote(pages.tabletB, SECRET, ['Không biểu quyết']);
    await vote(pages.phone, SECRET, ['Tán thành']);
    await shot(pages.tabletA, '13-tablet-secret-1024x768');
    // secret: how many, never who
    await closeAndPublish(sec, SECRET, /Còn \d+ người chưa bỏ phiếu \(bỏ phiếu kín nên không hiện tên\)/);
    const secret = await pollByTitle(SECRET);
    expect([secret.status, secret.result?.cast]).toEqual(['published', 3]);
    expect(secret.ballots!.every((x) => 'receipt' in x)).toBe(true);

    // a People's Committee holds no elections by law (its legal profile: motion and choice only; the API answers
    // DECISION_TYPE_INVALID), so its "election" of the steering committee's head is a choice among the candidates
    await createAndOpen(sec, { title: ELECTION, agendaLabel: `2. ${AGENDA[1].title}`, kind: 'choice', options: CANDIDATES });
    await vote(pages.tabletA, ELECTION, [CANDIDATES[0]]);
    await vote(pages.tabletB, ELECTION, [CANDIDATES[0]]);
    await vote(pages.phone, ELECTION, [CANDIDATES[1]]);
    await shot(pages.phone, '14-phone-election-390x844');
    await closeAndPublish(sec, ELECTION, /Còn \d+ người chưa bỏ phiếu: /);
    const election = await pollByTitle(ELECTION);
    expect([election.status, election.result?.cast]).toEqual(['published', 3]);
    await pages.tabletA.getByTestId('poll-outcome').first().waitFor();
    await shot(pages.tabletA, '15-tablet-result-1024x768');
  }, 180_000);

  it('an opinion round: the draft and its questions shown, a member answers, the secretary closes it', async () => {
    const sec = pages.secretary;
    await sec.goto(`${t.url}/meetings`);
    await sec.getByRole('link', { name: 'Lấy ý kiến', exact: true }).click();
    await sec.getByLabel('Cơ quan', { exact: true }).selectOption({ label: DEMO_BODY.name });
    await sec.getByLabel('Tiêu đề', { exact: true }).fill(ROUND);
    await sec.getByLabel('Nội dung dự thảo lấy ý kiến (không bắt buộc)').fill(ROUND_DRAFT);
    await sec.getByLabel('Hạn trả lời').fill(new Date(Date.now() + 2 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 16));
    await sec.getByLabel('Các câu hỏi (mỗi dòng một câu)').fill(ROUND_QUESTION);
    await sec.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await sec.getByText(`Đã tạo đợt lấy ý kiến “${ROUND}”.`).waitFor();
    await sec.getByRole('link', { name: ROUND }).click();
    // a draft shows what is consulted on and its questions
    const content = sec.getByTestId('round-content');
    await content.getByText(ROUND_DRAFT).waitFor();
    await content.getByTestId('round-questions').getByText(ROUND_QUESTION).waitFor();
    await shot(sec, '16-round-draft-1280x800');
    await sec.getByRole('button', { name: 'Gửi phiếu tới các thành viên' }).click();
    await sec.getByText('Đã gửi phiếu lấy ý kiến.').waitFor();

    const member = pages.tabletB;
    await member.goto(`${t.url}/opinion-rounds`);
    await member.getByRole('link', { name: ROUND }).click();
    await member.getByText(ROUND_DRAFT).waitFor();
    await member.getByRole('group', { name: `1. ${ROUND_QUESTION}` }).getByRole('radio', { name: 'Đồng ý', exact: true }).check();
    await member.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await member.getByText(/^Đã ghi nhận ý kiến của bạn/).waitFor();

    await sec.reload();
    await sec.getByText('1/15 đã trả lời', { exact: false }).waitFor();
    await sec.getByRole('button', { name: 'Kết thúc và tổng hợp' }).click();
    // closing before the deadline may ask first (issue 17's other part)
    const ask = sec.getByRole('alertdialog');
    if (await ask.waitFor({ timeout: 3000 }).then(() => true, () => false)) await ask.getByRole('button', { name: /Kết thúc/ }).click();
    await sec.getByText('Đã kết thúc và tổng hợp ý kiến.').waitFor();
    await sec.getByTestId('summary-1').getByText(/Đồng ý 1 · Không đồng ý 0 · Ý kiến khác 0 · Chưa trả lời 14/).waitFor();
    await shot(sec, '17-round-summary-1280x800');
  }, 120_000);

  it('the meeting closes; the minutes state the facts, are edited, locked and downloaded', async () => {
    const sec = pages.secretary;
    await sec.goto(`${t.url}/meetings/${meetingId}/prepare`);
    await moveTo(sec, 'Bế mạc cuộc họp', /Thời điểm bế mạc được ghi vào biên bản/);
    await sec.getByText('Đã chuyển cuộc họp sang trạng thái: Đã kết thúc.').waitFor();
    const m = await meeting();
    expect(m.status).toBe('closed');
    // a closed meeting offers no vote form
    await sec.goto(`${t.url}/meetings/${meetingId}/console`);
    await sec.getByText('Cuộc họp đã kết thúc nên không tạo biểu quyết mới.').waitFor();
    expect(await sec.getByRole('button', { name: 'Tạo biểu quyết' }).count()).toBe(0);

    await sec.goto(`${t.url}/meetings/${meetingId}`);
    await sec.getByRole('link', { name: 'Biên bản và tệp xuất' }).click();
    await sec.getByText(/^Cuộc họp chưa có biên bản/).waitFor();
    await sec.getByRole('button', { name: 'Soạn dự thảo từ dữ liệu cuộc họp' }).click();
    await sec.getByText('Đã soạn dự thảo biên bản.').waitFor();
    const drafted = (await api.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    const text = drafted.content.sections.map((s) => s.body).join('\n');
    // the actual times, not the scheduled ones; the presiding officers; the speaker; the named result with names
    expect(text).toContain(`Khai mạc lúc: ${formatVnDateTime(m.sessionOpenedAt)}`);
    expect(text).toContain(`Bế mạc lúc: ${formatVnDateTime(m.closedAt)}`);
    expect(text).toContain(`Chủ tọa: ${CHAIR_NAME}`);
    expect(text).toContain(`Thư ký: ${SECRETARY_NAME}`);
    expect(text).toContain(`${VOTERS.b} phát biểu`);
    for (const name of [VOTERS.a, VOTERS.b, VOTERS.c]) expect(text).toMatch(new RegExp(`- ${name}: `));
    expect(text).toContain(NAMED);
    expect(text).toContain(ELECTION);
    // attendance: how each came in, and who is a guest or a substitute
    expect(text).toMatch(new RegExp(`- ${GUEST}[^\\n]*khách mời`));
    expect(text).toMatch(new RegExp(`- ${SUBSTITUTE}[^\\n]*người dự thay`));
    expect(text).toMatch(new RegExp(`- ${FACE_MEMBER.fullName}[^\\n]*khuôn mặt`));

    const body1 = sec.getByLabel('Nội dung mục 1 (mỗi dòng một đoạn)');
    await body1.fill(`${await body1.inputValue()}\n${ADDED_LINE}`);
    await sec.getByRole('button', { name: 'Lưu biên bản' }).click();
    await sec.getByText('Đã lưu biên bản.').waitFor();
    await shot(sec, '18-minutes-draft-1280x800');
    await sec.getByRole('button', { name: 'Khóa biên bản' }).click();
    await confirmIn(sec);
    await sec.getByText('Đã khóa biên bản.').waitFor();
    const locked = (await api.get<Minutes>(`/api/meetings/${meetingId}/minutes`)).body;
    expect(locked.status).toBe('locked');
    expect(await sec.getByTestId('minutes-sha256').textContent()).toBe(locked.sha256);

    const [file] = await Promise.all([sec.waitForEvent('download'), sec.getByRole('button', { name: 'Tải xuống Biên bản cuộc họp (PDF)' }).click()]);
    const path = join(tmp, 'bien-ban.pdf');
    writeFileSync(path, readFileSync(await file.path()));
    const raw = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\u00a0/g, ' ');
    const pdf = oneLine(raw);
    for (const s of [ADDED_LINE, `Chủ tọa: ${CHAIR_NAME}`, `Thư ký: ${SECRETARY_NAME}`, `Khai mạc lúc: ${formatVnDateTime(m.sessionOpenedAt)}`, `${VOTERS.b} phát biểu`, NAMED, `${VOTERS.c}: `]) {
      expect(pdf).toContain(nfc(s));
    }
    // the header keeps "HÀ NỘI" on one line
    expect(raw).toContain('HÀ NỘI');

    // the attendance list: its summary and quorum line on one page (pdftotext separates pages with a form feed)
    const [list] = await Promise.all([sec.waitForEvent('download'), sec.getByRole('button', { name: 'Tải xuống Danh sách điểm danh (PDF)' }).click()]);
    const listPath = join(tmp, 'diem-danh.pdf');
    writeFileSync(listPath, readFileSync(await list.path()));
    const listPages = execFileSync('pdftotext', ['-layout', listPath, '-'], { encoding: 'utf8' }).normalize('NFC').split('\f');
    const quorumPage = listPages.find((pg) => pg.includes('Túc số:'));
    expect(quorumPage).toContain('Tổng hợp');
    expect(oneLine(listPages.join(' '))).toContain(SUBSTITUTE);
    await shot(sec, '19-minutes-locked-1280x800');
  }, 180_000);

  it('no console errors but the expected ones', () => {
    expect(problems.filter((p) => !expected.some((re) => re.test(p.text)))).toEqual([]);
  });
});
