/**
 * Yearly member ratings over HTTP, a branch at a time: the sheet lists the branch's current members
 * with their rating; a sheet is written whole or, for one bad row, not at all; each rating changed
 * is an audited change of its member, shown on the member; and only the branch's readers and
 * writers reach it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  admission,
  admitOk,
  auditOf,
  changeStatusOk,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, alphaFarmersOfficers, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';

interface Sheet {
  branchId: string;
  year: number;
  members: { memberId: string; fullName: string; level: string | null }[];
}

let t: TestApp;
let admin: string;
let branchOfficer: string;
let otherOfficer: string;
let year: number;
const ids: Record<string, string> = {};

const sheetPath = (branch: string, y = year) => `/api/v1/branches/${branch}/member-ratings/${y}`;
const sheetOf = (token: string, branch = 'b-28261-01') => getJson<Sheet>(t, sheetPath(branch), token);
const rate = (token: string, ratings: { memberId: string; level: string }[], y = year) =>
  t.request(sheetPath('b-28261-01', y), { method: 'PUT', token, json: { ratings } });

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  await createOfficers(t, 'alpha:farmers', [
    ...alphaFarmersOfficers('b-28261-01'),
    { username: 'daothanh.officer', role: 'unit_officer', scope: { unitId: '28249' } },
  ]);
  [admin, branchOfficer, otherOfficer] = await accessTokens(
    t,
    'alpha.farmers',
    'alpha.branch',
    'daothanh.officer',
  );
  year = Number(t.today.slice(0, 4));
  for (const fullName of ['Lê Văn Cường', 'Nguyễn Thị Ánh', 'Trần Văn Bảo', 'Phan Văn Đi'])
    ids[fullName] = (await admitOk(t, admin, admission({ fullName }))).id;
  ids.elsewhere = (
    await admitOk(t, admin, admission({ fullName: 'Võ Văn Khác', branchId: 'b-28249-01' }))
  ).id;
  await changeStatusOk(t, admin, ids['Phan Văn Đi'] as string, {
    status: 'removed',
    reason: 'Xóa tên',
    effectiveDate: addDays(t.today, -1),
  });
});

describe('a branch’s sheet', () => {
  it('lists the current members in name order, none rated yet', async () => {
    const sheet = await sheetOf(branchOfficer);
    expect(sheet.members.map((m) => m.fullName)).toEqual(['Nguyễn Thị Ánh', 'Trần Văn Bảo', 'Lê Văn Cường']);
    expect(sheet.members.every((m) => m.level === null)).toBe(true);
  });

  it('refuses the whole sheet for one row that is not a member of the branch, writing nothing', async () => {
    const response = await rate(admin, [
      { memberId: ids['Nguyễn Thị Ánh'] as string, level: 'excellent' },
      { memberId: ids.elsewhere as string, level: 'good' },
      { memberId: ids['Nguyễn Thị Ánh'] as string, level: 'good' },
    ]);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string; code: string }[] };
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.ratings.1.memberId', code: 'not_in_branch' }),
      expect.objectContaining({ path: 'body.ratings.2.memberId', code: 'duplicate' }),
    ]);
    expect((await sheetOf(admin)).members.every((m) => m.level === null)).toBe(true);
    const future = await rate(
      admin,
      [{ memberId: ids['Nguyễn Thị Ánh'] as string, level: 'good' }],
      year + 1,
    );
    expect(future.status).toBe(400);
    const badLevel = await rate(admin, [{ memberId: ids['Nguyễn Thị Ánh'] as string, level: 'great' }]);
    expect(badLevel.status).toBe(400);
  });

  it('rates the rows sent, each an audited change of its member, others keeping theirs', async () => {
    const response = await rate(branchOfficer, [
      { memberId: ids['Nguyễn Thị Ánh'] as string, level: 'excellent' },
      { memberId: ids['Trần Văn Bảo'] as string, level: 'not_fulfilled' },
    ]);
    expect(response.status).toBe(200);
    const sheet = (await response.json()) as Sheet;
    expect(sheet.members.map((m) => m.level)).toEqual(['excellent', 'not_fulfilled', null]);
    const member = await getJson<{ ratings: Record<string, string> }>(
      t,
      `/api/v1/members/${ids['Nguyễn Thị Ánh']}`,
      admin,
    );
    expect(member.ratings).toEqual({ [String(year)]: 'excellent' });
    const [audit] = await auditOf(t, admin, { entityId: ids['Nguyễn Thị Ánh'] as string });
    expect(audit).toMatchObject({ action: 'rate', actor: { username: 'alpha.branch' } });

    // The same rating again changes nothing and records nothing.
    await rate(admin, [{ memberId: ids['Nguyễn Thị Ánh'] as string, level: 'excellent' }]);
    expect(await auditOf(t, admin, { entityId: ids['Nguyễn Thị Ánh'] as string })).toHaveLength(2);
    // Last year's rating is another year's.
    await rate(admin, [{ memberId: ids['Nguyễn Thị Ánh'] as string, level: 'good' }], year - 1);
    const both = await getJson<{ ratings: Record<string, string> }>(
      t,
      `/api/v1/members/${ids['Nguyễn Thị Ánh']}`,
      admin,
    );
    expect(both.ratings).toEqual({ [String(year)]: 'excellent', [String(year - 1)]: 'good' });
  });

  it('is out of reach of an officer of another commune', async () => {
    expect((await t.request(sheetPath('b-28261-01'), { token: otherOfficer })).status).toBe(403);
    const refused = await t.request(sheetPath('b-28261-01'), {
      method: 'PUT',
      token: otherOfficer,
      json: { ratings: [{ memberId: ids['Lê Văn Cường'], level: 'good' }] },
    });
    expect(refused.status).toBe(403);
    expect((await sheetOf(admin)).members.find((m) => m.fullName === 'Lê Văn Cường')?.level).toBeNull();
  });
});
