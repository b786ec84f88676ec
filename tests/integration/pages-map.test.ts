/**
 * The province's map over HTTP: a commune officer proposes a hamlet, another organization's
 * proposal of the same name without diacritics joins it, the Front's staff accept it and every
 * organization then finds it under the commune; map editors add and rename hamlets directly. A
 * refused form keeps what was typed and writes nothing; who may not decide is refused, and
 * nothing is written (read back through the API).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HamletProposal } from '../../shared/domain/map-proposals.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersOfficers, setUpScene } from '../setup/scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let frontAdmin: string;
let women: string;

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['alpha', 'beta'],
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers() } },
    signIn: ['alpha.farmers', 'alpha.women', 'alpha.front.admin', 'beta.front.admin'],
  });
  t = scene.t;
  frontAdmin = scene.token('alpha.front.admin');
  women = scene.token('alpha.women');
});

const pending = async () =>
  (await getJson<{ items: HamletProposal[] }>(t, '/api/v1/map/proposals?status=pending', frontAdmin)).items;
const hamletsOf = async (communeId: string, token: string) =>
  (await getJson<{ items: FullUnit[] }>(t, `/api/v1/units?parentId=${communeId}&limit=100`, token)).items;
const field = (html: string, id: string) =>
  html.match(new RegExp(`<(input|select) id="${id}"[^>]*>`))?.[0] ?? '';

async function signedIn(username: string) {
  const browser = pageClient(t);
  await browser.signIn(username);
  return browser;
}

describe('proposing a hamlet and deciding on it', () => {
  let proposalId = '';

  it('offers a commune officer their own commune only, and takes their proposal', async () => {
    const officer = await signedIn('mytho.officer');
    const page = await officer.get('/map');
    expect(page.status).toBe(200);
    const html = await page.text();
    const communeSelect = html.match(/<select id="p-communeId"[\s\S]*?<\/select>/)?.[0] ?? '';
    expect(communeSelect).toContain('value="28261"');
    expect(communeSelect).not.toContain('value="28249"');
    expect(html).not.toContain('/accept');

    const response = await officer.post('/map/proposals', {
      communeId: '28261',
      name: 'Ấp Mỹ Phú',
      type: 'ap',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/map?done=proposed');
    const after = await (await officer.get('/map?done=proposed')).text();
    expect(after).toContain('Đã gửi đề xuất');
    expect(after).toContain('<h3 id="p-');
    expect(after).toContain('Ấp Mỹ Phú');

    const [proposal, ...others] = await pending();
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({ name: 'Ấp Mỹ Phú', communeId: '28261', organizations: ['farmers'] });
    proposalId = proposal?.id ?? '';
  });

  it('joins another organization’s proposal of the same name written without diacritics', async () => {
    const admin = await signedIn('alpha.women');
    const response = await admin.post('/map/proposals', {
      communeId: '28261',
      name: 'ap my phu',
      type: 'ap',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/map?done=joined');
    expect(await (await admin.get('/map?done=joined')).text()).toContain('đề xuất của bạn được gộp vào đó');
    const proposals = await pending();
    expect(proposals.map((p) => [p.id, p.organizations])).toEqual([[proposalId, ['farmers', 'women']]]);
  });

  it('refuses the decision to who is not a map editor, or of another province, and writes nothing', async () => {
    const officer = await signedIn('mytho.officer');
    expect((await officer.post(`/map/proposals/${proposalId}/accept`, {})).status).toBe(403);
    const viewer = await signedIn('alpha.viewer');
    expect((await viewer.post(`/map/proposals/${proposalId}/reject`, { reason: 'Không có' })).status).toBe(
      403,
    );
    expect(
      (await viewer.post('/map/proposals', { communeId: '28261', name: 'Ấp Lạ', type: 'ap' })).status,
    ).toBe(403);
    const elsewhere = await signedIn('beta.front.admin');
    expect((await elsewhere.post(`/map/proposals/${proposalId}/accept`, {})).status).toBe(404);
    const page = await (await elsewhere.get('/map')).text();
    expect(page).not.toContain(proposalId);
    expect(page).not.toContain('Ấp Mỹ Phú');

    expect((await pending()).map((p) => [p.id, p.status])).toEqual([[proposalId, 'pending']]);
    expect((await hamletsOf('28261', women)).map((u) => u.name)).not.toContain('Ấp Mỹ Phú');
  });

  it('refuses a rejection without a reason beside its field, and writes nothing', async () => {
    const front = await signedIn('alpha.front.admin');
    const response = await front.post(`/map/proposals/${proposalId}/reject`, { reason: '' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(field(html, `r-${proposalId}-reason`)).toContain('aria-invalid="true"');
    expect(html).toContain(`id="r-${proposalId}-reason-error"`);
    expect((await pending()).map((p) => p.status)).toEqual(['pending']);
  });

  it('lets the Front’s staff accept it: the hamlet is then under the commune for every organization', async () => {
    const front = await signedIn('alpha.front.admin');
    const page = await (await front.get('/map')).text();
    expect(page).toContain(`action="/map/proposals/${proposalId}/accept"`);
    expect(page).toContain('Hội Nông dân, Hội Liên hiệp Phụ nữ');

    const response = await front.post(`/map/proposals/${proposalId}/accept`, { name: '' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/map?done=accepted');
    expect(await pending()).toEqual([]);
    for (const username of ['alpha.farmers', 'alpha.women', 'alpha.front.admin']) {
      const token = (await t.signIn(username)).access_token;
      expect((await hamletsOf('28261', token)).map((u) => u.name)).toContain('Ấp Mỹ Phú');
    }
    // Accepting it again answers the same hamlet (as the API does); rejecting it now is told it was accepted.
    expect((await front.post(`/map/proposals/${proposalId}/accept`, {})).status).toBe(303);
    const late = await front.post(`/map/proposals/${proposalId}/reject`, { reason: 'Trùng' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('Đề xuất này đã được chấp thuận.');
    expect((await hamletsOf('28261', women)).filter((u) => u.name === 'Ấp Mỹ Phú')).toHaveLength(1);
  });

  it('answers a proposal of a hamlet already on the map with that hamlet, opening none', async () => {
    const officer = await signedIn('mytho.officer');
    const response = await officer.post('/map/proposals', {
      communeId: '28261',
      name: 'ẤP MỸ PHÚ',
      type: 'ap',
    });
    expect(response.headers.get('location')).toBe('/map?done=exists');
    expect(await pending()).toEqual([]);
  });

  it('refuses a proposal without a name beside its field, keeping the commune, and writes nothing', async () => {
    const officer = await signedIn('mytho.officer');
    const response = await officer.post('/map/proposals', { communeId: '28261', name: '', type: 'khom' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(field(html, 'p-name')).toContain('aria-invalid="true"');
    expect(html).toContain('<option value="khom" selected="">');
    expect(await pending()).toEqual([]);
  });
});

describe('map editors changing the map directly', () => {
  it('adds a hamlet to a commune, refusing one of a name the commune has', async () => {
    const front = await signedIn('alpha.front.admin');
    const added = await front.post('/map/units', { parentId: '28249', type: 'khom', name: 'Khóm Tân Phú' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/map?done=added&communeId=28249');
    expect((await hamletsOf('28249', women)).map((u) => u.name)).toContain('Khóm Tân Phú');

    const twin = await front.post('/map/units', { parentId: '28249', type: 'khom', name: 'khom tan phu' });
    expect(twin.status).toBe(409);
    const html = await twin.text();
    expect(field(html, 'u-name')).toContain('aria-invalid="true"');
    expect(field(html, 'u-name')).toContain('value="khom tan phu"');
    expect((await hamletsOf('28249', women)).filter((u) => u.name === 'Khóm Tân Phú')).toHaveLength(1);
  });

  it('renames a hamlet with its version; a stale one shows the current name and writes nothing', async () => {
    const front = await signedIn('alpha.front.admin');
    const hamlet = (await hamletsOf('28249', women)).find((u) => u.name === 'Khóm Tân Phú') as FullUnit;
    const page = await (await front.get('/map?communeId=28249')).text();
    expect(page).toContain(`action="/map/units/${hamlet.id}"`);

    const stale = await front.post(`/map/units/${hamlet.id}`, {
      name: 'Khóm Cũ',
      version: String(hamlet.version - 1),
    });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('Người khác vừa sửa bản ghi này.');
    expect(field(staleHtml, `n-${hamlet.id}-name`)).toContain('value="Khóm Tân Phú"');
    expect((await hamletsOf('28249', women)).find((u) => u.id === hamlet.id)?.name).toBe('Khóm Tân Phú');

    const renamed = await front.post(`/map/units/${hamlet.id}`, {
      name: 'Khóm Tân Phú Đông',
      version: String(hamlet.version),
    });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/map?done=renamed&communeId=28249');
    expect((await hamletsOf('28249', women)).find((u) => u.id === hamlet.id)?.name).toBe('Khóm Tân Phú Đông');
  });

  it('refuses direct changes to an organization’s admin without the grant, writing nothing', async () => {
    const admin = await signedIn('alpha.farmers');
    const page = await (await admin.get('/map')).text();
    expect(page).not.toContain('action="/map/units"');
    const refused = await admin.post('/map/units', { parentId: '28249', type: 'khom', name: 'Khóm Riêng' });
    expect(refused.status).toBe(403);
    expect((await hamletsOf('28249', women)).map((u) => u.name)).not.toContain('Khóm Riêng');
  });
});

describe('the province’s reorganizations', () => {
  it('lists them for every organization of the province, and none of them to another province', async () => {
    const response = await t.request('/api/v1/map/reorganizations', {
      method: 'POST',
      token: frontAdmin,
      json: {
        kind: 'rename',
        effectiveDate: '2025-07-01',
        resolution: { number: '77/NQ-HĐND', date: '2025-06-16' },
        unitId: '28249',
        name: 'Phường Đạo Thạnh Mới',
      },
    });
    expect(response.status).toBe(201);

    const admin = await signedIn('alpha.women');
    const page = await admin.get('/map/reorganizations');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<td>77/NQ-HĐND (16/06/2025)</td>');
    expect(html).toContain('<td>Đổi tên</td>');
    expect(html).toContain('Phường Đạo Thạnh Mới');
    expect(html).toContain('<td>01/07/2025</td>');

    const elsewhere = await signedIn('beta.front.admin');
    const theirs = await (await elsewhere.get('/map/reorganizations')).text();
    expect(theirs).not.toContain('77/NQ-HĐND');
    expect(theirs).toContain('Chưa có đợt sắp xếp nào.');
  });
});
