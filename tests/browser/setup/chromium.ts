/**
 * Debian's Chromium driven by playwright-core: no browser download, no driver. Flags from
 * shared/stack.md: without the background-networking ones Chromium calls outside hosts, which
 * the page watcher would rightly report. `launch` gives each browser a fresh temporary profile
 * (it refuses a `--user-data-dir` argument) and deletes it on close.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type PageWatcher, watchPage } from './page-watcher.ts';

const EXECUTABLE = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(EXECUTABLE))
    throw new Error(
      `${EXECUTABLE} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium)`,
    );
  return chromium.launch({ executablePath: EXECUTABLE, args: FLAGS });
}

/**
 * A page in a context of its own (its own cookies: one signed-in person), already watched, as a
 * person in Vietnam on a laptop sees it; relative `page.goto('/…')` go to `origin`. Close it with
 * `page.context().close()`.
 */
export async function openPage(
  browser: Browser,
  origin: string,
): Promise<{ page: Page; watcher: PageWatcher }> {
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  return { page, watcher: watchPage(page, origin) };
}
