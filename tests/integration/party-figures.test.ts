/**
 * Introductions to the Party as figures, end to end: members introduced, admitted, refused and
 * withdrawn through the API reach an organization's figures, the Front's overview and comparison,
 * snapshots, the .xlsx and the pages through the stream function, counted for the year of the
 * day asked about, small counts hidden in hamlets — and equal to a recount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import type { Comparison, FrontRow, Overview, Stats } from '../../shared/figures/reading/schemas.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, changeStatusOk, postJson } from '../setup/members.ts';
import { type PageClient, pageClient } from '../setup/page-client.ts';
import {
  createOfficer,
  createTestApp,
  getJson,
  seedBranches,
  startStreamPollerFor,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';
import { rowsOf, sheetOf as sheetOfWorkbook } from '../setup/workbooks.ts';
import { FIGURES_CLOCK, figuresProvince, TODAY, YEAR } from './figures-fixtures.ts';

const LAST = YEAR - 1;
/** This year's introductions are made on its first day, so that any day of the year can answer them. */
const NEW_YEAR = `${YEAR}-01-01`;
const YEAR_END = `${LAST}-12-31`;

let t: TestApp;
let poller: StreamPoller;
const tokens: Record<string, string> = {};
const token = (username: string) => tokens[username] ?? '';

interface MemberView {
  id: string;
  partyMember?: boolean;
  partyIntroductions?: { id: string; state: string }[];
}

/** Introduces a member (POST …/party-introductions) and answers the new introduction's id. */
async function introduce(username: string, memberId: string, introducedOn: string): Promise<string> {
  const response = await postJson(t, token(username), `/api/v1/members/${memberId}/party-introductions`, {
    introducedOn,
    decisionNumber: '15-QĐ/HND',
  });
  // The status is the members API's business (its own tests): here only that it was recorded.
  if (!response.ok) throw new Error(`introduction failed: ${response.status} ${await response.text()}`);
  const member = (await response.json()) as MemberView;
  const id = member.partyIntroductions?.at(-1)?.id;
  if (!id) throw new Error('the member view shows no introduction');
  return id;
}

async function decide(
  username: string,
  memberId: string,
  introductionId: string,
  state: 'admitted' | 'not_admitted' | 'withdrawn',
  decidedOn: string,
): Promise<MemberView> {
  const response = await postJson(
    t,
    token(username),
    `/api/v1/members/${memberId}/party-introductions/${introductionId}/outcome`,
    { state, decidedOn },
  );
  if (response.status !== 200) throw new Error(`outcome failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as MemberView;
}

async function admitNamed(
  username: string,
  name: string,
  branchId: string,
  gender: 'male' | 'female' = 'male',
): Promise<string> {
  const member = await admitOk(t, token(username), admission({ fullName: name, branchId, gender }));
  return member.id;
}

const stats = (unitId: string, username: string, asOf?: string) =>
  getJson<Stats>(t, `/api/v1/stats?unitId=${unitId}${asOf ? `&asOf=${asOf}` : ''}`, token(username));
const overview = (unitId: string) =>
  getJson<Overview>(t, `/api/v1/front/overview?unitId=${unitId}`, token('pp.front'));
const org = (row: FrontRow, organization: string) =>
  row.organizations.find((o) => o.organization === organization);
const child = <T extends { unitId: string }>(rows: readonly T[], unitId: string) =>
  rows.find((r) => r.unitId === unitId) as T;
const party = (introduced: number | null, admitted: number | null, year = YEAR) => ({
  year,
  introduced,
  admitted,
});

beforeAll(async () => {
  t = await createTestApp({ clock: FIGURES_CLOCK.clock });
  // Onboarded in 2025, so that last year's end may be snapshotted.
  await figuresProvince(t, 'pp');
  for (const tenant of ['pp:farmers', 'pp:women'])
    await seedBranches(t, tenant, [
      testBranch('b-28261-01', '28261-01', 'Chi hội Khóm 1'),
      testBranch('b-28261-02', '28261-02', 'Chi hội Khóm 2'),
      testBranch('b-28249-01', '28249-01', 'Chi hội Ấp Bình Tạo'),
    ]);
  await createOfficer(t, { username: 'pp.viewer', tenantId: 'pp:farmers', role: 'viewer', scope: null });
  for (const username of ['root.operator', 'pp.farmers', 'pp.women', 'pp.front', 'pp.viewer'])
    tokens[username] = (await t.signIn(username)).access_token;
  poller = await startStreamPollerFor(t);

  // The farmers of Khóm 1, one introduction story each.
  const farmer = (n: number) => admitNamed('pp.farmers', `Nguyễn Văn Nông ${n}`, 'b-28261-01');
  const khom1: string[] = [];
  for (let n = 1; n <= 7; n++) khom1.push(await farmer(n));
  const [m1, m2, m3, m4, m5, m6, m7] = khom1 as [string, string, string, string, string, string, string];
  const f = 'pp.farmers';
  // Introduced last autumn, admitted this year: last year's introduction, this year's admission.
  await decide(f, m1, await introduce(f, m1, `${LAST}-10-01`), 'admitted', NEW_YEAR);
  await decide(f, m2, await introduce(f, m2, NEW_YEAR), 'admitted', TODAY);
  await decide(f, m3, await introduce(f, m3, NEW_YEAR), 'not_admitted', TODAY);
  // Withdrawn: counted nowhere.
  await decide(f, m4, await introduce(f, m4, NEW_YEAR), 'withdrawn', TODAY);
  await introduce(f, m5, NEW_YEAR);
  // Introduced, then removed from the union: the introduction stays a fact of its year.
  await introduce(f, m6, NEW_YEAR);
  await changeStatusOk(t, token(f), m6, { status: 'removed', reason: 'Xin ra khỏi hội' });
  // Refused last year, introduced again this year.
  await decide(f, m7, await introduce(f, m7, `${LAST}-03-01`), 'not_admitted', `${LAST}-06-01`);
  await introduce(f, m7, NEW_YEAR);
  // One farmer of Ấp Bình Tạo, admitted: a 1 in a hamlet.
  const m8 = await admitNamed(f, 'Lê Văn Tám', 'b-28249-01');
  await decide(f, m8, await introduce(f, m8, NEW_YEAR), 'admitted', TODAY);
  // Two women of Khóm 2.
  const w = 'pp.women';
  const w1 = await admitNamed(w, 'Trần Thị Một', 'b-28261-02', 'female');
  const w2 = await admitNamed(w, 'Trần Thị Hai', 'b-28261-02', 'female');
  await introduce(w, w1, NEW_YEAR);
  const w2View = await decide(w, w2, await introduce(w, w2, NEW_YEAR), 'admitted', TODAY);
  // Admission makes a Party member.
  expect(w2View.partyMember).toBe(true);
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

/** Waits for the stream to have applied everything above: the province's last admissions counted. */
async function settled(): Promise<void> {
  await eventually(
    () => overview('82'),
    (o) => o.total.party.admitted === 4 && o.total.party.introduced === 8,
  );
  await poller.idle();
}

describe('an organization’s figures', () => {
  it('count this year’s introductions and admissions where the members are', WAITS, async () => {
    await settled();

    const province = await stats('82', 'pp.farmers');
    // Introduced this year: Khóm 1's m2, m3, m5, m6 (removed since), m7 and Ấp Bình Tạo's m8;
    // admitted this year: m1 (introduced last year), m2 and m8.
    expect(province.party).toEqual(party(6, 3));
    expect(child(province.children, '28261').party).toEqual(party(5, 2));
    expect(child(province.children, '28249').party).toEqual(party(1, 1));
    const commune = await stats('28261', 'pp.farmers');
    expect(child(commune.children, '28261-01').party).toEqual(party(5, 2));
    expect(child(commune.children, '28261-02').party).toEqual(party(0, 0));
  });

  it('hide a hamlet’s small counts from a viewer, as the other counts', WAITS, async () => {
    await settled();

    const commune = await stats('28261', 'pp.viewer');
    expect(commune.party).toEqual(party(5, 2));
    // Khóm 1's 2 admissions are hidden, and Khóm 2's 0 with them, or the commune's 2 would give them back.
    expect(child(commune.children, '28261-01')).toMatchObject({ party: party(5, null), suppressed: true });
    expect(child(commune.children, '28261-02').party).toEqual(party(0, null));
    // The hamlet asked about itself is hidden as in its commune's table.
    expect((await stats('28261-01', 'pp.viewer')).party).toEqual(party(5, null));
  });
});

describe('the Front’s figures', () => {
  it('give each organization’s counts and their total, per unit', WAITS, async () => {
    await settled();

    const o = await overview('82');
    expect(org(o, 'farmers')?.party).toEqual(party(6, 3));
    expect(org(o, 'women')?.party).toEqual(party(2, 1));
    expect(org(o, 'veterans')?.party).toEqual(party(0, 0));
    expect(o.total.party).toEqual(party(8, 4));
    expect(child(o.children, '28261').total.party).toEqual(party(7, 3));
    expect(child(o.children, '28249').total.party).toEqual(party(1, 1));
    // Counts only: nobody's name reaches the Front.
    expect(JSON.stringify(o)).not.toContain('Nông');
  });

  it('hide small counts in hamlets, and whatever would give them back', WAITS, async () => {
    await settled();

    const o = await overview('28261');
    expect(o.total.party).toEqual(party(7, 3));
    const khom1 = child(o.children, '28261-01');
    const khom2 = child(o.children, '28261-02');
    expect(org(khom1, 'farmers')?.party.admitted).toBeNull();
    expect(org(khom2, 'women')?.party).toEqual(party(null, null));
    // Neither comes back as the commune less the other hamlet, nor as a row's total less its other organizations.
    expect(khom1.total.party.admitted).toBeNull();
    expect(khom2.total.party.introduced).toBeNull();
    expect(org(khom1, 'farmers')?.suppressed).toBe(true);
  });
});

describe('past days', () => {
  beforeAll(async () => {
    await settled();
    const response = await postJson(t, token('root.operator'), '/api/v1/admin/snapshots', {
      date: YEAR_END,
      provinceId: 'pp',
    });
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`snapshot failed: ${response.status} ${await response.text()}`);
  }, 120_000);

  it('read a snapshot’s counts of the year of the day asked about', async () => {
    const s = await stats('82', 'pp.farmers', YEAR_END);
    expect(s.snapshot).toBe(YEAR_END);
    // Last year: m1's and m7's first introductions; nobody admitted.
    expect(s.party).toEqual(party(2, 0, LAST));
  });

  it('compare two days: each side its year, and the change', async () => {
    const c = await getJson<Comparison>(
      t,
      `/api/v1/front/compare?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      token('pp.front'),
    );
    expect(c.total.fromFigures.party).toEqual(party(2, 0, LAST));
    expect(c.total.toFigures.party).toEqual(party(8, 4));
    expect(c.total.change.party).toEqual({ introduced: 6, admitted: 4 });
    const farmers = c.organizations.find((o) => o.organization === 'farmers');
    expect(farmers?.change.party).toEqual({ introduced: 4, admitted: 3 });
    expect(child(c.children, '28249').total.change.party).toEqual({ introduced: 1, admitted: 1 });
  });

  it('lay both days out in the comparison’s .xlsx', async () => {
    const sheet = await sheetOf(
      `/api/v1/front/compare.xlsx?unitId=82&from=${YEAR_END}&to=${TODAY}`,
      'Giới thiệu, kết nạp Đảng',
    );
    const total = rowsOf(sheet).get('Tỉnh pp');
    // Farmers: introduced then, now, change; admitted then, now, change. Then the total's six.
    expect([3, 4, 5, 6, 7, 8].map((c) => total?.getCell(c).value)).toEqual([2, 6, 4, 0, 3, 3]);
    expect([27, 28, 29, 30, 31, 32].map((c) => total?.getCell(c).value)).toEqual([2, 8, 6, 0, 4, 4]);
  });
});

const sheetOf = (path: string, name: string) => sheetOfWorkbook(t, token('pp.front'), path, name);

describe('the overview’s .xlsx', () => {
  it('has a sheet of introductions and admissions, the organizations as columns', WAITS, async () => {
    await settled();

    const sheet = await sheetOf('/api/v1/front/overview.xlsx?unitId=82', 'Giới thiệu, kết nạp Đảng');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect([3, 4].map((c) => sheet.getRow(5).getCell(c).value)).toEqual([
      'Giới thiệu cho Đảng',
      'Được kết nạp Đảng',
    ]);
    const rows = rowsOf(sheet);
    // Farmers, women, veterans, youth, total.
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => rows.get('Tỉnh pp')?.getCell(c).value)).toEqual([
      6, 3, 2, 1, 0, 0, 0, 0, 8, 4,
    ]);
    expect(rows.get('Phường Mỹ Tho')?.getCell(11).value).toBe(7);
    expect(rows.get('Tỉnh pp')?.getCell(3).numFmt).toBe('#,##0');
  });

  it('marks a hamlet’s hidden counts', WAITS, async () => {
    await settled();

    const rows = rowsOf(
      await sheetOf('/api/v1/front/overview.xlsx?unitId=28261', 'Giới thiệu, kết nạp Đảng'),
    );
    expect(rows.get('Khóm 1')?.getCell(4).value).toBe('*');
    expect([5, 6].map((c) => rows.get('Khóm 2')?.getCell(c).value)).toEqual(['*', '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of every year equal to the members’ introductions', WAITS, async () => {
    await settled();

    for (const username of ['pp.farmers', 'pp.women']) {
      const response = await postJson(t, token(username), '/api/v1/admin/recount', {});
      expect(response.status).toBe(200);
      const report = (await response.json()) as { differences: unknown[]; applied: boolean };
      expect(report).toMatchObject({ differences: [], applied: false });
    }
    const province = readUnitCounts(
      await new AggregateRepository(t.deps.table.forTenant(toTenantId('pp:farmers'))).get('82'),
    );
    expect(province.partyIntroduced).toEqual({ [LAST]: 2, [YEAR]: 6 });
    expect(province.partyAdmitted).toEqual({ [YEAR]: 3 });
  });
});

describe('the pages', () => {
  let front: PageClient;
  let farmers: PageClient;

  beforeAll(async () => {
    await settled();
    front = pageClient(t);
    await front.signIn('pp.front');
    farmers = pageClient(t);
    await farmers.signIn('pp.farmers');
  }, 120_000);

  const html = async (response: Response) => {
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The numbers of a table row, by its heading. */
  const cells = (page: string, heading: string) =>
    [
      ...(page.match(new RegExp(`<th scope="row">${heading}</th>(.*?)</tr>`))?.[1] ?? '').matchAll(
        /<td class="num">(.*?)<\/td>/g,
      ),
    ].map((m) => m[1]);

  it('show the Front the organizations’ counts of the year and their total, and the units below', async () => {
    const page = await html(await front.get('/front'));
    expect(page).toContain(`Giới thiệu cho Đảng năm ${YEAR}`);
    expect(page).toContain(`Được kết nạp Đảng năm ${YEAR}`);
    // The last two columns of the unit's table.
    expect(cells(page, 'Hội Nông dân').slice(-2)).toEqual(['6', '3']);
    expect(cells(page, 'Tổng cộng').slice(-2)).toEqual(['8', '4']);
    // The units below end with the totals' introductions and admissions, sortable.
    expect(page).toContain('href="/front?sort=total.partyIntroduced&amp;dir=desc"');
    const sorted = await html(await front.get('/front?sort=total.partyIntroduced&dir=desc'));
    expect([...sorted.matchAll(/<th scope="row"><a href="\/front\?unitId=(\d+)/g)].map((m) => m[1])).toEqual([
      '28261',
      '28249',
    ]);
  });

  it('show an organization its unit’s counts and its home page’s key figures', async () => {
    const unit = await html(await farmers.get('/units/82'));
    expect(unit).toContain(`Giới thiệu, kết nạp Đảng năm ${YEAR}`);
    expect(unit).toMatch(/Giới thiệu cho Đảng<\/span><span class="value">6</);
    expect(unit).toMatch(/Được kết nạp Đảng<\/span><span class="value">3</);
    const home = await html(await farmers.get('/home'));
    expect(home).toMatch(new RegExp(`Giới thiệu cho Đảng năm ${YEAR}</span><span class="value">6<`));
    expect(home).toMatch(new RegExp(`Được kết nạp Đảng năm ${YEAR}</span><span class="value">3<`));
  });
});
