/**
 * The members pages in Chromium: searching as one types without diacritics, opening a member,
 * admitting with a bad national id (the error beside the field, nothing written), changing a
 * status and moving a member, a commune officer's view of their commune, the admit and edit
 * forms, incoming transfers and coming of age; each page checked with axe-core at 360 and
 * 1366 px, with no script error and nothing fetched from outside the app.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { membersPageScene } from '../integration/members-page-scene.ts';
import { admission, admitOk, postJson } from '../setup/members.ts';
import { getJson, jsonOf, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let token: (username: string) => string;
let browser: Browser;
let server: ServedApp;
let hoa: string;

const ADMIN = 'pb.farmers';
const OFFICER = 'pb.mytho';

beforeAll(async () => {
  ({ t, token, hoa } = await membersPageScene(
    'pb',
    [{ username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } }],
    ['pb.youth', 'pb.women'],
  ));
  for (const [fullName, branchId] of [
    ['Nguyễn Văn Hòa', 'b-28261-02'],
    ['Trần Văn Bình', 'b-28249-01'],
    ['Lê Thị Cúc', 'b-28261-01'],
  ] as const)
    await admitOk(t, token(ADMIN), admission({ fullName, branchId, gender: 'female' }));
  await admitOk(
    t,
    token('pb.youth'),
    admission({ fullName: 'Hà Văn Ba Mươi', birthDate: '1996-04-05', joinedAt: '2014-03-26' }),
  );
  const moving = await admitOk(
    t,
    token('pb.women'),
    admission({ fullName: 'Lâm Thị Đến', gender: 'female', branchId: 'b-28261-01' }),
  );
  await jsonOf(
    await postJson(t, token('pb.women'), `/api/v1/members/${moving.id}/transfer-out`, {
      destination: { tenantId: 'pb:farmers', unitId: '28261', description: 'Hội Nông dân phường Mỹ Tho' },
      reason: 'Sang Hội Nông dân',
      effectiveDate: t.today,
    }),
  );
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const namesFound = async (q: string) =>
  (
    await getJson<{ items: { fullName: string }[] }>(
      t,
      `/api/v1/members?q=${encodeURIComponent(q)}`,
      token(ADMIN),
    )
  ).items.map((member) => member.fullName);

const rowNames = (page: Page) => page.locator('#results tbody th a').allTextContents();

it('finds a member as one types without diacritics, and opens her', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.getByRole('navigation').getByRole('link', { name: 'Hội viên', exact: true }).click();
  await expect.poll(() => rowNames(page)).toContain('Trần Văn Bình');
  await checkPage(page, 'members-list');
  // No submit: the results follow the typing.
  await page.getByLabel('Tìm hội viên').pressSequentially('nguyen thi hoa', { delay: 20 });
  await expect.poll(() => rowNames(page)).toEqual(['Nguyễn Thị Hoa']);
  await expect.poll(() => new URL(page.url()).search).toBe('?q=nguyen+thi+hoa&unitId=&status=');
  await checkPage(page, 'members-search');
  await page.getByRole('link', { name: 'Nguyễn Thị Hoa' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nguyễn Thị Hoa');
  await checkPage(page, 'member-detail');
  watcher.expectNoProblems();
  await page.context().close();
});

it('refuses a bad national id beside the field, keeping what was typed, and writes nothing', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto('/members');
  await page.getByRole('link', { name: 'Kết nạp hội viên' }).click();
  await page.getByLabel('Xã, phường').selectOption('28261');
  await page.getByRole('button', { name: 'Hiện các chi hội' }).click();
  await page.getByLabel('Chi hội').selectOption('b-28261-01');
  await page.getByLabel('Họ và tên').fill('Phạm Thị Sai Số');
  await page.getByLabel('Giới tính').selectOption('female');
  await page.getByLabel('Ngày sinh').fill('1990-02-03');
  await page.getByLabel('Ngày vào hội').fill('2020-05-06');
  await page.getByLabel('Số CCCD').fill('12345');
  await page.getByRole('button', { name: 'Kết nạp', exact: true }).click();
  const field = page.getByLabel('Số CCCD');
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#f-nationalId-error').textContent()).toBe('CCCD phải gồm đúng 12 chữ số');
  expect(await field.inputValue()).toBe('12345');
  expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Phạm Thị Sai Số');
  await checkPage(page, 'member-admit-refused');
  expect(await namesFound('pham thi sai so')).toEqual([]);
  // The refused form answers 400: the browser says so in its console, and nothing else happens.
  watcher.expectNoProblems([/status of 400/]);
  await page.context().close();
});

it('changes a member’s status and moves her to another branch', async () => {
  const { id } = await admitOk(t, token(ADMIN), admission({ fullName: 'Mai Thị Đổi', gender: 'female' }));
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto(`/members/${id}`);
  await page.getByText('Chuyển trạng thái sinh hoạt', { exact: true }).click();
  await page.getByLabel('Trạng thái mới').selectOption('lapsed');
  await page.locator('#status-reason').fill('Không sinh hoạt ba tháng');
  await page.getByRole('button', { name: 'Chuyển trạng thái' }).click();
  await expect.poll(() => page.locator('dl.facts .badge').textContent()).toBe('Bỏ sinh hoạt');

  await page.getByText('Chuyển sang chi hội khác', { exact: true }).click();
  await page.getByLabel('Chi hội chuyển đến').selectOption('b-28261-02');
  await page.locator('#move-reason').fill('Đổi chỗ ở');
  await page.getByRole('button', { name: 'Chuyển chi hội' }).click();
  await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Khóm 2 · Chi hội Khóm 2');
  await expect.poll(() => page.locator('table').textContent()).toContain('Chi hội Khóm 1 → Chi hội Khóm 2');
  await checkPage(page, 'member-detail-changed');
  const member = await getJson<{ status: string; branchId: string }>(
    t,
    `/api/v1/members/${id}`,
    token(ADMIN),
  );
  expect(member).toMatchObject({ status: 'lapsed', branchId: 'b-28261-02' });
  watcher.expectNoProblems();
  await page.context().close();
});

it('shows a commune officer their commune’s members only', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, OFFICER);
  await page.goto('/members');
  await expect.poll(() => rowNames(page)).toContain('Nguyễn Thị Hoa');
  expect(await rowNames(page)).not.toContain('Trần Văn Bình');
  expect(await page.getByLabel('Đơn vị').locator('option').allTextContents()).not.toContain(
    'Phường Đạo Thạnh',
  );
  await checkPage(page, 'members-commune-officer');
  watcher.expectNoProblems();
  await page.context().close();
});

it('draws the admit, edit, transfers and coming-of-age pages within the quality bars', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto('/members/new?unitId=28261');
  await checkPage(page, 'member-admit');
  await page.goto(`/members/${hoa}/edit`);
  await expect.poll(() => page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Thị Hoa');
  await checkPage(page, 'member-edit');
  await page.goto('/transfers');
  await expect.poll(() => page.getByRole('heading', { level: 2 }).allTextContents()).toContain('Lâm Thị Đến');
  await checkPage(page, 'incoming-transfers');
  await page.context().close();
  watcher.expectNoProblems();

  const youth = await openPage(browser, server.origin);
  await signInAs(youth.page, 'pb.youth');
  await youth.page.getByRole('navigation').getByRole('link', { name: 'Trưởng thành Đoàn' }).click();
  await youth.page.getByLabel('Năm').selectOption('2026');
  await youth.page.getByRole('button', { name: 'Xem' }).click();
  await expect.poll(() => youth.page.locator('tbody').textContent()).toContain('Hà Văn Ba Mươi');
  await checkPage(youth.page, 'coming-of-age');
  youth.watcher.expectNoProblems();
  await youth.page.context().close();
});

// 51 admissions over HTTP before the page: a longer timeout than the default, for a loaded machine.
it('says how to tell apart more people of one name than a page shows, oldest first, and offers similar names', async () => {
  // One more than a page: the 50 others born before 1980, each on a date of their own.
  for (let i = 0; i <= 50; i += 1)
    await admitOk(
      t,
      token(ADMIN),
      admission({
        fullName: 'Đặng Thị Hương',
        gender: 'female',
        birthDate: i === 0 ? '1985-07-09' : `${1950 + (i % 30)}-0${1 + Math.floor(i / 30)}-10`,
      }),
    );
  // One letter from "Hương": offered under the page the namesakes fill.
  await admitOk(t, token(ADMIN), admission({ fullName: 'Đặng Thị Phương', gender: 'female' }));
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page.goto('/members');
  const search = page.getByLabel('Tìm hội viên');
  await search.pressSequentially('dang thi huong', { delay: 20 });
  const narrowing = page.getByRole('status').filter({ hasText: 'Nhiều người khớp hơn một trang' });
  await expect.poll(() => narrowing.textContent()).toContain('gõ thêm năm sinh sau họ tên');
  expect(new Set(await rowNames(page))).toEqual(new Set(['Đặng Thị Hương']));
  expect(await rowNames(page)).toHaveLength(50);
  // Namesakes oldest first: the one born in 1985 is the 51st.
  const born = (await page.locator('#results tbody tr').allTextContents()).map((row) =>
    (/(\d\d)\/(\d\d)\/(\d{4})/.exec(row) ?? []).slice(1).reverse().join('-'),
  );
  expect(born).toEqual(born.toSorted());
  expect(born.at(-1)?.startsWith('1979')).toBe(true);
  const similar = page.locator('#results .similar');
  expect(await similar.textContent()).toContain('Tên gần giống:');
  await checkPage(page, 'members-search-narrowing');
  await search.pressSequentially(' 1985', { delay: 20 });
  await expect
    .poll(() => page.locator('#results tbody tr').allTextContents())
    .toEqual([expect.stringContaining('09/07/1985')]);
  expect(await narrowing.count()).toBe(0);
  await page.goto('/members?q=dang+thi+huong');
  await similar.getByRole('link', { name: 'Đặng Thị Phương' }).click();
  await expect.poll(() => rowNames(page)).toEqual(['Đặng Thị Phương']);
  expect(await search.inputValue()).toBe('Đặng Thị Phương');
  watcher.expectNoProblems();
  await page.context().close();
}, 120_000);
