/**
 * The branches pages over HTTP: a unit's branches and a commune's with its hamlets'; a branch with
 * its groups and members; setting one up, renaming it (with the version it was read at) and adding
 * a group through forms; dissolving one with the plan of where each member goes, and finishing a
 * dissolution cut short. A refused form — bad fields, a stale version, a reader out of scope —
 * writes nothing, checked through the API afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, postJson, provinceWithBranches } from '../setup/members.ts';
import type { PageClient } from '../setup/page-client.ts';
import { setUpScene } from '../setup/scene.ts';
import { getJson, jsonOf, seedBranches, type TestApp, testBranch } from '../setup/test-app.ts';
import { pageHtml, signedIn as signedInAs } from './page-scene.ts';

interface BranchBody {
  id: string;
  name: string;
  kind: string;
  status: string;
  version: number;
}

let t: TestApp;
let token: (username: string) => string;

const ADMIN = 'pb.farmers';
const OFFICER = 'pb.mytho';
const OTHER_OFFICER = 'pb.daothanh';
const VIEWER = 'pb.viewer';
const BRANCH_OFFICER = 'pb.branch';
const KHOM_1 = 'b-28261-01';
const KHOM_2 = 'b-28261-02';

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['pb'],
    onboard: provinceWithBranches,
    tenants: {
      'pb:farmers': {
        officers: [
          { username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } },
          { username: OTHER_OFFICER, role: 'unit_officer', scope: { unitId: '28249' } },
          { username: VIEWER, role: 'viewer', scope: null },
          { username: BRANCH_OFFICER, role: 'branch_officer', scope: { branchId: KHOM_1 } },
        ],
      },
    },
    signIn: [ADMIN],
  }));
  await admitOk(t, token(ADMIN), admission({ fullName: 'Phạm Thị Lan', gender: 'female', branchId: KHOM_1 }));
});

const signedIn = (username: string) => signedInAs(t, username);

async function posted(
  browser: PageClient,
  path: string,
  form: Record<string, string>,
  status: number,
): Promise<{ html: string; location: string | null }> {
  const response = await browser.post(path, form);
  const html = await response.text();
  expect(response.status, `${path}: ${html.slice(0, 400)}`).toBe(status);
  return { html, location: response.headers.get('location') };
}

const branch = (id: string) => getJson<BranchBody>(t, `/api/v1/branches/${id}`, token(ADMIN));
const branchesOf = async (unitId: string) =>
  (await getJson<{ items: BranchBody[] }>(t, `/api/v1/branches?unitId=${unitId}&limit=200`, token(ADMIN)))
    .items;

/** A branch set up through the API in a hamlet, with members admitted into it. */
async function branchWithMembers(name: string, names: readonly string[]) {
  const { id } = await jsonOf<BranchBody>(
    await postJson(t, token(ADMIN), '/api/v1/branches', { name, kind: 'residential', unitId: '28261-02' }),
    201,
  );
  const members: string[] = [];
  for (const fullName of names)
    members.push((await admitOk(t, token(ADMIN), admission({ fullName, branchId: id }))).id);
  return { id, members };
}

const memberBranch = async (id: string) =>
  (await getJson<{ branchId: string }>(t, `/api/v1/members/${id}`, token(ADMIN))).branchId;

describe('the branches of a unit', () => {
  it('lists a commune’s own branches, and on request its hamlets’ too, each linked', async () => {
    const admin = await signedIn(ADMIN);
    const own = await pageHtml(admin, '/branches?unitId=28261');
    expect(own).toContain('<h1>Chi hội: Phường Mỹ Tho</h1>');
    expect(own).toContain('href="/branches/b-agency-28261">Chi đoàn cơ quan phường</a>');
    expect(own).not.toContain(`href="/branches/${KHOM_1}"`);
    expect(own).toContain('href="/branches?unitId=28261-01">Khóm 1</a>');
    const subtree = await pageHtml(admin, '/branches?unitId=28261&subtree=1');
    expect(subtree).toContain('href="/branches/b-agency-28261"');
    expect(subtree).toContain(`href="/branches/${KHOM_1}">Chi hội Khóm 1</a>`);
    expect(subtree).toContain(`href="/branches/${KHOM_2}">Chi hội Khóm 2</a>`);
    expect(subtree).not.toContain('href="/branches/b-28249-01"');
  });

  it('opens at a commune officer’s commune and refuses another commune’s, as the API does', async () => {
    const officer = await signedIn(OFFICER);
    expect(await pageHtml(officer, '/branches')).toContain('<h1>Chi hội: Phường Mỹ Tho</h1>');
    await pageHtml(officer, '/branches?unitId=28249', 403);
    await pageHtml(officer, '/branches/b-28249-01', 403);
    await pageHtml(officer, '/branches/new?unitId=28249', 403);
  });

  it('shows a branch officer their own branch only', async () => {
    const branchOfficer = await signedIn(BRANCH_OFFICER);
    const html = await pageHtml(branchOfficer, '/branches');
    expect(html).toContain(`href="/branches/${KHOM_1}"`);
    await pageHtml(branchOfficer, `/branches/${KHOM_2}`, 403);
  });
});

describe('a branch', () => {
  it('shows its facts, its members linked to theirs and to the whole list, and its groups', async () => {
    const admin = await signedIn(ADMIN);
    const html = await pageHtml(admin, `/branches/${KHOM_1}`);
    expect(html).toContain('<h1>Chi hội Khóm 1</h1>');
    expect(html).toContain('Khu dân cư');
    expect(html).toMatch(/<a href="\/members\/[\w-]+">Phạm Thị Lan<\/a>/);
    expect(html).toContain(`href="/members?branchId=${KHOM_1}"`);
    expect(html).toContain(`href="/branches/${KHOM_1}/edit"`);
    expect(html).toContain(`href="/branches/${KHOM_1}/dissolve"`);
  });

  it('hides the changes from a viewer, and refuses them when sent anyway', async () => {
    const viewer = await signedIn(VIEWER);
    const html = await pageHtml(viewer, `/branches/${KHOM_1}`);
    expect(html).not.toContain('/edit"');
    expect(html).not.toContain('/dissolve"');
    expect(html).not.toContain(`action="/branches/${KHOM_1}/groups"`);
    await pageHtml(viewer, `/branches/${KHOM_1}/edit`, 403);
    await posted(viewer, `/branches/${KHOM_1}/groups`, { name: 'Tổ hội Lén' }, 403);
    const groups = await getJson<{ items: unknown[] }>(t, `/api/v1/branches/${KHOM_1}/groups`, token(ADMIN));
    expect(groups.items).toEqual([]);
  });

  it('lets its branch officer add a group; an empty name is refused beside the field', async () => {
    const branchOfficer = await signedIn(BRANCH_OFFICER);
    const refused = await posted(branchOfficer, `/branches/${KHOM_1}/groups`, { name: '  ' }, 400);
    expect(refused.html).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
    const added = await posted(branchOfficer, `/branches/${KHOM_1}/groups`, { name: 'Tổ hội số 1' }, 303);
    expect(added.location).toBe(`/branches/${KHOM_1}?group=added#groups`);
    const groups = await getJson<{ items: { name: string }[] }>(
      t,
      `/api/v1/branches/${KHOM_1}/groups`,
      token(ADMIN),
    );
    expect(groups.items.map((g) => g.name)).toEqual(['Tổ hội số 1']);
    expect(await pageHtml(branchOfficer, `/branches/${KHOM_1}?group=added`)).toContain('Tổ hội số 1');
  });
});

describe('setting up a branch', () => {
  it('offers the kinds a hamlet takes, and sets one up', async () => {
    const officer = await signedIn(OFFICER);
    const form = await pageHtml(officer, '/branches/new?unitId=28261-01');
    expect(form).toContain('<option value="residential"');
    expect(form).toContain('<option value="professional"');
    expect(form).not.toContain('<option value="agency"');
    const done = await posted(
      officer,
      '/branches/new',
      {
        unitId: '28261-01',
        name: 'Chi hội nghề nghiệp trồng lúa',
        kind: 'professional',
        economicModel: 'rice',
      },
      303,
    );
    const id = /^\/branches\/([\w-]+)\?created=1$/.exec(done.location ?? '')?.[1] ?? '';
    expect(await branch(id)).toMatchObject({ name: 'Chi hội nghề nghiệp trồng lúa', kind: 'professional' });
    expect(await pageHtml(officer, `/branches/${id}?created=1`)).toContain('Đã thành lập chi hội.');
  });

  it('refuses a bad form beside its fields, keeping what was typed, and writes nothing', async () => {
    const officer = await signedIn(OFFICER);
    const before = await branchesOf('28261-01');
    const noModel = await posted(
      officer,
      '/branches/new',
      { unitId: '28261-01', name: 'Chi hội Thiếu Mô Hình', kind: 'professional' },
      400,
    );
    expect(noModel.html).toMatch(/id="f-economicModel"[^>]*aria-invalid="true"/);
    expect(noModel.html).toContain('Bắt buộc với loại chi hội/chi đoàn này');
    expect(noModel.html).toContain('value="Chi hội Thiếu Mô Hình"');
    const noName = await posted(
      officer,
      '/branches/new',
      { unitId: '28261-01', name: '', kind: 'residential' },
      400,
    );
    expect(noName.html).toMatch(/id="f-name"[^>]*aria-invalid="true"[^>]*aria-describedby="f-name-error"/);
    // A kind the unit does not take: the rule's sentence above the form.
    const wrongLevel = await posted(
      officer,
      '/branches/new',
      { unitId: '28261-01', name: 'Chi hội Cơ Quan', kind: 'agency', agencyType: 'office' },
      400,
    );
    expect(wrongLevel.html).toContain('role="alert"');
    expect(wrongLevel.html).toContain('phải đặt ở cấp');
    expect(await branchesOf('28261-01')).toEqual(before);
  });

  it('refuses a unit outside the officer’s scope, writing nothing', async () => {
    const officer = await signedIn(OFFICER);
    const before = await branchesOf('28249-01');
    await posted(
      officer,
      '/branches/new',
      { unitId: '28249-01', name: 'Chi hội Lấn', kind: 'residential' },
      403,
    );
    expect(await branchesOf('28249-01')).toEqual(before);
  });
});

describe('renaming a branch', () => {
  it('saves the new name with the version it was read at', async () => {
    const { id } = await branchWithMembers('Chi hội Tên Cũ', []);
    const officer = await signedIn(OFFICER);
    const form = await pageHtml(officer, `/branches/${id}/edit`);
    expect(form).toContain('name="version" value="1"');
    expect(form).toContain('value="Chi hội Tên Cũ"');
    const done = await posted(
      officer,
      `/branches/${id}/edit`,
      { name: 'Chi hội Tên Mới', version: '1' },
      303,
    );
    expect(done.location).toBe(`/branches/${id}?saved=1`);
    expect(await branch(id)).toMatchObject({ name: 'Chi hội Tên Mới', version: 2 });
  });

  it('shows the current values when someone else saved first, and writes nothing', async () => {
    const { id } = await branchWithMembers('Chi hội Hai Người Sửa', []);
    const officer = await signedIn(OFFICER);
    await pageHtml(officer, `/branches/${id}/edit`);
    await jsonOf(
      await t.request(`/api/v1/branches/${id}`, {
        method: 'PATCH',
        token: token(ADMIN),
        json: { name: 'Chi hội Người Kia Sửa' },
      }),
    );
    const stale = await posted(
      officer,
      `/branches/${id}/edit`,
      { name: 'Chi hội Của Tôi', version: '1' },
      412,
    );
    expect(stale.html).toContain('Người khác vừa sửa bản ghi này');
    expect(stale.html).toContain('value="Chi hội Người Kia Sửa"');
    expect(stale.html).toContain('name="version" value="2"');
    expect(await branch(id)).toMatchObject({ name: 'Chi hội Người Kia Sửa', version: 2 });
  });

  it('refuses an empty name, and a branch officer’s change, writing nothing', async () => {
    const officer = await signedIn(OFFICER);
    const refused = await posted(officer, `/branches/${KHOM_1}/edit`, { name: ' ', version: '1' }, 400);
    expect(refused.html).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
    const branchOfficer = await signedIn(BRANCH_OFFICER);
    await posted(branchOfficer, `/branches/${KHOM_1}/edit`, { name: 'Chi hội Tự Đổi', version: '1' }, 403);
    expect(await branch(KHOM_1)).toMatchObject({ name: 'Chi hội Khóm 1', version: 1 });
  });
});

describe('dissolving a branch', () => {
  it('draws the plan: every member with a choice among the active branches around', async () => {
    const { id } = await branchWithMembers('Chi hội Xem Kế Hoạch', ['Đỗ Văn Một', 'Đỗ Văn Hai']);
    const officer = await signedIn(OFFICER);
    const html = await pageHtml(officer, `/branches/${id}/dissolve`);
    expect(html).toContain('data-confirm=');
    expect(html).toContain('aria-label="Nơi chuyển của Đỗ Văn Một"');
    expect(html).toContain('aria-label="Nơi chuyển của Đỗ Văn Hai"');
    expect(html).toContain(`<option value="${KHOM_1}">Chi hội Khóm 1 — Khóm 1</option>`);
    expect(html).toContain('<option value="b-agency-28261">Chi đoàn cơ quan phường — Phường Mỹ Tho</option>');
    expect(html).not.toContain(`<option value="${id}"`);
    expect(html).not.toContain('b-28249-01');
  });

  it('moves each member where the plan says, then shows the branch dissolved', async () => {
    const { id, members } = await branchWithMembers('Chi hội Giải Thể', ['Võ Văn A', 'Võ Văn B', 'Võ Văn C']);
    const [a, b, c] = members as [string, string, string];
    const officer = await signedIn(OFFICER);
    const done = await posted(
      officer,
      `/branches/${id}/dissolve`,
      { toBranchId: KHOM_1, [`move.${c}`]: KHOM_2, [`move.${a}`]: '', reason: 'Sáp nhập ấp' },
      303,
    );
    expect(done.location).toBe(`/branches/${id}?moved=3`);
    expect(await branch(id)).toMatchObject({ status: 'dissolved' });
    expect([await memberBranch(a), await memberBranch(b), await memberBranch(c)]).toEqual([
      KHOM_1,
      KHOM_1,
      KHOM_2,
    ]);
    const html = await pageHtml(officer, `/branches/${id}?moved=3`);
    expect(html).toContain('Đã giải thể chi hội. Số hội viên đã chuyển: 3');
    expect(html).toContain('Sáp nhập ấp');
    expect(html).not.toContain(`href="/branches/${id}/dissolve"`);
  });

  it('refuses a plan leaving someone nowhere to go, or without a reason, and moves nobody', async () => {
    const { id, members } = await branchWithMembers('Chi hội Thiếu Nơi', ['Hồ Văn Một', 'Hồ Văn Hai']);
    const [first, second] = members as [string, string];
    const officer = await signedIn(OFFICER);
    const nowhere = await posted(
      officer,
      `/branches/${id}/dissolve`,
      { toBranchId: '', [`move.${first}`]: KHOM_1, reason: 'Sáp nhập' },
      400,
    );
    expect(nowhere.html).toMatch(/id="f-toBranchId"[^>]*aria-invalid="true"/);
    expect(nowhere.html).toContain('Có hội viên chưa có nơi chuyển');
    // What was chosen stays chosen.
    expect(nowhere.html).toContain(`<option value="${KHOM_1}" selected="">`);
    const noReason = await posted(
      officer,
      `/branches/${id}/dissolve`,
      { toBranchId: KHOM_1, reason: '' },
      400,
    );
    expect(noReason.html).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    expect(await branch(id)).toMatchObject({ status: 'active' });
    expect([await memberBranch(first), await memberBranch(second)]).toEqual([id, id]);
  });

  it('is refused to who may not dissolve it, with nothing moved', async () => {
    const { id, members } = await branchWithMembers('Chi hội Không Được Đụng', ['Lý Văn Yên']);
    for (const username of [OTHER_OFFICER, VIEWER]) {
      const reader = await signedIn(username);
      await pageHtml(reader, `/branches/${id}/dissolve`, 403);
      await posted(reader, `/branches/${id}/dissolve`, { toBranchId: KHOM_1, reason: 'Lén giải thể' }, 403);
    }
    expect(await branch(id)).toMatchObject({ status: 'active' });
    expect(await memberBranch(members[0] as string)).toBe(id);
  });

  it('finishes a dissolution cut short, following the plan stored on the branch', async () => {
    const { id, members } = await branchWithMembers('Chi hội Bị Gián Đoạn', ['Mai Văn Một', 'Mai Văn Hai']);
    const stored = await branch(id);
    // As a crash leaves it: the plan stored, the branch closed to newcomers, nobody moved yet.
    await seedBranches(t, 'pb:farmers', [
      {
        ...testBranch(id, '28261-02', stored.name),
        status: 'dissolving',
        version: stored.version + 1,
        dissolution: {
          toBranchId: KHOM_2,
          moves: {},
          reason: 'Sáp nhập theo kế hoạch',
          effectiveDate: t.today,
          startedAt: new Date().toISOString(),
          finishedAt: null,
        },
      } as never,
    ]);
    const officer = await signedIn(OFFICER);
    expect(await pageHtml(officer, `/branches/${id}`)).toContain('Hoàn tất giải thể');
    const plan = await pageHtml(officer, `/branches/${id}/dissolve`);
    expect(plan).toContain('Số hội viên còn chờ chuyển: 2');
    expect(plan).toContain('Sáp nhập theo kế hoạch');
    const done = await posted(officer, `/branches/${id}/dissolve`, { reason: 'x', toBranchId: KHOM_1 }, 303);
    expect(done.location).toBe(`/branches/${id}?moved=2&resumed=1`);
    expect(await branch(id)).toMatchObject({ status: 'dissolved' });
    // The stored plan, not the one sent, says where they went.
    expect([await memberBranch(members[0] as string), await memberBranch(members[1] as string)]).toEqual([
      KHOM_2,
      KHOM_2,
    ]);
  });
});
