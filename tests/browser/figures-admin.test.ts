/**
 * The last admin forms in Chromium: an organization admin recounts its figures and takes a
 * snapshot; the operator grants map editing. Each page checked with axe-core at 360 and 1366 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpScene } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

beforeAll(async () => {
  const scene = await setUpScene({ provinces: ['alpha'] });
  [server, browser] = await Promise.all([serveApp(scene.t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('recounts the figures and takes a snapshot', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.youth');
  await page.goto(`${server.origin}/settings`);
  await page.getByRole('link', { name: 'Chốt và đếm lại số liệu' }).click();
  await page.waitForURL((url) => url.pathname === '/settings/figures');
  await page.getByRole('button', { name: 'Đếm lại', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Kết quả đếm lại' }).count()).toBe(1);
  await checkPage(page, 'figures-admin-recount');
  await page.getByRole('button', { name: 'Chốt số liệu' }).click();
  await page.waitForURL((url) => url.searchParams.has('snapshot'));
  await checkPage(page, 'figures-admin-snapshot');
  watcher.expectNoProblems();
  await page.context().close();
});

it('grants map editing from the province page', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'root.operator');
  await page.goto(`${server.origin}/platform/provinces/alpha`);
  await page.getByLabel('Tên đăng nhập của quản trị viên').fill('alpha.women');
  await page.getByRole('button', { name: 'Cấp quyền' }).click();
  await page.waitForURL((url) => url.searchParams.get('grant') === 'alpha.women');
  await checkPage(page, 'platform-map-editors');
  watcher.expectNoProblems();
  await page.context().close();
});
