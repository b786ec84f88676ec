/**
 * Importing a member list in Chromium: from the members list an officer opens the import, chooses
 * their commune and a CSV file; a file with rows in error is not imported and its problems are
 * shown row by row; a clean file is imported and its members listed. A file that cannot be read is
 * refused beside the file field. A file past the request's 10 MB is uploaded by the page's script
 * straight to the file store and imported by the worker, its page following it to the end. Each
 * page checked with axe-core at 360 and 1366 px, with no script error and nothing fetched from
 * outside.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTable } from '../../shared/imports/read-table.ts';
import { listAllPages, provinceWithBranches } from '../setup/members.ts';
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

const CSV = [
  'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Chi hội,Ngày vào hội',
  'Nguyễn Văn An,Nam,07/03/1985,,Chi hội Khóm 1,15/01/2020',
  'NguyÔn ThÞ B×nh,Nữ,08/04/1990,,Chi hội Khóm 2,01/02/2021',
  'Lê Thị Giang,Nữ,01/01/1990,381234567,Chi hội Khóm 2,01/01/2020',
  'Võ Văn Hậu,X,31/02/1990,,Chi hội Khóm 9,01/01/2020',
].join('\r\n');

it('imports an officer’s list from the members page once its rows are right', async () => {
  const file = join(tmpdir(), `danh-sach-${Date.now()}.csv`);
  await writeFile(file, CSV);
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/members`);
  await page.getByRole('link', { name: 'Nhập danh sách từ tệp' }).click();
  await page.waitForURL((url) => url.pathname === '/members/import');
  await checkPage(page, 'import-check-form');

  await page.getByLabel('Danh sách của đơn vị').selectOption({ label: 'Phường Mỹ Tho' });
  await page.getByLabel('Tệp danh sách').setInputFiles(file);
  await page.getByRole('button', { name: 'Nhập danh sách' }).click();
  await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor();
  // A file with rows in error is not imported: the check is shown instead.
  expect(await page.getByRole('alert').textContent()).toContain('Chưa nhập: tệp còn dòng lỗi.');
  const rows = await page
    .getByRole('table', { name: 'Các vấn đề theo dòng và cột' })
    .locator('tbody tr')
    .allInnerTexts();
  expect(rows.map((row) => row.split('\t').slice(0, 2))).toEqual([
    ['3', 'Họ và tên'],
    ['4', 'Số CCCD'],
    ['5', 'Giới tính'],
    ['5', 'Ngày sinh'],
    ['5', 'Chi hội'],
  ]);
  expect(rows[0]).toContain('bảng mã cũ');
  expect(await page.locator('main').textContent()).toContain('Sẵn sàng nhập: 2');
  await checkPage(page, 'import-check-result');
  expect((await listAllPages(t, admin, { limit: 200 })).items).toEqual([]);

  const clean = join(tmpdir(), `danh-sach-sach-${Date.now()}.csv`);
  await writeFile(
    clean,
    CSV.split('\r\n')
      .filter((_, i) => i < 2 || i === 3)
      .join('\r\n'),
  );
  await page.getByLabel('Danh sách của đơn vị').selectOption({ label: 'Phường Mỹ Tho' });
  await page.getByLabel('Tệp danh sách').setInputFiles(clean);
  await page.getByRole('button', { name: 'Nhập danh sách' }).click();
  await page.getByRole('heading', { name: 'Đã nhập danh sách' }).waitFor();
  expect(await page.getByRole('status').textContent()).toContain('Kết nạp mới: 2');
  await checkPage(page, 'import-done');
  const admitted = (await listAllPages(t, admin, { limit: 200 })).items.map((m) => m.fullName);
  expect(admitted.sort()).toEqual(['Lê Thị Giang', 'Nguyễn Văn An']);
  await page.getByRole('link', { name: 'Xem tiến độ lần nhập này' }).click();
  await page.getByText('Đã nhập xong.').waitFor();
  const bar = page.locator('progress');
  expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual(['2', '2']);
  await checkPage(page, 'import-progress');
  await page.goto(`${server.origin}/members/import`);

  const bad = join(tmpdir(), `khong-phai-danh-sach-${Date.now()}.csv`);
  await writeFile(bad, 'Tên;Tuổi\r\nAn;30\r\n');
  await page.getByLabel('Tệp danh sách').setInputFiles(bad);
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await page.locator('.error').first().waitFor();
  expect(await page.locator('.error').first().textContent()).toContain('Còn thiếu');
  expect(await page.getByLabel('Tệp danh sách').getAttribute('aria-invalid')).toBe('true');
  await checkPage(page, 'import-check-refused');
  // The refused file's page answers 400, as a refused form does.
  watcher.expectNoProblems([/status of 400/]);
});

/** A list long enough that importing it takes seconds: 6,000 different people, in two branches. */
function longList(): string {
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ'];
  const middle = ['Văn', 'Thị', 'Minh', 'Ngọc'];
  const given = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khoa', 'Lan', 'Mai', 'Nam'];
  const rows = Array.from({ length: 6_000 }, (_, i) => {
    const name = `${family[i % 5]} ${middle[Math.floor(i / 5) % 4]} ${given[Math.floor(i / 20) % 10]}`;
    const born = `${String(1 + (Math.floor(i / 200) % 28)).padStart(2, '0')}/06/${1970 + Math.floor(i / 5_600)}`;
    return [name, i % 2 ? 'Nữ' : 'Nam', born, `Chi hội Khóm ${1 + (i % 2)}`, '15/01/2020'].join(',');
  });
  return ['Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội', ...rows].join('\r\n');
}

it('shows an import’s progress while a long list is written', async () => {
  const file = join(tmpdir(), `danh-sach-dai-${Date.now()}.csv`);
  await writeFile(file, longList());
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/members/import`);
  await page.getByLabel('Danh sách của đơn vị').selectOption({ label: 'Phường Mỹ Tho' });
  await page.getByLabel('Tệp danh sách').setInputFiles(file);
  // What the script shows under the form while the request runs goes with the page when the
  // answer comes: noted as it appears, in the tab's session storage, which outlives the page.
  await page.evaluate(`new MutationObserver(() => {
    const bar = document.querySelector('form + [role="status"] progress');
    if (bar && bar.value < bar.max) sessionStorage.setItem('seen', JSON.stringify([bar.value, bar.max]));
  }).observe(document.body, { childList: true, subtree: true })`);
  // The answer takes as long as the import: the click does not wait for it.
  await page.getByRole('button', { name: 'Nhập danh sách' }).click({ noWaitAfter: true });
  await page.getByRole('heading', { name: 'Đã nhập danh sách' }).waitFor({ timeout: 120_000 });
  expect(await page.getByRole('status').textContent()).toContain('Kết nạp mới: 6.000');
  const [written, rows] = JSON.parse(
    (await page.evaluate<string | null>("sessionStorage.getItem('seen')")) ?? '[]',
  );
  expect(rows).toBe(6_000);
  expect(written).toBeLessThan(6_000);
  watcher.expectNoProblems();
}, 180_000);

/** A list past the request's 10 MB: its rows, and a column the import does not read, long enough. */
async function largeList(rows: readonly string[]): Promise<string> {
  const notes = 'x'.repeat(10.5 * 1024 * 1024);
  const file = join(tmpdir(), `danh-sach-lon-${Date.now()}.csv`);
  const [first, ...rest] = rows;
  await writeFile(
    file,
    ['Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội,Ghi chép riêng', `${first},${notes}`, ...rest].join(
      '\r\n',
    ),
  );
  return file;
}

/** The import form, signed in as the admin, the commune and the file chosen. */
async function importFormWith(file: string) {
  const opened = await openPage(browser, server.origin);
  await signInAs(opened.page, 'alpha.farmers');
  await opened.page.goto(`${server.origin}/members/import`);
  await opened.page.getByLabel('Danh sách của đơn vị').selectOption({ label: 'Phường Mỹ Tho' });
  await opened.page.getByLabel('Tệp danh sách').setInputFiles(file);
  return opened;
}

it('uploads a list past the request’s 10 MB to the file store, and follows its import to the end', async () => {
  const file = await largeList([
    'Đinh Văn Lớn,Nam,07/03/1985,Chi hội Khóm 1,15/01/2020',
    'Đinh Thị Tải,Nữ,08/04/1990,Chi hội Khóm 2,01/02/2021,',
  ]);
  const { page, watcher } = await importFormWith(file);
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') uploads.push(new URL(request.url()).pathname);
  });
  await page.getByRole('button', { name: 'Nhập danh sách' }).click();
  await page.waitForURL((url) => /^\/members\/import\/imp-[\w-]+$/.test(url.pathname));
  await page.getByText('Đã nhập xong.').waitFor({ timeout: 60_000 });
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatch(/^\/files\/imports\//);
  expect(await page.locator('main').textContent()).toContain('Kết nạp mới: 2');
  const bar = page.locator('progress');
  expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual(['2', '2']);
  await checkPage(page, 'import-upload-done');
  const admitted = (await listAllPages(t, admin, { limit: 200 })).items.map((m) => m.fullName);
  expect(admitted).toEqual(expect.arrayContaining(['Đinh Văn Lớn', 'Đinh Thị Tải']));
  watcher.expectNoProblems();
}, 120_000);

it('says why an uploaded list was refused, and gives it back with the check written in', async () => {
  const { page, watcher } = await importFormWith(
    await largeList(['Đinh Văn Sai,Nam,31/02/1985,Chi hội Khóm 1,15/01/2020']),
  );
  await page.getByRole('button', { name: 'Nhập danh sách' }).click();
  await page.getByRole('alert').waitFor({ timeout: 60_000 });
  expect(await page.getByRole('alert').textContent()).toContain('1 dòng còn lỗi');
  await checkPage(page, 'import-upload-refused');
  const [annotated] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải tệp đã ghi lỗi cạnh từng dòng (.xlsx)' }).click(),
  ]);
  expect(annotated.suggestedFilename()).toBe('ket-qua-kiem-tra.xlsx');
  const [, row] = await readTable(await readFile((await annotated.path()) as string), 'xlsx');
  expect(row?.[0]).toContain('Ngày sinh');
  watcher.expectNoProblems();
}, 120_000);

it('gives the template, and the file back with the check written in', async () => {
  const file = join(tmpdir(), `danh-sach-loi-${Date.now()}.csv`);
  await writeFile(file, CSV);
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/members/import`);
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải tệp mẫu (.xlsx)' }).click(),
  ]);
  expect(template.suggestedFilename()).toBe('mau-danh-sach-hoi-vien.xlsx');
  const [headers = []] = await readTable(await readFile((await template.path()) as string), 'xlsx');
  expect(headers.slice(0, 3)).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh']);

  await page.getByLabel('Danh sách của đơn vị').selectOption({ label: 'Phường Mỹ Tho' });
  await page.getByLabel('Tệp danh sách').setInputFiles(file);
  const [annotated] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp kèm kết quả kiểm tra (.xlsx)' }).click(),
  ]);
  expect(annotated.suggestedFilename()).toBe('ket-qua-kiem-tra.xlsx');
  const [, ...rows] = await readTable(await readFile((await annotated.path()) as string), 'xlsx');
  expect(rows.map((row) => row[0] === '')).toEqual([true, false, false, false]);
  expect(rows[1]?.[0]).toContain('bảng mã cũ');
  watcher.expectNoProblems();
});
