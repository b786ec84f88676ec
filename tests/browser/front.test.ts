/**
 * The Front in Chromium: signing in lands on its dashboard with all four organizations, a chart
 * and no member anywhere; a commune opens to its hamlets, hidden counts marked; sorting and the
 * comparison's choice work by plain links and forms. Every page passes axe-core at 360 and
 * 1366 px, with no script error and nothing fetched from outside the app.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FIGURES_CLOCK } from '../integration/figures-fixtures.ts';
import { frontDashboardScene } from '../integration/front-dashboard-scene.ts';
import { createTestApp } from '../setup/test-app.ts';
import { checkPage, SCREENSHOTS_DIR } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

const ORGANIZATIONS = ['Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh', 'Đoàn Thanh niên'];

beforeAll(async () => {
  const t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await frontDashboardScene(t, 'bf');
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('signs the Front in to all four organizations with a chart and no member anywhere', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'bf.front');
  expect(new URL(page.url()).pathname).toBe('/front');
  const figures = page.getByRole('table', { name: 'Bốn đoàn thể của đơn vị, cạnh nhau' });
  for (const name of ORGANIZATIONS)
    await expect.poll(() => figures.getByRole('rowheader', { name }).count()).toBe(1);
  const chart = page.getByRole('img', { name: 'Tỷ lệ tập hợp theo đoàn thể' });
  expect(await chart.isVisible()).toBe(true);
  expect(await chart.evaluate((svg) => svg.querySelectorAll('rect').length)).toBeGreaterThanOrEqual(5);
  expect(
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents(),
  ).toEqual(['Tổng hợp Mặt trận']);
  // The script shows the print button it can work.
  expect(await page.getByRole('button', { name: 'In báo cáo' }).isVisible()).toBe(true);
  await checkPage(page, 'front-dashboard');

  const members = await page.goto('/members');
  expect([403, 404]).toContain(members?.status());
  // The refusal is a page of its own: the browser logs its status, nothing else happens.
  watcher.expectNoProblems([/status of 40[34]/]);
  await page.context().close();
});

it('opens a commune’s hamlets from the table, hidden counts marked and explained', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'bf.front');
  await page.getByRole('link', { name: 'Phường Mỹ Tho' }).click();
  await page.waitForURL((url) => url.searchParams.get('unitId') === '28261');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Phường Mỹ Tho');
  expect(await page.locator('td .suppressed').count()).toBeGreaterThan(0);
  expect(await page.getByRole('heading', { name: 'Ký hiệu' }).isVisible()).toBe(true);
  await checkPage(page, 'front-commune');

  // Sorting by a column heading is a link: the heading says it is sorted.
  await page.getByRole('link', { name: /^Hội viên, đoàn viên — Hội Nông dân/ }).click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'farmers.members');
  expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Hội viên, đoàn viên');

  // Printed on A4 landscape (277 mm of paper across, at 96 px an inch), the whole table fits.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1047, height: 720 });
  const overflow = await page.locator('.front-table').evaluate((box) => box.scrollWidth - box.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).isVisible()).toBe(false);
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'front-commune-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1366, height: 768 });

  await page.getByLabel('So sánh với').selectOption('year');
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL((url) => url.searchParams.get('compare') === 'year');
  expect(new URL(page.url()).searchParams.get('unitId')).toBe('28261');
  await checkPage(page, 'front-commune-year');
  watcher.expectNoProblems();
  await page.context().close();
});
