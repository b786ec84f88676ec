/**
 * The admission rules in Chromium: an organization admin changes them, and a refused form shows
 * its message beside the field. Each page checked with axe-core at 360 and 1366 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpScene } from '../setup/scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  const scene = await setUpScene({ provinces: ['alpha'], signIn: ['alpha.youth'] });
  t = scene.t;
  admin = scene.token('alpha.youth');
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('changes the admission rules, and marks a refused age beside its field', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.youth');
  await page.getByRole('navigation').getByRole('link', { name: 'Điều kiện kết nạp' }).click();
  await page.waitForURL((url) => url.pathname === '/settings');
  expect(await page.getByLabel('Tuổi tối đa').inputValue()).toBe('30');
  await checkPage(page, 'settings');

  await page.getByLabel('Tuổi tối đa').fill('12');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
  expect(await page.getByLabel('Tuổi tối đa').getAttribute('aria-invalid')).toBe('true');
  await checkPage(page, 'settings-refused');

  await page.getByLabel('Tuổi tối đa').fill('35');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL((url) => url.searchParams.has('saved'));
  const rules = await getJson<{ maxAge: number }>(t, '/api/v1/settings/eligibility', admin);
  expect(rules.maxAge).toBe(35);
  watcher.expectNoProblems([/status of 400/]);
  await page.context().close();
});
