import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../src/http/build-app.ts';
import { LOOPBACK_HOSTNAMES, serve, type RunningServer } from '../../src/http/serve.ts';
import { tempDir } from '../support/temp-vault.ts';
import { snapshotWebBuild } from '../../web/build-if-stale.ts';

/** Debian's chromium, as the issue asks; CI installs it (.ci/run). */
export const CHROMIUM = process.env.MESINFOS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
export const FIXTURES = join(process.cwd(), 'test', 'fixtures');
export const MY_FIXTURES = join(process.cwd(), 'test', 'browser', 'fixtures');

export type Lang = 'fr' | 'en';

/** A real server on 127.0.0.1 (free port) with a temporary vault that does not exist yet, serving the built UI. */
export interface BrowserHarness {
  url: string;
  browser: Browser;
  /** Problems the pages reported: CSP violations, console errors, uncaught exceptions. */
  pageProblems: string[];
  /** A new browser context preferring this language, with a phone's or a desktop's viewport (and another context's session, given its storageState). */
  newPage(lang: Lang, viewport?: { width: number; height: number }, storageState?: BrowserContextOptions['storageState']): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const t = await tempDir('mesinfos-browser-');
  // A copy of the current build: a rebuild of web/dist meanwhile does not pull files from under the pages.
  const root = await snapshotWebBuild(join(t.dir, 'web'));
  const logs: string[] = [];
  const { app } = await buildApp({ vaultPath: join(t.dir, 'vault.mesinfos'), logger: { stream: { write: (l: string) => logs.push(l) } }, allowedHostnames: LOOPBACK_HOSTNAMES, web: { root } });
  const server: RunningServer = await serve(app);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const pageProblems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    pageProblems,
    async newPage(lang, viewport = { width: 1280, height: 900 }, storageState) {
      const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport, baseURL: server.url, acceptDownloads: true, ...(storageState ? { storageState } : {}) });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (m) => {
        // A 401 is the API refusing a wrong passphrase, which the page shows: not a problem of the page.
        if (m.type() === 'error' && !m.text().includes('status of 401')) pageProblems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
      await t.cleanup();
    },
  };
}

/** The CSRF token of the session the request context holds (what the UI sends in x-csrf-token). */
export async function csrf(request: APIRequestContext): Promise<string> {
  const s = (await (await request.get('/api/session')).json()) as { csrfToken?: string };
  if (!s.csrfToken) throw new Error('no session');
  return s.csrfToken;
}

/** expect.poll with room for a loaded machine: pages load lazily, and the machine is shared. */
export const eventually = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 30_000, interval: 100 });

/** What the page shows now: its language, its full width, the focused element (evaluated in the page; no DOM types needed here). */
export function pageState(page: Page): Promise<{ lang: string; scrollWidth: number; focusedId: string; focusedText: string }> {
  return page.evaluate(
    "({ lang: document.documentElement.lang, scrollWidth: document.documentElement.scrollWidth, focusedId: document.activeElement?.id ?? '', focusedText: document.activeElement?.textContent ?? '' })",
  );
}

/** Waits until no loading state is shown. */
export async function settled(page: Page): Promise<void> {
  // Polled from the test side: a string for waitForFunction would need 'unsafe-eval', which the CSP refuses.
  await expect.poll(() => page.locator('.state-loading').count(), { timeout: 120_000 }).toBe(0);
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Saves a full-page screenshot as test-results/screenshots/<lang>-<name>.png. */
export async function screenshot(page: Page, lang: Lang, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${name}.png`), fullPage: true });
}
