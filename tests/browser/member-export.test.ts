/**
 * A list longer than a page downloaded in Chromium: the list's Excel button prepares the file,
 * its page follows it (reloading itself, no script needed) and links to it, and the file
 * downloaded holds the list's members. The list with its download form and the ready file's page
 * are checked with axe-core at 360 and 1366 px, with no script error and nothing from outside.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTable } from '../../shared/imports/read-table.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    signIn: ['alpha.farmers'],
  });
  for (const given of ['An', 'Bình', 'Châu'])
    await admitOk(
      scene.t,
      scene.token('alpha.farmers'),
      admission({ fullName: `Phạm Văn ${given}`, branchId: 'b-28261-01' }),
    );
  [server, browser] = await Promise.all([serveApp(scene.t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('prepares a long list as a file and downloads it from the export’s page', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/members?q=pham+van&limit=2`);
  await checkPage(page, 'members-export-form');

  await page.getByRole('button', { name: 'Excel (.xlsx)' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/members/exports/'));
  await page.getByText('Tệp đã sẵn sàng.').waitFor({ timeout: 30_000 });
  await checkPage(page, 'member-export-ready');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải tệp (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^hoi-vien-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const [headers = [], ...rows] = await readTable(await readFile((await download.path()) as string), 'xlsx');
  expect(headers[0]).toBe('Họ và tên');
  expect(rows.map((row) => row[0]).sort()).toEqual(['Phạm Văn An', 'Phạm Văn Bình', 'Phạm Văn Châu']);
  watcher.expectNoProblems();
});
