/**
 * Member search the way officers type it (issue 16), over HTTP, for the organization's admin and
 * for the officer of the member's commune: the full name family-first, the given name with a
 * birth year, the middle and given names, without diacritics or in capitals, with a letter
 * missing or two swapped, a phone as 0…, +84… or spaced, a card number with letters; and the
 * order of what is found: the whole name exactly, then all the words, then starts, then near forms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type AdmitBody, admission, admitOk, listAllPages, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import type { TestApp } from '../setup/test-app.ts';

const PROVINCE = 'typed';
const TENANT = `${PROVINCE}:farmers`;

let t: TestApp;
let admin: string;
let communeOfficer: string;

async function names(q: string, token: string, limit = 50): Promise<string[]> {
  const { items, pages } = await listAllPages(t, token, { q, limit });
  // Never an empty page with more to come.
  expect(
    pages.slice(0, -1).every((page) => page.length > 0),
    `pages of "${q}"`,
  ).toBe(true);
  return items.map((m) => m.fullName);
}

async function firstPage(q: string, token: string): Promise<string[]> {
  const response = await t.request(`/api/v1/members?q=${encodeURIComponent(q)}&limit=50`, { token });
  expect(response.status, q).toBe(200);
  return ((await response.json()) as { items: { fullName: string }[] }).items.map((m) => m.fullName);
}

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  [admin] = await accessTokens(t, `${PROVINCE}.farmers`);
  await createOfficers(t, TENANT, [
    { username: 'typed.commune', role: 'unit_officer', scope: { unitId: '28261' } },
  ]);
  [communeOfficer] = await accessTokens(t, 'typed.commune');
  const born = (year: number, gender: 'male' | 'female' = 'male') => ({
    birthDate: `${year}-06-15`,
    gender,
  });
  const admissions: [string, string, Partial<AdmitBody>][] = [
    ['Nguyễn Văn Anh', 'b-28261-01', born(1980)],
    ['Nguyễn Văn An', 'b-28261-01', { ...born(1970), phone: '0912345678', cardNumber: 'HV-2024-0153' }],
    ['Nguyễn Văn An Khang', 'b-28261-02', born(1995)],
    ['Nguyễn Văn Ân', 'b-28249-01', born(1975)],
    ['Trần Văn An', 'b-28261-02', born(1988)],
    ['Lê An Bình', 'b-28261-01', born(1990)],
    ['Trần Thị Ánh', 'b-28261-01', born(1985, 'female')],
    ['Võ Thị Ánh', 'b-28261-02', born(1991, 'female')],
    ['Phạm Thị Hương', 'b-28261-01', { ...born(1979, 'female'), phone: '0388123456' }],
    ['Phạm Thị Hường', 'b-28249-01', born(1966, 'female')],
    ['Huỳnh Quốc Nguyên', 'b-28261-02', { ...born(2001), cardNumber: '001234567' }],
    ['Nguyễn Thị Hồng Nhung', 'b-28261-01', born(1983, 'female')],
    ['Nguyễn Thị Hồng', 'b-28261-02', born(1972, 'female')],
  ];
  for (const [fullName, branchId, extra] of admissions)
    await admitOk(t, admin, admission({ fullName, branchId, ...extra }));
});

describe('the ways officers type a name', () => {
  it('ranks the whole name first, then names going on with more words, then starts, ties in Vietnamese order', async () => {
    expect(await names('nguyen van an', admin)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Văn Ân',
      'Nguyễn Văn An Khang',
      'Nguyễn Văn Anh',
    ]);
    expect(await names('Nguyễn Văn An', communeOfficer)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Văn An Khang',
      'Nguyễn Văn Anh',
    ]);
  });

  it('finds the given name alone, and with the middle name, before longer names', async () => {
    // Given name exactly An, then An as a middle name, then names starting "An…".
    expect(await names('an', admin)).toEqual([
      'Nguyễn Văn An',
      'Trần Văn An',
      'Nguyễn Văn Ân',
      'Lê An Bình',
      'Nguyễn Văn An Khang',
      'Nguyễn Văn Anh',
      'Trần Thị Ánh',
      'Võ Thị Ánh',
    ]);
    expect(await names('văn an', admin)).toEqual([
      'Nguyễn Văn An',
      'Trần Văn An',
      'Nguyễn Văn Ân',
      'Nguyễn Văn An Khang',
      'Nguyễn Văn Anh',
    ]);
    expect(await names('VAN AN', communeOfficer)).toEqual([
      'Nguyễn Văn An',
      'Trần Văn An',
      'Nguyễn Văn An Khang',
      'Nguyễn Văn Anh',
    ]);
  });

  it('narrows a given name to a birth year', async () => {
    expect(await names('Ánh 1985', admin)).toEqual(['Trần Thị Ánh']);
    expect(await names('anh 1991', admin)).toEqual(['Võ Thị Ánh']);
    expect(await names('anh 1980', communeOfficer)).toEqual(['Nguyễn Văn Anh']);
    expect(await names('an 1975', admin)).toEqual(['Nguyễn Văn Ân']);
    expect(await names('an 1975', communeOfficer)).toEqual([]);
    expect(await names('van an 1988', admin)).toEqual(['Trần Văn An']);
  });

  it('finds a name with a letter missing or two swapped, after the exact matches', async () => {
    for (const [typo, meant] of [
      ['nguyn van an', 'Nguyễn Văn An'],
      ['ngyuen van an', 'Nguyễn Văn An'],
      ['pham thi huog', 'Phạm Thị Hương'],
      ['pham thi huogn', 'Phạm Thị Hương'],
      ['huynh quoc nguyne', 'Huỳnh Quốc Nguyên'],
    ] as const) {
      expect(await firstPage(typo, admin), typo).toContain(meant);
      expect(await firstPage(typo, communeOfficer), typo).toContain(meant);
    }
    // "hung" is a name of its own: a letter missing from "hương" is found after it.
    expect(await names('pham thi hung', admin)).toEqual(['Phạm Thị Hương', 'Phạm Thị Hường']);
  });

  it('lists a name ending where a cut-short or corrected word ends before longer names', async () => {
    // At the province's size a page fills with "Nguyễn Thị Hồng …" long before the Hồng meant.
    for (const token of [admin, communeOfficer])
      for (const typed of ['nguyen thi hon', 'guyen thi hong', 'nguyen thi hnog'])
        expect(await names(typed, token), typed).toEqual(['Nguyễn Thị Hồng', 'Nguyễn Thị Hồng Nhung']);
  });

  it('lists everyone once when the near forms are read page by page', async () => {
    const whole = await names('pham thi huog', admin, 50);
    for (const limit of [1, 2]) expect(await names('pham thi huog', admin, limit)).toEqual(whole);
  });
});

describe('similar names under a first page the near forms did not all reach', () => {
  const NEAR = ['Đỗ Thị Hương', 'Đỗ Thị Lương', 'Đỗ Thị Vương', 'Đỗ Thị Dương'];
  const OTHER_COMMUNE = 'Đỗ Thị Dương';

  beforeAll(async () => {
    const admitted: [string, string][] = [
      ['Đỗ Thị Hương', 'b-28261-01'],
      ['Đỗ Thị Hương', 'b-28261-02'],
      ['Đỗ Thị Hương', 'b-28261-01'],
      ['Đỗ Thị Lương', 'b-28261-02'],
      ['Đỗ Thị Vương', 'b-28261-01'],
      [OTHER_COMMUNE, 'b-28249-01'],
      ['Đỗ Thị Phương', 'b-28261-01'],
    ];
    for (const [fullName, branchId] of admitted)
      await admitOk(t, admin, admission({ fullName, branchId, gender: 'female', nationalId: null }));
  });

  async function searched(q: string, token: string, limit: number, cursor?: string) {
    const params = new URLSearchParams({ q, limit: String(limit), ...(cursor && { cursor }) });
    const response = await t.request(`/api/v1/members?${params}`, { token });
    expect(response.status, q).toBe(200);
    return (await response.json()) as {
      items: { fullName: string }[];
      nextCursor: string | null;
      similarNames?: string[];
    };
  }

  it('offers the names one letter away that people in the place bear and the page did not reach', async () => {
    for (const [token, bearers] of [
      [admin, NEAR],
      [communeOfficer, NEAR.filter((name) => name !== OTHER_COMMUNE)],
    ] as const) {
      const page = await searched('do thi uong', token, 2);
      const shown = new Set(page.items.map((m) => m.fullName));
      expect(page.nextCursor).not.toBeNull();
      expect(page.similarNames?.toSorted()).toEqual(bearers.filter((name) => !shown.has(name)).toSorted());
      // Offered, each finds its people.
      for (const name of page.similarNames ?? [])
        expect((await searched(name, token, 50)).items.map((m) => m.fullName)).toContain(name);
    }
  });

  it('offers them under a page of people named exactly what was typed', async () => {
    const page = await searched('do thi huong', admin, 2);
    expect(page.items.map((m) => m.fullName)).toEqual(['Đỗ Thị Hương', 'Đỗ Thị Hương']);
    expect(page.similarNames).toContain('Đỗ Thị Phương');
  });

  it('names the words typed, as the name spells them', async () => {
    const page = await searched('thi uong', admin, 1);
    expect(page.similarNames?.length).toBeGreaterThan(0);
    for (const name of page.similarNames ?? []) expect(name).toMatch(/^Thị \S+ương$/);
  });

  it('offers nothing on a later page, nor when everyone found fits on the first', async () => {
    const first = await searched('do thi uong', admin, 2);
    const second = await searched('do thi uong', admin, 2, first.nextCursor ?? undefined);
    expect(second.similarNames).toBeUndefined();
    const whole = await searched('do thi uong', admin, 50);
    expect(whole.items.map((m) => m.fullName).toSorted()).toEqual(
      ['Đỗ Thị Hương', 'Đỗ Thị Hương', 'Đỗ Thị Hương', ...NEAR.slice(1)].toSorted(),
    );
    expect(whole.similarNames).toBeUndefined();
  });
});

describe('the ways officers type a number', () => {
  it('finds a phone as 0…, +84…, 84… and spaced', async () => {
    for (const q of [
      '0912345678',
      '0912 345 678',
      '+84912345678',
      '+84 912 345 678',
      '84912345678',
      '0912.345.678',
    ]) {
      expect(await names(q, admin), q).toEqual(['Nguyễn Văn An']);
      expect(await names(q, communeOfficer), q).toEqual(['Nguyễn Văn An']);
    }
  });

  it('finds a card number with letters in any case, with or without its dashes', async () => {
    for (const q of ['HV-2024-0153', 'hv-2024-0153', 'HV20240153', 'hv-2024']) {
      expect(await names(q, admin), q).toEqual(['Nguyễn Văn An']);
      expect(await names(q, communeOfficer), q).toEqual(['Nguyễn Văn An']);
    }
    expect(await names('001234567', admin)).toEqual(['Huỳnh Quốc Nguyên']);
  });
});
