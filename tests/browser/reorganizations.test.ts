/**
 * Reorganizing the map in Chromium: the Front's staff merge two hamlets through the form, then
 * the farmers' admin opens the follow-up from the list and moves the branch. Each page is checked
 * with axe-core at 360 and 1366 px, with no script error and nothing from outside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;
let today = '';

beforeAll(async () => {
  const scene = await setUpScene({ provinces: ['ro'], onboard: provinceWithBranches });
  today = scene.t.today;
  [server, browser] = await Promise.all([serveApp(scene.t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('lets the Front’s staff merge two hamlets, and an organization move its branch', async () => {
  const front = await openPage(browser, server.origin);
  await signInAs(front.page, 'ro.front.admin');
  await front.page.goto('/map/reorganizations');
  await front.page.getByRole('link', { name: 'Ghi nhận đợt sắp xếp' }).click();
  await front.page.waitForURL((url) => url.pathname === '/map/reorganizations/new');
  await checkPage(front.page, 'reorganization-new');
  await front.page.getByLabel('Hình thức').selectOption('merge');
  await front.page.getByLabel('Số nghị quyết').fill('21/NQ-HĐND');
  await front.page.getByLabel('Ngày hiệu lực').fill(today);
  await front.page.getByLabel('Mã các đơn vị sáp nhập').fill('28261-01\n28261-02');
  await front.page.getByLabel('Mã đơn vị giữ lại').fill('28261-01');
  await front.page.getByRole('button', { name: 'Lưu và áp dụng vào bản đồ' }).click();
  await front.page.waitForURL((url) => url.search === '?done=created');
  await expect.poll(() => front.page.getByRole('cell', { name: 'Sáp nhập' }).count()).toBe(1);
  await checkPage(front.page, 'reorganizations-created');
  front.watcher.expectNoProblems();
  await front.page.context().close();

  const admin = await openPage(browser, server.origin);
  await signInAs(admin.page, 'ro.farmers');
  await admin.page.goto('/map/reorganizations');
  await admin.page.getByRole('link', { name: /21\/NQ-HĐND/ }).click();
  await admin.page.waitForURL((url) => url.pathname.startsWith('/map/reorganizations/'));
  await checkPage(admin.page, 'reorganization-follow-up');
  await admin.page.getByRole('button', { name: 'Sắp xếp lại chi hội' }).click();
  await admin.page.waitForURL((url) => url.search === '?done=applied');
  await expect.poll(() => admin.page.getByText('Đã sắp xếp xong').count()).toBe(1);
  await checkPage(admin.page, 'reorganization-applied');
  admin.watcher.expectNoProblems();
  await admin.page.context().close();
});
