/**
 * Dissolving a branch survives a crash half-way. Another process (tests/fixtures/
 * dissolve-branch-child.ts: the same app over the same table and keys) starts dissolving a branch
 * of a few hundred members and is killed with SIGKILL once some, not all, have moved; re-running
 * the request finishes the stored plan — every member in their destination once, with one
 * transfer in their history — even when two re-runs race.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FullBranch } from '../../shared/domain/branches.ts';
import { DEFAULT_ELIGIBILITY } from '../../shared/domain/members/eligibility.ts';
import {
  type ImportContext,
  importedMember,
  type MemberRecord,
} from '../../shared/domain/members/import-members.ts';
import { placementOf } from '../../shared/domain/members/member-workspace.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { Unit } from '../../shared/domain/units.ts';
import { BranchRepository } from '../../shared/store/repositories/branches.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import {
  admission,
  admit,
  admitOk,
  auditOf,
  historyOf,
  listAllPages,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import {
  expectProblem,
  getJson,
  PASSWORD,
  seedBranches,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';

const CHILD = fileURLToPath(new URL('../fixtures/dissolve-branch-child.ts', import.meta.url));
const TENANT = 'alpha:youth';
const KHOM_1 = 'b-28261-01';
const KHOM_2 = 'b-28261-02';
const REASON = 'Giải thể chi đoàn cơ quan, đoàn viên về sinh hoạt tại khóm nơi cư trú';

let t: TestApp;
let youth: string;
let today: string;
let members: MemberRepository;
let branches: BranchRepository;
let units: UnitRepository;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  const table = t.deps.table.forTenant(toTenantId(TENANT));
  members = new MemberRepository(table);
  branches = new BranchRepository(table);
  units = new UnitRepository(table);
  [youth] = await accessTokens(t, 'alpha.youth');
  today = t.today;
});

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hoàng', 'Thanh'];
const GIVEN = ['An', 'Bảo', 'Châu', 'Duy', 'Giao', 'Hậu', 'Khoa', 'Lộc', 'Mai', 'Nhân', 'Phúc', 'Quyên'];

/** A new agency branch of Phường Mỹ Tho holding `count` youth members, bulk-written straight into the store. */
async function agencyBranchWith(count: number): Promise<{ branchId: string; memberIds: string[] }> {
  const branchId = `b-agency-crash-${randomUUID().slice(0, 8)}`;
  await seedBranches(t, TENANT, [testBranch(branchId, '28261', `Chi đoàn cơ quan ${branchId}`, 'agency')]);
  const branch = (await branches.get(branchId)) as FullBranch;
  const unit = (await units.get(branch.unitId)) as Unit;
  const ctx: ImportContext = {
    rules: DEFAULT_ELIGIBILITY.youth,
    cipher: await t.deps.nationalIds.cipherFor(toTenantId(TENANT)),
    recordedBy: { userId: 'crash-test', username: 'crash.test' },
    at: new Date().toISOString(),
  };
  const records = Array.from({ length: count }, (_, i) => {
    const record: MemberRecord = {
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
      gender: i % 2 === 0 ? 'male' : 'female',
      birthDate: `${1998 + (i % 6)}-0${1 + (i % 9)}-1${i % 10}`,
      nationalId: null,
      phone: null,
      ethnicity: null,
      religion: null,
      education: null,
      occupation: null,
      address: `Khóm ${1 + (i % 2)}, phường Mỹ Tho`,
      joinedAt: '2020-03-26',
      cardNumber: null,
      partyMember: false,
      notes: null,
      veteranService: null,
      branchId,
      history: [],
    };
    return importedMember(record, randomUUID(), placementOf(branch, unit), ctx);
  });
  await members.importMany(records, { concurrency: 8 });
  return { branchId, memberIds: records.map((r) => r.member.id) };
}

/** Ids of the current members of a branch, as the store's branch index lists them. */
async function idsIn(branchId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await members.idsInBranch(branchId, 500, cursor);
    ids.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Starts the fixture: a separate Node process running the same app on the same table, dissolving `branchId`. */
function startChild(branchId: string, body: unknown): Child {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: t.env.DYNAMODB_ENDPOINT,
      TABLE_NAME: t.env.TABLE_NAME,
      DATA_DIR: t.env.DATA_DIR,
      DISSOLVE_USERNAME: 'alpha.youth',
      DISSOLVE_PASSWORD: PASSWORD,
      DISSOLVE_BRANCH_ID: branchId,
      DISSOLVE_BODY: JSON.stringify(body),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, exited, output: () => output };
}

/**
 * Runs the child on a branch of `count` members and SIGKILLs it once at least a fifth have moved.
 * Answers whether the kill came in time (some, not all, moved) — false if the child finished first.
 */
async function dissolveAndKill(count: number) {
  const { branchId, memberIds } = await agencyBranchWith(count);
  // Every other member goes to Khóm 1 by name; the rest to the default, Khóm 2.
  const moves = memberIds.filter((_, i) => i % 2 === 0).map((memberId) => ({ memberId, toBranchId: KHOM_1 }));
  const body = { toBranchId: KHOM_2, moves, reason: REASON, effectiveDate: today };
  const child = startChild(branchId, body);
  const deadline = Date.now() + 90_000;
  let killed = false;
  while (child.process.exitCode === null && child.process.signalCode === null) {
    const left = (await idsIn(branchId)).length;
    if (count - left >= Math.ceil(count / 5)) {
      killed = child.process.kill('SIGKILL');
      break;
    }
    if (Date.now() > deadline) {
      child.process.kill('SIGKILL');
      throw new Error(`the child moved ${count - left} of ${count} in 90 s: ${child.output()}`);
    }
    await sleep(15);
  }
  const exit = await child.exited;
  // A write the child sent before dying may still land: let it, before anyone counts.
  await sleep(500);
  if (!killed || exit.signal !== 'SIGKILL') {
    if (exit.code !== 0) throw new Error(`the child failed on its own (${exit.code}): ${child.output()}`);
    return { inTime: false as const, branchId, memberIds, moves };
  }
  const left = await idsIn(branchId);
  return { inTime: left.length > 0, branchId, memberIds, moves, left };
}

describe('a dissolution killed half-way', () => {
  it('is finished by a re-run that follows the stored plan and moves nobody twice', {
    timeout: 300_000,
  }, async () => {
    // Prepare: kill a dissolution in progress, retrying with more members if the child was too quick.
    let run = await dissolveAndKill(200);
    if (!run.inTime) run = await dissolveAndKill(600);
    if (!run.inTime)
      throw new Error(
        'the child finished every move before it could be killed, twice: the test proves nothing',
      );
    const { branchId, memberIds, moves } = run;
    const destination = new Map(memberIds.map((id) => [id, KHOM_2]));
    for (const move of moves) destination.set(move.memberId, move.toBranchId);
    const leftAfterKill = run.left ?? [];

    // The kill landed half-way: the plan is stored, the branch is closed, some moved and some did not.
    const stored = (await branches.get(branchId)) as FullBranch;
    expect(stored.status).toBe('dissolving');
    expect(stored.dissolution).toMatchObject({
      toBranchId: KHOM_2,
      moves: Object.fromEntries(moves.map((m) => [m.memberId, m.toBranchId])),
      reason: REASON,
      effectiveDate: today,
      finishedAt: null,
    });
    expect(leftAfterKill.length).toBeGreaterThan(0);
    expect(leftAfterKill.length).toBeLessThan(memberIds.length);
    const movedByChild = memberIds.filter((id) => !leftAfterKill.includes(id));
    for (const id of movedByChild.slice(0, 5))
      expect((await members.get(id))?.branchId).toBe(destination.get(id));

    // While it is dissolving nobody joins it, nobody is moved into it, it is not edited.
    const outsider = await admitOk(
      t,
      youth,
      admission({ fullName: 'Lâm Văn Ngoài', birthDate: '2002-02-02', branchId: KHOM_1 }),
    );
    await expectProblem(
      await admit(t, youth, admission({ fullName: 'Lâm Văn Vào', birthDate: '2002-02-02', branchId })),
      409,
      'BRANCH_CLOSED',
    );
    await expectProblem(
      await postJson(t, youth, `/api/v1/members/${outsider.id}/transfer`, { toBranchId: branchId }),
      409,
      'BRANCH_CLOSED',
    );
    await expectProblem(
      await t.request(`/api/v1/branches/${branchId}`, {
        method: 'PATCH',
        token: youth,
        json: { name: 'Đổi tên giữa chừng' },
      }),
      409,
      'BRANCH_CLOSED',
    );

    // Act: two re-runs at once, naming no destinations — the stored plan decides.
    const reruns = await Promise.all([
      postJson(t, youth, `/api/v1/branches/${branchId}/dissolve`, { reason: 'Hoàn tất giải thể' }),
      postJson(t, youth, `/api/v1/branches/${branchId}/dissolve`, { reason: 'Hoàn tất giải thể' }),
    ]);

    // Assess
    const answers = await Promise.all(reruns.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(answers, JSON.stringify(answers)).toEqual([
      { status: 200, body: { branchId, status: 'dissolved', moved: expect.any(Number), resumed: true } },
      { status: 200, body: { branchId, status: 'dissolved', moved: expect.any(Number), resumed: true } },
    ]);
    const movedByReruns = answers.reduce((sum, a) => sum + (a.body as { moved: number }).moved, 0);
    expect(movedByReruns).toBe(leftAfterKill.length);

    const finished = await getJson<FullBranch>(t, `/api/v1/branches/${branchId}`, youth);
    expect(finished).toMatchObject({
      status: 'dissolved',
      dissolution: { reason: REASON, finishedAt: expect.any(String) },
    });
    expect(await idsIn(branchId)).toEqual([]);
    for (const branch of [KHOM_1, KHOM_2]) {
      const listed = (await listAllPages(t, youth, { branchId: branch, limit: 200 })).items.map((m) => m.id);
      const expected = memberIds.filter((id) => destination.get(id) === branch);
      // Each member listed once, in their destination; the outsider admitted above is the only other one.
      expect(listed.filter((id) => id !== outsider.id).sort()).toEqual(expected.sort());
    }
    for (const id of memberIds) {
      const member = await members.get(id);
      expect(member).toMatchObject({ branchId: destination.get(id), status: 'active', version: 2 });
      const transfers = (await historyOf(t, youth, id)).filter((event) => event.type === 'transferred');
      expect(transfers).toEqual([
        expect.objectContaining({
          fromBranchId: branchId,
          toBranchId: destination.get(id),
          reason: REASON,
          effectiveDate: today,
        }),
      ]);
    }
    for (const id of [...movedByChild.slice(0, 10), ...leftAfterKill.slice(0, 10)]) {
      const audit = await auditOf(t, youth, { entityId: id });
      expect(audit.filter((record) => record.action === 'transfer')).toHaveLength(1);
    }
    const branchAudit = await auditOf(t, youth, { entityId: branchId });
    expect(branchAudit.map((record) => [record.action, record.after?.status])).toEqual([
      ['dissolve', 'dissolved'],
      ['dissolve', 'dissolving'],
    ]);
  });
});
