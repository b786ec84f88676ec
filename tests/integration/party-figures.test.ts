/**
 * Introductions to the Party as figures, end to end: members introduced, admitted, refused and
 * withdrawn through the API reach an organization's figures, the Front's overview and comparison,
 * snapshots, the .xlsx and the pages through the stream function, counted for the year of the
 * day asked about, small counts hidden in hamlets — and equal to a recount.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WAITS } from '../setup/eventually.ts';
import { changeStatusOk, postJson } from '../setup/members.ts';
import { LAST, TODAY, YEAR, YEAR_END } from './figures-fixtures.ts';
import { keyFigure, listedUnits, rowCells, UNIT_TABLE } from './figures-pages.ts';
import { child, figuresScene, org, succeeded } from './figures-scene.ts';

/** This year's introductions are made on its first day, so that any day of the year can answer them. */
const NEW_YEAR = `${YEAR}-01-01`;

const s = figuresScene('pp', ['farmers', 'women']);
const { stats, overview } = s;

interface MemberView {
  id: string;
  partyMember?: boolean;
  partyIntroductions?: { id: string; state: string }[];
}

/** Introduces a member (POST …/party-introductions) and answers the new introduction's id. */
async function introduce(username: string, memberId: string, introducedOn: string): Promise<string> {
  const response = await postJson(s.t, s.token(username), `/api/v1/members/${memberId}/party-introductions`, {
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
    s.t,
    s.token(username),
    `/api/v1/members/${memberId}/party-introductions/${introductionId}/outcome`,
    { state, decidedOn },
  );
  await succeeded('outcome', response);
  return (await response.json()) as MemberView;
}

const party = (introduced: number | null, admitted: number | null, year = YEAR) => ({
  year,
  introduced,
  admitted,
});

beforeAll(async () => {
  const f = 'pp.farmers';
  // The farmers of Khóm 1, one introduction story each.
  const khom1: string[] = [];
  for (let n = 1; n <= 7; n++) khom1.push(await s.admit(f, `Nguyễn Văn Nông ${n}`, 'b-28261-01'));
  const [m1, m2, m3, m4, m5, m6, m7] = khom1 as [string, string, string, string, string, string, string];
  // Introduced last autumn, admitted this year: last year's introduction, this year's admission.
  await decide(f, m1, await introduce(f, m1, `${LAST}-10-01`), 'admitted', NEW_YEAR);
  await decide(f, m2, await introduce(f, m2, NEW_YEAR), 'admitted', TODAY);
  await decide(f, m3, await introduce(f, m3, NEW_YEAR), 'not_admitted', TODAY);
  // Withdrawn: counted nowhere.
  await decide(f, m4, await introduce(f, m4, NEW_YEAR), 'withdrawn', TODAY);
  await introduce(f, m5, NEW_YEAR);
  // Introduced, then removed from the union: the introduction stays a fact of its year.
  await introduce(f, m6, NEW_YEAR);
  await changeStatusOk(s.t, s.token(f), m6, { status: 'removed', reason: 'Xin ra khỏi hội' });
  // Refused last year, introduced again this year.
  await decide(f, m7, await introduce(f, m7, `${LAST}-03-01`), 'not_admitted', `${LAST}-06-01`);
  await introduce(f, m7, NEW_YEAR);
  // One farmer of Ấp Bình Tạo, admitted: a 1 in a hamlet.
  const m8 = await s.admit(f, 'Lê Văn Tám', 'b-28249-01');
  await decide(f, m8, await introduce(f, m8, NEW_YEAR), 'admitted', TODAY);
  // Two women of Khóm 2.
  const w = 'pp.women';
  const w1 = await s.admit(w, 'Trần Thị Một', 'b-28261-02', 'female');
  const w2 = await s.admit(w, 'Trần Thị Hai', 'b-28261-02', 'female');
  await introduce(w, w1, NEW_YEAR);
  const w2View = await decide(w, w2, await introduce(w, w2, NEW_YEAR), 'admitted', TODAY);
  // Admission makes a Party member.
  expect(w2View.partyMember).toBe(true);
}, 120_000);

/** Waits for the stream to have applied everything above: the province's last admissions counted. */
const settled = () => s.settle((o) => o.total.party.admitted === 4 && o.total.party.introduced === 8);

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
  beforeAll(() => settled().then(s.snapshotYearEnd), 120_000);

  it('read a snapshot’s counts of the year of the day asked about', async () => {
    const snapshot = await stats('82', 'pp.farmers', YEAR_END);
    expect(snapshot.snapshot).toBe(YEAR_END);
    // Last year: m1's and m7's first introductions; nobody admitted.
    expect(snapshot.party).toEqual(party(2, 0, LAST));
  });

  it('compare two days: each side its year, and the change', async () => {
    const c = await s.comparison();
    expect(c.total.fromFigures.party).toEqual(party(2, 0, LAST));
    expect(c.total.toFigures.party).toEqual(party(8, 4));
    expect(c.total.change.party).toEqual({ introduced: 6, admitted: 4 });
    const farmers = c.organizations.find((o) => o.organization === 'farmers');
    expect(farmers?.change.party).toEqual({ introduced: 4, admitted: 3 });
    expect(child(c.children, '28249').total.change.party).toEqual({ introduced: 1, admitted: 1 });
  });

  it('lay both days out in the comparison’s .xlsx', async () => {
    const total = (await s.comparisonSheet('Giới thiệu, kết nạp Đảng')).rows.get('Tỉnh pp');
    // Farmers: introduced then, now, change; admitted then, now, change. Then the total's six.
    expect([3, 4, 5, 6, 7, 8].map((c) => total?.getCell(c).value)).toEqual([2, 6, 4, 0, 3, 3]);
    expect([27, 28, 29, 30, 31, 32].map((c) => total?.getCell(c).value)).toEqual([2, 8, 6, 0, 4, 4]);
  });
});

describe('the overview’s .xlsx', () => {
  it('has a sheet of introductions and admissions, the organizations as columns', WAITS, async () => {
    await settled();

    const { sheet, rows } = await s.overviewSheet('82', 'Giới thiệu, kết nạp Đảng');
    expect(sheet.getRow(4).getCell(3).value).toBe('Hội Nông dân');
    expect([3, 4].map((c) => sheet.getRow(5).getCell(c).value)).toEqual([
      'Giới thiệu cho Đảng',
      'Được kết nạp Đảng',
    ]);
    // Farmers, women, veterans, youth, total.
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => rows.get('Tỉnh pp')?.getCell(c).value)).toEqual([
      6, 3, 2, 1, 0, 0, 0, 0, 8, 4,
    ]);
    expect(rows.get('Phường Mỹ Tho')?.getCell(11).value).toBe(7);
    expect(rows.get('Tỉnh pp')?.getCell(3).numFmt).toBe('#,##0');
  });

  it('marks a hamlet’s hidden counts', WAITS, async () => {
    await settled();

    const { rows } = await s.overviewSheet('28261', 'Giới thiệu, kết nạp Đảng');
    expect(rows.get('Khóm 1')?.getCell(4).value).toBe('*');
    expect([5, 6].map((c) => rows.get('Khóm 2')?.getCell(c).value)).toEqual(['*', '*']);
  });
});

describe('a recount', () => {
  it('finds the stored counters of every year equal to the members’ introductions', WAITS, async () => {
    await settled();

    await s.expectRecountsEqual();
    const province = await s.storedCounts('farmers');
    expect(province.partyIntroduced).toEqual({ [LAST]: 2, [YEAR]: 6 });
    expect(province.partyAdmitted).toEqual({ [YEAR]: 3 });
  });
});

describe('the pages', () => {
  beforeAll(settled, 120_000);

  it('show the Front the organizations’ counts of the year and their total, and the units below', async () => {
    const page = await s.page('pp.front', '/front');
    expect(page).toContain(`Giới thiệu cho Đảng năm ${YEAR}`);
    expect(page).toContain(`Được kết nạp Đảng năm ${YEAR}`);
    // The last two columns of the unit's table.
    expect(rowCells(page, UNIT_TABLE, 'Hội Nông dân').slice(-2)).toEqual(['6', '3']);
    expect(rowCells(page, UNIT_TABLE, 'Tổng cộng').slice(-2)).toEqual(['8', '4']);
    // The units below end with the totals' introductions and admissions, sortable.
    expect(page).toContain('href="/front?sort=total.partyIntroduced&amp;dir=desc"');
    const sorted = await s.page('pp.front', '/front?sort=total.partyIntroduced&dir=desc');
    expect(listedUnits(sorted)).toEqual(['28261', '28249']);
  });

  it('show an organization its unit’s counts and its home page’s key figures', async () => {
    const unit = await s.page('pp.farmers', '/units/82');
    expect(unit).toContain(`Giới thiệu, kết nạp Đảng năm ${YEAR}`);
    expect(unit).toMatch(keyFigure('Giới thiệu cho Đảng', 6));
    expect(unit).toMatch(keyFigure('Được kết nạp Đảng', 3));
    const home = await s.page('pp.farmers', '/home');
    expect(home).toMatch(keyFigure(`Giới thiệu cho Đảng năm ${YEAR}`, 6));
    expect(home).toMatch(keyFigure(`Được kết nạp Đảng năm ${YEAR}`, 3));
  });
});
