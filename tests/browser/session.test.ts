/**
 * Signing in and out in Chromium, the organization's home page, and the English switch: every
 * page checked with axe-core at 360 and 1366 px, with no script error and nothing fetched from
 * outside the app.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appWithProvinces } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

beforeAll(async () => {
  const t = await appWithProvinces(['pg']);
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('signs an organization admin in, shows the home page, and signs out', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await page.goto('/');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
  await checkPage(page, 'sign-in');

  await signInAs(page, 'pg.farmers');
  expect(new URL(page.url()).pathname).toBe('/home');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Tổng quan');
  await expect
    .poll(() => page.getByRole('navigation').getByRole('link').allTextContents())
    .toContain('Hội viên');
  await checkPage(page, 'org-home');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.search === '?signedOut=1');
  await page.goto('/home');
  expect(new URL(page.url()).pathname).toBe('/');
  watcher.expectNoProblems();
  await page.context().close();
});

it('refuses a wrong password beside the form, keeping the username', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill('pg.farmers');
  await page.getByLabel('Mật khẩu').fill('not-the-password');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
  expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('pg.farmers');
  await checkPage(page, 'sign-in-refused');
  // The refused sign-in answers 401: the browser says so in its console, and nothing else happens.
  watcher.expectNoProblems([/status of 401/]);
  await page.context().close();
});

it('switches to English and keeps it across pages', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'pg.farmers');
  await page.getByRole('link', { name: 'English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  expect(new URL(page.url()).pathname).toBe('/home');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Overview');
  await checkPage(page, 'org-home-english');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
  watcher.expectNoProblems();
  await page.context().close();
});

it('shows a refused page as a page, in the layout, that passes the same checks', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'pg.farmers');
  const response = await page.goto('/front');
  expect(response?.status()).toBe(403);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
  await checkPage(page, 'error-forbidden');
  watcher.expectNoProblems([/status of 403/]);
  await page.context().close();
});
