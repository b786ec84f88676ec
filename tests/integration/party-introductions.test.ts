/**
 * Introductions to the Party over HTTP: recorded for a member and answered once (admission makes
 * the member a Party member), refused with the field or the state named and nothing written, and
 * visible — who, not how many — only to the roles that see sensitive fields, within their scope.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, admission, admitOk, auditOf, postJson, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, alphaFarmersOfficers, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { getJson, type PageOf, type TestApp } from '../setup/test-app.ts';

interface Introduction {
  id: string;
  introducedOn: string;
  branchId: string;
  decisionNumber: string;
  state: string;
  decidedOn: string | null;
  recordedBy: string;
}
interface MemberBody {
  id: string;
  version: number;
  partyMember?: boolean;
  partyIntroductions?: Introduction[];
}
interface Entry extends Introduction {
  memberId: string;
  fullName: string;
  unitId: string;
}

let t: TestApp;
let admin: string;
let officer: string;
let viewer: string;
let branchOfficer: string;
let year: string;

const introduce = (token: string, memberId: string, body: Record<string, unknown>) =>
  postJson(t, token, `/api/v1/members/${memberId}/party-introductions`, body);
const decide = (token: string, memberId: string, introductionId: string, body: Record<string, unknown>) =>
  postJson(t, token, `/api/v1/members/${memberId}/party-introductions/${introductionId}/outcome`, body);
const memberOf = (token: string, id: string) => getJson<MemberBody>(t, `/api/v1/members/${id}`, token);
const listed = (token: string, query: string) =>
  getJson<PageOf<Entry>>(t, `/api/v1/party-introductions?year=${year}&${query}`, token);

async function problemOf(response: Response, status: number) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return JSON.parse(text) as { code: string; errors?: { path: string; code: string }[] };
}

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  await createOfficers(t, 'alpha:farmers', alphaFarmersOfficers('b-28261-01'));
  [admin, officer, viewer, branchOfficer] = await accessTokens(
    t,
    'alpha.farmers',
    'mytho.officer',
    'alpha.viewer',
    'alpha.branch',
  );
  year = t.today.slice(0, 4);
});

describe('introducing a member', () => {
  let memberId = '';

  it('records a pending introduction by the member’s branch, audited', async () => {
    memberId = (await admitOk(t, admin, admission({ fullName: 'Võ Thị Ưu Tú', gender: 'female' }))).id;
    const response = await introduce(officer, memberId, {
      introducedOn: t.today,
      decisionNumber: '12-QĐ/HND',
      note: 'Hai năm liền hoàn thành xuất sắc nhiệm vụ',
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const member = (await response.json()) as MemberBody;
    expect(member.partyMember).toBe(false);
    expect(member.partyIntroductions).toEqual([
      expect.objectContaining({
        introducedOn: t.today,
        branchId: 'b-28261-01',
        decisionNumber: '12-QĐ/HND',
        state: 'pending',
        decidedOn: null,
        recordedBy: 'mytho.officer',
      }),
    ]);
    const [audit] = await auditOf(t, admin, { entityId: memberId });
    expect(audit?.action).toBe('party_introduce');
  });

  it('refuses a second introduction while one is pending, and a day outside membership, writing nothing', async () => {
    const before = await memberOf(admin, memberId);
    const pending = await problemOf(
      await introduce(admin, memberId, { introducedOn: t.today, decisionNumber: '13-QĐ/HND' }),
      409,
    );
    expect(pending.code).toBe('PARTY_INTRODUCTION_PENDING');
    const other = (await admitOk(t, admin, admission({ fullName: 'Đỗ Văn Sớm', joinedAt: '2024-03-01' }))).id;
    for (const introducedOn of ['2024-02-29', addDays(t.today, 1)]) {
      const refused = await problemOf(
        await introduce(admin, other, { introducedOn, decisionNumber: '1' }),
        400,
      );
      expect(refused.errors).toEqual([expect.objectContaining({ path: 'body.introducedOn' })]);
    }
    const bad = await problemOf(await introduce(admin, other, { introducedOn: t.today }), 400);
    expect(bad.errors?.map((e) => e.path)).toContain('body.decisionNumber');
    expect((await memberOf(admin, memberId)).version).toBe(before.version);
    expect((await memberOf(admin, other)).partyIntroductions).toEqual([]);
  });

  it('is for the roles that see sensitive fields: viewers and branch officers neither record nor see it', async () => {
    const asViewer = await problemOf(
      await introduce(viewer, memberId, { introducedOn: t.today, decisionNumber: '1' }),
      403,
    );
    expect(asViewer.code).toBe('FORBIDDEN');
    const asBranch = await problemOf(
      await introduce(branchOfficer, memberId, { introducedOn: t.today, decisionNumber: '1' }),
      403,
    );
    expect(asBranch.code).toBe('SENSITIVE_FIELDS_FORBIDDEN');
    for (const token of [viewer, branchOfficer]) {
      const seen = await memberOf(token, memberId);
      expect(seen).not.toHaveProperty('partyIntroductions');
      expect(seen).not.toHaveProperty('partyMember');
    }
    expect((await memberOf(admin, memberId)).partyIntroductions).toHaveLength(1);
  });
});

describe('the outcome', () => {
  it('admits once: the member becomes a Party member, and the answer cannot be changed', async () => {
    const { id } = await admitOk(t, admin, admission({ fullName: 'Trần Văn Kết' }));
    const introduced = (await (
      await introduce(admin, id, { introducedOn: addDays(t.today, -30), decisionNumber: '20-QĐ/HND' })
    ).json()) as MemberBody;
    const introductionId = introduced.partyIntroductions?.[0]?.id ?? '';

    const early = await problemOf(
      await decide(admin, id, introductionId, { state: 'admitted', decidedOn: addDays(t.today, -31) }),
      400,
    );
    expect(early.errors).toEqual([expect.objectContaining({ path: 'body.decidedOn' })]);
    const unknown = await problemOf(
      await decide(admin, id, 'not-an-introduction', { state: 'admitted', decidedOn: t.today }),
      404,
    );
    expect(unknown.code).toBe('PARTY_INTRODUCTION_NOT_FOUND');

    const admitted = await decide(admin, id, introductionId, { state: 'admitted', decidedOn: t.today });
    expect(admitted.status).toBe(200);
    const member = (await admitted.json()) as MemberBody;
    expect(member.partyMember).toBe(true);
    expect(member.partyIntroductions?.[0]).toMatchObject({ state: 'admitted', decidedOn: t.today });

    const again = await problemOf(
      await decide(admin, id, introductionId, { state: 'withdrawn', decidedOn: t.today }),
      409,
    );
    expect(again.code).toBe('PARTY_INTRODUCTION_DECIDED');
    const member2 = await problemOf(
      await introduce(admin, id, { introducedOn: t.today, decisionNumber: '21-QĐ/HND' }),
      409,
    );
    expect(member2.code).toBe('PARTY_MEMBER_ALREADY');
  });

  it('after a refusal, introduces again from the day of the answer, keeping both', async () => {
    const { id } = await admitOk(t, admin, admission({ fullName: 'Lý Văn Lại' }));
    const first = (await (
      await introduce(admin, id, { introducedOn: addDays(t.today, -20), decisionNumber: '30-QĐ/HND' })
    ).json()) as MemberBody;
    await decide(admin, id, first.partyIntroductions?.[0]?.id ?? '', {
      state: 'not_admitted',
      decidedOn: addDays(t.today, -10),
    });
    const tooEarly = await introduce(admin, id, {
      introducedOn: addDays(t.today, -11),
      decisionNumber: '31',
    });
    expect(tooEarly.status).toBe(400);
    const second = await introduce(admin, id, { introducedOn: addDays(t.today, -10), decisionNumber: '31' });
    expect(second.status).toBe(200);
    const member = (await second.json()) as MemberBody;
    expect(member.partyMember).toBe(false);
    expect(member.partyIntroductions?.map((i) => i.state)).toEqual(['not_admitted', 'pending']);
  });
});

describe('who was introduced', () => {
  it('lists the year’s introductions by commune and name, narrowed by unit and state', async () => {
    const elsewhere = (await admitOk(t, admin, admission({ fullName: 'An Văn Đạo', branchId: 'b-28249-01' })))
      .id;
    await introduce(admin, elsewhere, { introducedOn: t.today, decisionNumber: '40-QĐ/HND' });

    const all = await listed(admin, 'limit=200');
    const names = all.items.map((entry) => entry.fullName);
    // Phường Đạo Thạnh (28249) before Phường Mỹ Tho (28261); names by given name within each.
    expect(names[0]).toBe('An Văn Đạo');
    expect(names.slice(1)).toEqual(
      [...names.slice(1)].sort((a, b) => given(a).localeCompare(given(b), 'vi')),
    );
    expect(new Set(names)).toEqual(new Set(['An Văn Đạo', 'Võ Thị Ưu Tú', 'Trần Văn Kết', 'Lý Văn Lại']));
    expect(all.items.filter((e) => e.fullName === 'Lý Văn Lại')).toHaveLength(2);

    const inMyTho = await listed(admin, 'unitId=28261');
    expect(inMyTho.items.map((e) => e.fullName)).not.toContain('An Văn Đạo');
    const admittedOnly = await listed(admin, 'state=admitted');
    expect(admittedOnly.items.map((e) => e.fullName)).toEqual(['Trần Văn Kết']);
    expect(admittedOnly.items[0]).toMatchObject({ unitId: '28261-01', memberBranchId: 'b-28261-01' });
  });

  it('keeps a unit officer to their unit and refuses those who may not see who', async () => {
    const own = await listed(officer, 'limit=200');
    expect(own.items.map((e) => e.fullName)).not.toContain('An Văn Đạo');
    expect(own.items.length).toBeGreaterThan(0);
    const other = await t.request(`/api/v1/party-introductions?year=${year}&unitId=28249`, {
      token: officer,
    });
    expect(other.status).toBe(403);
    for (const token of [viewer, branchOfficer]) {
      const refused = await t.request(`/api/v1/party-introductions?year=${year}`, { token });
      expect(refused.status).toBe(403);
    }
  });
});

const given = (name: string) => name.split(' ').reverse().join(' ');
