/**
 * Moves a province from one unit tree per organization to its one map (issue 10): reads the old
 * trees (Query only), plans (shared/domain/map-migration.ts), writes the map units the map lacks,
 * moves each organization's members and branches from renamed hamlets to their map ids, recounts
 * the figures and records that it is done.
 *
 * Resumable and idempotent without a log of its own: every write is conditional on what was
 * read (a unit must be absent, a member or branch must still have the version read), and what is
 * done is visible in the data itself — a member whose path no longer holds the old id is skipped.
 * A branch moves only after all of its members, so a run stopped anywhere finds the branch still
 * under the old id with whatever members are left. The plan of a partly migrated province is the
 * same plan, since it matches hamlets to the map units the first run wrote.
 */
import { randomUUID } from 'node:crypto';
import { mapConcurrently } from '../concurrency.ts';
import type { AuditRecord } from '../domain/audit.ts';
import { DomainError } from '../domain/errors.ts';
import {
  type MapPlan,
  type OrganizationTree,
  oldLayoutFingerprint,
  planMapMigration,
} from '../domain/map-migration.ts';
import type { Member } from '../domain/members/member.ts';
import type { IncomingTransfer } from '../domain/members/transfers.ts';
import { ORGANIZATIONS, tenantIdOf } from '../domain/organizations.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { FullUnit } from '../domain/units.ts';
import { type Target, targetEntityId, unitPath } from '../figures/reading/targets.ts';
import { type CounterDifference, recount, recountFront, recountWorkspaceOf } from '../figures/recount.ts';
import { readLegacyUnits } from '../store/legacy-units.ts';
import { AccountRepository } from '../store/repositories/accounts.ts';
import { AggregateRepository } from '../store/repositories/aggregates.ts';
import { AuditRepository } from '../store/repositories/audit.ts';
import { BranchRepository } from '../store/repositories/branches.ts';
import { FiguresRepository } from '../store/repositories/figures.ts';
import { MapMigrationRepository } from '../store/repositories/map-migrations.ts';
import { MemberRepository } from '../store/repositories/members.ts';
import { PersonRepository } from '../store/repositories/persons.ts';
import { TransferRepository } from '../store/repositories/transfers.ts';
import { UnitRepository } from '../store/repositories/units.ts';
import type { Table } from '../store/table.ts';

export type MigrationProgress =
  | { readonly kind: 'unit_written'; readonly unitId: string }
  | {
      readonly kind:
        | 'member_moved'
        | 'branch_moved'
        | 'target_moved'
        | 'target_kept'
        | 'account_moved'
        | 'transfer_readdressed';
      readonly tenant: string;
      /** A member, branch, account or transfer id; a target's `<unit id>/targets/<year>`. */
      readonly id: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'recounted';
      readonly tenant: string;
      readonly differences: readonly CounterDifference[];
    };

export interface MapMigrationOptions {
  /** Write; otherwise only plan. */
  readonly apply?: boolean;
  /** Told of every write as it is done; a throw stops the migration there, and a re-run resumes. */
  readonly onProgress?: (progress: MigrationProgress) => void;
  /**
   * Called after the moves, before the recount: returns once the stream function can no longer
   * apply the moves on top of the recount (see scripts/migrate-map.ts).
   */
  readonly settle?: () => Promise<void>;
}

export interface MapMigrationResult {
  /**
   * `nothing_to_migrate`: no organization of the province has an old tree (a province onboarded
   * onto the map, or none of that name); `already_migrated`: recorded as done for these very old
   * trees. Neither writes anything.
   */
  readonly status: 'nothing_to_migrate' | 'already_migrated' | 'planned' | 'migrated';
  readonly plan: MapPlan;
  readonly movedMembers: number;
  readonly movedBranches: number;
  /** Hamlet targets, hamlet-scoped accounts and pending transfers moved to map ids. */
  readonly movedTargets: number;
  readonly movedAccounts: number;
  readonly readdressedTransfers: number;
}

/** Members and branches moved at once: enough to hide latency, few enough not to throttle. */
const AT_ONCE = 8;
const NOTHING_ELSE_MOVED = { movedTargets: 0, movedAccounts: 0, readdressedTransfers: 0 } as const;
/** Every year a target may be set for (targetYearSchema). */
const TARGET_YEARS = Array.from({ length: 101 }, (_, i) => 2000 + i);

export async function migrateMap(
  table: Table,
  province: string,
  options: MapMigrationOptions = {},
): Promise<MapMigrationResult> {
  const tenants = ORGANIZATIONS.map((organization) => toTenantId(tenantIdOf(province, organization)));
  const mapTable = table.forProvinceMap(province);
  const marks = new MapMigrationRepository(mapTable);
  const units = new UnitRepository(table.forTenant(tenants[0] as (typeof tenants)[number]));
  const trees: OrganizationTree[] = await Promise.all(
    tenants.map(async (tenant) => ({ tenant, units: await readLegacyUnits(table.forTenant(tenant)) })),
  );
  if (trees.every((tree) => tree.units.length === 0))
    return {
      status: 'nothing_to_migrate',
      plan: planMapMigration([], []),
      movedMembers: 0,
      movedBranches: 0,
      ...NOTHING_ELSE_MOVED,
    };
  const fingerprint = oldLayoutFingerprint(trees);
  const plan = planMapMigration(trees, await units.all());
  if ((await marks.get())?.fingerprint === fingerprint)
    return { status: 'already_migrated', plan, movedMembers: 0, movedBranches: 0, ...NOTHING_ELSE_MOVED };
  if (!options.apply)
    return { status: 'planned', plan, movedMembers: 0, movedBranches: 0, ...NOTHING_ELSE_MOVED };

  const progress = options.onProgress ?? (() => undefined);
  const audit = auditOf(randomUUID());
  // Parents first (the plan's order): a hamlet is never written under a commune not yet there.
  for (const unit of plan.newUnits) {
    await writeUnit(units, unit, audit);
    progress({ kind: 'unit_written', unitId: unit.id });
  }

  let movedMembers = 0;
  let movedBranches = 0;
  for (const tenant of tenants) {
    const tenantTable = table.forTenant(tenant);
    const branches = new BranchRepository(tenantTable);
    const members = new MemberRepository(tenantTable);
    const audits = new AuditRepository(tenantTable);
    for (const [from, to] of plan.renamings.get(tenant) ?? []) {
      for (const branch of await branches.allOfUnit(from)) {
        const ids = await memberIds(members, branch.id);
        await mapConcurrently(ids, AT_ONCE, async (id) => {
          if (!(await moveMember(members, id, from, to))) return;
          movedMembers++;
          progress({ kind: 'member_moved', tenant, id, from, to });
        });
        if (await moveBranch({ branches, audits, audit }, branch.id, from, to)) {
          movedBranches++;
          progress({ kind: 'branch_moved', tenant, id: branch.id, from, to });
        }
      }
    }
  }

  const others = await moveOthers(table, { plan, trees, units, audit, progress });

  await options.settle?.();
  for (const tenant of tenants) {
    const tenantTable = table.forTenant(tenant);
    const report = await recount(recountWorkspaceOf(tenantTable), { apply: true });
    progress({ kind: 'recounted', tenant, differences: report.differences });
  }
  const front = table.forTenant(toTenantId(tenantIdOf(province, 'front')));
  const frontReport = await recountFront(
    {
      units: new UnitRepository(front),
      aggregates: new AggregateRepository(front),
      organizations: tenants.map((tenant) => ({
        tenant,
        aggregates: new AggregateRepository(table.forTenant(tenant)),
      })),
      persons: new PersonRepository(table),
    },
    { apply: true },
  );
  progress({ kind: 'recounted', tenant: front.tenant, differences: frontReport.differences });

  await marks.record({
    fingerprint,
    completedAt: new Date().toISOString(),
    newUnits: plan.newUnits.length,
    renamedHamlets: [...plan.renamings.values()].reduce((sum, renaming) => sum + renaming.size, 0),
    movedBranches,
    movedMembers,
    ...others,
  });
  return { status: 'migrated', plan, movedMembers, movedBranches, ...others };
}

/**
 * What else names a renamed hamlet, per tenant: its targets (keyed by the hamlet's path), the
 * accounts scoped to it, and the pending transfers addressed to it. Each move is conditional on
 * what was read and re-read when it fails, and a re-run finds nothing left under the old id.
 * Accounts are found through the tenant's GSI1 `USERS` partition (see accounts.ts).
 */
async function moveOthers(
  table: Table,
  {
    plan,
    trees,
    units,
    audit,
    progress,
  }: {
    plan: MapPlan;
    trees: readonly OrganizationTree[];
    units: UnitRepository;
    audit: Audit;
    progress: (progress: MigrationProgress) => void;
  },
): Promise<{ movedTargets: number; movedAccounts: number; readdressedTransfers: number }> {
  let movedTargets = 0;
  let movedAccounts = 0;
  let readdressedTransfers = 0;
  const accounts = new AccountRepository(table);
  for (const tree of trees) {
    const tenant = toTenantId(tree.tenant);
    const oldUnits = tree.units;
    const renaming = plan.renamings.get(tenant);
    if (!renaming?.size) continue;
    const tenantTable = table.forTenant(tenant);
    const figures = new FiguresRepository(tenantTable);
    const audits = new AuditRepository(tenantTable);

    for (const [from, to] of renaming) {
      const old = oldUnits.find((unit) => unit.id === from);
      const mapUnit = await units.get(to);
      if (!old || !mapUnit) continue;
      const oldPath = unitPath(old);
      const newPath = unitPath(mapUnit);
      for (const found of await figures.targetsAt(oldPath, TARGET_YEARS)) {
        const moved = await moveTarget({ figures, audits, audit }, found.year, oldPath, newPath, to);
        if (moved === 'absent') continue;
        if (moved === 'moved') movedTargets++;
        progress({
          kind: moved === 'moved' ? 'target_moved' : 'target_kept',
          tenant,
          id: targetEntityId(to, found.year),
          from,
          to,
        });
      }
    }

    let cursor: string | undefined;
    do {
      const page = await accounts.ofTenant(tenant, 500, cursor);
      for (const account of page.items) {
        const from = account.scope && 'unitId' in account.scope ? account.scope.unitId : undefined;
        const to = from === undefined ? undefined : renaming.get(from);
        if (from === undefined || to === undefined) continue;
        try {
          await accounts.setScope(
            account,
            { unitId: from },
            { unitId: to },
            audit(
              'update',
              'account',
              account.userId,
              { scope: { unitId: from } },
              { scope: { unitId: to } },
            ),
          );
        } catch (error) {
          // Its scope changed since it was read: whatever it is now, it no longer names the old id.
          if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED') continue;
          throw error;
        }
        movedAccounts++;
        progress({ kind: 'account_moved', tenant, id: account.userId, from, to });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const transfers = new TransferRepository(table, tenantTable);
    const addressed: IncomingTransfer[] = [];
    cursor = undefined;
    do {
      const page = await transfers.pending(500, cursor);
      addressed.push(
        ...page.items.filter((transfer) => transfer.destinationUnitIds.some((id) => renaming.has(id))),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const { id } of addressed) {
      const moved = await readdressTransfer(transfers, id, renaming);
      if (!moved) continue;
      readdressedTransfers++;
      progress({ kind: 'transfer_readdressed', tenant, id, ...moved });
    }
  }
  return { movedTargets, movedAccounts, readdressedTransfers };
}

/**
 * Moves a year's target from the old hamlet's path to the map hamlet's, re-reading when it changed
 * meanwhile. One already set at the map hamlet (another of the organization's hamlets matched to
 * it) is kept, and the old one left for someone to reconcile: `kept`.
 */
async function moveTarget(
  { figures, audits, audit }: { figures: FiguresRepository; audits: AuditRepository; audit: Audit },
  year: number,
  oldPath: string,
  newPath: string,
  to: string,
): Promise<'moved' | 'kept' | 'absent'> {
  for (;;) {
    const before = await figures.target(year, oldPath);
    if (!before) return 'absent';
    if (await figures.target(year, newPath)) return 'kept';
    const after: Target = { ...before, unitId: to, path: newPath, version: before.version + 1 };
    const tx = figures.transaction();
    figures.moveTarget(tx, before, after);
    const audited = (t: Target) => ({ unitId: t.unitId, year: t.year, targetPopulation: t.targetPopulation });
    audits.record(tx, audit('update', 'target', targetEntityId(to, year), audited(before), audited(after)));
    if (await committed(tx)) return 'moved';
  }
}

/** Readdresses a pending transfer off renamed hamlets, if it still names one; re-reads on a change. */
async function readdressTransfer(
  transfers: TransferRepository,
  id: string,
  renaming: ReadonlyMap<string, string>,
): Promise<{ from: string; to: string } | null> {
  for (;;) {
    const before = await transfers.get(id);
    if (before?.status !== 'pending') return null;
    const from = before.destinationUnitIds.find((unitId) => renaming.has(unitId));
    if (from === undefined) return null;
    const rename = (unitId: string) => renaming.get(unitId) ?? unitId;
    const after: IncomingTransfer = {
      ...before,
      destinationUnitId: before.destinationUnitId && rename(before.destinationUnitId),
      destinationUnitIds: before.destinationUnitIds.map(rename),
    };
    const tx = transfers.transaction();
    transfers.readdress(tx, before, after);
    if (await committed(tx)) return { from, to: rename(from) };
  }
}

/** A unit the map already holds (written by an earlier run) is passed over; one in its way is not. */
async function writeUnit(units: UnitRepository, unit: FullUnit, audit: Audit): Promise<void> {
  const tx = units.transaction();
  units.create(tx, unit);
  units.audit.record(tx, audit('create', 'unit', unit.id, null, unit));
  try {
    await tx.commit();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'UNIT_EXISTS') throw error;
    const stored = await units.get(unit.id);
    const named =
      unit.level === 'hamlet' && unit.parentId ? await units.hamletNamed(unit.parentId, unit.name) : unit.id;
    if (!stored || named !== unit.id)
      throw new Error(`The map unit ${unit.id} (${unit.name}) collides with another one written meanwhile`);
  }
}

/** Current and former members: a former member's path names the unit too, for its history. */
async function memberIds(members: MemberRepository, branchId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const which of ['CURRENT', 'FORMER'] as const) {
    let cursor: string | undefined;
    do {
      const page = await members.idsInBranch(branchId, 500, cursor, which);
      ids.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return ids;
}

/**
 * Replaces the old hamlet id in a member's path, if it is still there; re-reads and tries again
 * when someone changed the member meanwhile. Returns whether this call moved it.
 */
async function moveMember(members: MemberRepository, id: string, from: string, to: string): Promise<boolean> {
  for (;;) {
    const before = await members.get(id);
    if (!before?.unitIds.includes(from)) return false;
    const after: Member = {
      ...before,
      unitId: before.unitId === from ? to : before.unitId,
      unitIds: before.unitIds.map((unitId) => (unitId === from ? to : unitId)),
      version: before.version + 1,
    };
    const tx = members.transaction();
    members.save(tx, { before, after, event: null });
    if (await committed(tx)) return true;
  }
}

async function moveBranch(
  { branches, audits, audit }: { branches: BranchRepository; audits: AuditRepository; audit: Audit },
  id: string,
  from: string,
  to: string,
): Promise<boolean> {
  for (;;) {
    const before = await branches.get(id);
    if (before?.unitId !== from) return false;
    const after = { ...before, unitId: to, version: before.version + 1 };
    const tx = branches.transaction();
    // Whatever its status: a dissolving branch is still one of the hamlet's.
    branches.saveStatus(tx, before, after);
    audits.record(tx, audit('update', 'branch', id, before, after));
    if (await committed(tx)) return true;
  }
}

/** false when the item changed since it was read. */
async function committed(tx: { commit(): Promise<void> }): Promise<boolean> {
  try {
    await tx.commit();
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED') return false;
    throw error;
  }
}

type Audit = (
  action: AuditRecord['action'],
  entityType: AuditRecord['entityType'],
  entityId: string,
  before: object | null,
  after: object | null,
) => AuditRecord;

/**
 * Audit records of one run: the map's new units and the moved branches, with the migration as
 * the actor and the run as the request. Members are not audited one by one: their hamlet is
 * renumbered, their membership unchanged, and the run's record counts them.
 */
function auditOf(runId: string): Audit {
  const actor = { userId: 'map-migration', username: 'npm run migrate-map', role: 'platform_admin' };
  return (action, entityType, entityId, before, after) => ({
    id: randomUUID(),
    at: new Date().toISOString(),
    actor,
    action,
    entityType,
    entityId,
    before: before && { ...before },
    after: after && { ...after },
    requestId: runId,
  });
}
