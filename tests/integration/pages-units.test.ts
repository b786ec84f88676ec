/**
 * The unit tree's pages over HTTP: each reader opens the tree at their own place, a unit shows its
 * facts, its figures and its children's figures with links down and breadcrumbs up; the figures
 * are the reader's scope's only — a commune officer sees another commune on the map but none of
 * its figures, branches or members, a branch officer and the Front walk the tree without figures
 * and are told so — and a viewer's small counts stay hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import type { PageClient } from '../setup/page-client.ts';
import { setUpScene } from '../setup/scene.ts';
import { startStreamPollerFor, type TestApp, testHamlet } from '../setup/test-app.ts';
import { pageHtml, signedIn as signedInAs } from './page-scene.ts';

let t: TestApp;
let poller: StreamPoller;

const ADMIN = 'pu.farmers';
const OFFICER = 'pu.mytho';
const VIEWER = 'pu.viewer';
const BRANCH_OFFICER = 'pu.branch';
const REFUSED = 'ngoài phạm vi của bạn';

/** Members admitted per branch: Khóm 1 has six, Khóm 2 two (a count a viewer may not see), 28249 one. */
const ADMITTED: Record<string, number> = { 'b-28261-01': 6, 'b-28261-02': 2, 'b-28249-01': 1 };

beforeAll(async () => {
  const scene = await setUpScene({
    provinces: ['pu'],
    onboard: provinceWithBranches,
    tenants: {
      'pu:farmers': {
        units: [
          {
            ...testHamlet('28261-09', '28261', 'Khóm Cũ'),
            validTo: '2025-12-31',
            successorId: '28261-01',
            formerNames: [{ name: 'Khóm Xưa', validFrom: '2025-07-01', validTo: '2025-09-30' }],
          },
        ],
        officers: [
          { username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } },
          { username: VIEWER, role: 'viewer', scope: null },
          { username: BRANCH_OFFICER, role: 'branch_officer', scope: { branchId: 'b-28261-01' } },
        ],
      },
    },
    signIn: [ADMIN],
  });
  t = scene.t;
  poller = await startStreamPollerFor(t);
  let n = 0;
  for (const [branchId, count] of Object.entries(ADMITTED))
    for (let i = 0; i < count; i++)
      await admitOk(t, scene.token(ADMIN), admission({ fullName: `Lê Văn Số ${++n}`, branchId }));
});

afterAll(async () => {
  await poller?.stop();
});

const signedIn = (username: string) => signedInAs(t, username);

/** The cells of a table row headed by a link to `href`, as text ('' for an empty cell). */
function rowCells(html: string, href: string): string[] | null {
  const row = new RegExp(`<tr><th scope="row"><a href="${href}">.*?</th>(.*?)</tr>`).exec(html);
  if (!row) return null;
  return [...(row[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) =>
    (cell[1] ?? '').replace(/<[^>]+>/g, ''),
  );
}

/** The page once the stream has counted every admission (figures settle a little after the writes). */
const settled = (browser: PageClient, path: string, href: string, total: string) =>
  eventually(
    () => pageHtml(browser, path),
    (html) => rowCells(html, href)?.[1] === total,
  );

describe('the tree for an organization admin', () => {
  it('opens at the province, with its figures and a linked row of figures per commune', WAITS, async () => {
    const admin = await signedIn(ADMIN);
    const html = await settled(admin, '/units', '/units/28261', '8');
    expect(html).toContain('<h1>Tỉnh pu</h1>');
    // Name, type, members, active, away, lapsed, branches, target, coverage.
    expect(rowCells(html, '/units/28261')).toEqual(['Phường', '8', '8', '0', '0', '3', '—', '—']);
    expect(rowCells(html, '/units/28249')).toEqual(['Phường', '1', '1', '0', '0', '1', '—', '—']);
    expect(html).toContain('Hội viên theo tình trạng');
    expect(html).toContain('Chi hội theo loại');
    expect(html).toContain('href="/branches?unitId=82"');
  });

  it('shows a commune with its hamlets, breadcrumbs back to the province', WAITS, async () => {
    const admin = await signedIn(ADMIN);
    const html = await settled(admin, '/units/28261', '/units/28261-01', '6');
    expect(html).toContain('<h1>Phường Mỹ Tho</h1>');
    expect(html).toMatch(
      /<nav class="crumbs" aria-label="Vị trí đơn vị"><ol><li><a href="\/units\/82">Tỉnh pu<\/a>/,
    );
    expect(rowCells(html, '/units/28261-02')?.slice(0, 3)).toEqual(['Khóm', '2', '2']);
    expect(html).toContain('28261');
  });

  it('lists a closed hamlet only on request; its page names what took it over and its former name', async () => {
    const admin = await signedIn(ADMIN);
    expect(await pageHtml(admin, '/units/28261')).not.toContain('Khóm Cũ');
    const withClosed = await pageHtml(admin, '/units/28261?closed=1');
    expect(withClosed).toContain('href="/units/28261-09">Khóm Cũ</a>');
    const closed = await pageHtml(admin, '/units/28261-09');
    expect(closed).toContain('Đã thôi hoạt động');
    expect(closed).toContain('<a href="/units/28261-01">Khóm 1</a>');
    expect(closed).toContain('Khóm Xưa (01/07/2025 – 30/09/2025)');
    expect(closed).toContain('số liệu hiện nay thuộc đơn vị tiếp nhận');
  });

  it('answers 404 for a unit that is not on the map', async () => {
    const admin = await signedIn(ADMIN);
    await pageHtml(admin, '/units/28261-77', 404);
  });
});

describe('a commune officer', () => {
  it('opens at their commune, with its hamlets’ figures', WAITS, async () => {
    const officer = await signedIn(OFFICER);
    const html = await settled(officer, '/units', '/units/28261-01', '6');
    expect(html).toContain('<h1>Phường Mỹ Tho</h1>');
    expect(html).not.toContain(REFUSED);
    expect(html).toContain('href="/members?unitId=28261"');
  });

  it('sees another commune on the map but none of its figures, branches or members', async () => {
    const officer = await signedIn(OFFICER);
    const other = await pageHtml(officer, '/units/28249');
    expect(other).toContain('<h1>Phường Đạo Thạnh</h1>');
    expect(other).toContain(REFUSED);
    expect(other).not.toContain('class="card"');
    expect(other).not.toContain('href="/branches?unitId=28249"');
    expect(other).not.toContain('href="/members?unitId=28249"');
    // The province above is outside their scope too: its communes are listed without numbers.
    const province = await pageHtml(officer, '/units/82');
    expect(province).toContain(REFUSED);
    expect(rowCells(province, '/units/28249')).toEqual(['Phường']);
    // As the API refuses them: the other commune's branches, a branch of it, its members.
    await pageHtml(officer, '/branches?unitId=28249', 403);
    await pageHtml(officer, '/branches/b-28249-01', 403);
    await pageHtml(officer, '/units/28249?closed=1');
  });
});

describe('readers without the figures', () => {
  it('hides a viewer’s counts under five in a hamlet, with the legend', WAITS, async () => {
    await settled(await signedIn(ADMIN), '/units/28261', '/units/28261-01', '6');
    const html = await pageHtml(await signedIn(VIEWER), '/units/28261');
    // The commune's own count stands; Khóm 2's two are hidden, and Khóm 1's six with them, or 8 − 6 would tell.
    expect(html).toContain('<span class="label">Hội viên hiện có</span><span class="value">8</span>');
    expect(rowCells(html, '/units/28261-02')?.slice(1, 3)).toEqual(['—', '—']);
    expect(rowCells(html, '/units/28261-01')?.slice(1, 3)).toEqual(['—', '—']);
    expect(html).toContain('số liệu được ẩn');
  });

  it('lets a branch officer walk the tree from their branch’s hamlet, saying why there are no figures', async () => {
    const branchOfficer = await signedIn(BRANCH_OFFICER);
    const html = await pageHtml(branchOfficer, '/units');
    expect(html).toContain('<h1>Khóm 1</h1>');
    expect(html).toContain(REFUSED);
    expect(html).toContain('href="/branches?unitId=28261-01"');
    expect(html).not.toContain('href="/members?unitId=28261-01"');
  });

  it('shows the Front’s staff the map of the province, with no organization’s figures', async () => {
    const front = await signedIn('pu.front');
    const html = await pageHtml(front, '/units');
    expect(html).toContain('<h1>Tỉnh pu</h1>');
    expect(html).toContain(REFUSED);
    expect(html).not.toContain('href="/branches?');
  });
});
