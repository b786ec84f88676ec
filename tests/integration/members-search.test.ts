/**
 * Member search over HTTP (GET /api/v1/members?q=): typed words match a run of the name's words
 * in their order, the last one by its start, ignoring case and diacritics (đ included), or one of
 * the typed words' near forms (a letter put back, two swapped back); digits match a phone (+84 or
 * 0…) or card number by prefix; 12 digits match a national id whole. Expected results are
 * computed by the test from its own record of who it admitted, with its own folding; only the
 * near forms come from the product (tests/unit/member-search-plan.test.ts tests them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nearForms } from '../../shared/domain/members/search.ts';
import {
  type AdmitBody,
  admission,
  admitOk,
  changeStatusOk,
  listAllPages,
  type MemberRow,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, type TestApp } from '../setup/test-app.ts';

const PROVINCE = 'search';
const TENANT = `${PROVINCE}:farmers`;

const BRANCH_UNITS: Record<string, readonly string[]> = {
  'b-28261-01': ['82', '28261', '28261-01'],
  'b-28261-02': ['82', '28261', '28261-02'],
  'b-28249-01': ['82', '28249', '28249-01'],
  'b-agency-28261': ['82', '28261'],
};

interface Person {
  id: string;
  fullName: string;
  branchId: string;
  status: string;
  phone: string | null;
  cardNumber: string | null;
  nationalId: string | null;
  version: number;
}

const people: Person[] = [];
const byName = new Map<string, Person>();

let t: TestApp;
let admin: string;

/** The test's own folding: lower case, no tones or letter marks, đ → d. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd');
}

const wordsOf = (text: string) =>
  fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

interface Where {
  unitId?: string;
  branchId?: string;
  status?: string;
}

function inPlace(p: Person, where: Where): boolean {
  if (where.branchId && p.branchId !== where.branchId) return false;
  if (where.unitId && !BRANCH_UNITS[p.branchId]?.includes(where.unitId)) return false;
  return where.status ? p.status === where.status : ['active', 'away', 'lapsed'].includes(p.status);
}

/** Whether the name has the typed words as a run of its own, the last one by its start. */
function hasRun(fullName: string, typed: readonly string[]): boolean {
  const words = wordsOf(fullName);
  const last = typed.length - 1;
  return words.some((_, i) =>
    typed.every((word, n) => (n === last ? words[i + n]?.startsWith(word) : words[i + n] === word)),
  );
}

/** Who a name search must find: the typed run, or a near form of it (not in a branch, read whole). */
function expectedByWords(q: string, where: Where = {}): string[] {
  const typed = wordsOf(q);
  const forms = where.branchId ? [] : nearForms(typed.join(' ')).map((form) => form.split(' '));
  return people
    .filter((p) => inPlace(p, where))
    .filter((p) => [typed, ...forms].some((run) => hasRun(p.fullName, run)))
    .map((p) => p.id)
    .sort();
}

/** Who a digit search must find: a phone or a card number starting with the digits. */
function expectedByDigits(digits: string, where: Where = {}): string[] {
  return people
    .filter((p) => inPlace(p, where))
    .filter((p) => p.phone?.startsWith(digits) || p.cardNumber?.startsWith(digits))
    .map((p) => p.id)
    .sort();
}

const idsOf = (rows: MemberRow[]) => rows.map((r) => r.id).sort();

/** Searches, walking every page; fails on a duplicate. */
async function search(
  q: string,
  where: Where & { limit?: number } = {},
  token = admin,
): Promise<MemberRow[]> {
  const { items } = await listAllPages(t, token, { q, limit: 200, ...where });
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size, `duplicates for q=${q} ${JSON.stringify(where)}`).toBe(ids.length);
  return items;
}

async function admitPerson(
  fullName: string,
  branchId: string,
  extra: Partial<AdmitBody> = {},
): Promise<Person> {
  const body = admission({ fullName, branchId, ...extra });
  const member = await admitOk<{ id: string; status: string; version: number }>(t, admin, body);
  const person: Person = {
    id: member.id,
    fullName,
    branchId,
    status: member.status,
    phone: (body.phone as string | undefined) ?? null,
    cardNumber: (body.cardNumber as string | undefined) ?? null,
    nationalId: body.nationalId ?? null,
    version: member.version,
  };
  people.push(person);
  byName.set(fullName, person);
  return person;
}

const person = (fullName: string): Person => {
  const found = byName.get(fullName);
  if (!found) throw new Error(`nobody named ${fullName}`);
  return found;
};

beforeAll(async () => {
  t = await appWithProvinces([PROVINCE], provinceWithBranches);
  [admin] = await accessTokens(t, `${PROVINCE}.farmers`);
  const female = { gender: 'female' as const, birthDate: '1985-03-08' };
  const admissions: [string, string, Partial<AdmitBody>][] = [
    ['Nguyễn Văn An', 'b-28261-01', { phone: '0912345678', cardNumber: '2024001' }],
    ['Nguyễn Văn Anh', 'b-28261-02', { phone: '0912999888', cardNumber: '2024002' }],
    ['Trần Thị Ánh', 'b-28249-01', { ...female, phone: '0388123456', cardNumber: '1999001' }],
    ['Lê Đức Anh', 'b-28261-01', {}],
    ['Phạm Minh Đức', 'b-28249-01', { phone: '02773812345' }],
    ['Nguyễn Ngọc Nga', 'b-28261-01', female],
    ['Đặng Thị Dung', 'b-28261-02', female],
    ['Hồ Văn Dũng', 'b-agency-28261', { cardNumber: 'HV-0007' }],
    ['Đỗ Đức Đạt', 'b-28261-01', {}],
    ['Lâm Thị Quỳnh', 'b-28249-01', female],
    ['Võ Văn Ngân', 'b-28261-02', { phone: '0977000111', cardNumber: '0977123' }],
    ['Trương Văn Bé', 'b-28261-01', { phone: '0911000222', cardNumber: '0911999' }],
    ['Huỳnh Thị Nguyệt', 'b-28261-02', { ...female, cardNumber: '0912000' }],
    ['Nguyễn Thị Bé', 'b-28261-01', { ...female, phone: '0912777666' }],
    ['Lê Thị Lệ', 'b-28249-01', female],
    ['Ngô Văn Nguyên', 'b-agency-28261', {}],
  ];
  for (const [fullName, branchId, extra] of admissions) await admitPerson(fullName, branchId, extra);
  // Ended memberships leave current searches, but stay findable by their status.
  await changeStatusOk(t, admin, person('Nguyễn Thị Bé').id, { status: 'removed' });
  person('Nguyễn Thị Bé').status = 'removed';
  await changeStatusOk(t, admin, person('Lê Thị Lệ').id, { status: 'away', awayPlace: 'TP. Hồ Chí Minh' });
  person('Lê Thị Lệ').status = 'away';
});

describe('words', () => {
  it('ignores case and diacritics', async () => {
    for (const q of ['nguyen van an', 'NGUYỄN VĂN AN', 'Nguyễn văn an', 'nguyễn van ân']) {
      const found = await search(q);
      expect(idsOf(found), q).toEqual(expectedByWords(q));
      expect(
        found.map((m) => m.fullName),
        q,
      ).toContain('Nguyễn Văn An');
    }
  });

  it('folds đ and Đ to d, both in the query and in names', async () => {
    for (const q of ['duc', 'DUC', 'Đức', 'đuc', 'dat', 'dang', 'do duc', 'd']) {
      expect(idsOf(await search(q)), q).toEqual(expectedByWords(q));
    }
    const duc = (await search('duc')).map((m) => m.fullName).sort();
    expect(duc).toEqual(['Lê Đức Anh', 'Phạm Minh Đức', 'Đỗ Đức Đạt'].sort());
    expect((await search('dung')).map((m) => m.fullName).sort()).toEqual(
      ['Hồ Văn Dũng', 'Đặng Thị Dung'].sort(),
    );
  });

  it('matches a run of the name’s words in their order, the last one by its start', async () => {
    for (const q of ['nguyen van an', 'van an', 'nguy', 'anh', 'ánh', 'ng', 'ngu', 'quy', 'thi', 'thi b']) {
      expect(idsOf(await search(q)), q).toEqual(expectedByWords(q));
    }
    expect((await search('van an')).map((m) => m.fullName)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh']);
    // Out of the name's order, the words are not a run of it.
    expect((await search('an nguyen')).map((m) => m.fullName)).toEqual([]);
    // The start of a word, not any part of it: "yen" finds nobody. "guyen" is a near form of
    // "nguyen" (a letter missing), so it finds the Nguyễns, after any exact match.
    expect(await search('yen')).toEqual([]);
    expect(idsOf(await search('guyen'))).toEqual(expectedByWords('guyen'));
    expect((await search('guyen')).map((m) => m.fullName)).toContain('Nguyễn Văn An');
  });

  it('needs every word typed to match', async () => {
    expect((await search('nguyen ngoc')).map((m) => m.fullName)).toEqual(['Nguyễn Ngọc Nga']);
    expect((await search('le duc anh')).map((m) => m.fullName)).toEqual(['Lê Đức Anh']);
    expect(await search('nguyen quynh')).toEqual([]);
    for (const q of ['van an', 'thi ng', 'nguyen van', 'duc anh', 'ngo van nguyen']) {
      expect(idsOf(await search(q)), q).toEqual(expectedByWords(q));
    }
  });

  it('lists a name with several words sharing the prefix once', async () => {
    for (const q of ['ng', 'n', 'ngu', 'nguyen', 'le']) {
      for (const limit of [1, 2, 200]) {
        const found = await search(q, { limit });
        expect(idsOf(found), `${q} limit ${limit}`).toEqual(expectedByWords(q));
      }
    }
    const ng = (await search('ng')).filter((m) => m.fullName === 'Nguyễn Ngọc Nga');
    expect(ng).toHaveLength(1);
  });

  it('finds nobody for a word no name starts with', async () => {
    expect(await search('xyz')).toEqual([]);
    expect(await search('nguyen xyz')).toEqual([]);
  });
});

describe('numbers', () => {
  it('finds a phone number by its prefix, spaces and dots ignored', async () => {
    expect(idsOf(await search('0912'))).toEqual(expectedByDigits('0912'));
    expect((await search('0912')).map((m) => m.fullName).sort()).toEqual(
      ['Huỳnh Thị Nguyệt', 'Nguyễn Văn An', 'Nguyễn Văn Anh'].sort(),
    );
    expect((await search('0912 345')).map((m) => m.fullName)).toEqual(['Nguyễn Văn An']);
    expect((await search('0912.345.678')).map((m) => m.fullName)).toEqual(['Nguyễn Văn An']);
    expect((await search('02773')).map((m) => m.fullName)).toEqual(['Phạm Minh Đức']);
    expect(await search('0123')).toEqual([]);
  });

  it('finds a card number by its prefix', async () => {
    expect((await search('2024')).map((m) => m.fullName).sort()).toEqual(
      ['Nguyễn Văn An', 'Nguyễn Văn Anh'].sort(),
    );
    expect((await search('2024002')).map((m) => m.fullName)).toEqual(['Nguyễn Văn Anh']);
    expect((await search('1999')).map((m) => m.fullName)).toEqual(['Trần Thị Ánh']);
  });

  it('lists a member whose phone and card number both match once', async () => {
    expect((await search('0977')).map((m) => m.fullName)).toEqual(['Võ Văn Ngân']);
    expect((await search('0911')).map((m) => m.fullName)).toEqual(['Trương Văn Bé']);
    for (const digits of ['0', '09', '091', '0912', '0977']) {
      for (const limit of [1, 2, 200]) {
        expect(idsOf(await search(digits, { limit })), `${digits} limit ${limit}`).toEqual(
          expectedByDigits(digits),
        );
      }
    }
  });

  it('finds a national id only whole', async () => {
    const an = person('Nguyễn Văn An');
    const nationalId = an.nationalId as string;
    expect((await search(nationalId)).map((m) => m.id)).toEqual([an.id]);
    expect(
      (await search(`${nationalId.slice(0, 4)} ${nationalId.slice(4, 8)} ${nationalId.slice(8)}`)).map(
        (m) => m.id,
      ),
    ).toEqual([an.id]);
    // Eleven digits are a phone or card prefix, and no phone or card starts with them.
    expect(await search(nationalId.slice(0, 11))).toEqual([]);
    expect(await search(nationalId.slice(1))).toEqual([]);
    expect(await search(nationalId.slice(0, 6))).toEqual([]);
    // Another valid number nobody holds finds nobody.
    const other = admission({ fullName: 'Không Ai' }).nationalId as string;
    expect(await search(other)).toEqual([]);
  });

  it('applies place and status to a national id found', async () => {
    const anh = person('Trần Thị Ánh'); // in commune 28249
    const nationalId = anh.nationalId as string;
    expect((await search(nationalId, { unitId: '28249' })).map((m) => m.id)).toEqual([anh.id]);
    expect(await search(nationalId, { unitId: '28261' })).toEqual([]);
    expect(await search(nationalId, { branchId: 'b-28249-01', status: 'removed' })).toEqual([]);
    const removed = person('Nguyễn Thị Bé');
    expect(await search(removed.nationalId as string)).toEqual([]);
    expect((await search(removed.nationalId as string, { status: 'removed' })).map((m) => m.id)).toEqual([
      removed.id,
    ]);
  });
});

describe('search within a place and a status', () => {
  it('combines words with unitId, branchId and status', async () => {
    const cases: [string, Where][] = [
      ['nguyen', { unitId: '28261' }],
      ['nguyen', { unitId: '28261-02' }],
      ['nguyen', { unitId: '28249' }],
      ['an', { unitId: '28261-01' }],
      ['an', { branchId: 'b-28261-02' }],
      ['thi', { unitId: '82' }],
      ['ng', { branchId: 'b-agency-28261' }],
      ['nguyen', { status: 'removed' }],
      ['nguyen', { status: 'active' }],
      ['le', { status: 'away' }],
      ['le', { status: 'active' }],
      ['be', { unitId: '28261-01', status: 'removed' }],
    ];
    for (const [q, where] of cases) {
      expect(idsOf(await search(q, where)), `${q} ${JSON.stringify(where)}`).toEqual(
        expectedByWords(q, where),
      );
    }
    expect((await search('nguyen', { status: 'removed' })).map((m) => m.fullName)).toEqual(['Nguyễn Thị Bé']);
    expect((await search('be')).map((m) => m.fullName)).toEqual(['Trương Văn Bé']);
    expect((await search('le thi')).map((m) => m.fullName)).toEqual(['Lê Thị Lệ']);
  });

  it('combines digits with unitId, branchId and status', async () => {
    const cases: [string, Where][] = [
      ['0912', { unitId: '28261-02' }],
      ['0912', { unitId: '28249' }],
      ['0912', { status: 'removed' }],
      ['09', { branchId: 'b-28261-01' }],
      ['2024', { unitId: '28261-01' }],
    ];
    for (const [digits, where] of cases) {
      expect(
        idsOf(await search(digits, { ...where, limit: 1 })),
        `${digits} ${JSON.stringify(where)}`,
      ).toEqual(expectedByDigits(digits, where));
    }
    expect((await search('0912', { status: 'removed' })).map((m) => m.fullName)).toEqual(['Nguyễn Thị Bé']);
  });

  it('keeps officers to their scope', async () => {
    await createOfficers(t, TENANT, [
      { username: 'search.unit', role: 'unit_officer', scope: { unitId: '28249' } },
      { username: 'search.branch', role: 'branch_officer', scope: { branchId: 'b-28261-02' } },
    ]);
    const [unitOfficer, branchOfficer] = await accessTokens(t, 'search.unit', 'search.branch');
    expect(idsOf(await search('thi', {}, unitOfficer))).toEqual(expectedByWords('thi', { unitId: '28249' }));
    expect(idsOf(await search('0912', {}, unitOfficer))).toEqual([]);
    expect(await search(person('Nguyễn Văn An').nationalId as string, {}, unitOfficer)).toEqual([]);
    expect(idsOf(await search('nguyen', {}, branchOfficer))).toEqual(
      expectedByWords('nguyen', { branchId: 'b-28261-02' }),
    );
    expect(idsOf(await search('09', {}, branchOfficer))).toEqual(
      expectedByDigits('09', { branchId: 'b-28261-02' }),
    );
    await expectProblem(
      await t.request('/api/v1/members?q=nguyen&unitId=28261', { token: unitOfficer }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await t.request('/api/v1/members?q=nguyen&branchId=b-28261-01', { token: branchOfficer }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('search follows changes', () => {
  it('finds a member by the new name after a rename, and not by the old one', async () => {
    const member = await admitPerson('Tạ Văn Khởi', 'b-28261-01');
    const response = await t.request(`/api/v1/members/${member.id}`, {
      method: 'PATCH',
      token: admin,
      json: { fullName: 'Tạ Văn Khải' },
      headers: { 'if-match': `"v${member.version}"` },
    });
    expect(response.status).toBe(200);
    member.fullName = 'Tạ Văn Khải';
    expect(await search('khoi')).toEqual([]);
    expect((await search('ta van khai')).map((m) => m.id)).toEqual([member.id]);
  });

  it('finds a member in their new place after a move to another branch', async () => {
    const member = await admitPerson('Kiều Văn Sáng', 'b-28261-01');
    const response = await t.request(`/api/v1/members/${member.id}/transfer`, {
      method: 'POST',
      token: admin,
      json: { toBranchId: 'b-28249-01' },
    });
    expect(response.status).toBe(200);
    member.branchId = 'b-28249-01';
    expect((await search('sang', { unitId: '28249' })).map((m) => m.id)).toEqual([member.id]);
    expect(await search('sang', { unitId: '28261' })).toEqual([]);
  });
});

describe('pages of search results', () => {
  beforeAll(async () => {
    const families = ['Nguyễn', 'Ngô', 'Nghiêm', 'Trần', 'Lê'];
    const middles = ['Văn', 'Thị', 'Ngọc', 'Hữu'];
    const givens = ['Nga', 'Ngân', 'Nghĩa', 'Hùng', 'Lan', 'Ngữ'];
    const branches = Object.keys(BRANCH_UNITS);
    const batch = Array.from({ length: 32 }, (_, i) => ({
      fullName: `${families[i % 5]} ${middles[(i >> 1) % 4]} ${givens[(i * 7) % 6]}`,
      branchId: branches[i % 4] as string,
      // Some with a phone only, some with a card only, some with both matching 0909.
      phone: i % 4 === 3 ? null : `0909${String(i).padStart(6, '0')}`,
      cardNumber: i % 3 === 0 || i % 4 === 3 ? `0909${String(i).padStart(3, '0')}` : `77${i}`,
      nationalId: null,
    }));
    for (let start = 0; start < batch.length; start += 4)
      await Promise.all(
        batch
          .slice(start, start + 4)
          .map(({ fullName, branchId, ...extra }) => admitPerson(fullName, branchId, extra)),
      );
  });

  it('walks every match exactly once, whatever the page size', async () => {
    const cases: [string, Where][] = [
      ['ng', {}],
      ['thi ng', {}],
      ['nguyen ng', {}],
      ['ng', { unitId: '28261' }],
      ['ngh', { unitId: '28261' }],
      ['ngo', { branchId: 'b-28261-02' }],
      ['0909', {}],
      ['0909', { unitId: '28261' }],
      ['09090000', {}],
    ];
    for (const [q, where] of cases) {
      const all = /^\d+$/.test(q) ? expectedByDigits(q, where) : expectedByWords(q, where);
      expect(all.length, q).toBeGreaterThan(2);
      for (const limit of [1, 2, 5]) {
        const { items, pages } = await listAllPages(t, admin, { q, limit, ...where });
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
        const ids = items.map((i) => i.id);
        expect(new Set(ids).size, `duplicates: ${q} limit ${limit}`).toBe(ids.length);
        expect(ids.sort(), `${q} ${JSON.stringify(where)} limit ${limit}`).toEqual(all);
      }
    }
  });
});

describe('bad input', () => {
  const get = (query: string) => t.request(`/api/v1/members?${query}`, { token: admin });

  it('refuses a query with nothing to search by', async () => {
    for (const q of ['!!!', '...', '-', '@#$', '(*)', '"?"']) {
      const problem = await expectProblem(await get(`q=${encodeURIComponent(q)}`), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path)).toContain('query.q');
    }
    await expectProblem(await get(`q=${'a'.repeat(101)}`), 400, 'VALIDATION_FAILED');
  });

  it('refuses a limit out of 1–200', async () => {
    for (const limit of ['0', '201', '-1', 'abc', '1.5']) {
      await expectProblem(await get(`limit=${limit}`), 400, 'VALIDATION_FAILED');
      await expectProblem(await get(`q=nguyen&limit=${limit}`), 400, 'VALIDATION_FAILED');
    }
    expect((await get('limit=200')).status).toBe(200);
    expect((await get('limit=1')).status).toBe(200);
  });

  it('refuses a cursor it did not issue for this query', async () => {
    const cursorOf = async (query: string) => {
      const page = (await (await get(`${query}&limit=1`)).json()) as { nextCursor: string | null };
      expect(page.nextCursor, query).not.toBeNull();
      return encodeURIComponent(page.nextCursor as string);
    };
    const listCursor = await cursorOf('unitId=28261');
    const wordCursor = await cursorOf('q=ng');
    const digitCursor = await cursorOf('q=0909');
    const nationalId = person('Nguyễn Văn An').nationalId as string;
    for (const query of [
      '',
      'q=nguyen',
      'q=0912',
      `q=${nationalId}`,
      'unitId=28261',
      'branchId=b-28261-01',
    ]) {
      for (const cursor of ['garbage', 'zz', 'p.', 'c.x', 'e30', '%7B%7D']) {
        const response = await get(`${query}&cursor=${cursor}`);
        expect(response.status, `${query} cursor=${cursor}`).toBe(400);
        await expectProblem(response, 400, 'INVALID_CURSOR');
      }
    }
    // A cursor of one query does not continue another.
    await expectProblem(await get(`unitId=28249&cursor=${listCursor}`), 400, 'INVALID_CURSOR');
    await expectProblem(await get(`q=ng&cursor=${listCursor}`), 400, 'INVALID_CURSOR');
    await expectProblem(await get(`q=le&cursor=${wordCursor}`), 400, 'INVALID_CURSOR');
    await expectProblem(await get(`q=nguyen&cursor=${wordCursor}`), 400, 'INVALID_CURSOR');
    await expectProblem(await get(`q=2024&cursor=${digitCursor}`), 400, 'INVALID_CURSOR');
    await expectProblem(await get(`unitId=28261&cursor=${digitCursor}`), 400, 'INVALID_CURSOR');
  });

  it('answers 404 for an unknown unit and 400 for an unknown status', async () => {
    await expectProblem(await get('unitId=99999'), 404, 'UNIT_NOT_FOUND');
    await expectProblem(await get('q=nguyen&unitId=99999'), 404, 'UNIT_NOT_FOUND');
    await expectProblem(await get('q=0912&unitId=28261-99'), 404, 'UNIT_NOT_FOUND');
    await expectProblem(await get('status=retired'), 400, 'VALIDATION_FAILED');
    await expectProblem(await get('q=nguyen&status=ACTIVE'), 400, 'VALIDATION_FAILED');
  });
});
