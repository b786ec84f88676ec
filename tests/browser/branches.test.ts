/**
 * The branches pages in Chromium, the issue's "dissolve a branch" among them: an admin lists a
 * commune's branches with its hamlets', sets a branch up and renames it through the forms, then
 * dissolves one — choosing where its members go, one of them elsewhere, and confirming the dialog
 * — and sees it dissolved, its members moved (checked through the API). Each page is checked with
 * axe-core at 360 and 1366 px, with no script error and nothing fetched from outside the app.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admission, admitOk, postJson, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { getJson, jsonOf, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let token: (username: string) => string;
let browser: Browser;
let server: ServedApp;
let closing: string;
let members: string[];

const ADMIN = 'bb.farmers';

beforeAll(async () => {
  ({ t, token } = await setUpScene({ provinces: ['bb'], onboard: provinceWithBranches, signIn: [ADMIN] }));
  closing = (
    await jsonOf<{ id: string }>(
      await postJson(t, token(ADMIN), '/api/v1/branches', {
        name: 'Chi hội Khóm 2 cũ',
        kind: 'residential',
        unitId: '28261-02',
      }),
      201,
    )
  ).id;
  members = [];
  for (const fullName of ['Nguyễn Văn Tư', 'Trần Thị Năm', 'Lê Văn Sáu'])
    members.push((await admitOk(t, token(ADMIN), admission({ fullName, branchId: closing }))).id);
  await postJson(t, token(ADMIN), '/api/v1/branches/b-28261-01/groups', { name: 'Tổ hội trồng lúa số 1' });
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const branchOf = async (memberId: string) =>
  (await getJson<{ branchId: string }>(t, `/api/v1/members/${memberId}`, token(ADMIN))).branchId;

it('lists a commune’s branches with its hamlets’, and opens one with its groups and members', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto('/branches?unitId=28261');
  await page.getByRole('link', { name: 'Gồm cả các ấp, khóm trực thuộc' }).click();
  await expect
    .poll(() => page.getByRole('table').getByRole('link').allTextContents())
    .toContain('Chi hội Khóm 1');
  await checkPage(page, 'branches-commune');
  await page.getByRole('table').getByRole('link', { name: 'Chi hội Khóm 2 cũ' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Chi hội Khóm 2 cũ');
  // In Vietnamese order, by given name first.
  expect(await page.getByRole('table').getByRole('link').allTextContents()).toEqual([
    'Trần Thị Năm',
    'Lê Văn Sáu',
    'Nguyễn Văn Tư',
  ]);
  await checkPage(page, 'branch-detail');
  watcher.expectNoProblems();
  await page.context().close();
});

it('sets a branch up and renames it through the forms', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto('/branches?unitId=28261-01');
  await page.getByRole('link', { name: 'Thành lập chi hội' }).click();
  await page.getByLabel('Tên chi hội').fill('Chi hội nghề nghiệp nuôi tôm');
  await page.getByLabel('Loại chi hội').selectOption('professional');
  await checkPage(page, 'branch-new');
  await page.getByRole('button', { name: 'Thành lập chi hội' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Chưa lưu được');
  await expect.poll(() => page.getByLabel('Mô hình kinh tế').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Tên chi hội').inputValue()).toBe('Chi hội nghề nghiệp nuôi tôm');
  await checkPage(page, 'branch-new-refused');
  await page.getByLabel('Mô hình kinh tế').selectOption('aquaculture');
  await page.getByRole('button', { name: 'Thành lập chi hội' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã thành lập chi hội');

  await page.getByRole('link', { name: 'Sửa tên, mô hình' }).click();
  await page.getByLabel('Tên chi hội').fill('Chi hội nuôi tôm càng xanh');
  await checkPage(page, 'branch-edit');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Chi hội nuôi tôm càng xanh');
  // The refused form answers 400: the browser says so in its console, and nothing else happens.
  watcher.expectNoProblems([/status of 400/]);
  await page.context().close();
});

it('dissolves a branch, each member going where the plan says, after the confirm dialog', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto(`/branches/${closing}`);
  await page.getByRole('link', { name: 'Giải thể chi hội' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Giải thể');
  await page.getByLabel('Nơi chuyển chung').selectOption('b-28261-01');
  await page.getByLabel('Nơi chuyển của Lê Văn Sáu').selectOption('b-28261-02');
  await page.getByLabel('Lý do giải thể').fill('Sáp nhập vào chi hội Khóm 1');
  await checkPage(page, 'branch-dissolve');
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Giải thể chi hội' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Số hội viên đã chuyển: 3');
  expect(asked).toEqual([expect.stringContaining('Không thể hoàn tác')]);
  await checkPage(page, 'branch-dissolved');
  const [tu, nam, sau] = members as [string, string, string];
  expect([await branchOf(tu), await branchOf(nam), await branchOf(sau)]).toEqual([
    'b-28261-01',
    'b-28261-01',
    'b-28261-02',
  ]);
  watcher.expectNoProblems();
  await page.context().close();
});
