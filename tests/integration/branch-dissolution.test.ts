/**
 * Dissolving a branch (giải thể chi đoàn): its members move to chosen branches in one request —
 * the article's commune agency youth branches, whose members went to their hamlets' branches —
 * each move a normal transfer, the plan kept on the branch, nothing changed when the request is
 * refused, and a repeat or a concurrent twin moving nobody twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admission,
  admit,
  admitOk,
  auditOf,
  historyOf,
  listedIds,
  type MemberEventBody,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces, createOfficers } from '../setup/scene.ts';
import { expectProblem, getJson, seedBranches, type TestApp, testBranch } from '../setup/test-app.ts';

interface BranchBody {
  id: string;
  status: string;
  version: number;
  dissolution?: {
    toBranchId: string | null;
    moves: Record<string, string>;
    reason: string;
    effectiveDate: string;
    startedAt: string;
    finishedAt: string | null;
  } | null;
}

interface DissolutionBody {
  branchId: string;
  status: string;
  moved: number;
  resumed: boolean;
}

interface MemberBody {
  id: string;
  branchId: string;
  unitId: string;
  status: string;
  version: number;
}

const TENANT = 'alpha:youth';
const AGENCY = 'b-agency-28261';
const KHOM_1 = 'b-28261-01';
const KHOM_2 = 'b-28261-02';
const DAO_THANH_KHOM_1 = 'b-28249-01';

let t: TestApp;
let youth: string;
let today: string;
let branchSerial = 0;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  await seedBranches(t, TENANT, [
    {
      ...testBranch('b-dissolving', '28261', 'Chi đoàn trường học đang giải thể', 'agency'),
      status: 'dissolving',
    },
    {
      ...testBranch('b-dissolved', '28261', 'Chi đoàn doanh nghiệp đã giải thể', 'agency'),
      status: 'dissolved',
    },
  ]);
  await createOfficers(t, TENANT, [
    { username: 'alpha.youth.mytho', role: 'unit_officer', scope: { unitId: '28261' } },
    { username: 'alpha.youth.daothanh', role: 'unit_officer', scope: { unitId: '28249' } },
    { username: 'alpha.youth.khom1', role: 'branch_officer', scope: { branchId: KHOM_1 } },
    { username: 'alpha.youth.viewer', role: 'viewer', scope: null },
  ]);
  [youth] = await accessTokens(t, 'alpha.youth');
  today = t.today;
});

const dissolve = (token: string, branchId: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(t, token, `/api/v1/branches/${branchId}/dissolve`, body, headers);

const readBranch = (id: string) => getJson<BranchBody>(t, `/api/v1/branches/${id}`, youth);
const readMember = (id: string) => getJson<MemberBody>(t, `/api/v1/members/${id}`, youth);
const transfersOf = async (id: string): Promise<MemberEventBody[]> =>
  (await historyOf(t, youth, id)).filter((event) => event.type === 'transferred');

/** A new agency branch of the commune office of Mỹ Tho, for one test to dissolve. */
async function agencyBranch(): Promise<string> {
  branchSerial++;
  const id = `b-agency-test-${branchSerial}`;
  await seedBranches(t, TENANT, [testBranch(id, '28261', `Chi đoàn cơ quan số ${branchSerial}`, 'agency')]);
  return id;
}

const GIVEN_NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Minh', 'Nam'];

/** Admits youth members into a branch over the API, their address in the hamlet given. */
async function admitYouth(branchId: string, count: number, address = 'Khóm 1'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const member = await admitOk(
      t,
      youth,
      admission({
        fullName: `Trần Văn ${GIVEN_NAMES[i % GIVEN_NAMES.length]}`,
        birthDate: '2001-03-10',
        joinedAt: '2019-03-26',
        branchId,
        address: `${address}, phường Mỹ Tho`,
      }),
    );
    ids.push(member.id);
  }
  return ids;
}

describe('the article’s case: a commune agency youth branch dissolved into its hamlets', () => {
  it('moves each member to the branch of their hamlet, one transfer each, and keeps the plan on the branch', async () => {
    // Prepare
    const fromKhom1 = await admitYouth(AGENCY, 3, 'Khóm 1');
    const fromKhom2 = await admitYouth(AGENCY, 2, 'Khóm 2');
    const before = await readBranch(AGENCY);
    const moves = [
      ...fromKhom1.map((memberId) => ({ memberId, toBranchId: KHOM_1 })),
      ...fromKhom2.map((memberId) => ({ memberId, toBranchId: KHOM_2 })),
    ];
    const reason =
      'Sắp xếp lại tổ chức cơ sở Đoàn: giải thể chi đoàn cơ quan, đoàn viên về sinh hoạt tại khóm';

    // Act
    const response = await dissolve(youth, AGENCY, { moves, reason, effectiveDate: today });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      branchId: AGENCY,
      status: 'dissolved',
      moved: 5,
      resumed: false,
    });
    expect(await listedIds(t, youth, `branchId=${AGENCY}`)).toEqual([]);
    const inKhom1 = await listedIds(t, youth, `branchId=${KHOM_1}`);
    const inKhom2 = await listedIds(t, youth, `branchId=${KHOM_2}`);
    expect(inKhom1).toEqual(expect.arrayContaining(fromKhom1));
    expect(inKhom2).toEqual(expect.arrayContaining(fromKhom2));
    expect(inKhom1.filter((id) => fromKhom2.includes(id))).toEqual([]);
    expect(inKhom2.filter((id) => fromKhom1.includes(id))).toEqual([]);
    for (const { memberId, toBranchId } of moves) {
      expect(await readMember(memberId)).toMatchObject({
        branchId: toBranchId,
        unitId: toBranchId.slice(2),
        status: 'active',
        version: 2,
      });
      expect(await transfersOf(memberId)).toEqual([
        expect.objectContaining({
          status: 'active',
          fromBranchId: AGENCY,
          toBranchId,
          reason,
          effectiveDate: today,
          recordedBy: expect.objectContaining({ username: 'alpha.youth' }),
        }),
      ]);
      const audit = await auditOf(t, youth, { entityId: memberId });
      expect(audit.filter((record) => record.action === 'transfer')).toEqual([
        expect.objectContaining({
          entityType: 'member',
          before: expect.objectContaining({ branchId: AGENCY }),
          after: expect.objectContaining({ branchId: toBranchId }),
        }),
      ]);
    }
    const branch = await readBranch(AGENCY);
    expect(branch).toMatchObject({
      status: 'dissolved',
      version: before.version + 2,
      dissolution: {
        toBranchId: null,
        moves: Object.fromEntries(moves.map((m) => [m.memberId, m.toBranchId])),
        reason,
        effectiveDate: today,
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      },
    });
    const branchAudit = await auditOf(t, youth, { entityId: AGENCY });
    expect(branchAudit.map((record) => [record.action, record.entityType, record.after?.status])).toEqual([
      ['dissolve', 'branch', 'dissolved'],
      ['dissolve', 'branch', 'dissolving'],
    ]);
  });

  it('closes the dissolved branch: no admission, no transfer into it, no edit', async () => {
    // Prepare
    const elsewhere = await admitYouth(KHOM_1, 1);
    const branch = await readBranch(AGENCY);
    expect(branch.status).toBe('dissolved');

    // Act
    const admitted = await admit(
      t,
      youth,
      admission({ fullName: 'Lê Thị Mới', gender: 'female', birthDate: '2002-01-01', branchId: AGENCY }),
    );
    const transferred = await postJson(t, youth, `/api/v1/members/${elsewhere[0]}/transfer`, {
      toBranchId: AGENCY,
    });
    const edited = await t.request(`/api/v1/branches/${AGENCY}`, {
      method: 'PATCH',
      token: youth,
      json: { name: 'Chi đoàn cơ quan phường (mới)' },
      headers: { 'if-match': `"v${branch.version}"` },
    });

    // Assess
    await expectProblem(admitted, 409, 'BRANCH_CLOSED');
    await expectProblem(transferred, 409, 'BRANCH_CLOSED');
    await expectProblem(edited, 409, 'BRANCH_CLOSED');
    expect(await readBranch(AGENCY)).toEqual(branch);
    expect(await readMember(elsewhere[0] as string)).toMatchObject({ branchId: KHOM_1, version: 1 });
  });

  it('re-run on the dissolved branch answers 200 with nobody moved', async () => {
    // Prepare
    const branch = await readBranch(AGENCY);

    // Act
    const response = await dissolve(youth, AGENCY, { toBranchId: KHOM_2, reason: 'Lặp lại' });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ branchId: AGENCY, status: 'dissolved', moved: 0 });
    expect(await readBranch(AGENCY)).toEqual(branch);
    expect(await listedIds(t, youth, `branchId=${AGENCY}`)).toEqual([]);
    for (const id of Object.keys(branch.dissolution?.moves ?? {})) {
      expect(await transfersOf(id)).toHaveLength(1);
      expect((await readMember(id)).branchId).toBe(branch.dissolution?.moves[id]);
    }
  });
});

describe('destinations', () => {
  it('sends everyone to the default branch', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const members = await admitYouth(branchId, 3);

    // Act
    const response = await dissolve(youth, branchId, { toBranchId: KHOM_2, reason: 'Giải thể' });

    // Assess
    expect(await response.json()).toEqual({ branchId, status: 'dissolved', moved: 3, resumed: false });
    expect(await listedIds(t, youth, `branchId=${KHOM_2}`)).toEqual(expect.arrayContaining(members));
    expect(await listedIds(t, youth, `branchId=${branchId}`)).toEqual([]);
    for (const id of members) {
      expect(await transfersOf(id)).toEqual([
        expect.objectContaining({ fromBranchId: branchId, toBranchId: KHOM_2, effectiveDate: today }),
      ]);
    }
    expect((await readBranch(branchId)).dissolution).toMatchObject({ toBranchId: KHOM_2, moves: {} });
  });

  it('moves the listed members where listed and the rest to the default', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const [own, ...rest] = await admitYouth(branchId, 4);

    // Act
    const response = await dissolve(youth, branchId, {
      toBranchId: KHOM_2,
      moves: [{ memberId: own, toBranchId: KHOM_1 }],
      reason: 'Giải thể',
    });

    // Assess
    expect(await response.json()).toEqual({ branchId, status: 'dissolved', moved: 4, resumed: false });
    expect((await readMember(own as string)).branchId).toBe(KHOM_1);
    expect(await transfersOf(own as string)).toEqual([expect.objectContaining({ toBranchId: KHOM_1 })]);
    for (const id of rest) {
      expect((await readMember(id)).branchId).toBe(KHOM_2);
      expect(await transfersOf(id)).toEqual([expect.objectContaining({ toBranchId: KHOM_2 })]);
    }
  });

  it('dissolves an empty branch', async () => {
    const branchId = await agencyBranch();
    const response = await dissolve(youth, branchId, { reason: 'Không còn đoàn viên' });
    expect(await response.json()).toEqual({ branchId, status: 'dissolved', moved: 0, resumed: false });
    expect((await readBranch(branchId)).status).toBe('dissolved');
  });

  it('lets a unit officer dissolve a branch of their commune into its hamlets', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const members = await admitYouth(branchId, 2);
    const officer = (await t.signIn('alpha.youth.mytho')).access_token;

    // Act
    const response = await dissolve(officer, branchId, { toBranchId: KHOM_1, reason: 'Giải thể' });

    // Assess
    expect(await response.json()).toEqual({ branchId, status: 'dissolved', moved: 2, resumed: false });
    for (const id of members) expect((await readMember(id)).branchId).toBe(KHOM_1);
    const audit = await auditOf(t, youth, { entityId: branchId });
    expect(audit.map((record) => record.actor.username)).toEqual(['alpha.youth.mytho', 'alpha.youth.mytho']);
  });
});

describe('refused requests change nothing', () => {
  let branchId: string;
  let members: string[];
  let stranger: string;
  let branchBefore: BranchBody;

  beforeAll(async () => {
    branchId = await agencyBranch();
    members = await admitYouth(branchId, 3);
    [stranger] = (await admitYouth(KHOM_1, 1)) as [string];
    branchBefore = await readBranch(branchId);
  });

  /** The branch is as it was, still active with the same members, none of them transferred. */
  async function expectUnchanged(): Promise<void> {
    expect(await readBranch(branchId)).toEqual(branchBefore);
    expect((await listedIds(t, youth, `branchId=${branchId}`)).sort()).toEqual([...members].sort());
    for (const id of [...members, stranger]) {
      expect(await transfersOf(id)).toEqual([]);
      expect((await readMember(id)).version).toBe(1);
    }
    expect(await auditOf(t, youth, { entityId: branchId })).toEqual([]);
  }

  const reason = 'Giải thể';
  const cases: [string, () => { token?: string; body: unknown }, number, string, string?][] = [
    [
      'a member without a destination and no default',
      () => ({ body: { moves: [{ memberId: members[0], toBranchId: KHOM_1 }], reason } }),
      400,
      'VALIDATION_FAILED',
      'members_without_destination',
    ],
    [
      'a move of someone not in the branch',
      () => ({ body: { toBranchId: KHOM_1, moves: [{ memberId: stranger, toBranchId: KHOM_2 }], reason } }),
      400,
      'VALIDATION_FAILED',
      'not_in_branch',
    ],
    [
      'a move of a member who does not exist',
      () => ({ body: { toBranchId: KHOM_1, moves: [{ memberId: 'nobody', toBranchId: KHOM_2 }], reason } }),
      400,
      'VALIDATION_FAILED',
      'not_in_branch',
    ],
    [
      'the branch itself as the default',
      () => ({ body: { toBranchId: branchId, reason } }),
      400,
      'VALIDATION_FAILED',
      'same_branch',
    ],
    [
      'the branch itself as one member’s destination',
      () => ({
        body: { toBranchId: KHOM_1, moves: [{ memberId: members[1], toBranchId: branchId }], reason },
      }),
      400,
      'VALIDATION_FAILED',
      'same_branch',
    ],
    [
      'a member listed twice',
      () => ({
        body: {
          toBranchId: KHOM_1,
          moves: [
            { memberId: members[0], toBranchId: KHOM_1 },
            { memberId: members[0], toBranchId: KHOM_2 },
          ],
          reason,
        },
      }),
      400,
      'VALIDATION_FAILED',
    ],
    ['no reason', () => ({ body: { toBranchId: KHOM_1 } }), 400, 'VALIDATION_FAILED'],
    [
      'an unknown destination',
      () => ({
        body: { toBranchId: KHOM_1, moves: [{ memberId: members[2], toBranchId: 'b-none' }], reason },
      }),
      404,
      'BRANCH_NOT_FOUND',
    ],
    [
      'a dissolved destination',
      () => ({ body: { toBranchId: 'b-dissolved', reason } }),
      409,
      'BRANCH_CLOSED',
    ],
    [
      'a destination being dissolved',
      () => ({
        body: { toBranchId: KHOM_1, moves: [{ memberId: members[0], toBranchId: 'b-dissolving' }], reason },
      }),
      409,
      'BRANCH_CLOSED',
    ],
    [
      'a destination outside the unit officer’s commune',
      () => ({ token: 'alpha.youth.mytho', body: { toBranchId: DAO_THANH_KHOM_1, reason } }),
      403,
      'FORBIDDEN',
    ],
    [
      'a branch outside the unit officer’s commune',
      () => ({ token: 'alpha.youth.daothanh', body: { toBranchId: DAO_THANH_KHOM_1, reason } }),
      403,
      'FORBIDDEN',
    ],
    [
      'a branch officer',
      () => ({ token: 'alpha.youth.khom1', body: { toBranchId: KHOM_1, reason } }),
      403,
      'FORBIDDEN',
    ],
    [
      'a viewer',
      () => ({ token: 'alpha.youth.viewer', body: { toBranchId: KHOM_1, reason } }),
      403,
      'FORBIDDEN',
    ],
    ['the Front', () => ({ token: 'alpha.front', body: { toBranchId: KHOM_1, reason } }), 403, 'FORBIDDEN'],
  ];

  for (const [name, request, status, code, errorCode] of cases) {
    it(`${name}: ${status} ${code}`, async () => {
      // Prepare
      const { token, body } = request();
      const caller = token ? (await t.signIn(token)).access_token : youth;

      // Act
      const response = await dissolve(caller, branchId, body);

      // Assess
      const problem = await expectProblem(response, status, code);
      if (errorCode) expect(problem.errors).toEqual([expect.objectContaining({ code: errorCode })]);
      await expectUnchanged();
    });
  }

  it('an unknown branch: 404', async () => {
    await expectProblem(
      await dissolve(youth, 'b-none', { toBranchId: KHOM_1, reason }),
      404,
      'BRANCH_NOT_FOUND',
    );
  });
});

describe('a branch being dissolved', () => {
  it('takes nobody in: admission and transfers into it answer 409 BRANCH_CLOSED', async () => {
    // Prepare
    const [member] = (await admitYouth(KHOM_1, 1)) as [string];

    // Act
    const admitted = await admit(
      t,
      youth,
      admission({ fullName: 'Đỗ Văn Đến', birthDate: '2002-01-01', branchId: 'b-dissolving' }),
    );
    const transferred = await postJson(t, youth, `/api/v1/members/${member}/transfer`, {
      toBranchId: 'b-dissolving',
    });

    // Assess
    await expectProblem(admitted, 409, 'BRANCH_CLOSED');
    await expectProblem(transferred, 409, 'BRANCH_CLOSED');
    expect(await readMember(member)).toMatchObject({ branchId: KHOM_1, version: 1 });
  });
});

describe('repeats', () => {
  it('replays the answer for the same Idempotency-Key, and refuses the key for another request', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const members = await admitYouth(branchId, 2);
    const body = { toBranchId: KHOM_1, reason: 'Giải thể' };
    const key = { 'idempotency-key': `dissolve-${branchId}` };

    // Act
    const first = await dissolve(youth, branchId, body, key);
    const firstText = await first.text();
    const again = await dissolve(youth, branchId, body, key);
    const other = await dissolve(youth, branchId, { toBranchId: KHOM_2, reason: 'Giải thể' }, key);

    // Assess
    expect(first.status).toBe(200);
    expect(JSON.parse(firstText)).toEqual({ branchId, status: 'dissolved', moved: 2, resumed: false });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstText);
    await expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    for (const id of members) {
      expect(await transfersOf(id)).toHaveLength(1);
      expect((await readMember(id)).branchId).toBe(KHOM_1);
    }
  });

  it('two concurrent requests both answer 200 and move every member exactly once', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const members = await admitYouth(branchId, 20);
    const body = {
      toBranchId: KHOM_2,
      moves: members.slice(0, 10).map((memberId) => ({ memberId, toBranchId: KHOM_1 })),
      reason: 'Giải thể',
    };

    // Act
    const responses = await Promise.all([dissolve(youth, branchId, body), dissolve(youth, branchId, body)]);

    // Assess
    const answers = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: (await r.json()) as DissolutionBody })),
    );
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers),
    ).toEqual([200, 200]);
    // One stored the plan, the other joined in finishing it; between them each member moved once.
    expect(answers.map((a) => a.body.resumed).sort()).toEqual([false, true]);
    expect((answers[0]?.body.moved ?? 0) + (answers[1]?.body.moved ?? 0)).toBe(20);
    for (const [i, id] of members.entries()) {
      expect(await transfersOf(id)).toHaveLength(1);
      expect((await readMember(id)).branchId).toBe(i < 10 ? KHOM_1 : KHOM_2);
    }
    expect((await readBranch(branchId)).status).toBe('dissolved');
    expect(await listedIds(t, youth, `branchId=${branchId}`)).toEqual([]);
    const audit = await auditOf(t, youth, { entityId: branchId });
    expect(audit.map((record) => record.after?.status)).toEqual(['dissolved', 'dissolving']);
  });

  it('two concurrent requests with the same Idempotency-Key get the same answer', async () => {
    // Prepare
    const branchId = await agencyBranch();
    const members = await admitYouth(branchId, 12);
    const body = { toBranchId: KHOM_1, reason: 'Giải thể' };
    const key = { 'idempotency-key': `twin-${branchId}` };

    // Act
    const responses = await Promise.all([
      dissolve(youth, branchId, body, key),
      dissolve(youth, branchId, body, key),
    ]);

    // Assess
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(
      responses.map((r) => r.status),
      texts.join('\n'),
    ).toEqual([200, 200]);
    expect(texts[0]).toBe(texts[1]);
    expect(JSON.parse(texts[0] as string)).toMatchObject({ branchId, status: 'dissolved' });
    for (const id of members) expect(await transfersOf(id)).toHaveLength(1);
  });
});
