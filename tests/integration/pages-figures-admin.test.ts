/**
 * An organization's figures kept by its admin over HTTP: a snapshot for a day, taken once and
 * refused beside the date afterwards, and a recount whose report is shown; operators snapshot a
 * province by naming it, and those who may do neither are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '#shared/domain/dates.ts';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import { appWithProvinces } from '../setup/scene.ts';
import type { TestApp } from '../setup/test-app.ts';

let t: TestApp;
let admin: PageClient;
const today = vietnamToday(new Date());
const shortDate = (day: string) => day.split('-').reverse().join('/');

const signedIn = async (username: string) => {
  const client = pageClient(t);
  await client.signIn(username);
  return client;
};

beforeAll(async () => {
  t = await appWithProvinces(['fa', 'fb']);
  admin = await signedIn('fa.farmers');
});

describe('snapshots', () => {
  it('takes today once, then refuses the day beside the date and copies nothing again', async () => {
    const taken = await admin.post('/settings/figures/snapshot', { date: '' });
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe(`/settings/figures?snapshot=${today}`);
    const shown = await (await admin.get(`/settings/figures?snapshot=${today}`)).text();
    expect(shown).toContain(`Đã chốt số liệu ngày ${shortDate(today)}`);

    const again = await admin.post('/settings/figures/snapshot', { date: today });
    expect(again.status).toBe(409);
    const page = await again.text();
    expect(page).toContain('đã được chốt (lần 1) và không thể ghi đè');
    expect(page).toMatch(/id="f-date"[^>]*aria-invalid="true"/);
    // The API finds the day taken by the page, and still only once.
    const token = (await t.signIn('fa.farmers')).access_token;
    const api = await t.request('/api/v1/admin/snapshots', { token, method: 'POST', json: { date: today } });
    expect(api.status).toBe(409);
  });

  it('refuses a day before the province came on the platform', async () => {
    const response = await admin.post('/settings/figures/snapshot', { date: '2020-01-01' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Không thể chốt số liệu ngày 01/01/2020');
  });

  it('lets the operator snapshot a province by naming it', async () => {
    const operator = await signedIn('root.operator');
    const form = await (await operator.get('/settings/figures')).text();
    expect(form).toContain('name="provinceId"');
    expect(form).not.toContain('action="/settings/figures/recount"');
    const unnamed = await operator.post('/settings/figures/snapshot', {});
    expect(unnamed.status).toBe(400);
    const named = await operator.post('/settings/figures/snapshot', { provinceId: 'fb' });
    expect(named.status).toBe(303);
    const token = (await t.signIn('fb.women')).access_token;
    const api = await t.request('/api/v1/admin/snapshots', { token, method: 'POST', json: { date: today } });
    expect(api.status).toBe(409);
  });
});

describe('snapshot revisions', () => {
  it('corrects a day taken with the current figures and its reason, which the API then reads', async () => {
    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    const before = await admin.post('/settings/figures/revision', {
      date: yesterday,
      reason: 'Sót hội viên',
    });
    expect(before.status).toBe(404);
    const missing = await before.text();
    expect(missing).toContain(`Chưa có số liệu chốt ngày ${shortDate(yesterday)} để điều chỉnh.`);
    expect(missing).toMatch(/id="revision-date"[^>]*aria-invalid="true"/);
    expect(missing).toContain('>Sót hội viên</textarea>');

    // Today is taken here unless the snapshot tests above took it already.
    const taken = await admin.post('/settings/figures/snapshot', { date: today });
    expect([303, 409]).toContain(taken.status);
    const day = today;
    const revised = await admin.post('/settings/figures/revision', {
      date: day,
      reason: 'Nhập bổ sung 3 hội viên bị sót',
    });
    expect(revised.status).toBe(303);
    expect(revised.headers.get('location')).toBe(`/settings/figures?revised=${day}&revision=2`);
    const shown = await (await admin.get(revised.headers.get('location') ?? '')).text();
    expect(shown).toContain(`Đã điều chỉnh số liệu chốt ngày ${shortDate(day)} (lần 2)`);
    // The next revision through the API is the third: the page's was recorded as the second.
    const token = (await t.signIn('fa.farmers')).access_token;
    const api = await t.request(`/api/v1/admin/snapshots/${day}/revisions`, {
      token,
      method: 'POST',
      json: { reason: 'Lần nữa' },
    });
    expect(api.status).toBe(201);
    expect(((await api.json()) as { revision: number }).revision).toBe(3);
  });

  it('asks for the reason beside its field and writes nothing without it', async () => {
    const response = await admin.post('/settings/figures/revision', { date: today, reason: ' ' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/id="revision-reason"[^>]*aria-invalid="true"/);
  });

  it('is offered to organization admins only', async () => {
    const form = await (await admin.get('/settings/figures')).text();
    expect(form).toContain('action="/settings/figures/revision"');
    const operator = await signedIn('root.operator');
    expect(await (await operator.get('/settings/figures')).text()).not.toContain(
      'action="/settings/figures/revision"',
    );
    const revision = await operator.post('/settings/figures/revision', { date: today, reason: 'Thử' });
    expect(revision.status).toBe(403);
  });
});

describe('recount', () => {
  it('shows the report of the organization', async () => {
    const response = await admin.post('/settings/figures/recount', { apply: 'no' });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Kết quả đếm lại');
    expect(page).toContain('Số liệu đang lưu khớp với số đếm lại.');
  });

  it('is refused to the Front and the operator, as the API refuses them', async () => {
    const front = await signedIn('fa.front');
    expect((await front.get('/settings/figures')).status).toBe(403);
    expect((await front.post('/settings/figures/snapshot', { date: today })).status).toBe(403);
    const operator = await signedIn('root.operator');
    expect((await operator.post('/settings/figures/recount', { apply: 'yes' })).status).toBe(403);
  });
});
