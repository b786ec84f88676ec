/**
 * Filling a commune's targets in Chromium: an organization admin picks the commune, types a number
 * for each hamlet and saves once; a bad cell is marked beside it and nothing is written. Each page
 * checked with axe-core at 360 and 1366 px, with no script error and nothing fetched from outside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import type { TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    signIn: ['alpha.farmers'],
  });
  t = scene.t;
  admin = scene.token('alpha.farmers');
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const year = () => Number(t.today.slice(0, 4));

async function storedTarget(unitId: string): Promise<number | null> {
  const response = await t.request(`/api/v1/units/${unitId}/targets/${year()}`, { token: admin });
  return response.status === 200
    ? ((await response.json()) as { targetPopulation: number }).targetPopulation
    : null;
}

it('fills a commune’s targets: one number per hamlet, one Save', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.getByRole('navigation').getByRole('link', { name: 'Đối tượng tập hợp' }).click();
  await page.waitForURL((url) => url.pathname === '/targets');
  await checkPage(page, 'targets-choose');

  await page.getByLabel('Xã, phường').selectOption({ label: 'Phường Mỹ Tho' });
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL((url) => url.searchParams.get('unitId') === '28261');
  await page.getByLabel('Khóm 1', { exact: true }).fill('1.250');
  await page.getByLabel('Khóm 2', { exact: true }).fill('800');
  await checkPage(page, 'targets-grid');

  await page.getByRole('button', { name: 'Lưu tất cả' }).click();
  await page.waitForURL((url) => url.searchParams.has('saved'));
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Số đơn vị thay đổi: 2');
  expect(await page.getByLabel('Khóm 1', { exact: true }).inputValue()).toBe('1250');
  expect(await storedTarget('28261-01')).toBe(1250);
  expect(await storedTarget('28261-02')).toBe(800);
  await checkPage(page, 'targets-saved');
  watcher.expectNoProblems();
  await page.context().close();
});

it('marks a bad cell beside it, keeps what was typed and writes no hamlet', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`/targets?unitId=28261&year=${year()}`);
  await page.getByLabel('Khóm 1', { exact: true }).fill('999');
  await page.getByLabel('Khóm 2', { exact: true }).fill('tám trăm');
  await page.getByRole('button', { name: 'Lưu tất cả' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Chưa lưu số nào');
  const bad = page.getByLabel('Khóm 2', { exact: true });
  expect(await bad.getAttribute('aria-invalid')).toBe('true');
  expect(await bad.inputValue()).toBe('tám trăm');
  expect(await page.getByLabel('Khóm 1', { exact: true }).inputValue()).toBe('999');
  expect(await storedTarget('28261-01')).toBe(1250);
  await checkPage(page, 'targets-refused');
  watcher.expectNoProblems([/status of 400/]);
  await page.context().close();
});
