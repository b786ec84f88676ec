/**
 * Branch ratings in Chromium: with the year's criteria set through the API, the commune's officer
 * opens the branch's rating from its page, fills and saves the self-assessment, and submits it;
 * the organization's admin finds it in the year's list and approves it, then sets up another kind's
 * criteria through the form. Each page checked with axe-core at 360 and 1366 px, with no script error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CRITERIA, type RatingBody, ratingScene } from '../integration/branch-ratings-scene.ts';
import { jsonOf, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let api: Awaited<ReturnType<typeof ratingScene>>['api'];
let adminToken: string;
let browser: Browser;
let server: ServedApp;
let year: string;

const BRANCH = 'b-28261-01';

beforeAll(async () => {
  const scene = await ratingScene();
  ({ t, api } = scene);
  adminToken = scene.tokens.admin;
  year = t.today.slice(0, 4);
  await jsonOf(await api.putCriteria(adminToken, year, 'residential', CRITERIA), 201);
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const stored = async () => jsonOf<RatingBody>(await api.read(adminToken, BRANCH, year), 200);

it('is filled and submitted by the commune’s officer, then approved by the admin', async () => {
  const officer = await openPage(browser, server.origin);
  await signInAs(officer.page, 'mytho.officer');
  await officer.page.goto(`${server.origin}/branches/${BRANCH}`);
  await officer.page.getByRole('link', { name: 'Đánh giá, xếp loại chi hội năm nay' }).click();
  await checkPage(officer.page, 'branch-rating-empty');
  await officer.page.locator('#f-answers-sinh-hoat-met').selectOption('yes');
  await officer.page.locator('#f-answers-sinh-hoat-note').fill('Đủ 12 kỳ sinh hoạt');
  await officer.page.getByLabel('Điểm, tối đa 10').fill('8');
  await officer.page.locator('#f-answers-hoi-phi-met').selectOption('yes');
  await officer.page.locator('#f-answers-mo-hinh-met').selectOption('no');
  await officer.page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect.poll(() => officer.page.getByText('Đã lưu bản tự đánh giá.').count()).toBe(1);
  expect(await stored()).toMatchObject({ state: 'draft', level: 'good', scorePercent: 82 });
  await checkPage(officer.page, 'branch-rating-draft');

  officer.page.once('dialog', (dialog) => void dialog.accept());
  await officer.page.getByRole('button', { name: 'Gửi cấp trên duyệt' }).click();
  await expect.poll(() => officer.page.getByText('Đã gửi bản tự đánh giá.').count()).toBe(1);
  expect((await stored()).state).toBe('submitted');
  officer.watcher.expectNoProblems();

  const admin = await openPage(browser, server.origin);
  await signInAs(admin.page, 'alpha.farmers');
  await admin.page.getByRole('navigation').getByRole('link', { name: 'Xếp loại chi hội' }).click();
  await admin.page.getByRole('button', { name: 'Xem' }).click();
  await checkPage(admin.page, 'branch-ratings-list');
  await admin.page.locator(`tbody a[href="/branches/${BRANCH}/ratings/${year}"]`).click();
  await checkPage(admin.page, 'branch-rating-submitted');
  admin.page.once('dialog', (dialog) => void dialog.accept());
  await admin.page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect.poll(() => admin.page.getByText('Đã duyệt.').count()).toBe(1);
  expect((await stored()).state).toBe('approved');
  await checkPage(admin.page, 'branch-rating-approved');
  admin.watcher.expectNoProblems();
});

it('shows the set in use read-only, and lets the admin set up another kind’s', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/ratings?year=${year}`);
  await page.getByRole('link', { name: 'Khu dân cư' }).click();
  await expect.poll(() => page.getByText('không sửa được nữa', { exact: false }).count()).toBe(1);
  await checkPage(page, 'rating-criteria-in-use');

  await page.goto(`${server.origin}/ratings/criteria/${year}/agency`);
  await page.locator('#f-criteria-0-id').fill('hoc-tap');
  await page.locator('#f-criteria-0-label').fill('Học tập nghị quyết đầy đủ');
  await page.locator('#f-criteria-0-weight').fill('2');
  await page.locator('#f-criteria-1-id').fill('thi-dua');
  await page.locator('#f-criteria-1-label').fill('Điểm thi đua');
  await page.locator('#f-criteria-1-kind').selectOption('score');
  await page.locator('#f-criteria-1-max').fill('100');
  await page.locator('#f-criteria-1-pass').fill('60');
  await page.locator('#f-criteria-1-weight').fill('3');
  await page.getByLabel('Vững mạnh').fill('90');
  await page.getByLabel('Khá').fill('70');
  await page.getByLabel('Trung bình').fill('50');
  await checkPage(page, 'rating-criteria-form');
  await page.getByRole('button', { name: 'Lưu bộ tiêu chí' }).click();
  await expect.poll(() => page.getByText('Đã lưu bộ tiêu chí.').count()).toBe(1);
  const set = await jsonOf<{ criteria: { id: string }[] }>(
    await api.readCriteria(adminToken, year, 'agency'),
  );
  expect(set.criteria.map((criterion) => criterion.id)).toEqual(['hoc-tap', 'thi-dua']);
  watcher.expectNoProblems();
});
