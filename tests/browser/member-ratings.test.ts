/**
 * A branch's member ratings in Chromium: from the branch's page, an admin rates everyone not yet
 * rated at once and one member apart, and sees the counts; the sheet checked with axe-core at
 * 360 and 1366 px, with no script error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { membersPageScene } from '../integration/members-page-scene.ts';
import { admission, admitOk } from '../setup/members.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let token: (username: string) => string;
let browser: Browser;
let server: ServedApp;

const ADMIN = 'mr.farmers';

beforeAll(async () => {
  ({ t, token } = await membersPageScene('mr', [], []));
  for (const fullName of ['Phạm Thị Lan', 'Võ Văn Tâm', 'Đặng Thị Mai'])
    await admitOk(t, token(ADMIN), admission({ fullName, gender: 'female' }));
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('rates a branch’s members, most at once and one apart', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto(`${server.origin}/branches/b-28261-01`);
  await page.getByRole('link', { name: 'Xếp loại hội viên trong năm' }).click();
  await checkPage(page, 'member-ratings-sheet');
  await page.getByLabel('Xếp loại cho mọi người chưa xếp loại').selectOption('good');
  await page.getByLabel('Võ Văn Tâm').selectOption('excellent');
  await page.getByRole('button', { name: 'Lưu xếp loại' }).click();
  await expect.poll(() => page.getByText('Đã lưu xếp loại hội viên.').count()).toBe(1);
  const sheet = await getJson<{ members: { fullName: string; level: string | null }[] }>(
    t,
    `/api/v1/branches/b-28261-01/member-ratings/${t.today.slice(0, 4)}`,
    token(ADMIN),
  );
  expect(Object.fromEntries(sheet.members.map((m) => [m.fullName, m.level]))).toEqual({
    'Nguyễn Thị Hoa': 'good',
    'Phạm Thị Lan': 'good',
    'Võ Văn Tâm': 'excellent',
    'Đặng Thị Mai': 'good',
  });
  await checkPage(page, 'member-ratings-saved');
  watcher.expectNoProblems();
});
