/**
 * The Front's dashboard over HTTP: the four organizations side by side with memberships and
 * distinct people, coverage drawn, the units below sortable and opening to their hamlets, small
 * counts hidden and explained, the comparison with its sentence, the .xlsx reports — and nobody
 * else's: organizations and the operator are refused, and the Front reaches no member page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE } from '../../shared/exports/xlsx-stream.ts';
import type { Comparison } from '../../shared/figures/reading/schemas.ts';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import { createTestApp, getJson, type TestApp } from '../setup/test-app.ts';
import { FIGURES_CLOCK, TODAY, YEAR } from './figures-fixtures.ts';
import { frontDashboardScene, MONTH_END } from './front-dashboard-scene.ts';

let t: TestApp;
let front: PageClient;
let frontToken: string;

const html = async (response: Response) => {
  expect(response.status).toBe(200);
  return response.text();
};

/** The units of the table of units below, in the order shown. */
const rowUnits = (page: string) =>
  [...page.matchAll(/<th scope="row"><a href="\/front\?unitId=([\w-]+)/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  await frontDashboardScene(t, 'pf');
  frontToken = (await t.signIn('pf.front')).access_token;
  front = pageClient(t);
  await front.signIn('pf.front');
});

describe('the dashboard of the province', () => {
  it('shows the four organizations side by side, memberships and distinct people', async () => {
    const page = await html(await front.get('/front'));
    expect(page).toContain('Tổng hợp các đoàn thể: Tỉnh pf');
    for (const name of ['Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh', 'Đoàn Thanh niên'])
      expect(page).toContain(`<th scope="row">${name}</th>`);
    // 92 + 42 + 7 + 14 memberships held by 120 distinct people.
    expect(page).toMatch(/Số lượt hội viên, đoàn viên<\/span><span class="value">155</);
    expect(page).toMatch(/Số người<\/span><span class="value">120</);
    expect(page).toMatch(/Lượt trùng[^<]*<\/span><span class="value">35</);
  });

  it('draws coverage per organization as an SVG the screen reader can read', async () => {
    const page = await html(await front.get('/front'));
    const svg = page.match(/<svg[^>]*>[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/aria-labelledby="coverage-chart-title"/);
    expect(svg).toContain('<title id="coverage-chart-title">Tỷ lệ tập hợp theo đoàn thể</title>');
    // Farmers 60 present of 80; veterans have no target; the total adds members and targets.
    expect(svg).toContain('Hội Nông dân: 75,00 %');
    expect(svg).toContain('Hội Cựu chiến binh: chưa có đối tượng cần tập hợp');
    expect(svg).toContain('Tổng cộng: 52,63 %');
    expect(svg).toMatch(/<rect[^>]*width="240"[^>]*fill="#2f6db0"/);
    expect(svg).not.toMatch(/style=/);
  });

  it('says the comparison with the previous month-end in the reader’s language', async () => {
    const comparison = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=82&from=${MONTH_END}&to=${TODAY}`,
      frontToken,
    );
    expect(comparison.summary.vi).toContain('tăng 20');
    const page = await html(await front.get('/front'));
    expect(page).toContain(comparison.summary.vi);
    expect(page).toMatch(/<option value="month" selected="">/);

    const english = pageClient(t);
    await english.signIn('pf.front');
    await english.get('/language?to=en&back=%2Ffront');
    const inEnglish = await html(await english.get('/front'));
    expect(inEnglish).toContain('<html lang="en">');
    expect(inEnglish).toContain(comparison.summary.en);
    expect(inEnglish).not.toContain(comparison.summary.vi);
  });

  it('compares with the previous year-end when chosen, and says when that day has no figures', async () => {
    const yearEnd = `${YEAR - 1}-12-31`;
    const page = await html(await front.get('/front?compare=year'));
    expect(page).toMatch(/<option value="year" selected="">/);
    expect(page).toContain(`from=${yearEnd}&amp;to=${TODAY}`);
    // No snapshot was taken on or before last year's end, unless it is last month's end too.
    if (yearEnd !== MONTH_END) expect(page).toContain('Chưa có số liệu chốt vào ngày này để so sánh.');
  });

  it('sorts the units below by any column on the server, saying which', async () => {
    const byFarmers = await html(await front.get('/front?sort=farmers.members&dir=desc'));
    expect(rowUnits(byFarmers)).toEqual(['28261', '28249']);
    expect(byFarmers.match(/aria-sort="/g)).toHaveLength(1);
    expect(byFarmers).toMatch(/aria-sort="descending"><a href="\/front\?sort=farmers\.members&amp;dir=asc"/);
    const ascending = await html(await front.get('/front?sort=farmers.members&dir=asc'));
    expect(rowUnits(ascending)).toEqual(['28249', '28261']);
    // An unknown column sorts by name rather than failing.
    const stale = await html(await front.get('/front?sort=nothing&dir=sideways'));
    expect(stale).toMatch(/aria-sort="ascending"><a href="\/front\?sort=name&amp;dir=desc"/);
  });
});

describe('a commune and its hamlets', () => {
  it('opens from the province’s table and shows its hamlets, small counts hidden and explained', async () => {
    const province = await html(await front.get('/front'));
    expect(province).toContain('<a href="/front?unitId=28261">Phường Mỹ Tho</a>');
    const page = await html(await front.get('/front?unitId=28261'));
    expect(page).toContain('Tổng hợp các đoàn thể: Phường Mỹ Tho');
    expect(page).toMatch(
      /<nav class="crumbs" aria-label="Cấp đơn vị"><ol><li><a href="\/front\?unitId=82">Tỉnh pf<\/a><\/li><\/ol><\/nav>/,
    );
    // Khóm 2's four farmers are hidden, said as such; hamlets have nothing below them to open.
    const khom2 = page.match(/<tr><th scope="row">Khóm 2<\/th>(.*?)<\/tr>/)?.[1] ?? '';
    const farmersMembers = khom2.match(/<td class="num">(.*?)<\/td>/)?.[1];
    expect(farmersMembers).toBe(
      '<span class="suppressed"><span aria-hidden="true">*</span><span class="sr-only">ẩn</span></span>',
    );
    expect(page).toContain('dưới 5 người ở cấp ấp, khóm');
  });
});

describe('the .xlsx reports', () => {
  const workbookText = async (response: Response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
    return cells.join('\n');
  };

  it('downloads the overview the page links to, as the API makes it', async () => {
    const page = await html(await front.get('/front'));
    expect(page).toContain('href="/front/overview.xlsx?unitId=82"');
    const response = await front.get('/front/overview.xlsx?unitId=82');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="tong-hop-82-${TODAY}.xlsx"`,
    );
    const text = await workbookText(response);
    for (const name of ['Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh', 'Đoàn Thanh niên'])
      expect(text).toContain(name);
    expect(text).toContain('Phường Mỹ Tho');
  });

  it('downloads the comparison the page links to', async () => {
    const page = await html(await front.get('/front?unitId=28261'));
    const link = `/front/compare.xlsx?unitId=28261&from=${MONTH_END}&to=${TODAY}`;
    expect(page).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    const response = await front.get(link);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="so-sanh-28261-/);
    expect(await workbookText(response)).toContain('Khóm 1');
  });

  it('refuses a comparison that ends before it starts', async () => {
    const response = await front.get(`/front/compare.xlsx?unitId=82&from=${TODAY}&to=2025-07-01`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('who reaches it', () => {
  it('refuses an organization’s admin and the operator, the downloads too', async () => {
    for (const username of ['pf.farmers', 'root.operator']) {
      const browser = pageClient(t);
      await browser.signIn(username);
      for (const path of ['/front', '/front?unitId=28261', '/front/overview.xlsx?unitId=82']) {
        const response = await browser.get(path);
        expect({ username, path, status: response.status }).toEqual({ username, path, status: 403 });
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      }
    }
  });

  it('shows the Front no member anywhere: no member pages in its menu, refused if typed', async () => {
    const page = await html(await front.get('/front'));
    expect(page).toContain('href="/front"');
    expect(page).not.toContain('href="/members');
    for (const path of ['/members', '/members?q=nguyen', '/members/00000000-0000-4000-8000-000000000000'])
      expect([403, 404]).toContain((await front.get(path)).status);
  });
});
