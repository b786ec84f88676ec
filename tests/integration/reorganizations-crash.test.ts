/**
 * Reorganizations that stop half-way or are repeated: two hamlets merged — the map changed once
 * for a repeated request, the farmers' branches merged in one go, the women's run stopped in
 * the middle and finished by a re-run, members moved once, aggregates equal to a recount,
 * snapshots taken before left as they were — and a reorganization of the map stopped after its
 * plan was stored, finished by repeating the request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { ChangeContext } from '../../shared/domain/audit.ts';
import { applyReorganization } from '../../shared/domain/reorganization-branches.ts';
import { reorganize } from '../../shared/domain/reorganization-changes.ts';
import { type FollowUp, type Reorganization, reorganizeSchema } from '../../shared/domain/reorganizations.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { recountFront } from '../../shared/figures/recount.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { AuditRepository } from '../../shared/store/repositories/audit.ts';
import { BranchRepository } from '../../shared/store/repositories/branches.ts';
import { IdempotencyRepository } from '../../shared/store/repositories/idempotency.ts';
import { MemberRepository } from '../../shared/store/repositories/members.ts';
import { PersonRepository } from '../../shared/store/repositories/persons.ts';
import { ReorganizationRepository } from '../../shared/store/repositories/reorganizations.ts';
import { SettingsRepository } from '../../shared/store/repositories/settings.ts';
import { TransferRepository } from '../../shared/store/repositories/transfers.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import type { Transaction } from '../../shared/store/transaction.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { rawItems } from '../setup/figures-oracle.ts';
import { addDays, historyOf, listAllPages, ORGS, postJson } from '../setup/members.ts';
import { getJson, type PageOf, type TestApp } from '../setup/test-app.ts';
import { jsonOk, REORGS, type ReorganizationScene, reorganizationScene } from './reorganization-scene.ts';

const P = 'rk';
let t: TestApp;
let poller: StreamPoller | undefined;
let token: ReorganizationScene['token'];
let resolution: ReorganizationScene['resolution'];
let reorganizeOk: ReorganizationScene['reorganizeOk'];
let unit: ReorganizationScene['unit'];
let admitMany: ReorganizationScene['admitMany'];
let currentMembersIn: ReorganizationScene['currentMembersIn'];
let activeBranchesOf: ReorganizationScene['activeBranchesOf'];

beforeAll(async () => {
  ({ t, poller, token, resolution, reorganizeOk, unit, admitMany, currentMembersIn, activeBranchesOf } =
    await reorganizationScene(P, { streams: true }));
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

async function recountDifferences(org: string): Promise<number> {
  const response = await postJson(t, token(`${P}.${org}`), '/api/v1/admin/recount', { apply: false });
  return ((await response.json()) as { differences: unknown[] }).differences.length;
}

/** The Front's distinct people counted again from the four organizations' members, against what the stream stored. */
function frontRecount() {
  const tenant = (id: string) => t.deps.table.forTenant(toTenantId(id));
  return recountFront({
    units: new UnitRepository(tenant(`${P}:front`)),
    aggregates: new AggregateRepository(tenant(`${P}:front`)),
    organizations: ORGS.map((org) => ({
      tenant: `${P}:${org}`,
      aggregates: new AggregateRepository(tenant(`${P}:${org}`)),
    })),
    persons: new PersonRepository(t.deps.table),
  });
}

async function snapshotItems(): Promise<string> {
  const items = await rawItems(t);
  const kept = items.filter((item) => ['aggregate_snapshot', 'snapshot'].includes(String(item._entity)));
  return JSON.stringify(kept.map((item) => JSON.stringify(item)).sort());
}

/** Reads members as the store does, but fails before reading the member after the first `limit`: a crash mid-way. */
class FailingMembers extends MemberRepository {
  private readonly seen = new Set<string>();
  constructor(
    table: ConstructorParameters<typeof MemberRepository>[0],
    private readonly limit: number,
  ) {
    super(table);
  }

  override async get(id: string) {
    this.seen.add(id);
    if (this.seen.size > this.limit) throw new Error('stopped half-way');
    return super.get(id);
  }
}

/** The follow-up of an organization, run by the use case over a store that fails after `members` members. */
async function applyFailingAfter(org: string, reorganizationId: string, members: number): Promise<unknown> {
  const tenant = toTenantId(`${P}:${org}`);
  const table = t.deps.table.forTenant(tenant);
  const ws = {
    tenant,
    members: new FailingMembers(table, members),
    branches: new BranchRepository(table),
    units: new UnitRepository(table),
    audit: new AuditRepository(table),
    idempotency: new IdempotencyRepository(table),
    settings: new SettingsRepository(table),
    transfers: new TransferRepository(t.deps.table, table),
    vault: t.deps.nationalIds,
    cipher: () => t.deps.nationalIds.cipherFor(tenant),
    reorganizations: new ReorganizationRepository(table),
  };
  const me = await getJson<{ userId: string }>(t, '/api/v1/me', token(`${P}.${org}`));
  const ctx: ChangeContext = {
    principal: {
      userId: me.userId,
      username: `${P}.${org}`,
      tenantId: tenant,
      role: 'org_admin',
      scope: null,
      permissions: [],
    },
    requestId: 'crash-test',
    now: new Date(),
  };
  return applyReorganization(ws, ctx, reorganizationId, { actions: [] }).catch((error: unknown) => error);
}

describe('merging two hamlets', () => {
  it(
    'leaves one hamlet where each organization has one branch with all its members, once',
    WAITS,
    async () => {
      // Prepare: two organizations with members in both hamlets, a snapshot of the day before anything changes.
      const farmers = [
        ...(await admitMany('farmers', 'b-28261-01', 3)),
        ...(await admitMany('farmers', 'b-28261-02', 2)),
      ];
      const women = [
        ...(await admitMany('women', 'b-28261-01', 2)),
        ...(await admitMany('women', 'b-28261-02', 3)),
      ];
      await eventually(
        async () => (await recountDifferences('farmers')) + (await recountDifferences('women')),
        (n) => n === 0,
      );
      for (const org of ['farmers', 'women'])
        expect(
          (await postJson(t, token(`${P}.${org}`), '/api/v1/admin/snapshots', { date: t.today })).status,
        ).toBe(200);
      const snapshotsBefore = await snapshotItems();

      // Act: the map editor merges the two hamlets into a new one, twice (the second is a repeat).
      const body = {
        kind: 'merge',
        effectiveDate: t.today,
        resolution: resolution('12'),
        fromIds: ['28261-01', '28261-02'],
        into: { name: 'Khóm Mỹ Phú', type: 'khom' },
      };
      const merge = await reorganizeOk(body);
      const repeat = await reorganizeOk(body, 200);

      // Assess the map: both closed the day before, succeeded by the new hamlet, recorded once.
      const [newId] = merge.createdUnitIds as [string];
      expect(repeat).toEqual(merge);
      expect(merge).toMatchObject({
        status: 'applied',
        closedUnitIds: expect.arrayContaining(['28261-01', '28261-02']),
      });
      for (const id of ['28261-01', '28261-02'])
        expect(await unit(id)).toMatchObject({ validTo: addDays(t.today, -1), successorId: newId });
      expect(await unit(newId)).toMatchObject({
        name: 'Khóm Mỹ Phú',
        parentId: '28261',
        validFrom: t.today,
        validTo: null,
      });
      const children = await getJson<PageOf<FullUnit>>(
        t,
        '/api/v1/units?parentId=28261&limit=200',
        token(`${P}.farmers`),
      );
      expect(children.items.filter((u) => u.name === 'Khóm Mỹ Phú')).toHaveLength(1);

      // Each organization sees its own two branches to merge; the farmers apply in one go.
      const suggested = await getJson<FollowUp>(t, `${REORGS}/${merge.id}/branches`, token(`${P}.farmers`));
      expect(suggested).toMatchObject({ status: 'not_started', branchesTotal: 2 });
      expect(suggested.steps.map((s) => [s.branchId, s.action, s.successorUnitId])).toEqual([
        ['b-28261-01', 'merge', newId],
        ['b-28261-02', 'merge', newId],
      ]);
      const farmersDone = await jsonOk<FollowUp>(
        postJson(t, token(`${P}.farmers`), `${REORGS}/${merge.id}/apply`, {}),
      );
      expect(farmersDone).toMatchObject({
        status: 'applied',
        branchesDone: 2,
        branchesTotal: 2,
        membersMoved: 5,
      });
      // The women's branches are theirs to move: untouched so far.
      expect(await currentMembersIn('women', 'b-28261-02')).toHaveLength(3);

      // The women's run stops in its second branch, after three of five members, then a re-run finishes it.
      expect(await applyFailingAfter('women', merge.id, 3)).toEqual(new Error('stopped half-way'));
      const halfWay = await getJson<FollowUp>(t, `${REORGS}/${merge.id}/branches`, token(`${P}.women`));
      expect(halfWay).toMatchObject({
        status: 'applying',
        branchesDone: 1,
        branchesTotal: 2,
        membersMoved: 2,
      });
      const target = halfWay.steps[0]?.toBranchId ?? '';
      expect(halfWay.steps[1]?.toBranchId).toBe(target);
      expect(await currentMembersIn('women', target)).toHaveLength(3);
      expect(await currentMembersIn('women', 'b-28261-02')).toHaveLength(2);
      const womenDone = await jsonOk<FollowUp>(
        postJson(t, token(`${P}.women`), `${REORGS}/${merge.id}/apply`, {}),
      );
      expect(womenDone).toMatchObject({ status: 'applied', branchesDone: 2, branchesTotal: 2 });
      const again = await jsonOk<FollowUp>(
        postJson(t, token(`${P}.women`), `${REORGS}/${merge.id}/apply`, {}),
      );
      expect(again).toEqual(womenDone);

      // Assess the members: one branch per organization in the new hamlet, everyone in it once.
      for (const [org, ids] of [
        ['farmers', farmers],
        ['women', women],
      ] as const) {
        const [branch, ...others] = await activeBranchesOf(org, newId);
        expect(others).toEqual([]);
        expect(await currentMembersIn(org, branch?.id ?? '')).toEqual([...ids].sort());
        for (const old of ['b-28261-01', 'b-28261-02']) expect(await currentMembersIn(org, old)).toEqual([]);
        const all = (await listAllPages(t, token(`${P}.${org}`), { limit: 200 })).items.map((m) => m.id);
        expect(all.length).toBe(new Set(all).size);
        for (const id of ids) {
          const moves = (await historyOf(t, token(`${P}.${org}`), id)).filter(
            (e) => e.type === 'transferred',
          );
          expect(moves).toEqual([expect.objectContaining({ toBranchId: branch?.id })]);
        }
      }
      await eventually(
        async () => (await recountDifferences('farmers')) + (await recountDifferences('women')),
        (n) => n === 0,
      );
      await poller?.idle();
      const front = await frontRecount();
      expect(front.differences).toEqual([]);
      expect(front.persons.recordsDiffering).toBe(0);
      expect(await snapshotItems()).toBe(snapshotsBefore);
    },
  );
});

/** The map's store, except that no change of units commits: a crash right after the plan is stored. */
class UnwritableUnits extends UnitRepository {
  override transaction(): Transaction {
    const tx = super.transaction();
    tx.commit = () => Promise.reject(new Error('stopped half-way'));
    return tx;
  }
}

describe('a reorganization stopped after its plan was stored', () => {
  it('is finished by repeating the request, each unit written once', async () => {
    // Prepare: a hamlet to move, and a run that stops before any unit is written.
    const created = await postJson(t, token(`${P}.front.admin`), '/api/v1/units', {
      parentId: '28261',
      type: 'khom',
      name: 'Khóm Cầu Tre',
      validFrom: addDays(t.today, -30),
    });
    const hamlet = (await created.json()) as FullUnit;
    const body = {
      kind: 'move',
      effectiveDate: t.today,
      resolution: resolution('18'),
      unitId: hamlet.id,
      toCommuneId: '28249',
    };
    const tenant = toTenantId(`${P}:front`);
    const table = t.deps.table.forTenant(tenant);
    const me = await getJson<{ userId: string }>(t, '/api/v1/me', token(`${P}.front.admin`));
    const ws = {
      units: new UnwritableUnits(table),
      branches: new BranchRepository(table),
      audit: new AuditRepository(table),
      reorganizations: new ReorganizationRepository(table),
    };
    const ctx: ChangeContext = {
      principal: {
        userId: me.userId,
        username: `${P}.front.admin`,
        tenantId: tenant,
        role: 'front_admin',
        scope: null,
        permissions: [],
      },
      requestId: 'crash-test',
      now: new Date(),
    };
    const stopped = await reorganize(ws, ctx, reorganizeSchema.parse(body)).catch((error: unknown) => error);
    expect(stopped).toEqual(new Error('stopped half-way'));
    const [stored] = (await getJson<PageOf<Reorganization>>(t, REORGS, token(`${P}.front.admin`))).items;
    expect(stored).toMatchObject({ status: 'applying', closedUnitIds: [hamlet.id] });
    expect(await unit(hamlet.id)).toMatchObject({ validTo: null, version: 1 });

    // Act
    const finished = await reorganizeOk(body, 200);

    // Assess
    expect(finished).toMatchObject({ id: stored?.id, status: 'applied' });
    const [movedId] = finished.createdUnitIds as [string];
    expect(await unit(hamlet.id)).toMatchObject({ successorId: movedId, version: 2 });
    expect(await unit(movedId)).toMatchObject({ parentId: '28249', version: 1 });
    expect(await reorganizeOk(body, 200)).toEqual(finished);
  });
});
