/**
 * Moving members: to another branch of the organization (lists follow, history kept), and out of
 * it — to somewhere outside the platform, or to another tenant that sees the transfer and admits
 * the person, national id and all, sensitive fields left behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  admission,
  admitOk,
  auditOf,
  historyOf,
  listedIds,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { createOfficer, expectProblem, getJson, type PageOf, type TestApp } from '../setup/test-app.ts';

interface MemberBody {
  id: string;
  branchId: string;
  unitId: string;
  status: string;
  statusSince: string;
  transferredTo: { tenantId: string | null; description: string } | null;
  version: number;
  [field: string]: unknown;
}

interface IncomingBody {
  id: string;
  status: string;
  from: { tenantId: string; memberId: string };
  reason: string;
  effectiveDate: string;
  person: Record<string, unknown>;
  acceptedMemberId: string | null;
}

let t: TestApp;
let farmers: string;
let betaFarmers: string;
let alphaWomen: string;
let today: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha', 'beta'], provinceWithBranches);
  await createOfficer(t, {
    username: 'beta.farmers.daothanh',
    tenantId: 'beta:farmers',
    role: 'unit_officer',
    scope: { unitId: '28249' },
  });
  [farmers, betaFarmers, alphaWomen] = await accessTokens(t, 'alpha.farmers', 'beta.farmers', 'alpha.women');
  today = t.today;
});

const transfer = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(t, token, `/api/v1/members/${id}/transfer`, body, headers);
const transferOut = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(t, token, `/api/v1/members/${id}/transfer-out`, body, headers);
const accept = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(t, token, `/api/v1/incoming-transfers/${id}/accept`, body, headers);
const incoming = async (token: string) =>
  (await getJson<PageOf<IncomingBody>>(t, '/api/v1/incoming-transfers?limit=200', token)).items;

describe('moving a member to another branch', () => {
  it('moves them from one branch’s list to the other’s, keeping the history', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(
      t,
      farmers,
      admission({ fullName: 'Bùi Văn Chuyển', joinedAt: '2019-03-03' }),
    );
    expect(await listedIds(t, farmers, 'branchId=b-28261-01')).toContain(member.id);

    // Act
    const response = await transfer(farmers, member.id, {
      toBranchId: 'b-28249-01',
      reason: 'Chuyển nơi ở',
      effectiveDate: '2024-09-01',
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v2"');
    expect(await response.json()).toMatchObject({
      branchId: 'b-28249-01',
      unitId: '28249-01',
      status: 'active',
      statusSince: '2019-03-03',
    });
    expect(await listedIds(t, farmers, 'branchId=b-28261-01')).not.toContain(member.id);
    expect(await listedIds(t, farmers, 'branchId=b-28249-01')).toContain(member.id);
    expect(await listedIds(t, farmers, 'unitId=28261')).not.toContain(member.id);
    expect(await listedIds(t, farmers, 'unitId=28249')).toContain(member.id);
    const history = await historyOf(t, farmers, member.id);
    expect(
      history.map(({ type, effectiveDate, fromBranchId, toBranchId, reason }) => ({
        type,
        effectiveDate,
        fromBranchId,
        toBranchId,
        reason,
      })),
    ).toEqual([
      {
        type: 'admitted',
        effectiveDate: '2019-03-03',
        fromBranchId: null,
        toBranchId: 'b-28261-01',
        reason: null,
      },
      {
        type: 'transferred',
        effectiveDate: '2024-09-01',
        fromBranchId: 'b-28261-01',
        toBranchId: 'b-28249-01',
        reason: 'Chuyển nơi ở',
      },
    ]);
    const [record] = await auditOf(t, farmers, { entityId: member.id });
    expect(record).toMatchObject({
      action: 'transfer',
      before: { branchId: 'b-28261-01', unitId: '28261-01' },
      after: { branchId: 'b-28249-01', unitId: '28249-01' },
    });
  });

  it('refuses the same branch, a missing branch, a date out of range and a stale If-Match, changing nothing', async () => {
    const member = await admitOk<MemberBody>(
      t,
      farmers,
      admission({ fullName: 'Bùi Văn Ở Lại', joinedAt: '2021-01-01' }),
    );
    await expectProblem(await transfer(farmers, member.id, { toBranchId: 'b-28261-01' }), 400, 'SAME_BRANCH');
    await expectProblem(
      await transfer(farmers, member.id, { toBranchId: 'b-nowhere' }),
      404,
      'BRANCH_NOT_FOUND',
    );
    await expectProblem(
      await transfer(farmers, member.id, { toBranchId: 'b-28261-02', effectiveDate: '2020-12-31' }),
      400,
      'EFFECTIVE_DATE_OUT_OF_RANGE',
    );
    await expectProblem(
      await transfer(farmers, member.id, { toBranchId: 'b-28261-02' }, { 'if-match': '"v2"' }),
      412,
      'PRECONDITION_FAILED',
    );
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      branchId: 'b-28261-01',
      version: 1,
    });
    expect(await historyOf(t, farmers, member.id)).toHaveLength(1);
    expect(await auditOf(t, farmers, { entityId: member.id })).toHaveLength(1);
    const ok = await transfer(farmers, member.id, { toBranchId: 'b-28261-02' }, { 'if-match': '"v1"' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ branchId: 'b-28261-02', version: 2 });
  });
});

describe('transferring a member out of the organization', () => {
  it('records where to, ends the membership and takes the member off the lists', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(
      t,
      farmers,
      admission({ fullName: 'Châu Văn Đi', joinedAt: '2019-05-05' }),
    );
    const destination = { description: 'Hội Nông dân xã Mỹ Hội, tỉnh Đồng Tháp' };

    // Act
    const response = await transferOut(farmers, member.id, {
      destination,
      reason: 'Chuyển nhà',
      effectiveDate: today,
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'transferred_out',
      statusSince: today,
      transferredTo: { tenantId: null, description: destination.description },
      version: 2,
    });
    expect(await listedIds(t, farmers, 'branchId=b-28261-01')).not.toContain(member.id);
    expect(await listedIds(t, farmers, 'status=transferred_out')).toContain(member.id);
    const [, event] = await historyOf(t, farmers, member.id);
    expect(event).toMatchObject({
      type: 'transferred_out',
      status: 'transferred_out',
      effectiveDate: today,
      reason: 'Chuyển nhà',
      fromBranchId: 'b-28261-01',
    });
    const [record] = await auditOf(t, farmers, { entityId: member.id });
    expect(record).toMatchObject({
      action: 'transfer_out',
      before: { status: 'active', transferredTo: null },
      after: {
        status: 'transferred_out',
        transferredTo: { tenantId: null, description: destination.description },
      },
    });
  });

  it('takes effect from the day the current status began to today', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Châu Văn Hẹn', joinedAt: '2022-02-02' }));
    const out = (effectiveDate: string) =>
      transferOut(farmers, member.id, {
        destination: { description: 'Nơi khác' },
        reason: 'Chuyển đi',
        effectiveDate,
      });
    await expectProblem(await out('2022-02-01'), 400, 'EFFECTIVE_DATE_OUT_OF_RANGE');
    await expectProblem(await out(addDays(today, 1)), 400, 'EFFECTIVE_DATE_OUT_OF_RANGE');
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'active',
      version: 1,
    });
    expect((await out('2022-02-02')).status).toBe(200);
  });

  it('refuses its own tenant or one that is not on the platform, saying why in both languages', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Châu Văn Lạc' }));
    const to = (tenantId: string) => ({
      destination: { tenantId, description: 'Nơi khác' },
      reason: 'Chuyển đi',
      effectiveDate: today,
    });
    const same = await expectProblem(
      await transferOut(farmers, member.id, to('alpha:farmers')),
      400,
      'VALIDATION_FAILED',
    );
    const unknown = await expectProblem(
      await transferOut(farmers, member.id, to('gamma:farmers')),
      400,
      'VALIDATION_FAILED',
    );
    await expectProblem(await transferOut(farmers, member.id, to('alpha:front')), 400, 'VALIDATION_FAILED');
    for (const [problem, code] of [
      [same, 'same_tenant'],
      [unknown, 'unknown_tenant'],
    ] as const) {
      const [error] = problem.errors ?? [];
      expect(error).toMatchObject({ path: 'body.destination.tenantId', code });
      // A sentence of its own, not the catch-all.
      expect(error?.messageEn).not.toBe('Invalid value');
      expect(error?.message).not.toBe('Giá trị không hợp lệ');
    }
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'active',
      version: 1,
    });
    expect(await incoming(betaFarmers)).toEqual([]);
  });

  it('to another province’s union: it sees the transfer, accepts it once, with the same national id and no sensitive fields', async () => {
    // Prepare
    const body = admission({
      fullName: 'Dương Văn Xa',
      phone: '0912345678',
      occupation: 'Nuôi cá',
      ethnicity: 'Khmer',
      religion: 'Phật giáo',
      partyMember: true,
      notes: 'Ghi chú nội bộ',
      cardNumber: 'HND-001',
    });
    const member = await admitOk<MemberBody>(t, farmers, body);

    // Act: send
    const out = await transferOut(farmers, member.id, {
      destination: { tenantId: 'beta:farmers', description: 'Hội Nông dân tỉnh Beta' },
      reason: 'Chuyển về quê vợ',
      effectiveDate: today,
    });

    // Assess: the receiver sees it, with only what it needs
    expect(out.status).toBe(200);
    const [pending, ...others] = await incoming(betaFarmers);
    expect(others).toEqual([]);
    expect(pending).toMatchObject({
      status: 'pending',
      from: { tenantId: 'alpha:farmers', memberId: member.id },
      reason: 'Chuyển về quê vợ',
      effectiveDate: today,
      acceptedMemberId: null,
      person: {
        fullName: 'Dương Văn Xa',
        gender: 'male',
        birthDate: body.birthDate,
        phone: '0912345678',
        occupation: 'Nuôi cá',
        nationalIdMasked: `*********${String(body.nationalId).slice(-3)}`,
      },
    });
    const seen = JSON.stringify(pending);
    for (const leftBehind of ['ethnicity', 'religion', 'partyMember', 'notes', 'cardNumber', 'sealed'])
      expect(seen).not.toContain(leftBehind);
    expect(seen).not.toContain(String(body.nationalId));
    expect(await incoming(alphaWomen)).toEqual([]);
    expect(await incoming(farmers)).toEqual([]);
    const transferId = (pending as IncomingBody).id;

    // Act: accept
    const accepted = await accept(betaFarmers, transferId, { branchId: 'b-28249-01' });

    // Assess: a member there, same number, nothing sensitive
    expect(accepted.status).toBe(201);
    const newcomer = (await accepted.json()) as MemberBody;
    expect(accepted.headers.get('location')).toBe(`/api/v1/members/${newcomer.id}`);
    expect(accepted.headers.get('etag')).toBe('"v1"');
    expect(newcomer).toMatchObject({
      fullName: 'Dương Văn Xa',
      branchId: 'b-28249-01',
      status: 'active',
      joinedAt: today,
      phone: '0912345678',
      ethnicity: null,
      religion: null,
      partyMember: false,
      notes: null,
      cardNumber: null,
      version: 1,
    });
    expect(await getJson(t, `/api/v1/members/${newcomer.id}/national-id`, betaFarmers)).toEqual({
      nationalId: body.nationalId,
    });
    expect(await listedIds(t, betaFarmers, 'branchId=b-28249-01')).toContain(newcomer.id);
    const [event] = await historyOf(t, betaFarmers, newcomer.id);
    expect(event).toMatchObject({
      type: 'transferred_in',
      status: 'active',
      toBranchId: 'b-28249-01',
      reason: 'Chuyển về quê vợ',
    });
    const records = await auditOf(t, betaFarmers, { entityId: newcomer.id });
    expect(records.map((r) => r.action)).toEqual(['read_national_id', 'transfer_in']);
    expect(records[1]).toMatchObject({ before: null, after: { id: newcomer.id, branchId: 'b-28249-01' } });
    expect(JSON.stringify(records)).not.toContain(String(body.nationalId));
    // The sender keeps its own record, ended.
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'transferred_out',
    });

    // Act & Assess: a second acceptance, and the list of pending transfers
    await expectProblem(
      await accept(betaFarmers, transferId, { branchId: 'b-28261-01' }),
      409,
      'TRANSFER_ALREADY_ACCEPTED',
    );
    expect(await incoming(betaFarmers)).toEqual([]);
    expect(await listedIds(t, betaFarmers, 'branchId=b-28261-01')).not.toContain(newcomer.id);
    // The number is now taken in the receiving organization too.
    await expectProblem(
      await postJson(t, betaFarmers, '/api/v1/members', { ...body, fullName: 'Dương Văn Trùng' }),
      409,
      'NATIONAL_ID_TAKEN',
    );
  });

  it('is accepted once when accepted concurrently: one member, every other answer 409 already accepted', async () => {
    // Prepare
    const body = admission({ fullName: 'Đoàn Văn Tranh Nhận' });
    const member = await admitOk(t, farmers, body);
    await transferOut(farmers, member.id, {
      destination: { tenantId: 'beta:farmers', description: 'Beta' },
      reason: 'Chuyển tỉnh',
      effectiveDate: today,
    });
    const transfer = (await incoming(betaFarmers)).find((p) => p.from.memberId === member.id) as IncomingBody;

    // Act
    const responses = await Promise.all(
      ['b-28261-01', 'b-28261-02', 'b-28249-01', 'b-agency-28261', 'b-28261-01'].map((branchId) =>
        accept(betaFarmers, transfer.id, { branchId }),
      ),
    );

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const response of responses)
      if (response.status === 409) await expectProblem(response, 409, 'TRANSFER_ALREADY_ACCEPTED');
    const found = await getJson<PageOf<{ id: string }>>(
      t,
      `/api/v1/members?q=${body.nationalId}`,
      betaFarmers,
    );
    expect(found.items).toHaveLength(1);
    expect(await incoming(betaFarmers)).not.toContainEqual(expect.objectContaining({ id: transfer.id }));
  });

  it('to another organization of the province, which applies its own admission rule on acceptance', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Tạ Văn Nông' }));
    const out = await transferOut(farmers, member.id, {
      destination: { tenantId: 'alpha:women', description: 'Hội LHPN tỉnh Alpha' },
      reason: 'Nhầm tổ chức',
      effectiveDate: today,
    });
    expect(out.status).toBe(200);
    const [pending] = await incoming(alphaWomen);
    const problem = await expectProblem(
      await accept(alphaWomen, (pending as IncomingBody).id, { branchId: 'b-28261-01' }),
      400,
      'NOT_ELIGIBLE',
    );
    expect(problem.detailEn).toContain('women only');
    expect((await incoming(alphaWomen)).map((p) => p.id)).toEqual([(pending as IncomingBody).id]);
  });

  it('is accepted only into a branch in the acceptor’s scope, and only by who may admit', async () => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ fullName: 'Lưu Văn Phạm Vi' }));
    await transferOut(farmers, member.id, {
      destination: { tenantId: 'beta:farmers', unitId: '28249', description: 'Beta' },
      reason: 'Chuyển đi',
      effectiveDate: today,
    });
    const [pending] = await incoming(betaFarmers);
    const id = (pending as IncomingBody).id;
    const officer = (await t.signIn('beta.farmers.daothanh')).access_token;

    // Act & Assess
    await expectProblem(await accept(officer, id, { branchId: 'b-28261-01' }), 403, 'FORBIDDEN');
    await expectProblem(await accept(betaFarmers, id, { branchId: 'b-missing' }), 404, 'BRANCH_NOT_FOUND');
    await expectProblem(
      await accept(betaFarmers, 'no-such-transfer', { branchId: 'b-28249-01' }),
      404,
      'TRANSFER_NOT_FOUND',
    );
    // Another tenant cannot accept it: it does not exist there.
    await expectProblem(await accept(alphaWomen, id, { branchId: 'b-28249-01' }), 404, 'TRANSFER_NOT_FOUND');
    expect((await incoming(betaFarmers)).map((p) => p.id)).toEqual([id]);
    const ok = await accept(officer, id, { branchId: 'b-28249-01' });
    expect(ok.status).toBe(201);
  });
});
