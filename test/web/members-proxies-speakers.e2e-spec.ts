import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DemoSeeder } from '../../apps/api/src/seed/demo.seeder.js';
import { DEMO_MEETING, DEMO_MEMBERS } from '../../apps/api/src/seed/demo.data.js';
import { HttpClient } from '../utils/http.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';
import type { Locator } from 'playwright-core';
import { describeInBrowser, horizontalOverflow, openSignedIn, screenshot, SCREENS_DIR, seriousA11yViolations, type ConsoleProblem, type Page, type Session } from './browser.js';

/**
 * Issue 17's last screens in real Chromium: the administrator adds a delegate to a body and removes them (confirmed)
 * on the bodies screen; the secretary registers a proxy in a meeting of a body whose rules allow it, sees a chain
 * refused in words and revokes the proxy; in the People's Committee's meeting the proxy panel only says why there is
 * none; the chair moves a waiting speaker down by keyboard and the API keeps the new order.
 */
const maybe = describeInBrowser;

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const FUND = 'Hội đồng quản lý Quỹ đầu tư phát triển Thành phố';
const nfc = (s: string | null): string => (s ?? '').normalize('NFC').replace(/\s+/g, ' ');

interface Member {
  delegateId: string;
  fullName: string;
  position: string | null;
}

maybe('body members, proxies and the speakers order (Chromium)', () => {
  let t: TestApp;
  let password: string;
  let admin: HttpClient;
  let secretary: HttpClient;
  let fundId: string;
  let fundMeetingId: string;
  let ubndMeetingId: string;
  const ids = new Map<string, string>();
  const sessions: Session[] = [];
  const problems: ConsoleProblem[] = [];

  async function login(username: string): Promise<HttpClient> {
    const http = new HttpClient(t.url);
    const res = await http.post<{ accessToken: string }>('/api/auth/login', { username, password });
    return http.withToken(res.body.accessToken);
  }

  /** The whole page and the panel under test at both sizes (looked at by a human); the page never scrolls sideways. */
  async function shots(page: Page, name: string, part: Locator): Promise<void> {
    for (const v of VIEWPORTS) {
      await page.setViewportSize(v);
      await screenshot(page, `${name}-${v.width}x${v.height}`);
      await part.scrollIntoViewIfNeeded();
      await part.screenshot({ path: join(SCREENS_DIR, `${name}-panel-${v.width}x${v.height}.png`) });
      expect({ name, width: v.width, overflow: await horizontalOverflow(page) }).toEqual({ name, width: v.width, overflow: 0 });
    }
    await page.setViewportSize(VIEWPORTS[0]);
  }

  beforeAll(async () => {
    t = await startTestApp();
    password = (await t.app.get(DemoSeeder).seed()).password;
    admin = await login('admin');
    secretary = await login('secretary');
    const delegates = (await admin.get<{ items: { id: string; fullName: string }[] }>('/api/delegates?limit=500&offset=0')).body.items;
    for (const d of delegates) ids.set(nfc(d.fullName), d.id);
    // a body under its own charter that allows proxies, with four members, and its meeting (all members invited)
    const fund = await admin.post<{ id: string }>('/api/bodies', { name: FUND, description: null, kind: 'other', allowProxyVoting: true });
    expect(fund.status).toBe(201);
    fundId = fund.body.id;
    for (const m of DEMO_MEMBERS.slice(5, 9)) expect((await admin.post(`/api/bodies/${fundId}/members`, { delegateId: ids.get(nfc(m.fullName)) })).status).toBe(201);
    const meeting = await secretary.post<{ id: string }>('/api/meetings', { bodyId: fundId, title: 'Phiên họp Hội đồng quản lý Quỹ quý IV/2026', startsAt: new Date(Date.now() + 86_400_000).toISOString(), mode: 'in_person' });
    expect(meeting.status).toBe(201);
    fundMeetingId = meeting.body.id;
    ubndMeetingId = (await secretary.get<{ id: string; title: string }[]>('/api/meetings')).body.find((m) => m.title === DEMO_MEETING.title)!.id;
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    await t?.close();
  });

  it('the administrator adds a delegate to a body and removes them, with a confirmation', async () => {
    const page = await openSignedIn({ baseUrl: t.url, username: 'admin', password, sessions, problems });
    await page.goto(`${t.url}/admin/bodies`);
    await page.getByRole('button', { name: `Xem thành viên của ${FUND}` }).click();
    const panel = page.getByTestId('body-members');
    await panel.getByRole('heading', { name: `Thành viên: ${FUND}` }).waitFor();
    await panel.getByText(DEMO_MEMBERS[5].fullName).waitFor();
    const who = DEMO_MEMBERS[10];
    await panel.getByLabel('Thêm đại biểu (từ danh sách đại biểu)').selectOption({ label: `${who.fullName} — ${who.organization}` });
    await panel.getByLabel('Chức vụ trong cơ quan (không bắt buộc)').fill('Ủy viên Hội đồng');
    await panel.getByRole('button', { name: 'Thêm thành viên' }).click();
    await panel.getByText(`Đã thêm ${who.fullName} vào cơ quan.`).waitFor();
    const whoId = ids.get(nfc(who.fullName))!;
    let members = (await admin.get<{ members: Member[] }>(`/api/bodies/${fundId}`)).body.members;
    expect(members.find((m) => m.delegateId === whoId)?.position).toBe('Ủy viên Hội đồng');
    await panel.getByTestId(`body-member-${whoId}`).getByText('Ủy viên Hội đồng').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, '60-body-members', panel);

    await panel.getByRole('button', { name: `Bỏ khỏi cơ quan: ${who.fullName} (${FUND})` }).click();
    const confirm = panel.getByRole('alertdialog');
    await confirm.getByText(`Bỏ ${who.fullName} khỏi ${FUND}?`, { exact: false }).waitFor();
    // nothing is removed until confirmed
    expect((await admin.get<{ members: Member[] }>(`/api/bodies/${fundId}`)).body.members.some((m) => m.delegateId === whoId)).toBe(true);
    await confirm.getByRole('button', { name: 'Bỏ khỏi cơ quan' }).click();
    await panel.getByText(`Đã bỏ ${who.fullName} khỏi cơ quan.`).waitFor();
    members = (await admin.get<{ members: Member[] }>(`/api/bodies/${fundId}`)).body.members;
    expect(members.map((m) => m.delegateId)).not.toContain(whoId);
    expect(members).toHaveLength(4);
  });

  it('the secretary registers a proxy, sees a chain refused in words, and revokes the proxy', async () => {
    const page = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await page.goto(`${t.url}/meetings/${fundMeetingId}/prepare`);
    const panel = page.getByTestId('proxies-panel');
    await panel.getByText('Chưa có ủy quyền nào.').waitFor();
    const [a, b, c] = DEMO_MEMBERS.slice(5, 8).map((m) => m.fullName);
    await panel.getByLabel('Người ủy quyền (vắng mặt)').selectOption({ label: a });
    await panel.getByLabel('Người nhận ủy quyền (biểu quyết thay)').selectOption({ label: b });
    await panel.getByLabel('Số giấy ủy quyền (không bắt buộc)').fill('Giấy ủy quyền số 03/GUQ');
    await panel.getByLabel('Ghi chú (không bắt buộc)').fill('Đi công tác theo Quyết định số 45/QĐ');
    await panel.getByRole('button', { name: 'Đăng ký ủy quyền' }).click();
    await panel.getByText(`Đã đăng ký: ${b} biểu quyết thay ${a}.`).waitFor();
    await panel.getByText('Ủy quyền đang có hiệu lực (1)').waitFor();
    let proxies = (await secretary.get<{ id: string; representedFullName: string; actingFullName: string; documentRef: string | null; active: boolean }[]>(`/api/meetings/${fundMeetingId}/proxies`)).body;
    expect(proxies.map((p) => [nfc(p.representedFullName), nfc(p.actingFullName), p.documentRef, p.active])).toEqual([[a, b, 'Giấy ủy quyền số 03/GUQ', true]]);
    await panel.getByTestId(`proxy-${proxies[0].id}`).getByText('Giấy ủy quyền số 03/GUQ').waitFor();

    // a chain: the proxy holder cannot in turn be represented
    await panel.getByLabel('Người ủy quyền (vắng mặt)').selectOption({ label: b });
    await panel.getByLabel('Người nhận ủy quyền (biểu quyết thay)').selectOption({ label: c });
    await panel.getByRole('button', { name: 'Đăng ký ủy quyền' }).click();
    await panel.getByTestId('proxy-error').getByText(`Không ủy quyền nối tiếp: ${b} đang nhận ủy quyền của người khác nên phải có mặt để biểu quyết.`).waitFor();
    // a duplicate: the represented member already gave their proxy
    await panel.getByLabel('Người ủy quyền (vắng mặt)').selectOption({ label: a });
    await panel.getByLabel('Người nhận ủy quyền (biểu quyết thay)').selectOption({ label: c });
    await panel.getByRole('button', { name: 'Đăng ký ủy quyền' }).click();
    await panel.getByTestId('proxy-error').getByText(`${a} đã ủy quyền cho người khác trong cuộc họp này.`).waitFor();
    expect((await secretary.get<unknown[]>(`/api/meetings/${fundMeetingId}/proxies`)).body).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, '61-proxies', panel);

    await panel.getByRole('button', { name: `Thu hồi ủy quyền: ${b} biểu quyết thay ${a}` }).click();
    await panel.getByRole('alertdialog').getByRole('button', { name: 'Thu hồi ủy quyền' }).click();
    await panel.getByText(`Đã thu hồi ủy quyền của ${a}.`).waitFor();
    await panel.getByText('Ủy quyền đang có hiệu lực (0)').waitFor();
    await panel.getByText('Ủy quyền đã thu hồi (1)').waitFor();
    proxies = (await secretary.get<{ id: string; representedFullName: string; actingFullName: string; documentRef: string | null; active: boolean }[]>(`/api/meetings/${fundMeetingId}/proxies`)).body;
    expect(proxies.map((p) => p.active)).toEqual([false]);
  });

  it("in the People's Committee's meeting the proxy panel only says why there are no proxies", async () => {
    const page = await openSignedIn({ baseUrl: t.url, username: 'secretary', password, sessions, problems });
    await page.goto(`${t.url}/meetings/${ubndMeetingId}/prepare`);
    const panel = page.getByTestId('proxies-panel');
    await panel.getByTestId('proxies-reason').getByText('pháp luật không cho phép ủy quyền biểu quyết', { exact: false }).waitFor();
    expect(await panel.getByRole('button').count()).toBe(0);
    expect(await panel.getByRole('combobox').count()).toBe(0);
    await shots(page, '63-proxies-ubnd', panel);
  });

  it('the chair moves a waiting speaker down by keyboard, and the API keeps the new order', async () => {
    expect((await secretary.post(`/api/meetings/${ubndMeetingId}/status`, { status: 'open' })).status).toBeLessThan(300);
    for (const u of ['delegate2', 'delegate3']) expect((await (await login(u)).post(`/api/meetings/${ubndMeetingId}/speakers`, {})).status).toBe(201);
    const [first, second] = [DEMO_MEMBERS[1].fullName, DEMO_MEMBERS[2].fullName];
    const page = await openSignedIn({ baseUrl: t.url, username: 'chair', password, sessions, problems });
    await page.goto(`${t.url}/meetings/${ubndMeetingId}/dashboard`);
    const list = page.getByRole('list', { name: 'Đăng ký phát biểu' });
    await list.getByText(first).waitFor();
    expect(await list.getByRole('button', { name: `Đưa lên trên: ${first}` }).isDisabled()).toBe(true);
    expect(await list.getByRole('button', { name: `Đưa xuống dưới: ${second}` }).isDisabled()).toBe(true);
    await list.getByRole('button', { name: `Đưa xuống dưới: ${first}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector('.speaker-list li:last-child .speaker-name')?.textContent?.normalize('NFC') === name, first.normalize('NFC'));
    const queue = (await secretary.get<{ delegateName: string; status: string }[]>(`/api/meetings/${ubndMeetingId}/speakers`)).body;
    expect(queue.map((r) => [nfc(r.delegateName), r.status])).toEqual([
      [second, 'waiting'],
      [first, 'waiting'],
    ]);
    // the focus followed the moved speaker (to the button still usable at the bottom)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.normalize('NFC'))).toBe(`Đưa lên trên: ${first}`.normalize('NFC'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, '62-speakers-order', page.getByRole('region', { name: 'Đăng ký phát biểu' }));
  });

  it('no console errors or uncaught page errors (less the two refusals the proxy test provokes)', () => {
    const refusals = problems.filter((p) => p.url.endsWith(`/api/meetings/${fundMeetingId}/proxies`) && /status of (400|409)/.test(p.text));
    expect(refusals).toHaveLength(2);
    expect(problems.filter((p) => !refusals.includes(p))).toEqual([]);
  });
});
