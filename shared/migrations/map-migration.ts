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
import type { FullBranch } from '../domain/branches.ts';
import { DomainError } from '../domain/errors.ts';
import {
  type MapPlan,
  type OrganizationTree,
  oldLayoutFingerprint,
  planMapMigration,
} from '../domain/map-migration.ts';
import type { Member } from '../domain/members/member.ts';
import { ORGANIZATIONS, tenantIdOf } from '../domain/organizations.ts';
import { toTenantId } from '../domain/tenant-id.ts';
import type { FullUnit } from '../domain/units.ts';
import { type CounterDifference, recount, recountFront } from '../figures/recount.ts';
import { readLegacyUnits } from '../store/legacy-units.ts';
import { AggregateRepository } from '../store/repositories/aggregates.ts';
import { AuditRepository } from '../store/repositories/audit.ts';
import { BranchRepository } from '../store/repositories/branches.ts';
import { MapMigrationRepository } from '../store/repositories/map-migrations.ts';
import { MemberRepository } from '../store/repositories/members.ts';
import { PersonRepository } from '../store/repositories/persons.ts';
import { UnitRepository } from '../store/repositories/units.ts';
import type { Table } from '../store/table.ts';

export type MigrationProgress =
  | { readonly kind: 'unit_written'; readonly unitId: string }
  | {
      readonly kind: 'member_moved' | 'branch_moved';
      readonly tenant: string;
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
}

/** Members and branches moved at once: enough to hide latency, few enough not to throttle. */
const AT_ONCE = 8;

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
    };
  const fingerprint = oldLayoutFingerprint(trees);
  const plan = planMapMigration(trees, await units.all());
  if ((await marks.get())?.fingerprint === fingerprint)
    return { status: 'already_migrated', plan, movedMembers: 0, movedBranches: 0 };
  if (!options.apply) return { status: 'planned', plan, movedMembers: 0, movedBranches: 0 };

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
      for (const branch of await branchesOf(branches, from)) {
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

  await options.settle?.();
  for (const tenant of tenants) {
    const tenantTable = table.forTenant(tenant);
    const report = await recount(
      {
        units: new UnitRepository(tenantTable),
        branches: new BranchRepository(tenantTable),
        aggregates: new AggregateRepository(tenantTable),
      },
      { apply: true },
    );
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
  });
  return { status: 'migrated', plan, movedMembers, movedBranches };
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

async function branchesOf(branches: BranchRepository, unitId: string): Promise<FullBranch[]> {
  const found: FullBranch[] = [];
  let cursor: string | undefined;
  do {
    const page = await branches.ofUnit(unitId, undefined, 500, cursor);
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
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
