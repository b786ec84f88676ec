/**
 * What the figures are read from, per tenant:
 * - aggregates `AGG#<unitId>` / `CURRENT` (kept by the stream function) and their snapshot
 *   copies `AGG#<unitId>` / `SNAPSHOT#<yyyy-mm-dd>#r<n>-<run>`, read many at a time with
 *   BatchGetItem. Each take and each revision writes a copy of its own, under a fresh run id, so
 *   no write ever lands on a copy that a register item already points to;
 * - the snapshot register `SNAPSHOTS` / `<yyyy-mm-dd>`, one item per day with every revision and
 *   the copy each made, so "the latest snapshot on or before a day" and the copy to read for it
 *   are one short Query. Its conditional write is what makes a snapshot taken once only;
 * - targets `TARGETS#<year>` / `<unit path>/` (`82/28261/28261-01/`): the targets of a subtree
 *   for a year are one Query, `begins_with` the subtree's path.
 */

import { randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { Aggregate } from '../../figures/reading/counters.ts';
import { countersOf } from '../../figures/reading/counters.ts';
import type { SnapshotRecord } from '../../figures/reading/snapshot-record.ts';
import type { Target } from '../../figures/reading/targets.ts';
import { type Key, keyString, type TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const CURRENT = 'CURRENT';
const aggregateKey = (unitId: string, copy: string | null): Key => ({
  pk: `AGG#${unitId}`,
  sk: copy === null ? CURRENT : `SNAPSHOT#${copy}`,
});
const REGISTER = 'SNAPSHOTS';
const registerKey = (date: string): Key => ({ pk: REGISTER, sk: date });
const targetKey = (year: number, path: string): Key => ({ pk: `TARGETS#${year}`, sk: path });

export class FiguresRepository {
  constructor(readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  /**
   * The aggregates of these units, current (`copy` null) or as a snapshot revision copied them
   * (its `copy`, from the register); a missing one is absent.
   */
  async aggregates(unitIds: readonly string[], copy: string | null): Promise<Map<string, Aggregate>> {
    if (unitIds.length === 0) return new Map();
    const found = await this.table.getMany<Aggregate>(unitIds.map((id) => aggregateKey(id, copy)));
    const byUnit = new Map<string, Aggregate>();
    for (const id of unitIds) {
      const item = found.get(keyString(aggregateKey(id, copy)));
      if (item) byUnit.set(id, item);
    }
    return byUnit;
  }

  /**
   * The latest finished snapshot taken for a day on or before `date`. The register is read newest
   * first; a dozen small items a year, so even a date years back is one call.
   */
  async latestSnapshotOnOrBefore(date: string): Promise<SnapshotRecord | null> {
    let cursor: string | undefined;
    do {
      const page = await this.table.query<SnapshotRecord>({
        pk: REGISTER,
        newestFirst: true,
        limit: 200,
        cursor,
      });
      const hit = page.items.find((record) => record.date <= date);
      if (hit) return hit;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return null;
  }

  /** The register item of a day's snapshot, read consistently: what a new take or revision builds on. */
  async snapshot(date: string): Promise<SnapshotRecord | undefined> {
    return this.table.get<SnapshotRecord>(registerKey(date));
  }

  /**
   * Copies the current aggregates of these units for revision `revision` of the day's snapshot:
   * BatchGetItem by 100, BatchWriteItem by 25. Units without an aggregate get no copy: missing
   * reads as zero in both. The copy is new (a fresh run id), so writing it without conditions
   * cannot touch a copy already in use; it counts only once a register item names it.
   */
  async copyToSnapshot(
    unitIds: readonly string[],
    date: string,
    revision: number,
  ): Promise<{ copy: string; copied: number }> {
    const copy = `${date}#r${revision}-${randomBytes(6).toString('hex')}`;
    const current = await this.aggregates(unitIds, null);
    await this.table.putMany(
      [...current].map(([unitId, item]) => ({
        entity: 'aggregate_snapshot',
        key: aggregateKey(unitId, copy),
        data: { ...countersOf(item), unitId, snapshotOf: date, revision },
      })),
    );
    return { copy, copied: current.size };
  }

  /**
   * Writes given counters as a new copy for revision `revision` of the day's snapshot: figures
   * recorded elsewhere before the platform (a year-end report, the demo's past) rather than
   * copied from the current aggregates. Like a copy, it counts once a register item names it.
   */
  async writeSnapshotCopy(
    counters: ReadonlyMap<string, Record<string, number>>,
    date: string,
    revision: number,
  ): Promise<{ copy: string; copied: number }> {
    const copy = `${date}#r${revision}-${randomBytes(6).toString('hex')}`;
    await this.table.putMany(
      [...counters].map(([unitId, item]) => ({
        entity: 'aggregate_snapshot',
        key: aggregateKey(unitId, copy),
        data: { ...item, unitId, snapshotOf: date, revision },
      })),
    );
    return { copy, copied: counters.size };
  }

  /**
   * Adds the register item to a transaction, written after every copy so a snapshot that crashed
   * half-way is never read. It applies only if the day has no snapshot yet (`before` undefined),
   * or if nobody revised it since `before` was read: two takers, or two revisers, cannot both win.
   */
  recordSnapshot(tx: Transaction, before: SnapshotRecord | undefined, after: SnapshotRecord): void {
    tx.put(
      { entity: 'snapshot', key: registerKey(after.date), data: { ...after } },
      before ? { equals: { revision: before.revision } } : { exists: false },
      () => new DomainError('SNAPSHOT_EXISTS', { date: after.date, revision: String(after.revision) }),
    );
  }

  /** Every target set for a year in the subtree at `path` (the unit's own included). */
  async targetsWithin(year: number, path: string): Promise<Target[]> {
    const targets: Target[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.table.query<Target>({
        pk: `TARGETS#${year}`,
        skBeginsWith: path,
        limit: 1000,
        cursor,
      });
      targets.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return targets;
  }

  async target(year: number, path: string): Promise<Target | undefined> {
    return this.table.get<Target>(targetKey(year, path));
  }

  /** The targets set at one path in any of these years, by year; BatchGetItem by 100. */
  async targetsAt(path: string, years: readonly number[]): Promise<Target[]> {
    const found = await this.table.getMany<Target>(years.map((year) => targetKey(year, path)));
    return [...found.values()];
  }

  /**
   * Moves a target to another path (the map migration renumbering its hamlet): the target at the
   * new path must be absent and the old one unchanged since `before` was read, or neither applies.
   */
  moveTarget(tx: Transaction, before: Target, after: Target): void {
    tx.put(
      { entity: 'target', key: targetKey(after.year, after.path), data: { ...after } },
      { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    tx.delete(
      targetKey(before.year, before.path),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /** Adds the target to a transaction; it applies only if nobody set it since `before` was read. */
  saveTarget(tx: Transaction, before: Target | undefined, after: Target): void {
    tx.put(
      { entity: 'target', key: targetKey(after.year, after.path), data: { ...after } },
      before ? { equals: { version: before.version } } : { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }
}
