/**
 * Introductions to the Party in Chromium: an organization's admin introduces a member from her
 * page, records the Party's answer after the confirm dialog, and finds her in the year's list;
 * each page checked with axe-core at 360 and 1366 px, with no script error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { membersPageScene } from '../integration/members-page-scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let token: (username: string) => string;
let browser: Browser;
let server: ServedApp;
let hoa: string;

const ADMIN = 'pp.farmers';

beforeAll(async () => {
  ({ t, token, hoa } = await membersPageScene('pp', [], []));
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('introduces a member, records her admission and lists her in the year', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto(`${server.origin}/members/${hoa}`);
  await page.getByText('Giới thiệu cho Đảng xem xét, kết nạp').click();
  await page.getByLabel('Số quyết định, văn bản giới thiệu').fill('15-QĐ/HND');
  await page.getByRole('button', { name: 'Ghi nhận giới thiệu' }).click();
  await expect.poll(() => page.getByText('Đang chờ xem xét').count()).toBe(1);
  await checkPage(page, 'party-member-pending');

  await page.locator('#outcome-state').selectOption('admitted');
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Lưu kết quả' }).click();
  await expect.poll(() => page.getByText('Được kết nạp').count()).toBe(1);
  expect(asked).toEqual(['Kết quả không sửa được sau khi lưu. Tiếp tục?']);
  const member = await getJson<{ partyMember: boolean }>(t, `/api/v1/members/${hoa}`, token(ADMIN));
  expect(member.partyMember).toBe(true);

  await page.getByRole('navigation').getByRole('link', { name: 'Giới thiệu cho Đảng' }).click();
  await expect.poll(() => page.locator('tbody th a').allTextContents()).toEqual(['Nguyễn Thị Hoa']);
  await checkPage(page, 'party-list');
  watcher.expectNoProblems();
});
