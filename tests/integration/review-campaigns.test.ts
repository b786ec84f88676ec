/**
 * The yearly member review over HTTP: the admin opens a year's campaign once; a branch's officer
 * confirms members as they stand or changes a status (an ordinary, audited change of the member),
 * confirms the rest at once, and declares the branch done once nobody is left; progress by unit
 * counts it; after closing, confirmations are refused and changes are ordinary status changes.
 * A refused request writes nothing; officers reach only the branches of their scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, WAITS } from '../setup/eventually.ts';
import {
  admission,
  admitOk,
  auditOf,
  changeStatusOk,
  historyOf,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, alphaFarmersOfficers, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { getJson, jsonOf, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';

interface Sheet {
  branchId: string;
  done: boolean;
  counts: { members: number; reviewed: number; active: number; away: number; lapsed: number; left: number };
  members: {
    memberId: string;
    fullName: string;
    status: string;
    awayPlace: string | null;
    reviewed: boolean;
    confirmation: { status: string; changed: boolean; by: string } | null;
  }[];
}

interface Progress {
  unitId: string;
  rows: {
    unitId: string;
    own: boolean;
    branches: number;
    done: number;
    missing: number;
    members: number;
    reviewed: number;
  }[];
  total: { branches: number; done: number; missing: number; members: number; reviewed: number };
}

let t: TestApp;
let poller: Awaited<ReturnType<typeof startStreamPollerFor>>;
let admin: string;
let unitOfficer: string;
let viewer: string;
let branchOfficer: string;
let otherOfficer: string;
let year: number;
const ids: Record<string, string> = {};

const sheetPath = (branch = 'b-28261-01') => `/api/v1/branches/${branch}/review/${year}`;
const sheetOf = (token: string, branch?: string) => getJson<Sheet>(t, sheetPath(branch), token);
const confirm = (token: string, body: unknown, branch?: string) =>
  t.request(sheetPath(branch), { method: 'POST', token, json: body });
const markDone = (token: string, branch?: string) =>
  t.request(`${sheetPath(branch)}/done`, { method: 'POST', token, json: {} });
const row = (sheet: Sheet, name: string) => sheet.members.find((member) => member.fullName === name);
const problemOf = async (response: Response) =>
  (await response.json()) as { code: string; detail: string; errors?: { path: string; code: string }[] };

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  await createOfficers(t, 'alpha:farmers', [
    ...alphaFarmersOfficers('b-28261-01'),
    { username: 'daothanh.officer', role: 'unit_officer', scope: { unitId: '28249' } },
  ]);
  [admin, unitOfficer, viewer, branchOfficer, otherOfficer] = await accessTokens(
    t,
    'alpha.farmers',
    'mytho.officer',
    'alpha.viewer',
    'alpha.branch',
    'daothanh.officer',
  );
  poller = await startStreamPollerFor(t);
  year = Number(t.today.slice(0, 4));
  for (const fullName of ['Lê Văn Cường', 'Nguyễn Thị Ánh', 'Trần Văn Bảo', 'Phan Văn Dũng'])
    ids[fullName] = (await admitOk(t, admin, admission({ fullName }))).id;
  ids.neighbour = (await admitOk(t, admin, admission({ fullName: 'Võ Văn Bên', branchId: 'b-28261-02' }))).id;
  for (const fullName of ['Hồ Văn Hai', 'Mai Văn Ba'])
    ids[fullName] = (await admitOk(t, admin, admission({ fullName, branchId: 'b-28261-02' }))).id;
  ids.elsewhere = (await admitOk(t, admin, admission({ fullName: 'Đỗ Văn Xa', branchId: 'b-28249-01' }))).id;
}, 60_000);

afterAll(async () => {
  await poller?.stop();
});

describe('a campaign', () => {
  it('is opened by the organization admin only, once a year', async () => {
    const body = { year, deadline: t.today };
    for (const token of [viewer, branchOfficer, unitOfficer])
      expect((await t.request('/api/v1/reviews', { method: 'POST', token, json: body })).status).toBe(403);
    const past = await t.request('/api/v1/reviews', {
      method: 'POST',
      token: admin,
      json: { year, deadline: `${year - 1}-01-01` },
    });
    expect(past.status).toBe(400);
    expect((await t.request(`/api/v1/reviews/${year}`, { token: viewer })).status).toBe(404);

    const opened = await t.request('/api/v1/reviews', { method: 'POST', token: admin, json: body });
    expect(await jsonOf(opened, 201)).toMatchObject({
      year,
      deadline: t.today,
      state: 'open',
      openedBy: 'alpha.farmers',
    });
    const again = await t.request('/api/v1/reviews', { method: 'POST', token: admin, json: body });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('REVIEW_EXISTS');
    expect(await getJson(t, `/api/v1/reviews/${year}`, viewer)).toMatchObject({ state: 'open' });
    const [audit] = await auditOf(t, admin, { entityId: `reviews/${year}` });
    expect(audit).toMatchObject({ action: 'review_open', entityType: 'review_campaign' });
  });
});

describe('a branch’s review', () => {
  it('lists the current members in name order, none reviewed yet', async () => {
    const sheet = await sheetOf(branchOfficer);
    expect(sheet.members.map((m) => m.fullName)).toEqual([
      'Nguyễn Thị Ánh',
      'Trần Văn Bảo',
      'Lê Văn Cường',
      'Phan Văn Dũng',
    ]);
    expect(sheet.members.every((m) => !m.reviewed && m.status === 'active')).toBe(true);
    expect(sheet).toMatchObject({ done: false, counts: { members: 4, reviewed: 0 } });
  });

  it('refuses the whole request for one bad row, writing nothing', async () => {
    const response = await confirm(branchOfficer, {
      confirm: [
        { memberId: ids['Nguyễn Thị Ánh'], status: 'active' },
        { memberId: ids['Trần Văn Bảo'], status: 'away', awayPlace: 'Bình Dương' },
        { memberId: ids.elsewhere, status: 'active' },
        { memberId: ids['Nguyễn Thị Ánh'], status: 'active' },
      ],
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors).toEqual([
      expect.objectContaining({ path: 'body.confirm.1.reason', code: 'required_for_change' }),
      expect.objectContaining({ path: 'body.confirm.2.memberId', code: 'not_a_current_member' }),
      expect.objectContaining({ path: 'body.confirm.3.memberId', code: 'duplicate_id' }),
    ]);
    // A transition the member's rules refuse is refused before the rows before it are written.
    const graduating = await confirm(branchOfficer, {
      confirm: [
        { memberId: ids['Nguyễn Thị Ánh'], status: 'lapsed', reason: 'Không sinh hoạt' },
        { memberId: ids['Trần Văn Bảo'], status: 'graduated', reason: 'Trưởng thành' },
      ],
    });
    expect((await problemOf(graduating)).code).toBe('CANNOT_GRADUATE');
    const sheet = await sheetOf(admin);
    expect(sheet.members.every((m) => !m.reviewed && m.status === 'active')).toBe(true);
    expect(await auditOf(t, admin, { entityId: `b-28261-01/review/${year}` })).toEqual([]);
  });

  it('confirms members as they stand and records changes of status as the member’s own audited changes', async () => {
    const response = await confirm(branchOfficer, {
      confirm: [
        { memberId: ids['Nguyễn Thị Ánh'], status: 'active' },
        { memberId: ids['Trần Văn Bảo'], status: 'away', awayPlace: 'Bình Dương', reason: 'Đi làm ăn xa' },
        { memberId: ids['Phan Văn Dũng'], status: 'removed', reason: 'Xóa tên theo nghị quyết chi hội' },
      ],
    });
    const sheet = await jsonOf<Sheet>(response, 200);
    expect(sheet.members.map((m) => [m.fullName, m.status, m.reviewed])).toEqual([
      ['Nguyễn Thị Ánh', 'active', true],
      ['Trần Văn Bảo', 'away', true],
      ['Lê Văn Cường', 'active', false],
    ]);
    expect(row(sheet, 'Trần Văn Bảo')?.confirmation).toMatchObject({
      status: 'away',
      changed: true,
      by: 'alpha.branch',
    });
    expect(sheet.counts).toEqual({ members: 3, reviewed: 2, active: 1, away: 1, lapsed: 0, left: 1 });

    const member = await getJson<{ status: string; awayPlace: string }>(
      t,
      `/api/v1/members/${ids['Trần Văn Bảo']}`,
      admin,
    );
    expect(member).toMatchObject({ status: 'away', awayPlace: 'Bình Dương' });
    const event = (await historyOf(t, admin, ids['Trần Văn Bảo'] as string)).at(-1);
    expect(event).toMatchObject({ type: 'status_changed', status: 'away', reason: 'Đi làm ăn xa' });
    const [statusAudit] = await auditOf(t, admin, { entityId: ids['Phan Văn Dũng'] as string });
    expect(statusAudit).toMatchObject({ action: 'status', actor: { username: 'alpha.branch' } });
    const [reviewAudit] = await auditOf(t, admin, { entityId: `b-28261-01/review/${year}` });
    expect(reviewAudit).toMatchObject({ action: 'review_confirm', entityType: 'branch_review' });
    expect(Object.keys(reviewAudit?.after?.confirmations as object).sort()).toEqual(
      [ids['Nguyễn Thị Ánh'], ids['Trần Văn Bảo'], ids['Phan Văn Dũng']].sort(),
    );
  });

  it('counts a member whose status changed since their confirmation as not reviewed', async () => {
    await changeStatusOk(t, admin, ids['Nguyễn Thị Ánh'] as string, { status: 'lapsed' });
    expect(row(await sheetOf(admin), 'Nguyễn Thị Ánh')?.reviewed).toBe(false);
  });

  it('refuses to be done while members are left, then confirms the rest as they stand and is done', async () => {
    const early = await markDone(branchOfficer);
    expect(early.status).toBe(409);
    const problem = await problemOf(early);
    expect(problem.code).toBe('REVIEW_INCOMPLETE');
    expect(problem.detail).toContain('2');
    expect((await sheetOf(admin)).done).toBe(false);

    const rest = await jsonOf<Sheet>(await confirm(branchOfficer, { confirmRest: true }), 200);
    expect(rest.members.every((m) => m.reviewed)).toBe(true);
    expect(row(rest, 'Nguyễn Thị Ánh')?.confirmation).toMatchObject({ status: 'lapsed', changed: false });
    expect(row(rest, 'Trần Văn Bảo')?.confirmation).toMatchObject({ changed: true });
    expect(rest.counts).toEqual({ members: 3, reviewed: 3, active: 1, away: 1, lapsed: 1, left: 1 });

    const done = await jsonOf<Sheet>(await markDone(branchOfficer), 200);
    expect(done.done).toBe(true);
    const [audit] = await auditOf(t, admin, { entityId: `b-28261-01/review/${year}` });
    expect(audit).toMatchObject({ action: 'review_done' });
  });

  it('is reviewed by the officers whose scope covers the branch, read by viewers, out of reach of others', async () => {
    const body = { confirm: [{ memberId: ids.neighbour, status: 'active' }] };
    expect((await confirm(viewer, body, 'b-28261-02')).status).toBe(403);
    expect((await confirm(branchOfficer, body, 'b-28261-02')).status).toBe(403);
    expect((await confirm(otherOfficer, body, 'b-28261-02')).status).toBe(403);
    expect((await markDone(viewer, 'b-28261-02')).status).toBe(403);
    expect((await t.request(sheetPath('b-28261-02'), { token: otherOfficer })).status).toBe(403);
    expect(row(await sheetOf(viewer, 'b-28261-02'), 'Võ Văn Bên')?.reviewed).toBe(false);

    const confirmed = await jsonOf<Sheet>(await confirm(unitOfficer, body, 'b-28261-02'), 200);
    expect(row(confirmed, 'Võ Văn Bên')?.confirmation).toMatchObject({ by: 'mytho.officer' });
  });

  it('takes two officers’ confirmations of the same branch at once, keeping both', async () => {
    const [first, second] = await Promise.all([
      confirm(admin, { confirm: [{ memberId: ids['Hồ Văn Hai'], status: 'active' }] }, 'b-28261-02'),
      confirm(unitOfficer, { confirm: [{ memberId: ids['Mai Văn Ba'], status: 'active' }] }, 'b-28261-02'),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const sheet = await sheetOf(admin, 'b-28261-02');
    expect(sheet.members.every((m) => m.reviewed)).toBe(true);
    expect(sheet.counts).toMatchObject({ members: 3, reviewed: 3 });
  });
});

describe('progress', () => {
  it('counts branches done and members reviewed per unit below the one asked for', WAITS, async () => {
    const read = () => getJson<Progress>(t, `/api/v1/reviews/${year}/progress?unitId=28261`, unitOfficer);
    // Branches and members come from the figures, which settle a moment after the changes.
    const progress = await eventually(read, (p) => p.total.members === 6);
    expect(progress.rows).toEqual([
      {
        unitId: '28261',
        name: 'Phường Mỹ Tho',
        own: true,
        branches: 1,
        done: 0,
        missing: 1,
        members: 0,
        reviewed: 0,
      },
      {
        unitId: '28261-01',
        name: 'Khóm 1',
        own: false,
        branches: 1,
        done: 1,
        missing: 0,
        members: 3,
        reviewed: 3,
      },
      {
        unitId: '28261-02',
        name: 'Khóm 2',
        own: false,
        branches: 1,
        done: 0,
        missing: 1,
        members: 3,
        reviewed: 3,
      },
    ]);
    expect(progress.total).toEqual({ branches: 3, done: 1, missing: 2, members: 6, reviewed: 6 });

    const province = await getJson<Progress>(t, `/api/v1/reviews/${year}/progress`, viewer);
    expect(province.rows.map((r) => [r.unitId, r.branches, r.done, r.members, r.reviewed])).toEqual([
      ['28249', 1, 0, 1, 0],
      ['28261', 3, 1, 6, 6],
    ]);
    expect((await t.request(`/api/v1/reviews/${year}/progress`, { token: branchOfficer })).status).toBe(403);
    const outside = await t.request(`/api/v1/reviews/${year}/progress?unitId=28249`, { token: unitOfficer });
    expect(outside.status).toBe(403);
  });
});

describe('closing', () => {
  it('is the admin’s; afterwards confirmations are refused and changes are ordinary status changes', async () => {
    const closePath = `/api/v1/reviews/${year}/close`;
    expect((await t.request(closePath, { method: 'POST', token: unitOfficer, json: {} })).status).toBe(403);
    const closed = await t.request(closePath, { method: 'POST', token: admin, json: {} });
    expect(await jsonOf(closed, 200)).toMatchObject({ state: 'closed', closedBy: 'alpha.farmers' });

    const late = await confirm(
      admin,
      { confirm: [{ memberId: ids.elsewhere, status: 'active' }] },
      'b-28249-01',
    );
    expect(late.status).toBe(409);
    expect((await problemOf(late)).code).toBe('REVIEW_CLOSED');
    expect((await markDone(admin, 'b-28249-01')).status).toBe(409);
    expect(row(await sheetOf(admin, 'b-28249-01'), 'Đỗ Văn Xa')?.reviewed).toBe(false);

    await changeStatusOk(t, admin, ids.elsewhere as string, { status: 'lapsed' });
    const [audit] = await auditOf(t, admin, { entityId: ids.elsewhere as string });
    expect(audit).toMatchObject({ action: 'status' });
    expect((await t.request(closePath, { method: 'POST', token: admin, json: {} })).status).toBe(409);
  });
});
