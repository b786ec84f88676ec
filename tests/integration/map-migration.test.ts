/**
 * The map migration on data laid out the old way: two organizations kept their own hamlets of
 * Phường Mỹ Tho — one place under two ids, one id naming two places, "Ấp 1" beside "Ấp Một" —
 * with branches and members under them. Stopped half-way and run again, then run once more, it
 * leaves one hamlet per place, every branch and member on map ids, no member lost or moved twice,
 * and figures equal to a recount; a later run says it is done, unless old data appeared since.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { FullBranch } from '../../shared/domain/branches.ts';
import { DEFAULT_ELIGIBILITY } from '../../shared/domain/members/eligibility.ts';
import { importedMember, type MemberRecord } from '../../shared/domain/members/import-members.ts';
import { placementOf } from '../../shared/domain/members/member-workspace.ts';
import type { IncomingTransfer } from '../../shared/domain/members/transfers.ts';
import { type TenantId, toTenantId } from '../../shared/domain/tenant-id.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { recount, recountWorkspaceOf } from '../../shared/figures/recount.ts';
import { type MigrationProgress, migrateMap } from '../../shared/migrations/map-migration.ts';
import { AccountRepository } from '../../shared/store/repositories/accounts.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { BranchRepository } from '../../shared/store/repositories/branches.ts';
import { FiguresRepository } from '../../shared/store/repositories/figures.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { TransferRepository } from '../../shared/store/repositories/transfers.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { writeOldUnits } from '../setup/old-layout.ts';
import { appWithProvinces } from '../setup/scene.ts';
import {
  createOfficer,
  startStreamPollerFor,
  type TestApp,
  testBranch,
  testHamlet,
} from '../setup/test-app.ts';

const FARMERS = toTenantId('alpha:farmers');
const WOMEN = toTenantId('alpha:women');

/** Each organization's own hamlets of Phường Mỹ Tho, and a residential branch in each. */
const OLD_HAMLETS: Record<string, [id: string, name: string][]> = {
  [FARMERS]: [
    ['28261-01', 'Ấp Mỹ Phú'],
    ['28261-02', 'Ấp Tân Hòa'],
    ['28261-03', 'Ấp 1'],
  ],
  [WOMEN]: [
    ['28261-05', 'ấp mỹ phú'],
    ['28261-02', 'Ấp Bình Đức'],
    ['28261-06', 'Ấp Một'],
  ],
};

/** Where each branch must end up: the plan keeps ids only one place used and retires 28261-02. */
const EXPECTED_UNIT: Record<string, string> = {
  'alpha:farmers/b-28261-01': '28261-01',
  'alpha:farmers/b-28261-02': '28261-08',
  'alpha:farmers/b-28261-03': '28261-03',
  'alpha:women/b-28261-05': '28261-01',
  'alpha:women/b-28261-02': '28261-07',
  'alpha:women/b-28261-06': '28261-06',
};
const MEMBERS_PER_BRANCH = 3;

let t: TestApp;

/** Province alpha onboarded, then each organization's own hamlets, branches and members of before. */
async function provinceLaidOutTheOldWay(): Promise<void> {
  t = await appWithProvinces(['alpha']);
  // The province and communes onboarding wrote are what each organization kept of them before.
  const shared = (await new UnitRepository(table(FARMERS)).all()).filter((unit) => unit.level !== 'hamlet');
  for (const [tenant, hamlets] of Object.entries(OLD_HAMLETS)) {
    const tenantId = toTenantId(tenant);
    await writeOldLayout(tenantId, [
      ...shared,
      ...hamlets.map(([id, name]) => testHamlet(id, '28261', name)),
    ]);
    for (const [id, name] of hamlets)
      await branchWithMembers(tenantId, testBranch(`b-${id}`, id, `Chi hội ${name}`));
  }
  await namedElsewhere();
}

/**
 * What else named an old hamlet id: the farmers' target for Ấp Tân Hòa (28261-02, to become
 * 28261-08), the women's officer of ấp mỹ phú (28261-05, to become 28261-01), and a transfer
 * pending for the farmers' Ấp Tân Hòa.
 */
async function namedElsewhere(): Promise<void> {
  const figures = new FiguresRepository(table(FARMERS));
  const tx = figures.transaction();
  figures.saveTarget(tx, undefined, {
    unitId: '28261-02',
    year: 2025,
    targetPopulation: 120,
    level: 'hamlet',
    path: '82/28261/28261-02/',
    updatedAt: '2025-01-10T00:00:00.000Z',
    version: 1,
  });
  await tx.commit();
  await createOfficer(t, {
    username: 'women.myphu',
    tenantId: WOMEN,
    role: 'unit_officer',
    scope: { unitId: '28261-05' },
  });
  const transfers = new TransferRepository(t.deps.table, table(FARMERS));
  const send = transfers.transaction();
  transfers.send(send, FARMERS, PENDING_TRANSFER);
  await send.commit();
}

const PENDING_TRANSFER: IncomingTransfer = {
  id: 'transfer-to-tan-hoa',
  status: 'pending',
  from: { tenantId: 'beta:farmers', memberId: 'm-1' },
  destinationUnitId: '28261-02',
  destinationUnitIds: ['82', '28261', '28261-02'],
  reason: 'Chuyển nơi cư trú',
  effectiveDate: '2025-02-01',
  person: {
    fullName: 'Trần Văn Dũng',
    gender: 'male',
    birthDate: '1990-01-01',
    nationalIdMasked: null,
    phone: null,
    education: null,
    occupation: null,
    address: null,
    veteranService: null,
  },
  createdAt: '2025-01-20T00:00:00.000Z',
  acceptedMemberId: null,
  sealedNationalId: null,
};

/** The target, officer and transfer of namedElsewhere() as they are now. */
async function namedNow() {
  const figures = new FiguresRepository(table(FARMERS));
  const accounts = new AccountRepository(t.deps.table);
  return {
    oldTarget: await figures.target(2025, '82/28261/28261-02/'),
    target: await figures.target(2025, '82/28261/28261-08/'),
    login: await accounts.findByUsername('women.myphu'),
    profile: (await accounts.ofTenant(WOMEN, 100)).items.find((a) => a.username === 'women.myphu'),
    transfer: await new TransferRepository(t.deps.table, table(FARMERS)).get(PENDING_TRANSFER.id),
  };
}

const table = (tenant: TenantId) => t.deps.table.forTenant(tenant);

/** Units as an organization stored them before the map: its own copy of the tree. */
const writeOldLayout = (tenant: TenantId, units: FullUnit[]) => writeOldUnits(table(tenant), units);

/** A branch under an old hamlet id with members placed there, written straight into the store. */
async function branchWithMembers(tenant: TenantId, branch: FullBranch): Promise<void> {
  await new BranchRepository(table(tenant)).putMany([branch]);
  const hamlet = testHamlet(branch.unitId, '28261', branch.name);
  const ctx = {
    rules: DEFAULT_ELIGIBILITY[tenant === FARMERS ? 'farmers' : 'women'],
    cipher: await t.deps.nationalIds.cipherFor(tenant),
    recordedBy: { userId: 'fixture', username: 'fixture' },
    at: new Date().toISOString(),
  };
  const records = Array.from({ length: MEMBERS_PER_BRANCH }, (_, i) => {
    const record: MemberRecord = {
      fullName: `Nguyễn Thị ${['An', 'Bình', 'Châu'][i]}`,
      gender: 'female',
      birthDate: `198${i}-05-1${i}`,
      nationalId: null,
      phone: null,
      ethnicity: null,
      religion: null,
      education: null,
      occupation: null,
      address: null,
      joinedAt: '2020-03-26',
      cardNumber: null,
      partyMember: false,
      notes: null,
      veteranService: null,
      branchId: branch.id,
      history: [],
    };
    return importedMember(record, randomUUID(), placementOf(branch, hamlet), ctx);
  });
  await new MemberRepository(table(tenant)).importMany(records);
}

async function membersOf(tenant: TenantId, branchId: string) {
  const members = new MemberRepository(table(tenant));
  const ids = (await members.idsInBranch(branchId, 100)).items;
  return Promise.all(
    ids.map(async (id) => (await members.get(id)) as NonNullable<Awaited<ReturnType<typeof members.get>>>),
  );
}

describe('migrating a province to its map', () => {
  beforeAll(provinceLaidOutTheOldWay);

  it('prints the plan and its conflicts without writing anything', async () => {
    const result = await migrateMap(t.deps.table, 'alpha');

    expect(result.status).toBe('planned');
    expect(result.plan.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'id_reused', oldId: '28261-02' }),
        expect.objectContaining({
          kind: 'near_duplicate',
          hamlets: [expect.objectContaining({ name: 'Ấp 1' }), expect.objectContaining({ name: 'Ấp Một' })],
        }),
      ]),
    );
    expect(await new UnitRepository(table(FARMERS)).childIds('28261')).toEqual([]);
  });

  it('finishes after being stopped half-way, moving every member once', async () => {
    let moved = 0;
    const stopAfterFour = (progress: MigrationProgress) => {
      // Once stopped, every worker stops at its next write, as a killed process would.
      if (progress.kind === 'member_moved' && ++moved > 4) throw new Error('killed');
    };
    await expect(
      migrateMap(t.deps.table, 'alpha', { apply: true, onProgress: stopAfterFour }),
    ).rejects.toThrow('killed');
    const women = new BranchRepository(table(WOMEN));
    expect((await women.get('b-28261-02'))?.unitId).toBe('28261-02');
    expect((await membersOf(WOMEN, 'b-28261-05')).map((m) => m.unitId)).toEqual(Array(3).fill('28261-05'));

    const result = await migrateMap(t.deps.table, 'alpha', { apply: true });

    expect(result.status).toBe('migrated');
    for (const [place, unitId] of Object.entries(EXPECTED_UNIT)) {
      const [tenant, branchId] = place.split('/') as [string, string];
      const branch = await new BranchRepository(table(toTenantId(tenant))).get(branchId);
      expect(branch?.unitId, place).toBe(unitId);
      const members = await membersOf(toTenantId(tenant), branchId);
      expect(members, place).toHaveLength(MEMBERS_PER_BRANCH);
      for (const member of members) {
        expect(member.unitIds).toEqual(['82', '28261', unitId]);
        expect(member.unitId).toBe(unitId);
        // Moved members were written once (version 2); those whose id was kept, never.
        expect(member.version).toBe(branchId === `b-${unitId}` ? 1 : 2);
      }
    }
  });

  it('moves the target, officer and pending transfer of a renamed hamlet to its map id', async () => {
    const now = await namedNow();

    expect(now.oldTarget).toBeUndefined();
    expect(now.target).toMatchObject({ unitId: '28261-08', targetPopulation: 120, version: 2 });
    expect(now.login?.scope).toEqual({ unitId: '28261-01' });
    expect(now.profile?.scope).toEqual({ unitId: '28261-01' });
    expect(now.transfer).toMatchObject({
      status: 'pending',
      destinationUnitId: '28261-08',
      destinationUnitIds: ['82', '28261', '28261-08'],
    });
    const pending = await new TransferRepository(t.deps.table, table(FARMERS)).pending(
      10,
      undefined,
      '28261-08',
    );
    expect(pending.items.map((transfer) => transfer.id)).toEqual([PENDING_TRANSFER.id]);
  });

  it('leaves one hamlet per place in the map', async () => {
    const hamlets = (await new UnitRepository(table(WOMEN)).children('28261', 100)).items;

    expect(hamlets.map((h) => [h.id, h.name]).sort()).toEqual([
      ['28261-01', 'Ấp Mỹ Phú'],
      ['28261-03', 'Ấp 1'],
      ['28261-06', 'Ấp Một'],
      ['28261-07', 'Ấp Bình Đức'],
      ['28261-08', 'Ấp Tân Hòa'],
    ]);
  });

  it('leaves every aggregate equal to a recount, the moved members counted at their map hamlet', async () => {
    for (const tenant of [FARMERS, WOMEN]) {
      const report = await recount(recountWorkspaceOf(table(tenant)));
      expect(report.differences, tenant).toEqual([]);
    }
    const women = new AggregateRepository(table(WOMEN));
    expect((await women.get('28261-01')).members_active).toBe(MEMBERS_PER_BRANCH);
    expect((await women.get('28261-07')).members_active).toBe(MEMBERS_PER_BRANCH);
    expect((await women.get('28261')).members_active).toBe(3 * MEMBERS_PER_BRANCH);
  });

  it('says it is done when run again, changing nothing', async () => {
    const result = await migrateMap(t.deps.table, 'alpha', { apply: true });

    expect(result.status).toBe('already_migrated');
    expect((await new BranchRepository(table(FARMERS)).get('b-28261-02'))?.version).toBe(2);
  });

  it('migrates again when old-layout data appeared since, moving nothing twice', async () => {
    const before = await namedNow();
    await writeOldLayout(FARMERS, [testHamlet('28261-09', '28261', 'Ấp Long Hưng')]);

    const result = await migrateMap(t.deps.table, 'alpha', { apply: true });

    expect(result.status).toBe('migrated');
    expect(result.plan.newUnits.map((unit) => unit.id)).toEqual(['28261-09']);
    expect(result).toMatchObject({
      movedMembers: 0,
      movedBranches: 0,
      movedTargets: 0,
      movedAccounts: 0,
      readdressedTransfers: 0,
    });
    expect(await namedNow()).toEqual(before);
  });
});

describe('migrating a province while the stream function keeps the figures', () => {
  let poller: StreamPoller;

  beforeAll(async () => {
    await provinceLaidOutTheOldWay();
    poller = await startStreamPollerFor(t);
  });

  afterAll(async () => {
    await poller?.stop();
  });

  it('moves the figures through the stream, branches counted off the hamlets they left', async () => {
    const corrected: string[] = [];

    const result = await migrateMap(t.deps.table, 'alpha', {
      apply: true,
      settle: () => poller.idle(),
      onProgress: (progress) => {
        if (progress.kind === 'recounted')
          corrected.push(...progress.differences.map((d) => `${progress.tenant} ${d.unitId} ${d.counter}`));
      },
    });

    expect(result.status).toBe('migrated');
    expect(corrected).toEqual([]);
    const farmers = new AggregateRepository(table(FARMERS));
    expect((await farmers.get('28261-02')).branches_residential ?? 0).toBe(0);
    expect((await farmers.get('28261-08')).branches_residential).toBe(1);
  });
});
