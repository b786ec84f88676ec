/**
 * The unit tree in Chromium: an admin walks down from the province to a commune and a hamlet
 * through the children's links and back up through the breadcrumbs, each with its figures; a
 * commune officer opens at their commune and sees another commune without its figures. Each page
 * is checked with axe-core at 360 and 1366 px, with no script error and nothing from outside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { eventually } from '../setup/eventually.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { getJson, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let t: TestApp;
let browser: Browser;
let server: ServedApp;
let poller: StreamPoller;

const ADMIN = 'bu.farmers';
const OFFICER = 'bu.mytho';

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['bu'],
    onboard: provinceWithBranches,
    tenants: {
      'bu:farmers': { officers: [{ username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } }] },
    },
    signIn: [ADMIN],
  });
  t = scene.t;
  poller = await startStreamPollerFor(t);
  const people = [
    'Nguyễn Văn An',
    'Trần Thị Bích',
    'Lê Văn Cường',
    'Phạm Thị Dung',
    'Võ Văn Em',
    'Đỗ Thị Gấm',
  ];
  for (const [i, fullName] of people.entries())
    await admitOk(
      t,
      scene.token(ADMIN),
      admission({
        fullName,
        gender: i % 2 ? 'female' : 'male',
        branchId: i < 5 ? 'b-28261-01' : 'b-28249-01',
      }),
    );
  // The figures follow the stream: the pages are looked at once they count everyone.
  await eventually(
    () => getJson<{ members: { total: number | null } }>(t, '/api/v1/stats?unitId=82', scene.token(ADMIN)),
    (stats) => stats.members.total === people.length,
  );
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await poller?.stop();
});

it('walks an admin down the tree by its links and back up by the breadcrumbs', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, ADMIN);
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Đơn vị' })
    .click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tỉnh bu');
  expect(await page.getByRole('row', { name: /Phường Mỹ Tho/ }).textContent()).toContain('5');
  await checkPage(page, 'units-province');

  await page.getByRole('link', { name: 'Phường Mỹ Tho' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phường Mỹ Tho');
  await checkPage(page, 'units-commune');

  await page.getByRole('table').getByRole('link', { name: 'Khóm 1' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Khóm 1');
  await checkPage(page, 'units-hamlet');

  await page
    .getByRole('navigation', { name: 'Vị trí đơn vị' })
    .getByRole('link', { name: 'Tỉnh bu' })
    .click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tỉnh bu');
  watcher.expectNoProblems();
  await page.context().close();
});

it('opens a commune officer’s tree at their commune; another commune shows no figures', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, OFFICER);
  await page.goto('/units');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phường Mỹ Tho');
  await page.goto('/units/28249');
  await expect.poll(() => page.getByRole('status').textContent()).toContain('ngoài phạm vi của bạn');
  expect(await page.locator('.card').count()).toBe(0);
  await checkPage(page, 'units-out-of-scope');
  watcher.expectNoProblems();
  await page.context().close();
});
