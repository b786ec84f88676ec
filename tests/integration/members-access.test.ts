/**
 * Who sees and changes what: sensitive fields for those who decide on them, the full national id
 * for the same few and always audited, each officer inside their part of the tree, the viewer
 * read-only, the Front and other tenants nowhere; and an audit trail of every change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admission,
  admit,
  admitOk,
  auditOf,
  historyOf,
  listedIds,
  nationalIdFor,
  patchMember,
  postJson,
  provinceWithBranches,
  userIdOf,
} from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, type TestApp } from '../setup/test-app.ts';

interface MemberBody {
  id: string;
  version: number;
  [field: string]: unknown;
}

const SENSITIVE = ['ethnicity', 'religion', 'partyMember'] as const;

let t: TestApp;
let token: Scene['token'];
let today: string;

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    onboard: provinceWithBranches,
    tenants: {
      'alpha:farmers': {
        officers: [
          { username: 'alpha.farmers.mytho', role: 'unit_officer', scope: { unitId: '28261' } },
          { username: 'alpha.farmers.daothanh', role: 'unit_officer', scope: { unitId: '28249' } },
          { username: 'alpha.farmers.khom1', role: 'branch_officer', scope: { branchId: 'b-28261-01' } },
          { username: 'alpha.farmers.viewer', role: 'viewer', scope: null },
        ],
      },
    },
    signIn: ['alpha.farmers', 'alpha.women', 'alpha.front', 'beta.farmers', 'root.operator'],
  }));
  today = t.today;
});

const admin = () => token('alpha.farmers');
const memberPath = (id: string) => `/api/v1/members/${id}`;

/** Every member endpoint, as calls a given user makes about a given member. */
function calls(id: string) {
  const change = { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: today };
  const out = { destination: { description: 'Nơi khác' }, reason: 'Chuyển đi', effectiveDate: today };
  return {
    read: (tk: string) => t.request(memberPath(id), { token: tk }),
    history: (tk: string) => t.request(`${memberPath(id)}/history`, { token: tk }),
    nationalId: (tk: string) => t.request(`${memberPath(id)}/national-id`, { token: tk }),
    patch: (tk: string) => patchMember(t, tk, id, { occupation: 'Đổi nghề' }, '"v1"'),
    status: (tk: string) => postJson(t, tk, `${memberPath(id)}/status`, change),
    transfer: (tk: string) => postJson(t, tk, `${memberPath(id)}/transfer`, { toBranchId: 'b-28261-02' }),
    transferOut: (tk: string) => postJson(t, tk, `${memberPath(id)}/transfer-out`, out),
  };
}

describe('sensitive fields', () => {
  let member: MemberBody;

  beforeAll(async () => {
    member = await admitOk<MemberBody>(
      t,
      admin(),
      admission({
        fullName: 'Thạch Thị Sa',
        gender: 'female',
        ethnicity: 'Khmer',
        religion: 'Phật giáo',
        partyMember: true,
      }),
    );
  });

  it('are shown to the organization’s admin and unit officers', async () => {
    expect(member).toMatchObject({ ethnicity: 'Khmer', religion: 'Phật giáo', partyMember: true });
    for (const username of ['alpha.farmers', 'alpha.farmers.mytho'])
      expect(await getJson(t, memberPath(member.id), token(username))).toMatchObject({
        ethnicity: 'Khmer',
        religion: 'Phật giáo',
        partyMember: true,
      });
  });

  it('are absent, not merely empty, for branch officers and viewers', async () => {
    for (const username of ['alpha.farmers.khom1', 'alpha.farmers.viewer']) {
      const response = await t.request(memberPath(member.id), { token: token(username) });
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of SENSITIVE) expect(JSON.parse(text)).not.toHaveProperty(name);
      expect(text).not.toContain('Khmer');
      expect(text).not.toContain('Phật giáo');
    }
  });

  it('may not be written by a branch officer: 403 SENSITIVE_FIELDS_FORBIDDEN, nothing changed', async () => {
    // Prepare
    const officer = token('alpha.farmers.khom1');
    const before = await listedIds(t, admin(), 'branchId=b-28261-01');

    // Act & Assess
    for (const sensitive of [{ ethnicity: 'Kinh' }, { religion: 'Không' }, { partyMember: true }]) {
      await expectProblem(
        await admit(t, officer, admission({ fullName: 'Thạch Văn Mới', ...sensitive })),
        403,
        'SENSITIVE_FIELDS_FORBIDDEN',
      );
      await expectProblem(
        await patchMember(t, officer, member.id, sensitive, '"v1"'),
        403,
        'SENSITIVE_FIELDS_FORBIDDEN',
      );
    }
    // Sending one, even to clear it, is writing it.
    await expectProblem(
      await patchMember(t, officer, member.id, { ethnicity: null }, '"v1"'),
      403,
      'SENSITIVE_FIELDS_FORBIDDEN',
    );
    expect(await listedIds(t, admin(), 'branchId=b-28261-01')).toEqual(before);
    expect(await getJson(t, memberPath(member.id), admin())).toMatchObject({
      ethnicity: 'Khmer',
      version: 1,
    });
  });

  it('stay untouched, and unseen, when a branch officer edits other fields', async () => {
    const response = await patchMember(
      t,
      token('alpha.farmers.khom1'),
      member.id,
      { occupation: 'Buôn bán' },
      '"v1"',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as MemberBody;
    expect(body).toMatchObject({ occupation: 'Buôn bán', version: 2 });
    for (const name of SENSITIVE) expect(body).not.toHaveProperty(name);
    expect(await getJson(t, memberPath(member.id), admin())).toMatchObject({
      occupation: 'Buôn bán',
      ethnicity: 'Khmer',
      religion: 'Phật giáo',
      partyMember: true,
    });
  });

  it('may be written by a unit officer within their scope', async () => {
    const response = await patchMember(
      t,
      token('alpha.farmers.mytho'),
      member.id,
      { religion: 'Không', partyMember: false },
      '"v2"',
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      religion: 'Không',
      partyMember: false,
      ethnicity: 'Khmer',
    });
    const created = await admitOk<MemberBody>(
      t,
      token('alpha.farmers.mytho'),
      admission({
        fullName: 'Thạch Văn Đảng',
        partyMember: true,
        ethnicity: 'Khmer',
        branchId: 'b-28261-02',
      }),
    );
    expect(created).toMatchObject({ partyMember: true, ethnicity: 'Khmer' });
  });
});

describe('the full national id', () => {
  it('is read by the admin and unit officers in scope, never cached, and each read is audited', async () => {
    // Prepare
    const body = admission({ fullName: 'Kim Văn Số' });
    const member = await admitOk(t, admin(), body);
    const officer = token('alpha.farmers.mytho');

    // Act
    const read = await t.request(`${memberPath(member.id)}/national-id`, { token: officer });
    const byAdmin = await t.request(`${memberPath(member.id)}/national-id`, { token: admin() });

    // Assess
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ nationalId: body.nationalId });
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(await byAdmin.json()).toEqual({ nationalId: body.nationalId });
    const records = await auditOf(t, admin(), { entityId: member.id });
    expect(records.map((r) => r.action)).toEqual(['read_national_id', 'read_national_id', 'create']);
    expect(records[1]).toMatchObject({
      actor: { userId: await userIdOf(t, officer), username: 'alpha.farmers.mytho', role: 'unit_officer' },
      entityType: 'member',
      entityId: member.id,
      requestId: read.headers.get('x-request-id'),
    });
    expect(JSON.stringify(records)).not.toContain(String(body.nationalId));
  });

  it('is refused to branch officers, viewers, officers out of scope and the Front; each refusal inside the organization is audited', async () => {
    // Prepare
    const member = await admitOk(t, admin(), admission({ fullName: 'Kim Văn Kín' }));
    const insiders = ['alpha.farmers.khom1', 'alpha.farmers.viewer', 'alpha.farmers.daothanh'];

    // Act
    const refused: Response[] = [];
    for (const username of [...insiders, 'alpha.front'])
      refused.push(await calls(member.id).nationalId(token(username)));

    // Assess
    for (const response of refused) await expectProblem(response, 403, 'FORBIDDEN');
    const records = await auditOf(t, admin(), { entityId: member.id });
    expect(records.map((r) => r.action)).toEqual([
      'read_national_id_refused',
      'read_national_id_refused',
      'read_national_id_refused',
      'create',
    ]);
    expect(records.slice(0, 3).map((r) => r.actor.username)).toEqual(expect.arrayContaining(insiders));
    expect(records.find((r) => r.actor.username === 'alpha.farmers.daothanh')).toMatchObject({
      entityType: 'member',
      entityId: member.id,
      before: null,
      after: null,
      requestId: refused[2]?.headers.get('x-request-id'),
    });
  });

  it('is unique within the organization, also when changed by PATCH, and a changed one is free again', async () => {
    // Prepare
    const first = admission({ fullName: 'Kim Văn Một' });
    const second = admission({ fullName: 'Kim Văn Hai' });
    const a = await admitOk(t, admin(), first);
    const b = await admitOk(t, admin(), second);

    // Act & Assess: taking a number in use
    await expectProblem(
      await patchMember(t, admin(), b.id, { nationalId: first.nationalId }, '"v1"'),
      409,
      'NATIONAL_ID_TAKEN',
    );
    expect(await getJson(t, `${memberPath(b.id)}/national-id`, admin())).toEqual({
      nationalId: second.nationalId,
    });
    expect(await getJson(t, memberPath(b.id), admin())).toMatchObject({ version: 1 });

    // Act & Assess: giving a number up frees it
    const renumbered = nationalIdFor(first);
    expect((await patchMember(t, admin(), a.id, { nationalId: renumbered }, '"v1"')).status).toBe(200);
    expect((await patchMember(t, admin(), b.id, { nationalId: first.nationalId }, '"v1"')).status).toBe(200);
    expect(await getJson(t, `${memberPath(b.id)}/national-id`, admin())).toEqual({
      nationalId: first.nationalId,
    });
    const third = await admit(t, admin(), { ...second, fullName: 'Kim Văn Ba' });
    expect(third.status).toBe(201);
    expect((await patchMember(t, admin(), b.id, { nationalId: null }, '"v2"')).status).toBe(200);
    expect((await admit(t, admin(), { ...first, fullName: 'Kim Văn Bốn' })).status).toBe(201);
    await expectProblem(
      await admit(t, admin(), { ...first, fullName: 'Kim Văn Năm' }),
      409,
      'NATIONAL_ID_TAKEN',
    );
    await expectProblem(
      await admit(t, admin(), { ...admission({ fullName: 'Kim Văn Sáu' }), nationalId: renumbered }),
      409,
      'NATIONAL_ID_TAKEN',
    );
  });

  it('may be held in two organizations, and in two provinces', async () => {
    const woman = admission({ fullName: 'Kim Thị Hai Hội', gender: 'female', birthDate: '1975-08-08' });
    const inFarmers = await admitOk(t, admin(), woman);
    const inWomen = await admitOk(t, token('alpha.women'), woman);
    const inBeta = await admitOk(t, token('beta.farmers'), woman);
    expect(await getJson(t, `${memberPath(inWomen.id)}/national-id`, token('alpha.women'))).toEqual({
      nationalId: woman.nationalId,
    });
    expect(await getJson(t, `${memberPath(inBeta.id)}/national-id`, token('beta.farmers'))).toEqual({
      nationalId: woman.nationalId,
    });
    expect(new Set([inFarmers.id, inWomen.id, inBeta.id]).size).toBe(3);
  });

  it('never appears in an audit record, whatever the change', async () => {
    const body = admission({ fullName: 'Kim Văn Vết' });
    const member = await admitOk(t, admin(), body);
    const renumbered = nationalIdFor(body);
    await patchMember(t, admin(), member.id, { nationalId: renumbered, occupation: 'Làm ruộng' }, '"v1"');
    await postJson(t, admin(), `${memberPath(member.id)}/status`, {
      status: 'lapsed',
      reason: 'Nghỉ',
      effectiveDate: today,
    });
    const records = await auditOf(t, admin(), { entityId: member.id });
    expect(records.map((r) => r.action)).toEqual(['status', 'update', 'create']);
    expect(records[1]).toMatchObject({
      before: { nationalId: `*********${String(body.nationalId).slice(-3)}` },
      after: { nationalId: `*********${renumbered.slice(-3)}` },
    });
    const text = JSON.stringify(records);
    for (const number of [String(body.nationalId), renumbered]) {
      expect(text).not.toContain(number);
      expect(text).not.toContain(number.slice(0, 9));
    }
    expect(text).not.toMatch(/sealed|hash/);
  });
});

describe('scopes', () => {
  let inMyTho: MemberBody;
  let inDaoThanh: MemberBody;
  let inKhom2: MemberBody;

  beforeAll(async () => {
    inMyTho = await admitOk(t, admin(), admission({ fullName: 'Sơn Văn Mỹ Tho' }));
    inKhom2 = await admitOk(t, admin(), admission({ fullName: 'Sơn Văn Khóm Hai', branchId: 'b-28261-02' }));
    inDaoThanh = await admitOk(
      t,
      admin(),
      admission({ fullName: 'Sơn Văn Đạo Thạnh', branchId: 'b-28249-01' }),
    );
  });

  it('a unit officer reads and changes only their subtree, and moves no one out of it', async () => {
    // Prepare
    const officer = token('alpha.farmers.mytho');
    const outside = calls(inDaoThanh.id);

    // Act & Assess: outside
    for (const call of Object.values(outside)) await expectProblem(await call(officer), 403, 'FORBIDDEN');
    await expectProblem(
      await admit(t, officer, admission({ fullName: 'Sơn Văn Ngoài', branchId: 'b-28249-01' })),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await postJson(t, officer, `${memberPath(inMyTho.id)}/transfer`, { toBranchId: 'b-28249-01' }),
      403,
      'FORBIDDEN',
    );
    for (const query of ['unitId=28249', 'branchId=b-28249-01', 'unitId=82'])
      await expectProblem(await t.request(`/api/v1/members?${query}`, { token: officer }), 403, 'FORBIDDEN');
    expect(await getJson(t, memberPath(inDaoThanh.id), admin())).toMatchObject({
      version: 1,
      status: 'active',
    });
    expect(await historyOf(t, admin(), inDaoThanh.id)).toHaveLength(1);

    // Act & Assess: inside
    const listed = await listedIds(t, officer, '');
    expect(listed).toEqual(expect.arrayContaining([inMyTho.id, inKhom2.id]));
    expect(listed).not.toContain(inDaoThanh.id);
    expect((await calls(inMyTho.id).read(officer)).status).toBe(200);
    const moved = await postJson(t, officer, `${memberPath(inMyTho.id)}/transfer`, {
      toBranchId: 'b-agency-28261',
    });
    expect(moved.status).toBe(200);
    // The other commune's officer now cannot see them either.
    await expectProblem(await calls(inMyTho.id).read(token('alpha.farmers.daothanh')), 403, 'FORBIDDEN');
  });

  it('a branch officer reads and changes only their branch', async () => {
    const officer = token('alpha.farmers.khom1');
    for (const call of Object.values(calls(inKhom2.id)))
      await expectProblem(await call(officer), 403, 'FORBIDDEN');
    await expectProblem(
      await admit(t, officer, admission({ fullName: 'Sơn Văn Khóm Khác', branchId: 'b-28261-02' })),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await t.request('/api/v1/members?unitId=28261', { token: officer }),
      403,
      'FORBIDDEN',
    );
    const own = await admitOk(t, officer, admission({ fullName: 'Sơn Văn Khóm Một' }));
    expect(await listedIds(t, officer, '')).toContain(own.id);
    expect(await listedIds(t, officer, '')).not.toContain(inKhom2.id);
    expect((await calls(own.id).status(officer)).status).toBe(200);
    // Moving someone out of the branch takes them out of the officer's reach: that is not theirs to do.
    await expectProblem(await calls(own.id).transfer(officer), 403, 'FORBIDDEN');
  });

  it('a list asked for a branch outside the unit asked for is a 400 saying so', async () => {
    const problem = await expectProblem(
      await t.request('/api/v1/members?unitId=28249&branchId=b-28261-01', { token: admin() }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: 'query.branchId',
        code: 'not_in_unit',
        messageEn: 'This branch does not belong to the chosen unit',
      }),
    ]);
  });

  it('a viewer reads everything and changes nothing', async () => {
    const viewer = token('alpha.farmers.viewer');
    const member = await admitOk(t, admin(), admission({ fullName: 'Sơn Văn Xem' }));
    const all = calls(member.id);
    expect((await all.read(viewer)).status).toBe(200);
    expect((await all.history(viewer)).status).toBe(200);
    expect(await listedIds(t, viewer, '')).toEqual(expect.arrayContaining([member.id, inDaoThanh.id]));
    for (const write of [all.patch, all.status, all.transfer, all.transferOut, all.nationalId])
      await expectProblem(await write(viewer), 403, 'FORBIDDEN');
    await expectProblem(await admit(t, viewer, admission({ fullName: 'Sơn Văn Không' })), 403, 'FORBIDDEN');
    await expectProblem(
      await postJson(t, viewer, '/api/v1/incoming-transfers/any/accept', { branchId: 'b-28261-01' }),
      403,
      'FORBIDDEN',
    );
    expect(await getJson(t, memberPath(member.id), admin())).toMatchObject({ version: 1, status: 'active' });
    // Nothing changed; only the refused reach for the national id left its trace.
    expect((await auditOf(t, admin(), { entityId: member.id })).map((r) => r.action)).toEqual([
      'read_national_id_refused',
      'create',
    ]);
  });

  it('the Front and the platform operator get 403 on every member endpoint', async () => {
    const id = inMyTho.id;
    for (const username of ['alpha.front', 'root.operator']) {
      const tk = token(username);
      for (const call of Object.values(calls(id))) await expectProblem(await call(tk), 403, 'FORBIDDEN');
      for (const path of [
        '/api/v1/members',
        '/api/v1/members?q=son',
        `/api/v1/members/coming-of-age?year=${today.slice(0, 4)}`,
        '/api/v1/incoming-transfers',
        '/api/v1/settings/eligibility',
        `/api/v1/audit?entityId=${id}`,
      ])
        await expectProblem(await t.request(path, { token: tk }), 403, 'FORBIDDEN');
      await expectProblem(await admit(t, tk, admission({ fullName: 'Mặt Trận' })), 403, 'FORBIDDEN');
      await expectProblem(
        await postJson(t, tk, '/api/v1/incoming-transfers/any/accept', { branchId: 'b-28261-01' }),
        403,
        'FORBIDDEN',
      );
    }
  });

  it('another tenant’s member id is not found, whoever asks and however', async () => {
    for (const username of ['beta.farmers', 'alpha.women'])
      for (const [name, call] of Object.entries(calls(inMyTho.id))) {
        const response = await call(token(username));
        expect({ name, status: response.status }).toEqual({ name, status: 404 });
        await expectProblem(response, 404, 'MEMBER_NOT_FOUND');
      }
    expect(await getJson(t, memberPath(inMyTho.id), admin())).toMatchObject({ fullName: 'Sơn Văn Mỹ Tho' });
  });
});

describe('the audit trail', () => {
  it('records every change with who, when, what, before and after, and the request id', async () => {
    // Prepare
    const officer = token('alpha.farmers.mytho');
    const officerId = await userIdOf(t, officer);
    const adminId = await userIdOf(t, admin());
    // Records are stamped by the app's clock, so "when" is checked against it, not against a duration.
    const began = t.deps.clock().getTime();
    const requests: { action: string; response: Response }[] = [];
    const track = async (action: string, response: Response) => {
      requests.push({ action, response });
      return response;
    };

    // Act: the member's whole life, by two people, ending in another province
    const created = await track(
      'create',
      await admit(t, officer, admission({ fullName: 'Nhật Văn Ký', occupation: 'Làm ruộng' })),
    );
    const member = (await created.json()) as MemberBody;
    await track('update', await patchMember(t, admin(), member.id, { occupation: 'Nuôi tôm' }, '"v1"'));
    await track(
      'status',
      await postJson(t, officer, `${memberPath(member.id)}/status`, {
        status: 'away',
        reason: 'Đi làm',
        effectiveDate: today,
        awayPlace: 'Cà Mau',
      }),
    );
    await track(
      'transfer',
      await postJson(t, officer, `${memberPath(member.id)}/transfer`, { toBranchId: 'b-28261-02' }),
    );
    await track(
      'transfer_out',
      await postJson(t, admin(), `${memberPath(member.id)}/transfer-out`, {
        destination: { tenantId: 'beta:farmers', description: 'Beta' },
        reason: 'Chuyển tỉnh',
        effectiveDate: today,
      }),
    );
    expect(requests.map((r) => r.response.status)).toEqual([201, 200, 200, 200, 200]);

    // Assess
    const records = [...(await auditOf(t, admin(), { entityId: member.id }))].reverse();
    expect(records.map((r) => r.action)).toEqual(['create', 'update', 'status', 'transfer', 'transfer_out']);
    records.forEach((record, i) => {
      expect(record.requestId).toBe(requests[i]?.response.headers.get('x-request-id'));
      expect(record.requestId).toEqual(expect.any(String));
      expect(record.entityType).toBe('member');
      expect(Date.parse(record.at)).toBeGreaterThanOrEqual(began);
    });
    expect(records.map((r) => r.actor.userId)).toEqual([officerId, adminId, officerId, officerId, adminId]);
    expect(records[0]).toMatchObject({
      before: null,
      after: { fullName: 'Nhật Văn Ký', occupation: 'Làm ruộng', version: 1 },
    });
    expect(records[1]).toMatchObject({
      before: { occupation: 'Làm ruộng', version: 1 },
      after: { occupation: 'Nuôi tôm', version: 2 },
    });
    expect(Object.keys(records[1]?.before ?? {}).sort()).toEqual(['occupation', 'updatedAt', 'version']);
    expect(records[2]).toMatchObject({
      before: { status: 'active', awayPlace: null },
      after: { status: 'away', awayPlace: 'Cà Mau' },
    });
    expect(records[3]).toMatchObject({
      before: { branchId: 'b-28261-01' },
      after: { branchId: 'b-28261-02' },
    });
    expect(records[4]).toMatchObject({ before: { status: 'away' }, after: { status: 'transferred_out' } });

    // Accepted in the other province: audited there
    const beta = token('beta.farmers');
    const pending = await getJson<{ items: { id: string; from: { memberId: string } }[] }>(
      t,
      '/api/v1/incoming-transfers',
      beta,
    );
    const transfer = pending.items.find((p) => p.from.memberId === member.id);
    const accepted = await postJson(t, beta, `/api/v1/incoming-transfers/${transfer?.id}/accept`, {
      branchId: 'b-28261-01',
    });
    const newcomer = (await accepted.json()) as MemberBody;
    const [inBeta] = await auditOf(t, beta, { entityId: newcomer.id });
    expect(inBeta).toMatchObject({
      action: 'transfer_in',
      actor: { username: 'beta.farmers' },
      requestId: accepted.headers.get('x-request-id'),
    });
    // Each tenant reads only its own trail.
    expect(await auditOf(t, beta, { entityId: member.id })).toEqual([]);

    // By actor: the officer's records, newest first, and only theirs
    const byOfficer = await auditOf(t, admin(), { actor: officerId });
    expect(byOfficer.every((r) => r.actor.userId === officerId)).toBe(true);
    expect(byOfficer.filter((r) => r.entityId === member.id).map((r) => r.action)).toEqual([
      'transfer',
      'status',
      'create',
    ]);
    const stamps = byOfficer.map((r) => r.at);
    expect(stamps).toEqual([...stamps].sort().reverse());
  });

  it('writes nothing for a refused change (400, 409, 412) and changes nothing', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(t, admin(), admission({ fullName: 'Nhật Văn Từ Chối' }));
    const other = admission({ fullName: 'Nhật Văn Khác' });
    await admitOk(t, admin(), other);
    const auditBefore = await auditOf(t, admin(), { entityId: member.id });
    const snapshot = await getJson(t, memberPath(member.id), admin());
    const path = memberPath(member.id);

    // Act
    const refused = [
      await postJson(t, admin(), `${path}/status`, { status: 'active', reason: 'x', effectiveDate: today }),
      await postJson(t, admin(), `${path}/status`, {
        status: 'lapsed',
        reason: 'x',
        effectiveDate: '2000-01-01',
      }),
      await postJson(
        t,
        admin(),
        `${path}/status`,
        { status: 'lapsed', reason: 'x', effectiveDate: today },
        { 'if-match': '"v9"' },
      ),
      await patchMember(t, admin(), member.id, { nationalId: other.nationalId }, '"v1"'),
      await patchMember(t, admin(), member.id, { occupation: 'Trễ' }, '"v0"'),
      await patchMember(t, admin(), member.id, { occupation: 'Không If-Match' }),
      await postJson(t, admin(), `${path}/transfer`, { toBranchId: 'b-28261-01' }),
      await postJson(t, admin(), `${path}/transfer-out`, {
        destination: { tenantId: 'alpha:farmers', description: 'Chính mình' },
        reason: 'x',
        effectiveDate: today,
      }),
    ];

    // Assess
    expect(refused.map((r) => r.status)).toEqual([409, 400, 412, 409, 412, 428, 400, 400]);
    expect(await auditOf(t, admin(), { entityId: member.id })).toEqual(auditBefore);
    expect(await getJson(t, memberPath(member.id), admin())).toEqual(snapshot);
    expect(await historyOf(t, admin(), member.id)).toHaveLength(1);
  });

  it('is read by the organization’s admin only, by exactly one of entityId and actor', async () => {
    const member = await admitOk(t, admin(), admission({ fullName: 'Nhật Văn Đọc' }));
    const adminId = await userIdOf(t, admin());
    for (const query of ['', `?entityId=${member.id}&actor=${adminId}`, '?entityId=', '?actor=']) {
      const problem = await expectProblem(
        await t.request(`/api/v1/audit${query}`, { token: admin() }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.length).toBeGreaterThan(0);
    }
    for (const username of [
      'alpha.farmers.mytho',
      'alpha.farmers.khom1',
      'alpha.farmers.viewer',
      'alpha.front',
    ])
      await expectProblem(
        await t.request(`/api/v1/audit?entityId=${member.id}`, { token: token(username) }),
        403,
        'FORBIDDEN',
      );
    const page = await getJson<{ items: unknown[]; nextCursor: string | null }>(
      t,
      `/api/v1/audit?entityId=${member.id}`,
      admin(),
    );
    expect(page.items).toHaveLength(1);
  });
});
