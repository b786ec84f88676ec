/**
 * API keys in Chromium: an organization admin finds the page from the settings, creates a key and
 * reads its secret once, then revokes it after the confirm dialog; the API refuses it from then.
 * Each page checked with axe-core at 360 and 1366 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpScene } from '../setup/scene.ts';
import type { TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;
let t: TestApp;

beforeAll(async () => {
  const scene = await setUpScene({ provinces: ['alpha'], signIn: ['alpha.youth'] });
  t = scene.t;
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('creates a key shown once, and revokes it after the confirm dialog', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.youth');
  await page.goto(`${server.origin}/settings`);
  await page.getByRole('link', { name: 'Khóa API' }).click();
  await page.waitForURL((url) => url.pathname === '/settings/api-keys');
  await checkPage(page, 'api-keys');

  await page.getByLabel('Mô tả').fill('Zalo bot của tỉnh');
  await page.getByLabel('Xem hội viên').check();
  await page.getByLabel('Hết hạn vào ngày').fill(t.today);
  await page.getByRole('button', { name: 'Tạo khóa' }).click();
  const secret = (await page.locator('code', { hasText: /^dtk_[\w-]{43}$/ }).textContent()) ?? '';
  expect(secret).toMatch(/^dtk_[\w-]{43}$/);
  expect((await t.request('/api/v1/me', { token: secret })).status).toBe(200);
  await checkPage(page, 'api-keys-created');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Thu hồi' }).click();
  await page.waitForURL((url) => url.searchParams.has('revoked'));
  expect(await page.getByRole('cell', { name: 'Đã thu hồi' }).count()).toBe(1);
  expect((await t.request('/api/v1/me', { token: secret })).status).toBe(401);
  watcher.expectNoProblems();
  await page.context().close();
});
