import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { FACES_DIR } from '../factories/face.factory.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import { CHROMIUM_PATH, openSession, screenshot, seriousA11yViolations, signInThroughForm, watchConsole, type ConsoleProblem, type Session } from './browser.js';
import { fakeCameraArgs, mjpegOf } from './fake-camera.js';

/**
 * The admin's biometrics screen in real Chromium with a fake camera (deepface img1) and the real face engine: paper
 * consent, two photos taken with the camera and enrolled (descriptor rows checked in the database), a group photo
 * refused with the photo named, withdrawal deleting the descriptors. Then the bodies screen: create, edit, list.
 */
const UI_BUILT = existsSync('apps/web/dist/index.html');
const HAS_FACES = existsSync(join(FACES_DIR, 'deepface', 'img1.jpg')) && existsSync(join(FACES_DIR, 'group', 'couple.jpg'));
const maybe = UI_BUILT && HAS_FACES && (existsSync(CHROMIUM_PATH) || process.env.CI) ? describe : describe.skip;
if (!HAS_FACES) process.stdout.write(`[web e2e] ${FACES_DIR} is missing: the biometrics test needs the shared photos\n`);

maybe('admin: biometric consent, face enrolment with the camera, bodies (Chromium, real face engine)', () => {
  let t: TestApp;
  let password: string;
  let session: Session;
  let tmp: string;
  let delegate: { id: string; fullName: string };
  const problems: ConsoleProblem[] = [];
  // the refused group photo is a 422 the browser logs
  const expected: RegExp[] = [/status of 422/];

  const descriptorRows = async (): Promise<number> =>
    Number(((await t.dataSource.query('SELECT count(*)::int AS n FROM face_descriptors WHERE delegate_id = $1', [delegate.id])) as { n: number }[])[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ FACE_WORKERS: '1' });
    password = (await t.app.get(DemoSeeder).seed()).password;
    const http = new HttpClient(t.url);
    const admin = http.withToken((await http.post<{ accessToken: string }>('/api/auth/login', { username: 'admin', password })).body.accessToken);
    // the first row of the delegates screen's first page
    delegate = (await admin.get<{ items: { id: string; fullName: string }[] }>('/api/delegates?limit=50&offset=0')).body.items[0]!;
    tmp = mkdtempSync(join(tmpdir(), 'dh-bio-camera-'));
    session = await openSession({ width: 1280, height: 900 }, fakeCameraArgs(await mjpegOf('deepface/img1.jpg', 10, tmp)));
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('records a paper consent, enrols two camera photos, names a refused group photo, withdraws consent and deletes the descriptors; deletes an enrolment', async () => {
    const page = await session.context.newPage();
    watchConsole(page, problems);
    await signInThroughForm(page, t.url, 'admin', password);
    await page.waitForURL(/\/meetings/);
    await page.getByRole('link', { name: 'Đại biểu', exact: true }).click();
    await page.getByRole('link', { name: `Sinh trắc học của ${delegate.fullName}` }).click();
    await page.getByRole('heading', { name: `Sinh trắc học: ${delegate.fullName}` }).waitFor();
    await page.getByText('Chưa có sự đồng ý: không điểm danh bằng khuôn mặt, không nhận ảnh.').waitFor();
    await page.getByText('Văn bản thông báo đang áp dụng: phiên bản 2026-11.').waitFor();
    // without consent the photo controls are disabled, with the reason
    await page.getByText('Cần ghi nhận sự đồng ý của đại biểu trước khi chụp hoặc tải ảnh lên.').waitFor();
    expect(await page.getByRole('button', { name: 'Bật camera' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Tải ảnh lên (JPEG, PNG)').isDisabled()).toBe(true);
    await screenshot(page, '40-biometrics-no-consent');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the paper form's number is required
    await page.getByRole('button', { name: 'Ghi nhận phiếu đồng ý' }).click();
    await page.getByText('Vui lòng nhập số phiếu đồng ý.').waitFor();
    await page.getByLabel('Số phiếu đồng ý đã ký').fill('GCN-2026/0153');
    await page.getByRole('button', { name: 'Ghi nhận phiếu đồng ý' }).click();
    await page.getByText('Đã ghi nhận sự đồng ý.').waitFor();
    await page.getByText('Đại biểu đã đồng ý: được điểm danh bằng khuôn mặt.').waitFor();
    await page.getByText('Phiếu giấy số GCN-2026/0153').waitFor();

    // two photos from the fake camera (a third taken and removed)
    await page.getByRole('button', { name: 'Bật camera' }).click();
    await page.waitForFunction(() => ((document.querySelector('.bio-camera video') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0);
    const take = page.getByRole('button', { name: 'Chụp ảnh' });
    await take.click();
    await page.getByRole('img', { name: 'Ảnh số 1' }).waitFor();
    await take.click();
    await page.getByRole('img', { name: 'Ảnh số 2' }).waitFor();
    await take.click();
    await page.getByRole('img', { name: 'Ảnh số 3' }).waitFor();
    await page.getByRole('button', { name: 'Bỏ ảnh số 3' }).click();
    await page.getByRole('img', { name: 'Ảnh số 3' }).waitFor({ state: 'detached' });
    await screenshot(page, '41-biometrics-camera-photos');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await descriptorRows()).toBe(0);
    const enrolled = page.waitForResponse((r) => r.url().endsWith(`/api/delegates/${delegate.id}/face/enrolments`));
    await page.getByRole('button', { name: 'Đăng ký 2 ảnh' }).click();
    const enrolResponse = await enrolled;
    expect(enrolResponse.status()).toBe(201);
    expect(enrolResponse.request().headers()['content-type']).toMatch(/^multipart\/form-data/);
    await page.getByText('Đã đăng ký 2 mẫu khuôn mặt.').waitFor({ timeout: 60_000 });
    await page.getByTestId('enrolment-status').getByText(/Đã đăng ký 2 mẫu khuôn mặt \(/).waitFor();
    expect(await descriptorRows()).toBe(2);

    // a group photo: refused, the photo named, the previous enrolment kept
    await page.getByRole('button', { name: 'Tắt camera' }).click();
    await page.getByLabel('Tải ảnh lên (JPEG, PNG)').setInputFiles(join(FACES_DIR, 'group', 'couple.jpg'));
    await page.getByRole('button', { name: 'Đăng ký 1 ảnh' }).click();
    await page.getByText('Ảnh số 1 (couple.jpg) không dùng được:').waitFor({ timeout: 60_000 });
    await page.getByText('Ảnh có nhiều hơn một khuôn mặt; mỗi ảnh chỉ được có một người.').waitFor();
    await screenshot(page, '42-biometrics-multiple-faces');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await descriptorRows()).toBe(2);

    // withdrawal: confirmed first, then every descriptor is gone and the photo controls are disabled again
    await page.getByRole('button', { name: 'Rút lại sự đồng ý' }).click();
    await page.getByText('Rút lại sự đồng ý sẽ xóa ngay toàn bộ dữ liệu khuôn mặt đã đăng ký của đại biểu. Tiếp tục?').waitFor();
    expect(await descriptorRows()).toBe(2);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rút lại sự đồng ý' }).click();
    await page.getByText('Đã rút lại sự đồng ý; đã xóa 2 mẫu khuôn mặt.').waitFor();
    // the confirmation went away: the outcome has the focus
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Đã rút lại sự đồng ý; đã xóa 2 mẫu khuôn mặt.');
    await page.getByText('Chưa đăng ký khuôn mặt.').waitFor();
    expect(await descriptorRows()).toBe(0);
    await page.getByText('Cần ghi nhận sự đồng ý của đại biểu trước khi chụp hoặc tải ảnh lên.').waitFor();
    expect(await page.getByRole('button', { name: 'Bật camera' }).isDisabled()).toBe(true);
    await screenshot(page, '43-biometrics-withdrawn');

    // consent recorded again, one uploaded photo enrolled, then the enrolment alone deleted (after a confirmation)
    await page.getByLabel('Số phiếu đồng ý đã ký').fill('GCN-2026/0154');
    await page.getByRole('button', { name: 'Ghi nhận phiếu đồng ý' }).click();
    await page.getByText('Phiếu giấy số GCN-2026/0154').waitFor();
    await page.getByLabel('Tải ảnh lên (JPEG, PNG)').setInputFiles(join(FACES_DIR, 'deepface', 'img2.jpg'));
    await page.getByRole('button', { name: 'Đăng ký 1 ảnh' }).click();
    await page.getByText('Đã đăng ký 1 mẫu khuôn mặt.').waitFor({ timeout: 60_000 });
    expect(await descriptorRows()).toBe(1);
    await page.getByRole('button', { name: 'Xóa dữ liệu khuôn mặt' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Xóa dữ liệu khuôn mặt' }).click();
    await page.getByText('Đã xóa dữ liệu khuôn mặt.').waitFor();
    await page.getByText('Chưa đăng ký khuôn mặt.').waitFor();
    expect(await descriptorRows()).toBe(0);
    await page.getByText('Đại biểu đã đồng ý: được điểm danh bằng khuôn mặt.').waitFor();
    await page.close();
  }, 180_000);

  it('creates, edits and lists bodies', async () => {
    const page = await session.context.newPage();
    watchConsole(page, problems);
    // the same browser context: still signed in as the admin
    await page.goto(`${t.url}/meetings`);
    await page.getByRole('link', { name: 'Cơ quan', exact: true }).click();
    await page.getByRole('heading', { name: 'Cơ quan (HĐND, UBND)' }).waitFor();
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByText('Vui lòng nhập tên cơ quan.').waitFor();
    await page.getByLabel('Tên cơ quan').fill('Ban Pháp chế HĐND phường Hoàn Kiếm');
    await page.getByLabel('Mô tả').fill('Ban của Hội đồng nhân dân phường');
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByText('Đã thêm cơ quan Ban Pháp chế HĐND phường Hoàn Kiếm.').waitFor();
    await page.getByRole('rowheader', { name: 'Ban Pháp chế HĐND phường Hoàn Kiếm' }).waitFor();

    await page.getByRole('button', { name: 'Sửa Ban Pháp chế HĐND phường Hoàn Kiếm' }).click();
    await page.getByRole('heading', { name: 'Sửa cơ quan: Ban Pháp chế HĐND phường Hoàn Kiếm' }).waitFor();
    await page.getByLabel('Tên cơ quan').fill('Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm');
    await page.getByLabel('Cho phép biểu quyết ủy quyền').check();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu cơ quan Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm.').waitFor();
    await page.getByRole('heading', { name: 'Sửa cơ quan: Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm' }) });
    await row.getByRole('cell', { name: 'Có' }).first().waitFor();
    expect(await page.getByRole('rowheader', { name: 'Ban Pháp chế HĐND phường Hoàn Kiếm' }).count()).toBe(0);
    const saved = (await t.dataSource.query('SELECT name, allow_proxy_voting AS proxy, description FROM bodies WHERE name = $1', ['Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm'])) as {
      name: string;
      proxy: boolean;
      description: string;
    }[];
    expect(saved).toEqual([{ name: 'Ban Kinh tế - Ngân sách HĐND phường Hoàn Kiếm', proxy: true, description: 'Ban của Hội đồng nhân dân phường' }]);
    await screenshot(page, '44-bodies');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('no unexpected console errors', () => {
    expect(problems.filter((p) => !expected.some((re) => re.test(p.text)))).toEqual([]);
  });
});
