import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import {
  describeInBrowser,
  horizontalOverflow,
  openSession,
  screenshot,
  seriousA11yViolations,
  signInThroughForm,
  watchConsole,
  type ConsoleProblem,
  type Page,
  type Session,
} from './browser.js';

/**
 * The administrator's Accounts screen and the single-delegate controls of the delegates screen in real Chromium: an
 * account refused for a bad username and a taken one, then created; its owner signs in (a secretary: no Accounts
 * link); deactivated after a confirmation, the owner is signed out and cannot sign in again. A delegate added (a bad
 * phone number refused first), their title edited, deactivated and reactivated, each after a confirmation.
 */
const maybe = describeInBrowser;

maybe('admin: user accounts and single delegates (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let admin: Page;
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];
  // the taken username (409), the revoked session and the refused sign-in (401) are logged by the browser
  const expected: RegExp[] = [/status of 409/, /status of 401/];
  const NEW_PASSWORD = 'Phuong-2026-hop';
  const DELEGATE = 'Đỗ Thị Minh Ngọc';

  async function signIn(username: string, pass: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const session = await openSession(viewport);
    sessions.push(session);
    const page = await session.context.newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, username, pass);
    return page;
  }

  async function looksRight(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  const userRow = async (username: string): Promise<{ active: boolean; role: string; display_name: string }[]> =>
    (await t.dataSource.query('SELECT active, role, display_name FROM users WHERE username = $1', [username])) as { active: boolean; role: string; display_name: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    admin = await signIn('admin', password);
    await admin.waitForURL(/\/meetings/);
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('creates an account (a bad and a taken username refused next to the field), its owner signs in, then deactivation ends the session and sign-in', async () => {
    await admin.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await admin.getByRole('heading', { name: 'Tài khoản người dùng' }).waitFor();
    await admin.getByTestId('user-secretary').waitFor();

    // a space in the username: refused in the form, the message beside the field, the field focused
    const username = admin.getByLabel('Tên đăng nhập');
    await username.fill('thu ky');
    await admin.getByLabel('Họ và tên').fill('Nguyễn Thị Phương');
    await admin.getByLabel('Vai trò').selectOption({ label: 'Thư ký' });
    await admin.getByLabel('Mật khẩu ban đầu').fill(NEW_PASSWORD);
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Tên đăng nhập cần 3–64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới (không có khoảng trắng).').waitFor();
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe('user-username');
    await looksRight(admin, 'accounts-01-bad-username-1280x800');

    // a taken username: the server's DUPLICATE is shown beside the field too
    await username.fill('secretary');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Tên đăng nhập này đã có người dùng.').waitFor();
    expect(await userRow('thuky.phuong')).toEqual([]);

    await username.fill('thuky.phuong');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.getByText('Đã tạo tài khoản thuky.phuong.').waitFor();
    const row = admin.getByTestId('user-thuky.phuong');
    await row.getByRole('rowheader').getByText('Nguyễn Thị Phương').waitFor();
    await row.getByRole('cell', { name: 'Thư ký' }).waitFor();
    await row.getByRole('cell', { name: 'Đang hoạt động' }).waitFor();
    expect(await userRow('thuky.phuong')).toEqual([{ active: true, role: 'secretary', display_name: 'Nguyễn Thị Phương' }]);
    await looksRight(admin, 'accounts-02-created-1280x800');

    // the new secretary signs in; the navigation has no Accounts link for a secretary
    const owner = await signIn('thuky.phuong', NEW_PASSWORD);
    await owner.waitForURL(/\/meetings/);
    const nav = owner.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Đại biểu', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Tài khoản', exact: true }).count()).toBe(0);
    await owner.getByText('Đang đăng nhập: Nguyễn Thị Phương (Thư ký)').waitFor();

    // deactivation: the confirmation says the sessions end; nothing changes before it is confirmed
    await admin.getByRole('button', { name: 'Sửa tài khoản thuky.phuong' }).click();
    await admin.getByRole('heading', { name: 'Sửa tài khoản: thuky.phuong' }).waitFor();
    await admin.getByRole('button', { name: 'Ngừng hoạt động tài khoản thuky.phuong' }).click();
    const confirm = admin.getByRole('alertdialog');
    await confirm.getByText('Ngừng hoạt động tài khoản thuky.phuong? Mọi phiên đăng nhập của tài khoản sẽ kết thúc ngay và người dùng không đăng nhập được nữa cho tới khi được kích hoạt lại.').waitFor();
    expect((await userRow('thuky.phuong'))[0]!.active).toBe(true);
    await looksRight(admin, 'accounts-03-deactivate-confirm-1280x800');
    await confirm.getByRole('button', { name: 'Ngừng hoạt động' }).click();
    await admin.getByText('Đã ngừng hoạt động tài khoản thuky.phuong; các phiên đăng nhập của tài khoản đã kết thúc.').waitFor();
    await row.getByRole('cell', { name: 'Đã ngừng hoạt động' }).waitFor();
    expect((await userRow('thuky.phuong'))[0]!.active).toBe(false);

    // the open session is over (back to the login form), and signing in again is refused
    await owner.reload();
    await owner.getByLabel('Tên đăng nhập').waitFor();
    await signInThroughForm(owner, t.url, 'thuky.phuong', NEW_PASSWORD);
    await owner.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    expect(owner.url()).not.toMatch(/\/meetings/);
  }, 120_000);

  it('adds a delegate (a bad phone refused first), edits the title, deactivates and reactivates after confirmations', async () => {
    await admin.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đại biểu', exact: true }).click();
    await admin.getByRole('heading', { name: 'Quản lý đại biểu' }).waitFor();
    await admin.getByRole('button', { name: 'Thêm đại biểu' }).click();
    await admin.getByRole('heading', { name: 'Thêm đại biểu' }).waitFor();
    await admin.getByLabel('Họ và tên', { exact: true }).fill(DELEGATE);
    await admin.getByLabel('Chức vụ', { exact: true }).fill('Chuyên viên');
    await admin.getByLabel('Đơn vị', { exact: true }).fill('Văn phòng UBND phường Ba Đình');
    await admin.getByLabel('Thư điện tử', { exact: true }).fill('ngoc.dtm@hanoi.gov.vn');
    await admin.getByLabel('Điện thoại', { exact: true }).fill('12345');
    await admin.getByRole('button', { name: 'Lưu đại biểu mới' }).click();
    await admin.getByText('Số điện thoại Việt Nam, ví dụ 0912345678 hoặc +84912345678.').waitFor();
    expect(await admin.getByLabel('Điện thoại', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await admin.getByLabel('Điện thoại', { exact: true }).fill('0912 345 678');
    await admin.getByRole('button', { name: 'Lưu đại biểu mới' }).click();
    await admin.getByText(`Đã thêm đại biểu ${DELEGATE}.`).waitFor();
    await admin.getByRole('rowheader', { name: DELEGATE }).waitFor();
    const saved = (await t.dataSource.query('SELECT title, phone, email, active FROM delegates WHERE full_name = $1', [DELEGATE])) as unknown[];
    expect(saved).toEqual([{ title: 'Chuyên viên', phone: '0912345678', email: 'ngoc.dtm@hanoi.gov.vn', active: true }]);
    await looksRight(admin, 'accounts-04-delegate-added-1280x800');

    await admin.getByRole('button', { name: `Sửa đại biểu ${DELEGATE}` }).click();
    await admin.getByRole('heading', { name: `Sửa đại biểu: ${DELEGATE}` }).waitFor();
    await admin.getByLabel('Chức vụ', { exact: true }).fill('Phó Chánh Văn phòng');
    await admin.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await admin.getByText(`Đã lưu đại biểu ${DELEGATE}.`).waitFor();
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: DELEGATE }) });
    await row.getByRole('cell', { name: 'Phó Chánh Văn phòng' }).waitFor();
    expect(await t.dataSource.query('SELECT title FROM delegates WHERE full_name = $1', [DELEGATE])).toEqual([{ title: 'Phó Chánh Văn phòng' }]);
    await admin.getByRole('button', { name: `Ngừng hoạt động đại biểu ${DELEGATE}` }).click();
    const confirm = admin.getByRole('alertdialog');
    await confirm.getByText(new RegExp(`^Ngừng hoạt động đại biểu ${DELEGATE}\\? Đại biểu không còn được tính là thành viên`)).waitFor();
    await looksRight(admin, 'accounts-05-delegate-deactivate-confirm-1280x800');
    await confirm.getByRole('button', { name: 'Ngừng hoạt động' }).click();
    await admin.getByText(`Đã ngừng hoạt động đại biểu ${DELEGATE}.`).waitFor();
    await row.getByRole('cell', { name: 'Ngừng hoạt động', exact: true }).waitFor();
    expect(await t.dataSource.query('SELECT active FROM delegates WHERE full_name = $1', [DELEGATE])).toEqual([{ active: false }]);

    // the form stays on the delegate: its status and the opposite action follow
    await admin.getByRole('button', { name: `Kích hoạt lại đại biểu ${DELEGATE}` }).click();
    await confirm.getByText(`Kích hoạt lại đại biểu ${DELEGATE}? Đại biểu lại được tính là thành viên của các cơ quan của mình và được mời họp.`).waitFor();
    await confirm.getByRole('button', { name: 'Kích hoạt lại' }).click();
    await admin.getByText(`Đã kích hoạt lại đại biểu ${DELEGATE}.`).waitFor();
    await row.getByRole('cell', { name: 'Đang hoạt động', exact: true }).waitFor();
    expect(await t.dataSource.query('SELECT active FROM delegates WHERE full_name = $1', [DELEGATE])).toEqual([{ active: true }]);
  }, 120_000);

  it('both screens fit a phone (390x844): nothing cut off, no sideways scroll', async () => {
    const phone = await signIn('admin', password, { width: 390, height: 844 });
    await phone.waitForURL(/\/meetings/);
    await phone.goto(`${t.url}/admin/users`);
    await phone.getByRole('heading', { name: 'Tài khoản người dùng' }).waitFor();
    await phone.getByRole('button', { name: 'Sửa tài khoản thuky.phuong' }).click();
    await phone.getByRole('heading', { name: 'Sửa tài khoản: thuky.phuong' }).waitFor();
    await looksRight(phone, 'accounts-06-accounts-390x844');
    // four columns: the list fits the phone without scrolling inside its frame either
    expect(await phone.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await phone.goto(`${t.url}/admin/delegates`);
    await phone.getByRole('heading', { name: 'Quản lý đại biểu' }).waitFor();
    await phone.getByRole('button', { name: 'Thêm đại biểu' }).click();
    await phone.getByRole('heading', { name: 'Thêm đại biểu' }).waitFor();
    await looksRight(phone, 'accounts-07-delegates-390x844');
  }, 90_000);

  it('no unexpected console errors', () => {
    expect(problems.filter((p) => !expected.some((re) => re.test(p.text)))).toEqual([]);
  });
});
