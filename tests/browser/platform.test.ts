/**
 * The platform operator in Chromium: the provinces with their tenants, and onboarding one through
 * the form — a bad commune line marked beside the textarea first, then the province made. Every
 * page passes axe-core at 360 and 1366 px, with no script error and nothing fetched from outside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onboardingForm } from '../integration/page-matrix/platform.ts';
import { appWithProvinces } from '../setup/scene.ts';
import { PASSWORD } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

beforeAll(async () => {
  const t = await appWithProvinces(['bp']);
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('onboards a province through the form, after marking a bad commune line', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'root.operator');
  expect(new URL(page.url()).pathname).toBe('/platform');
  await expect.poll(() => page.getByRole('rowheader', { name: 'Tỉnh bp' }).count()).toBe(1);
  await checkPage(page, 'platform-provinces');

  await page.getByRole('link', { name: 'Khởi tạo tỉnh mới' }).click();
  await page.waitForURL('**/platform/provinces/new');
  await checkPage(page, 'platform-onboard');

  const form = onboardingForm('bnew', { communes: '29001;Xã Một;xa\n29002;Làng Hai;village' });
  for (const [name, value] of Object.entries(form)) await page.locator(`[name="${name}"]`).fill(value);
  await page.getByRole('button', { name: 'Khởi tạo tỉnh' }).click();
  const communes = page.getByLabel('Xã, phường, thị trấn');
  await expect.poll(() => communes.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => page.locator('#f-communes-error').textContent()).toMatch(/^Dòng 2: /);
  await checkPage(page, 'platform-onboard-refused');

  await communes.fill('29001;Xã Một;xa\n29002;Phường Hai;phuong');
  for (const name of Object.keys(form).filter((field) => field.endsWith('.password')))
    await page.locator(`[name="${name}"]`).fill(PASSWORD);
  await page.getByRole('button', { name: 'Khởi tạo tỉnh' }).click();
  await page.waitForURL((url) => url.pathname === '/platform' && url.search === '?onboarded=bnew');
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Tỉnh bnew');
  expect(await page.getByText('bnew:front').count()).toBe(1);
  // The refused form answered 400: the browser says so in its console, and nothing else happens.
  watcher.expectNoProblems([/status of 400/]);
  await page.context().close();
});
