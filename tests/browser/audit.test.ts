/**
 * The audit log in Chromium: an organization admin reads their own actions and follows a record's
 * history from it. Each page checked with axe-core at 360 and 1366 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

beforeAll(async () => {
  const { t, token } = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    signIn: ['alpha.farmers'],
  });
  const admin = token('alpha.farmers');
  await admitOk(t, admin, admission({ fullName: 'Trần Văn Ghi' }));
  for (const targetPopulation of [300, 320])
    await t.request('/api/v1/units/28261-01/targets/2026', {
      method: 'PUT',
      token: admin,
      json: { targetPopulation },
    });
  [server, browser] = await Promise.all([serveApp(t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('shows the admin’s own actions and a record’s history', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
  await page.waitForURL((url) => url.pathname === '/audit');
  const log = page.getByRole('table', { name: 'Việc bạn đã làm' });
  await expect.poll(() => log.getByRole('row').count()).toBe(4);
  await checkPage(page, 'audit');

  await log.getByRole('link', { name: '28261-01/targets/2026' }).first().click();
  await page.waitForURL((url) => url.searchParams.get('entityId') === '28261-01/targets/2026');
  await expect.poll(() => page.getByRole('table').textContent()).toContain('300 → 320');
  watcher.expectNoProblems();
  await page.context().close();
});
