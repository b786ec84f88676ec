/**
 * Incoming transfers reach who handles the unit they are addressed to: a commune officer sees and
 * accepts those addressed within their commune and nothing else — not those addressed elsewhere,
 * not the unaddressed ones, which are the organization admin's — and cannot tell them from
 * transfers that do not exist.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, postJson, provinceWithBranches } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, type PageOf, type TestApp } from '../setup/test-app.ts';

interface IncomingBody {
  id: string;
  destinationUnitId: string | null;
  from: { tenantId: string; memberId: string };
}

let t: TestApp;
let token: Scene['token'];

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    onboard: provinceWithBranches,
    tenants: {
      'beta:farmers': {
        officers: [
          { username: 'beta.farmers.mytho', role: 'unit_officer', scope: { unitId: '28261' } },
          { username: 'beta.farmers.daothanh', role: 'unit_officer', scope: { unitId: '28249' } },
          { username: 'beta.farmers.khom1', role: 'branch_officer', scope: { branchId: 'b-28261-01' } },
          { username: 'beta.farmers.viewer', role: 'viewer', scope: null },
        ],
      },
    },
    signIn: ['alpha.farmers', 'beta.farmers'],
  }));
});

/** Admits someone in alpha:farmers and transfers them out to beta:farmers, addressed to `unitId`. */
async function sendToBeta(fullName: string, unitId: string | null): Promise<string> {
  const member = await admitOk(t, token('alpha.farmers'), admission({ fullName }));
  const out = await postJson(t, token('alpha.farmers'), `/api/v1/members/${member.id}/transfer-out`, {
    destination: { tenantId: 'beta:farmers', unitId, description: 'Hội Nông dân tỉnh Beta' },
    reason: 'Chuyển nơi ở',
    effectiveDate: t.today,
  });
  expect(out.status).toBe(200);
  return member.id;
}

/** The ids of the senders' members whose transfers a user lists, every page of `limit`. */
async function listed(username: string, limit = 200): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: PageOf<IncomingBody> = await getJson(
      t,
      `/api/v1/incoming-transfers?${query}`,
      token(username),
    );
    ids.push(...page.items.map((transfer) => transfer.from.memberId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function transferIdOf(memberId: string): Promise<string> {
  const page = await getJson<PageOf<IncomingBody>>(
    t,
    '/api/v1/incoming-transfers?limit=200',
    token('beta.farmers'),
  );
  const found = page.items.find((transfer) => transfer.from.memberId === memberId);
  if (!found) throw new Error(`no incoming transfer of ${memberId}`);
  return found.id;
}

const accept = (username: string, transferId: string, branchId: string) =>
  postJson(t, token(username), `/api/v1/incoming-transfers/${transferId}/accept`, { branchId });

describe('incoming transfers addressed to a unit', () => {
  let toDaoThanh: string;
  let toDaoThanhHamlet: string;
  let toMyTho: string;
  let unaddressed: string;

  beforeAll(async () => {
    toDaoThanh = await sendToBeta('Phan Văn Đạo', '28249');
    toDaoThanhHamlet = await sendToBeta('Phan Văn Khóm', '28249-01');
    toMyTho = await sendToBeta('Phan Văn Mỹ', '28261');
    unaddressed = await sendToBeta('Phan Văn Chưa Rõ', null);
  });

  it('carry their destination unit, and the admin and unscoped viewer list every one', async () => {
    const page = await getJson<PageOf<IncomingBody>>(
      t,
      '/api/v1/incoming-transfers?limit=200',
      token('beta.farmers'),
    );
    const destinations = Object.fromEntries(page.items.map((p) => [p.from.memberId, p.destinationUnitId]));
    expect(destinations).toEqual({
      [toDaoThanh]: '28249',
      [toDaoThanhHamlet]: '28249-01',
      [toMyTho]: '28261',
      [unaddressed]: null,
    });
    expect(JSON.stringify(page)).not.toContain('destinationUnitIds');
    expect((await listed('beta.farmers.viewer')).sort()).toEqual(Object.keys(destinations).sort());
  });

  it('are listed to a commune officer only when addressed within their commune', async () => {
    expect((await listed('beta.farmers.mytho')).sort()).toEqual([toMyTho]);
    expect((await listed('beta.farmers.daothanh')).sort()).toEqual([toDaoThanh, toDaoThanhHamlet].sort());
    // A branch is narrower than any unit a transfer is addressed to.
    expect(await listed('beta.farmers.khom1')).toEqual([]);
  });

  it('fill an officer’s page although others’ transfers come between theirs', async () => {
    const more = [];
    for (const n of [1, 2, 3]) {
      await sendToBeta(`Phan Văn Chen ${n}`, null);
      more.push(await sendToBeta(`Phan Văn Mỹ ${n}`, '28261-02'));
    }
    const firstPage = await getJson<PageOf<IncomingBody>>(
      t,
      '/api/v1/incoming-transfers?limit=2',
      token('beta.farmers.mytho'),
    );
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).not.toBeNull();
    expect((await listed('beta.farmers.mytho', 2)).sort()).toEqual([toMyTho, ...more].sort());
  });

  it('are not accepted by a commune officer when addressed elsewhere or to nobody: as if they did not exist', async () => {
    // Prepare
    const elsewhere = await transferIdOf(toDaoThanh);
    const nobody = await transferIdOf(unaddressed);

    // Act
    const answers = [
      await accept('beta.farmers.mytho', elsewhere, 'b-28261-01'),
      await accept('beta.farmers.mytho', nobody, 'b-28261-01'),
      await accept('beta.farmers.mytho', 'no-such-transfer', 'b-28261-01'),
    ];

    // Assess
    const problems = [];
    for (const answer of answers) problems.push(await expectProblem(answer, 404, 'TRANSFER_NOT_FOUND'));
    const shapes = problems.map(({ requestId: _, instance: __, detail, detailEn, ...rest }) => ({
      ...rest,
      detail: detail?.replace(/\S+$/, ''),
      detailEn: detailEn?.replace(/\S+$/, ''),
    }));
    expect(shapes[0]).toEqual(shapes[2]);
    expect(shapes[1]).toEqual(shapes[2]);
    expect(await listed('beta.farmers')).toEqual(expect.arrayContaining([toDaoThanh, unaddressed]));
  });

  it('are accepted by the destination commune’s officer into a branch of their commune, the unaddressed by the admin', async () => {
    const officer = await accept('beta.farmers.daothanh', await transferIdOf(toDaoThanhHamlet), 'b-28249-01');
    expect(officer.status).toBe(201);
    const admin = await accept('beta.farmers', await transferIdOf(unaddressed), 'b-28261-02');
    expect(admin.status).toBe(201);
    // In scope, but not into a branch outside it.
    await expectProblem(
      await accept('beta.farmers.daothanh', await transferIdOf(toDaoThanh), 'b-28261-01'),
      403,
      'FORBIDDEN',
    );
    expect(await listed('beta.farmers.daothanh')).toEqual([toDaoThanh]);
  });
});

describe('addressing a transfer out', () => {
  it('refuses a unit the receiving organization does not have, and a unit with no receiving organization', async () => {
    const member = await admitOk(t, token('alpha.farmers'), admission({ fullName: 'Phan Văn Lạc Đường' }));
    const out = (destination: Record<string, unknown>) =>
      postJson(t, token('alpha.farmers'), `/api/v1/members/${member.id}/transfer-out`, {
        destination: { description: 'Nơi khác', ...destination },
        reason: 'Chuyển đi',
        effectiveDate: t.today,
      });

    const unknown = await expectProblem(
      await out({ tenantId: 'beta:farmers', unitId: '99999' }),
      400,
      'VALIDATION_FAILED',
    );
    const orphan = await expectProblem(await out({ unitId: '28249' }), 400, 'VALIDATION_FAILED');

    expect(unknown.errors?.[0]).toMatchObject({ path: 'body.destination.unitId', code: 'unknown_unit' });
    expect(orphan.errors?.[0]).toMatchObject({
      path: 'body.destination.unitId',
      code: 'unit_without_tenant',
    });
    expect(await getJson(t, `/api/v1/members/${member.id}`, token('alpha.farmers'))).toMatchObject({
      status: 'active',
      version: 1,
    });
  });
});
