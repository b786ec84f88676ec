/**
 * The province's map in Chromium: a commune officer proposes a hamlet through the form, the
 * Front's staff find it pending, accept it, and look at the commune's hamlets to rename them.
 * Each page is checked with axe-core at 360 and 1366 px, with no script error and nothing from outside.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpScene } from '../setup/scene.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;

const OFFICER = 'mp.mytho';
const FRONT_ADMIN = 'mp.front.admin';

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['mp'],
    tenants: {
      'mp:farmers': { officers: [{ username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } }] },
    },
    signIn: [FRONT_ADMIN],
  });
  // One reorganization, so its list has a row to lay out.
  const reorganized = await scene.t.request('/api/v1/map/reorganizations', {
    method: 'POST',
    token: scene.token(FRONT_ADMIN),
    json: {
      kind: 'rename',
      effectiveDate: '2025-07-01',
      resolution: { number: '1685/NQ-UBTVQH15', date: '2025-06-16' },
      unitId: '28249',
      name: 'Phường Đạo Thạnh Mới',
    },
  });
  if (reorganized.status !== 201) throw new Error(`reorganization: ${reorganized.status}`);
  [server, browser] = await Promise.all([serveApp(scene.t.app), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('lets a commune officer propose a hamlet, and the Front’s staff accept it', async () => {
  const officer = await openPage(browser, server.origin);
  await signInAs(officer.page, OFFICER);
  await officer.page.getByRole('navigation').getByRole('link', { name: 'Bản đồ hành chính' }).click();
  await officer.page.waitForURL((url) => url.pathname === '/map');
  await checkPage(officer.page, 'map-officer');
  await officer.page.getByLabel('Tên ấp, khóm').fill('Ấp Mỹ Phú');
  await officer.page.getByRole('button', { name: 'Gửi đề xuất' }).click();
  await officer.page.waitForURL((url) => url.search === '?done=proposed');
  await expect
    .poll(() => officer.page.getByRole('heading', { level: 3 }).allTextContents())
    .toContain('Ấp Mỹ Phú');
  await checkPage(officer.page, 'map-officer-proposed');
  officer.watcher.expectNoProblems();
  await officer.page.context().close();

  const front = await openPage(browser, server.origin);
  await signInAs(front.page, FRONT_ADMIN);
  await front.page.goto('/map');
  await checkPage(front.page, 'map-front-admin');
  await front.page.getByRole('button', { name: 'Chấp thuận' }).click();
  await front.page.waitForURL((url) => url.search === '?done=accepted');
  await front.page.getByLabel('Xã, phường', { exact: true }).last().selectOption('28261');
  await front.page.getByRole('button', { name: 'Xem ấp, khóm' }).click();
  await front.page.waitForURL((url) => url.searchParams.get('communeId') === '28261');
  await expect.poll(() => front.page.getByRole('button', { name: 'Đổi tên' }).count()).toBeGreaterThan(0);
  await checkPage(front.page, 'map-front-admin-hamlets');
  await front.page.getByRole('link', { name: 'Các đợt sắp xếp đơn vị hành chính' }).click();
  await front.page.waitForURL((url) => url.pathname === '/map/reorganizations');
  await expect.poll(() => front.page.getByRole('cell', { name: 'Đổi tên' }).count()).toBe(1);
  await checkPage(front.page, 'map-reorganizations');
  front.watcher.expectNoProblems();
  await front.page.context().close();
});
