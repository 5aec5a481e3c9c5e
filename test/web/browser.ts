import { expect } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SCREENS_DIR = join(process.cwd(), 'test-artifacts', 'screens');
const AXE_PATH = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

/** Debian's chromium, headless, with the flags of DEVELOPERS.md; CHROMIUM_PATH overrides the binary. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A persistent context on a fresh `--user-data-dir` (Playwright passes it from `userDataDir`): one clean profile
 * per browser session, removed afterwards.
 */
export async function openSession(viewport = { width: 1280, height: 800 }, extraArgs: string[] = []): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'dh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...extraArgs],
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, Page };

export interface ConsoleProblem {
  page: string;
  text: string;
  url: string;
}

/** Console errors and uncaught page errors of a page, to be asserted empty (less those a test expects). */
export function watchConsole(page: Page, sink: ConsoleProblem[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') sink.push({ page: page.url(), text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => sink.push({ page: page.url(), text: `pageerror: ${err.message}`, url: '' }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns serious and critical violations (rule id, help, first targets). */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  // evaluated over the DevTools protocol: the app's CSP (script-src 'self') refuses an injected inline script
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ exclude: [['iframe']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** The page is not wider than the viewport (no sideways scrolling on a tablet or projector). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Browser tests run where the UI is built and Chromium is installed (CI installs it, so a missing one fails there). */
export const describeInBrowser = existsSync('apps/web/dist/index.html') && (existsSync(CHROMIUM_PATH) || process.env.CI) ? describe : describe.skip;

/** Signs in through the login form, in Vietnamese (the default language). */
export async function signInThroughForm(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A new browser session (added to `sessions`, for closing) with its console watched, signed in through the form. */
export async function openSignedIn(opts: {
  baseUrl: string;
  username: string;
  password: string;
  sessions: Session[];
  problems: ConsoleProblem[];
  viewport?: { width: number; height: number };
  /** Extra Chromium flags (a fake camera: fakeCameraArgs). */
  args?: string[];
}): Promise<Page> {
  const session = await openSession(opts.viewport, opts.args);
  opts.sessions.push(session);
  const page = await session.context.newPage();
  watchConsole(page, opts.problems);
  await signInThroughForm(page, opts.baseUrl, opts.username, opts.password);
  await page.waitForURL(/\/meetings/);
  return page;
}

/** One part of the page (by test id) at each viewport, saved for a human to look at; fails naming what scrolls sideways. */
export async function partShots(page: Page, testId: string, name: string, dir: string, viewports: { width: number; height: number }[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const v of viewports) {
    await page.setViewportSize(v);
    const part = page.getByTestId(testId);
    await part.scrollIntoViewIfNeeded();
    await part.screenshot({ path: join(dir, `${name}-${v.width}x${v.height}.png`) });
    const offenders = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .table-scroll'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
    );
    expect({ name, viewport: v.width, overflow: await horizontalOverflow(page), offenders }).toEqual({ name, viewport: v.width, overflow: 0, offenders: [] });
  }
  await page.setViewportSize(viewports[0]);
}
