/**
 * The map's units and a unit's branches as read a few seconds ago, for what a page offers to
 * choose from (the members list's unit and branch filters). Read afresh on every page, those
 * choices cost more round trips than the list they narrow; they change seldom, and a choice
 * that lags a change is still checked by the use case that acts on it. Only these reads are
 * remembered, per table and tenant, never a member; everything else reads the table itself.
 */
import type { BranchKind } from '../../domain/branches.ts';
import type { FullUnit } from '../../domain/units.ts';
import type { Page, TenantTable } from '../table.ts';
import { BranchRepository } from './branches.ts';
import { UnitRepository } from './units.ts';

const KEEP_MS = 30_000;
const MAX_ENTRIES = 5_000;

const remembered = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();

function recently<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = performance.now();
  const entry = remembered.get(key);
  if (entry && now - entry.at < KEEP_MS) return entry.value as Promise<T>;
  if (remembered.size >= MAX_ENTRIES) remembered.clear();
  const value = load();
  remembered.set(key, { at: now, value });
  // A failed read is not remembered: the next asks again.
  value.catch(() => remembered.delete(key));
  return value;
}

export class RecentUnitRepository extends UnitRepository {
  private readonly address: string;

  constructor(tenantTable: TenantTable) {
    super(tenantTable);
    this.address = tenantTable.address;
  }

  override get(id: string): Promise<FullUnit | undefined> {
    return recently(`${this.address}|unit|${id}`, () => super.get(id));
  }

  override children(
    parentId: string | undefined,
    limit: number,
    cursor?: string,
    validOn?: string,
  ): Promise<Page<FullUnit>> {
    return recently(`${this.address}|children|${parentId}|${limit}|${cursor}|${validOn}`, () =>
      super.children(parentId, limit, cursor, validOn),
    );
  }
}

export class RecentBranchRepository extends BranchRepository {
  private readonly address: string;

  constructor(tenantTable: TenantTable) {
    super(tenantTable);
    this.address = tenantTable.address;
  }

  override ofUnit(unitId: string, kind: BranchKind | undefined, limit: number, cursor?: string) {
    return recently(`${this.address}|branches|${unitId}|${kind}|${limit}|${cursor}`, () =>
      super.ofUnit(unitId, kind, limit, cursor),
    );
  }
}
