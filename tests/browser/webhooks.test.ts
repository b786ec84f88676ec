/**
 * Webhooks in Chromium: an organization admin finds the page from the settings, adds an endpoint
 * and reads its secret once, opens it, sends a test event, and sees the delivery and its attempt;
 * the receiver verifies what it got with the `standardwebhooks` library; then changes it, rotates
 * its secret and deletes it behind the "Tôi hiểu" box. Each page checked with axe-core at 360 and
 * 1366 px.
 */
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebhookSender } from '../../shared/webhooks/sender.ts';
import { createTestApp, onboardTestProvince, type TestApp } from '../setup/test-app.ts';
import { type Receiver, startReceiver, webhookHeaders } from '../setup/webhook-receiver.ts';
import { checkPage } from './setup/check-page.ts';
import { launchChromium, openPage } from './setup/chromium.ts';
import { type ServedApp, serveApp } from './setup/serve-app.ts';
import { signInAs } from './setup/sign-in.ts';

let browser: Browser;
let server: ServedApp;
let receiver: Receiver;
let t: TestApp;

beforeAll(async () => {
  // One machine: the receiver is on this one.
  t = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true' } });
  await onboardTestProvince(t, 'alpha');
  [server, browser, receiver] = await Promise.all([serveApp(t.app), launchChromium(), startReceiver()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

it('adds an endpoint shown with its secret once, sends it a test event and lists the delivery', async () => {
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/settings`);
  await page.getByRole('link', { name: 'Webhook' }).click();
  await page.waitForURL((url) => url.pathname === '/settings/webhooks');
  await checkPage(page, 'webhooks');

  await page.getByLabel('Địa chỉ nhận (https://…)').fill(receiver.url);
  await page.getByLabel('Mô tả').fill('Zalo bot của tỉnh');
  await page.getByLabel('member.created').check();
  await page.getByRole('button', { name: 'Thêm webhook' }).click();
  const secret = (await page.locator('code', { hasText: /^whsec_/ }).textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  await checkPage(page, 'webhooks-created');

  await page.getByRole('link', { name: receiver.url }).click();
  await page.getByRole('button', { name: 'Gửi sự kiện thử' }).click();
  await page.waitForURL((url) => url.searchParams.has('tested'));
  await createWebhookSender({
    table: t.deps.table,
    vault: t.deps.nationalIds,
    allowPrivateAddresses: true,
  }).runDue();
  await page.reload();
  expect(await page.getByRole('cell', { name: 'Đã nhận' }).count()).toBe(1);
  await checkPage(page, 'webhook-deliveries');

  const [got] = receiver.received;
  expect(
    new Webhook(secret).verify(got?.body ?? '', webhookHeaders(got ?? { headers: {}, body: '' })),
  ).toMatchObject({
    type: 'webhook.test',
  });
  watcher.expectNoProblems();
  await page.context().close();
});

it('changes an endpoint, rotates its secret and deletes it once the box is ticked', async () => {
  const created = await t.request('/api/v1/webhooks', {
    method: 'POST',
    token: (await t.signIn('alpha.farmers')).access_token,
    json: { url: 'https://hook.example.org/zalo', eventTypes: ['member.created'], description: 'Zalo' },
  });
  const { id } = (await created.json()) as { id: string };
  const { page, watcher } = await openPage(browser, server.origin);
  await signInAs(page, 'alpha.farmers');
  await page.goto(`${server.origin}/settings/webhooks/${id}`);
  await checkPage(page, 'webhook-endpoint');

  await page.getByLabel('Mô tả').fill('Zalo bot của tỉnh');
  await page.getByLabel('member.updated').check();
  await page.getByLabel('Đang gửi (bỏ chọn để tắt webhook)').uncheck();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL((url) => url.searchParams.has('saved'));
  expect(await page.getByText('member.created, member.updated · Đã tắt').count()).toBe(1);
  await checkPage(page, 'webhook-endpoint-saved');

  await page.getByRole('button', { name: 'Đổi khóa bí mật' }).click();
  const secret = (await page.locator('code', { hasText: /^whsec_/ }).textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  expect(await page.getByText('Khóa cũ vẫn hợp lệ 24 giờ').count()).toBe(1);
  await checkPage(page, 'webhook-secret-rotated');

  await page.getByRole('checkbox', { name: /Tôi hiểu: webhook bị xóa/ }).check();
  await page.getByRole('button', { name: 'Xóa webhook' }).click();
  await page.waitForURL((url) => url.pathname === '/settings/webhooks' && url.searchParams.has('deleted'));
  expect(await page.getByRole('link', { name: 'https://hook.example.org/zalo' }).count()).toBe(0);
  await checkPage(page, 'webhook-deleted');
  watcher.expectNoProblems();
  await page.context().close();
});
