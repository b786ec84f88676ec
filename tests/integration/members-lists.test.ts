/**
 * Member lists over HTTP: Vietnamese name order (given, middle, family, with Vietnamese
 * collation), pagination, unitId as a whole subtree, the status filter, and who may list what.
 * The test keeps its own record of everyone it admitted and computes every expected list from it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/domain/units.ts';
import { admission, admitOk, changeStatusOk, listAllPages, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, seedBranches, seedUnits, type TestApp, testBranch } from '../setup/test-app.ts';

const PROVINCE = 'lists';
const TENANT = `${PROVINCE}:farmers`;

/** Where each branch sits: its unit and that unit's ancestors, province first. */
const BRANCH_UNITS: Record<string, readonly string[]> = {
  'b-28261-01': ['82', '28261', '28261-01'],
  'b-28261-02': ['82', '28261', '28261-02'],
  'b-28249-01': ['82', '28249', '28249-01'],
  'b-agency-28261': ['82', '28261'],
  // A district with a commune and a hamlet, as older data has them (seeded below).
  'b-d-h1': ['82', '870', '30001', '30001-01'],
};
const BRANCHES = Object.keys(BRANCH_UNITS);

interface Person {
  id: string;
  fullName: string;
  branchId: string;
  status: string;
}

const people: Person[] = [];

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  const district: Unit[] = [
    unit('870', 'district', 'huyen', '82', ['82'], 'Huyện Cũ'),
    unit('30001', 'commune', 'xa', '870', ['82', '870'], 'Xã Cũ'),
    unit('30001-01', 'hamlet', 'ap', '30001', ['82', '870', '30001'], 'Ấp Một'),
  ];
  await seedUnits(t, TENANT, district);
  await seedBranches(t, TENANT, [testBranch('b-d-h1', '30001-01', 'Chi hội Ấp Một')]);
  [admin] = await accessTokens(t, `${PROVINCE}.farmers`);
});

function unit(
  id: string,
  level: Unit['level'],
  type: Unit['type'],
  parentId: string,
  ancestorIds: string[],
  name: string,
): Unit {
  return { id, parentId, ancestorIds, level, type, code: null, name, validFrom: '2020-01-01', validTo: null };
}

// ——— The expected order, computed independently of the product's sort keys ———

const vi = new Intl.Collator('vi');

function parts(fullName: string): { family: string; middle: string; given: string } {
  const words = fullName.split(' ');
  if (words.length === 1) return { family: '', middle: '', given: fullName };
  return { family: words[0] as string, middle: words.slice(1, -1).join(' '), given: words.at(-1) as string };
}

function byVietnameseName(a: { fullName: string }, b: { fullName: string }): number {
  const pa = parts(a.fullName);
  const pb = parts(b.fullName);
  return (
    vi.compare(pa.given, pb.given) || vi.compare(pa.middle, pb.middle) || vi.compare(pa.family, pb.family)
  );
}

const CURRENT = ['active', 'away', 'lapsed'];

/** Who a list should show, in order: members of the place, of the status (current ones by default). */
function expected(place: { unitId?: string; branchId?: string }, status?: string): Person[] {
  return people
    .filter((p) => (place.branchId ? p.branchId === place.branchId : true))
    .filter((p) => (place.unitId ? BRANCH_UNITS[p.branchId]?.includes(place.unitId) : true))
    .filter((p) => (status ? p.status === status : CURRENT.includes(p.status)))
    .sort(byVietnameseName);
}

const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);

async function admitPerson(fullName: string, branchId: string, extra: Record<string, unknown> = {}) {
  const member = await admitOk<{ id: string; status: string }>(
    t,
    admin,
    admission({ fullName, branchId, nationalId: null, ...extra }),
  );
  const person = { id: member.id, fullName, branchId, status: member.status };
  people.push(person);
  return person;
}

/** Admits a few at a time: each admission is one HTTP call and one transaction. */
async function admitAll(batch: { fullName: string; branchId: string }[]): Promise<void> {
  for (let start = 0; start < batch.length; start += 4)
    await Promise.all(batch.slice(start, start + 4).map((p) => admitPerson(p.fullName, p.branchId)));
}

// ——— Random Vietnamese names: tones, đ, and letters close enough to make near ties ———

const VIETNAMESE_ALPHABET = [...'aăâbcdđeêghiklmnoôơpqrstuưvxy'];
const CLOSE_LETTERS = [...'aăâdđnhoôơ'];
const VOWELS = new Set('aăâeêioôơuưy');
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

const letter = fc
  .record({
    base: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...VIETNAMESE_ALPHABET) },
      { weight: 1, arbitrary: fc.constantFrom(...CLOSE_LETTERS) },
    ),
    tone: fc.constantFrom(...TONES),
  })
  .map(({ base, tone }) => (VOWELS.has(base) ? base + tone : base).normalize('NFC'));
const nameWord = fc
  .array(letter, { minLength: 1, maxLength: 5 })
  .map((letters) => (letters[0] as string).toUpperCase() + letters.slice(1).join(''));
/** Mostly family, middle and given name; sometimes no middle name, sometimes two, rarely one word. */
const personName = fc
  .oneof(
    { weight: 6, arbitrary: fc.array(nameWord, { minLength: 3, maxLength: 3 }) },
    { weight: 2, arbitrary: fc.array(nameWord, { minLength: 2, maxLength: 2 }) },
    { weight: 2, arbitrary: fc.array(nameWord, { minLength: 4, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(nameWord, { minLength: 1, maxLength: 1 }) },
  )
  .map((words) => words.join(' '));

describe('Vietnamese name order', () => {
  it.each([
    [
      'sorts by given name, then middle, then family name, the way Intl.Collator("vi") does',
      'b-28261-01',
      ['Nguyễn Văn Đức', 'Trần Thị Bích', 'Lê Văn Dũng', 'Phạm Thị Ánh', 'Hồ Văn Anh', 'Võ Thị An'],
      ['Võ Thị An', 'Hồ Văn Anh', 'Phạm Thị Ánh', 'Trần Thị Bích', 'Lê Văn Dũng', 'Nguyễn Văn Đức'],
    ],
    [
      'puts the given name first: the same given name sorts by middle, then by family name',
      'b-28261-02',
      ['Trần Văn Minh', 'Bùi Thị Minh', 'An Văn Minh', 'Đỗ Minh', 'Lê Anh Minh'],
      ['Đỗ Minh', 'Lê Anh Minh', 'Bùi Thị Minh', 'An Văn Minh', 'Trần Văn Minh'],
    ],
  ])('%s', async (_, branchId, admitted, sorted) => {
    await admitAll(admitted.map((fullName) => ({ fullName, branchId })));
    const { items } = await listAllPages(t, admin, { branchId, limit: 200 });
    expect(names(items).filter((n) => admitted.includes(n))).toEqual(sorted);
  });

  it('lists namesakes oldest first, in lists and in name searches alike', async () => {
    const branchId = 'b-28249-01';
    const born = ['1966-03-02', '1961-07-15', '1964-01-20', '1961-02-01', '1990-12-31'];
    for (const birthDate of born) {
      const person = await admitOk<{ id: string; status: string }>(
        t,
        admin,
        admission({ fullName: 'Đặng Thị Hương', birthDate, branchId, nationalId: null }),
      );
      people.push({ id: person.id, fullName: 'Đặng Thị Hương', branchId, status: person.status });
    }
    const oldestFirst = born.toSorted();
    for (const query of [
      { branchId },
      { unitId: '28249' },
      { q: 'dang thi huong' },
      { q: 'Hương', unitId: '28249' },
      { q: 'thi huong' },
    ]) {
      const { items } = await listAllPages(t, admin, { ...query, limit: 2 });
      const namesakes = items.filter((m) => m.fullName === 'Đặng Thị Hương').map((m) => m.birthDate);
      expect(namesakes, JSON.stringify(query)).toEqual(oldestFirst);
    }
  });

  it('keeps branch, commune and province lists in that order for random names (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ fullName: personName, branchId: fc.constantFrom(...BRANCHES) }), {
          minLength: 25,
          maxLength: 40,
        }),
        async (batch) => {
          await admitAll(batch);
          for (const place of [
            { branchId: 'b-28261-01' },
            { branchId: 'b-agency-28261' },
            { unitId: '28261' },
            { unitId: '82' },
            {},
          ]) {
            const { items } = await listAllPages(t, admin, { ...place, limit: 200 });
            expect(names(items), JSON.stringify(place)).toEqual(names(expected(place)));
          }
        },
      ),
      { numRuns: 3, endOnFailure: true },
    );
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    // Enough people that every list below spans several pages, whatever ran before.
    const fill = ['An', 'Bình', 'Chi', 'Dũng', 'Đào', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga', 'Ông'];
    await admitAll(
      fill.flatMap((given, i) => [
        { fullName: `Nguyễn Văn ${given}`, branchId: BRANCHES[i % BRANCHES.length] as string },
        { fullName: `Trần Thị ${given}`, branchId: BRANCHES[(i + 2) % BRANCHES.length] as string },
      ]),
    );
  });

  for (const [label, query] of [
    ['a branch', { branchId: 'b-28261-01' }],
    ['a commune', { unitId: '28261' }],
    ['a hamlet (filtered)', { unitId: '28261-02' }],
    ['a district (filtered)', { unitId: '870' }],
    ['the province', { unitId: '82' }],
  ] as const) {
    it(`walks every member of ${label} exactly once with small pages`, async () => {
      const whole = names(expected(query));
      expect(whole.length).toBeGreaterThan(4);
      for (const limit of [1, 3, 7]) {
        const { items, pages } = await listAllPages(t, admin, { ...query, limit });
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
        const ids = items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(names(items)).toEqual(whole);
      }
    });
  }

  it('answers the last page with a null cursor and no empty page before it', async () => {
    const count = expected({ branchId: 'b-28249-01' }).length;
    const { pages } = await listAllPages(t, admin, { branchId: 'b-28249-01', limit: count });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toHaveLength(count);
  });
});

describe('unitId covers the whole subtree', () => {
  it('an old commune’s code or name (2025 table) lists the members of the commune it became', async () => {
    const ids = async (unitId: string) =>
      (await listAllPages(t, admin, { unitId, limit: 200 })).items.map((m) => m.id);
    const daoThanh = await ids('28249');

    expect(daoThanh.length).toBeGreaterThan(0);
    // Phường 4 (28252) and Phường 5 of Mỹ Tho and Xã Đạo Thạnh became today's Phường Đạo Thạnh (28249).
    expect(await ids('28252')).toEqual(daoThanh);
    expect(await ids('Phường 4, Thành phố Mỹ Tho')).toEqual(daoThanh);
  });

  it('says which old commune an old code or name resolved to, and nothing for a unit in force', async () => {
    const page = async (query: string) => {
      const response = await t.request(`/api/v1/members?${query}&limit=1`, { token: admin });
      expect(response.status).toBe(200);
      return (await response.json()) as { items: unknown[]; resolvedFrom?: unknown };
    };
    const phuong4 = { unitId: null, code: '28252', name: 'Phường 4', partial: false };

    expect((await page('unitId=28252')).resolvedFrom).toEqual(phuong4);
    expect((await page(`unitId=${encodeURIComponent('Phường 4, Thành phố Mỹ Tho')}`)).resolvedFrom).toEqual(
      phuong4,
    );
    expect((await page('unitId=28252&q=nguyen')).resolvedFrom).toEqual(phuong4);
    expect(await page('unitId=28249')).not.toHaveProperty('resolvedFrom');
    expect(await page('branchId=b-28249-01')).not.toHaveProperty('resolvedFrom');
  });

  it('a province lists everyone, a commune its hamlets and commune-level branches, a hamlet its own', async () => {
    const inPlace = async (query: Record<string, string>) =>
      (await listAllPages(t, admin, { ...query, limit: 200 })).items;

    const province = await inPlace({ unitId: '82' });
    expect(new Set(province.map((m) => m.branchId))).toEqual(new Set(BRANCHES));

    const commune = await inPlace({ unitId: '28261' });
    expect(new Set(commune.map((m) => m.branchId))).toEqual(
      new Set(['b-28261-01', 'b-28261-02', 'b-agency-28261']),
    );
    expect(names(commune)).toEqual(names(expected({ unitId: '28261' })));

    const other = await inPlace({ unitId: '28249' });
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((m) => m.branchId === 'b-28249-01')).toBe(true);

    const hamlet = await inPlace({ unitId: '28261-02' });
    expect(hamlet.length).toBeGreaterThan(0);
    expect(hamlet.every((m) => m.branchId === 'b-28261-02' && m.unitId === '28261-02')).toBe(true);

    const district = await inPlace({ unitId: '870' });
    expect(names(district)).toEqual(names(expected({ unitId: '870' })));
    expect(district.every((m) => m.branchId === 'b-d-h1')).toBe(true);

    const branch = await inPlace({ branchId: 'b-agency-28261' });
    expect(names(branch)).toEqual(names(expected({ branchId: 'b-agency-28261' })));

    const both = await inPlace({ unitId: '28261', branchId: 'b-28261-02' });
    expect(names(both)).toEqual(names(expected({ branchId: 'b-28261-02' })));
  });

  it.each([
    ['an unknown unit', 'unitId=99999', 404, 'UNIT_NOT_FOUND'],
    ['an unknown branch', 'branchId=b-nowhere', 404, 'BRANCH_NOT_FOUND'],
    ['a branch outside the unit named', 'unitId=28249&branchId=b-28261-01', 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_, query, status, code) => {
    await expectProblem(await t.request(`/api/v1/members?${query}`, { token: admin }), status, code);
  });
});

describe('status filter', () => {
  let changed: Record<string, Person>;

  beforeAll(async () => {
    const admitted = {
      removed: await admitPerson('Lý Thị Xoa', 'b-28261-01'),
      deceased: await admitPerson('Lý Văn Xoa', 'b-28261-02'),
      away: await admitPerson('Mạc Văn Xoa', 'b-28261-01'),
      lapsed: await admitPerson('Mạc Thị Xoa', 'b-agency-28261'),
      active: await admitPerson('Kha Văn Xoa', 'b-28261-01'),
      lapsedAtAdmission: await admitPerson('Kha Thị Xoa', 'b-28249-01', { status: 'lapsed' }),
    };
    await changeStatusOk(t, admin, admitted.removed.id, { status: 'removed' });
    await changeStatusOk(t, admin, admitted.deceased.id, { status: 'deceased' });
    await changeStatusOk(t, admin, admitted.away.id, { status: 'away', awayPlace: 'Bình Dương' });
    await changeStatusOk(t, admin, admitted.lapsed.id, { status: 'lapsed' });
    admitted.removed.status = 'removed';
    admitted.deceased.status = 'deceased';
    admitted.away.status = 'away';
    admitted.lapsed.status = 'lapsed';
    changed = admitted;
  });

  it('lists current members (active, away, lapsed) by default, and only them', async () => {
    for (const place of [{ branchId: 'b-28261-01' }, { unitId: '28261' }, { unitId: '28261-01' }, {}]) {
      const { items } = await listAllPages(t, admin, { ...place, limit: 200 });
      expect(names(items), JSON.stringify(place)).toEqual(names(expected(place)));
      expect(items.every((m) => CURRENT.includes(m.status))).toBe(true);
    }
    const all = (await listAllPages(t, admin, { limit: 200 })).items.map((m) => m.id);
    expect(all).toEqual(expect.arrayContaining([changed.away?.id, changed.lapsed?.id, changed.active?.id]));
    expect(all).not.toContain(changed.removed?.id);
    expect(all).not.toContain(changed.deceased?.id);
  });

  it('lists only the members of the status asked for, current or former', async () => {
    for (const status of [
      'active',
      'away',
      'lapsed',
      'removed',
      'deceased',
      'transferred_out',
      'graduated',
    ]) {
      for (const place of [{ branchId: 'b-28261-01' }, { unitId: '28261' }, { unitId: '28261-02' }, {}]) {
        const { items } = await listAllPages(t, admin, { ...place, status, limit: 200 });
        expect(names(items), `${status} ${JSON.stringify(place)}`).toEqual(names(expected(place, status)));
        expect(items.every((m) => m.status === status)).toBe(true);
      }
    }
    const removed = await listAllPages(t, admin, { status: 'removed', limit: 200 });
    expect(removed.items.map((m) => m.id)).toEqual([changed.removed?.id]);
    const lapsed = await listAllPages(t, admin, { status: 'lapsed', limit: 1 });
    expect(lapsed.items.map((m) => m.id).sort()).toEqual(
      [changed.lapsed?.id, changed.lapsedAtAdmission?.id].sort(),
    );
  });

  it('refuses an unknown status', async () => {
    await expectProblem(
      await t.request('/api/v1/members?status=retired', { token: admin }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('who may list', () => {
  let unitOfficer: string;
  let branchOfficer: string;
  let viewer: string;
  let front: string;

  beforeAll(async () => {
    await createOfficers(t, TENANT, [
      { username: 'lists.unit', role: 'unit_officer', scope: { unitId: '28261' } },
      { username: 'lists.branch', role: 'branch_officer', scope: { branchId: 'b-28261-02' } },
      { username: 'lists.viewer', role: 'viewer', scope: null },
    ]);
    await createOfficers(t, `${PROVINCE}:front`, [
      { username: 'lists.front.viewer', role: 'front_viewer', scope: null },
    ]);
    [unitOfficer, branchOfficer, viewer, front] = await accessTokens(
      t,
      'lists.unit',
      'lists.branch',
      'lists.viewer',
      'lists.front.viewer',
    );
  });

  const get = (token: string, query: string) => t.request(`/api/v1/members${query}`, { token });

  it('a unit officer lists their subtree by default, any part of it on request, nothing outside it', async () => {
    const own = await listAllPages(t, unitOfficer, { limit: 200 });
    expect(names(own.items)).toEqual(names(expected({ unitId: '28261' })));
    const hamlet = await listAllPages(t, unitOfficer, { unitId: '28261-02', limit: 200 });
    expect(names(hamlet.items)).toEqual(names(expected({ unitId: '28261-02' })));
    const branch = await listAllPages(t, unitOfficer, { branchId: 'b-agency-28261', limit: 200 });
    expect(names(branch.items)).toEqual(names(expected({ branchId: 'b-agency-28261' })));
    await expectProblem(await get(unitOfficer, '?unitId=28249'), 403, 'FORBIDDEN');
    await expectProblem(await get(unitOfficer, '?unitId=82'), 403, 'FORBIDDEN');
    await expectProblem(await get(unitOfficer, '?branchId=b-28249-01'), 403, 'FORBIDDEN');
    await expectProblem(await get(unitOfficer, '?unitId=870&q=nguyen'), 403, 'FORBIDDEN');
  });

  it('a branch officer lists their branch only', async () => {
    const own = await listAllPages(t, branchOfficer, { limit: 200 });
    expect(names(own.items)).toEqual(names(expected({ branchId: 'b-28261-02' })));
    const explicit = await listAllPages(t, branchOfficer, { branchId: 'b-28261-02', limit: 2 });
    expect(names(explicit.items)).toEqual(names(expected({ branchId: 'b-28261-02' })));
    await expectProblem(await get(branchOfficer, '?branchId=b-28261-01'), 403, 'FORBIDDEN');
    await expectProblem(await get(branchOfficer, '?unitId=28261'), 403, 'FORBIDDEN');
    await expectProblem(await get(branchOfficer, '?unitId=28261-02'), 403, 'FORBIDDEN');
  });

  it('a viewer lists the whole organization', async () => {
    const all = await listAllPages(t, viewer, { limit: 200 });
    expect(names(all.items)).toEqual(names(expected({})));
    const commune = await listAllPages(t, viewer, { unitId: '28249', limit: 200 });
    expect(names(commune.items)).toEqual(names(expected({ unitId: '28249' })));
  });

  it('the Front sees no member records', async () => {
    await expectProblem(await get(front, ''), 403, 'FORBIDDEN');
    await expectProblem(await get(front, '?q=nguyen'), 403, 'FORBIDDEN');
  });
});
