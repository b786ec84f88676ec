/**
 * The grid of target populations over HTTP: an officer fills all hamlets of a commune in one save,
 * each target then readable through the API; one bad cell writes none of them; a number someone
 * else saved meanwhile is shown, not overwritten; readers without the right see the numbers only,
 * and a refused save writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { Stats } from '../../shared/figures/reading/schemas.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { pageClient } from '../setup/page-client.ts';
import { alphaFarmersOfficers, setUpScene } from '../setup/scene.ts';
import { getJson, startStreamPollerFor, type TestApp, testHamlet } from '../setup/test-app.ts';

let t: TestApp;
let admin: string;
let poller: StreamPoller;

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    tenants: {
      'alpha:farmers': {
        // A hamlet closed before 2026: no row of its own in that year's grid.
        units: [{ ...testHamlet('28261-09', '28261', 'Khóm Cũ'), validTo: '2025-12-31' }],
        officers: alphaFarmersOfficers(),
      },
    },
    signIn: ['alpha.farmers'],
  });
  t = scene.t;
  admin = scene.token('alpha.farmers');
  poller = await startStreamPollerFor(t);
});

afterAll(async () => {
  await poller?.stop();
});

const targetPath = (unitId: string, year: number | string) => `/api/v1/units/${unitId}/targets/${year}`;

/** The target the API reads back, or null when none is set. */
async function storedTarget(unitId: string, year: number | string): Promise<number | null> {
  const response = await t.request(targetPath(unitId, year), { token: admin });
  if (response.status === 404) return null;
  expect(response.status).toBe(200);
  return ((await response.json()) as { targetPopulation: number }).targetPopulation;
}

/** A submitted grid: unit and year, one number per unit, and the versions it was drawn with (none yet). */
function grid(
  year: number,
  numbers: Record<string, string>,
  versions: Record<string, string> = {},
  unitId = '28261',
) {
  const form: Record<string, string> = { unitId, year: String(year) };
  for (const [unitId, typed] of Object.entries(numbers)) {
    form[`${unitId}.targetPopulation`] = typed;
    form[`${unitId}.version`] = versions[unitId] ?? '0';
  }
  return form;
}

const cell = (html: string, unitId: string) =>
  html.match(new RegExp(`<input id="f-${unitId}-targetPopulation"[^>]*>`))?.[0] ?? '';

describe('filling a commune’s targets', () => {
  it('shows one numeric cell per hamlet in force, labelled by its name, and one for the commune', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const page = await browser.get('/targets?unitId=28261&year=2026');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const unitId of ['28261', '28261-01', '28261-02']) {
      expect(cell(html, unitId)).toContain('inputmode="numeric"');
      expect(html).toContain(`<label for="f-${unitId}-targetPopulation">`);
    }
    expect(html).toContain('<label for="f-28261-01-targetPopulation">Khóm 1</label>');
    expect(html).toContain('Phường Mỹ Tho (chung cả đơn vị)');
    expect(html).not.toContain('Khóm Cũ');
    // One commune's grid: the other commune's hamlet is not in it.
    expect(html).not.toContain('f-28249-01-targetPopulation');
  });

  it('saves every hamlet’s target with one Save, each readable back through the API', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const response = await browser.post(
      '/targets',
      grid(2026, { '28261': '', '28261-01': '1.250', '28261-02': '800' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/targets?unitId=28261&year=2026&saved=2');
    expect(await storedTarget('28261-01', 2026)).toBe(1250);
    expect(await storedTarget('28261-02', 2026)).toBe(800);
    // A cell left empty sets nothing.
    expect(await storedTarget('28261', 2026)).toBeNull();

    const html = await (await browser.get(response.headers.get('location') as string)).text();
    expect(html).toContain('Đã lưu. Số đơn vị thay đổi: 2');
    expect(cell(html, '28261-01')).toContain('value="1250"');
    expect(cell(html, '28261-02')).toContain('value="800"');
  });

  it('writes none of the grid when one cell is bad, keeps what was typed and marks that cell', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const response = await browser.post('/targets', grid(2027, { '28261-01': '900', '28261-02': 'nhiều' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    const bad = cell(html, '28261-02');
    expect(bad).toContain('value="nhiều"');
    expect(bad).toContain('aria-invalid="true"');
    expect(bad).toContain('aria-describedby="f-28261-02-targetPopulation-error"');
    expect(html).toContain('id="f-28261-02-targetPopulation-error"');
    expect(cell(html, '28261-01')).toContain('value="900"');
    expect(cell(html, '28261-01')).not.toContain('aria-invalid');
    expect(html).toContain('Chưa lưu số nào');
    expect(await storedTarget('28261-01', 2027)).toBeNull();
    expect(await storedTarget('28261-02', 2027)).toBeNull();
  });

  it('refuses a negative number and a target emptied where one is set, writing nothing', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const response = await browser.post(
      '/targets',
      grid(2026, { '28261-01': '', '28261-02': '-5' }, { '28261-01': '1', '28261-02': '1' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(cell(html, '28261-01')).toContain('aria-invalid="true"');
    expect(cell(html, '28261-02')).toContain('aria-invalid="true"');
    expect(await storedTarget('28261-01', 2026)).toBe(1250);
    expect(await storedTarget('28261-02', 2026)).toBe(800);
  });

  it('shows a number someone else saved meanwhile instead of overwriting it, and writes nothing', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    await browser.get('/targets?unitId=28261&year=2028');
    // Another officer saves hamlet 1 through the API while the grid is open.
    const put = await t.request(targetPath('28261-01', 2028), {
      method: 'PUT',
      token: admin,
      json: { targetPopulation: 500 },
    });
    expect(put.status).toBe(200);
    const response = await browser.post('/targets', grid(2028, { '28261-01': '700', '28261-02': '300' }));
    expect(response.status).toBe(412);
    const html = await response.text();
    expect(html).toContain('Người khác vừa sửa bản ghi này');
    expect(cell(html, '28261-01')).toContain('value="500"');
    expect(html).toMatch(/name="28261-01\.version" value="1"/);
    // The other cell keeps what was typed, for the second save.
    expect(cell(html, '28261-02')).toContain('value="300"');
    expect(await storedTarget('28261-01', 2028)).toBe(500);
    expect(await storedTarget('28261-02', 2028)).toBeNull();
  });

  it('shows each hamlet’s active members and coverage beside its target', WAITS, async () => {
    const year = Number(t.today.slice(0, 4));
    for (const fullName of ['Lê Văn Một', 'Lê Văn Hai', 'Lê Văn Ba', 'Lê Văn Bốn'])
      await admitOk(t, admin, admission({ fullName, branchId: 'b-28249-01' }));
    await eventually(
      () => getJson<Stats>(t, '/api/v1/stats?unitId=28249', admin),
      (stats) => stats.children.find((row) => row.unitId === '28249-01')?.members.active === 4,
    );
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    await browser.post('/targets', grid(year, { '28249-01': '10' }, {}, '28249'));
    const html = await (await browser.get(`/targets?unitId=28249&year=${year}`)).text();
    const row = html.match(
      /<tr><th scope="row"><label for="f-28249-01-targetPopulation">[\s\S]*?<\/tr>/,
    )?.[0];
    expect(row).toMatch(/<td class="num">4<\/td><td class="num">40,00 %<\/td>/);
  });
});

describe('who fills which grid', () => {
  it('opens a commune officer’s own commune, and refuses another commune', async () => {
    const browser = pageClient(t);
    await browser.signIn('mytho.officer');
    const own = await browser.get('/targets');
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain('Đối tượng cần tập hợp: Phường Mỹ Tho');
    expect(cell(html, '28261-01')).not.toBe('');
    expect((await browser.get('/targets?unitId=28249')).status).toBe(403);
    const refused = await browser.post('/targets', grid(2029, { '28249-01': '5' }, {}, '28249'));
    expect(refused.status).toBe(403);
    expect(await storedTarget('28249-01', 2029)).toBeNull();
  });

  it('lets an organization admin pick any commune of the province', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const html = await (await browser.get('/targets')).text();
    expect(html).toContain('<option value="28249">Phường Đạo Thạnh</option>');
    expect(html).toContain('<option value="28261">Phường Mỹ Tho</option>');
    expect(html).toContain('Chọn một xã, phường');
  });

  it('shows a viewer the numbers without cells, and refuses their save with nothing written', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.viewer');
    const page = await browser.get('/targets?unitId=28261&year=2026');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('name="28261-01.targetPopulation"');
    expect(html).toContain('1.250');
    const refused = await browser.post('/targets', grid(2026, { '28261-01': '1' }, { '28261-01': '1' }));
    expect(refused.status).toBe(403);
    expect(await storedTarget('28261-01', 2026)).toBe(1250);
  });

  it('marks a year out of range beside the year field', async () => {
    const browser = pageClient(t);
    await browser.signIn('alpha.farmers');
    const page = await browser.get('/targets?unitId=28261&year=1990');
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/id="f-year"[^>]*aria-invalid="true"/);
  });
});
