/**
 * What the figures are read from, per tenant:
 * - aggregates `AGG#<unitId>` / `CURRENT` (kept by the stream function) and their snapshots
 *   `AGG#<unitId>` / `SNAPSHOT#<yyyy-mm-dd>`, read many at a time with BatchGetItem;
 * - the snapshot register `SNAPSHOTS` / `<yyyy-mm-dd>`, one item per finished snapshot, so "the
 *   latest snapshot on or before a day" is one short Query;
 * - targets `TARGETS#<year>` / `<unit path>/` (`82/28261/28261-01/`): the targets of a subtree
 *   for a year are one Query, `begins_with` the subtree's path.
 */

import { DomainError } from '../../domain/errors.ts';
import type { Aggregate } from '../../figures/reading/counters.ts';
import { countersOf } from '../../figures/reading/counters.ts';
import type { SnapshotRecord, Target } from '../../figures/reading/targets.ts';
import { type Key, keyString, type TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const CURRENT = 'CURRENT';
const snapshotSk = (date: string) => `SNAPSHOT#${date}`;
const aggregateKey = (unitId: string, snapshot: string | null): Key => ({
  pk: `AGG#${unitId}`,
  sk: snapshot === null ? CURRENT : snapshotSk(snapshot),
});
const REGISTER = 'SNAPSHOTS';
const targetKey = (year: number, path: string): Key => ({ pk: `TARGETS#${year}`, sk: path });

export class FiguresRepository {
  constructor(readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  /** The aggregates of these units, current (`snapshot` null) or as snapshotted; a missing one is absent. */
  async aggregates(unitIds: readonly string[], snapshot: string | null): Promise<Map<string, Aggregate>> {
    if (unitIds.length === 0) return new Map();
    const found = await this.table.getMany<Aggregate>(unitIds.map((id) => aggregateKey(id, snapshot)));
    const byUnit = new Map<string, Aggregate>();
    for (const id of unitIds) {
      const item = found.get(keyString(aggregateKey(id, snapshot)));
      if (item) byUnit.set(id, item);
    }
    return byUnit;
  }

  /**
   * The latest finished snapshot taken for a day on or before `date`. The register is read newest
   * first; a dozen small items a year, so even a date years back is one call.
   */
  async latestSnapshotOnOrBefore(date: string): Promise<string | null> {
    let cursor: string | undefined;
    do {
      const page = await this.table.query<SnapshotRecord>({
        pk: REGISTER,
        newestFirst: true,
        limit: 200,
        cursor,
      });
      const hit = page.items.find((record) => record.date <= date);
      if (hit) return hit.date;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return null;
  }

  /**
   * Copies the current aggregates of these units under `SNAPSHOT#<date>`: BatchGetItem by 100,
   * BatchWriteItem by 25. Units without an aggregate get no copy: missing reads as zero in both.
   */
  async copyToSnapshot(unitIds: readonly string[], date: string): Promise<number> {
    const current = await this.aggregates(unitIds, null);
    await this.table.putMany(
      [...current].map(([unitId, item]) => ({
        entity: 'aggregate_snapshot',
        key: aggregateKey(unitId, date),
        data: { ...countersOf(item), unitId, snapshotOf: date },
      })),
    );
    return current.size;
  }

  /** Written after every copy, so a snapshot that crashed half-way is never read (and a re-run redoes it). */
  async recordSnapshot(record: SnapshotRecord): Promise<void> {
    await this.table.put({ entity: 'snapshot', key: { pk: REGISTER, sk: record.date }, data: { ...record } });
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

  /** Adds the target to a transaction; it applies only if nobody set it since `before` was read. */
  saveTarget(tx: Transaction, before: Target | undefined, after: Target): void {
    tx.put(
      { entity: 'target', key: targetKey(after.year, after.path), data: { ...after } },
      before ? { equals: { version: before.version } } : { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }
}
