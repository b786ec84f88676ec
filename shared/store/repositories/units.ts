/**
 * Where units are stored: once per province, in its map partition (`<province>:map`), whichever
 * of the province's tenant tables the repository is given, so the four organizations and the
 * Front read and extend one tree. Item: `<province>:map#UNIT#<id>` / `UNIT`; children of a unit
 * through GSI1 `<province>:map#CHILDREN#<parentId or ROOT>` sorted by name, in Vietnamese order.
 * Beside a commune: its hamlet-number sequence (`UNIT#<communeId>` / `HAMLET_SEQUENCE`) and one
 * guard per hamlet name, folded (`UNIT#<communeId>` / `HAMLET_NAME#<folded name>`, holding the
 * hamlet's id), so "Ấp Mỹ Phú" and "ấp my phu" cannot both be added to a commune. The map's
 * audit trail lives in the map partition too.
 */
import { mapConcurrently } from '../../concurrency.ts';
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { type FullUnit, fullUnit, isValidOn, type Unit } from '../../domain/units.ts';
import { foldVietnamese } from '../../domain/vietnamese-text.ts';
import { everyPage } from '../../paging.ts';
import type { Item, Page, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';
import { AuditRepository } from './audit.ts';

/** Stands for the parent of top-level units (provinces), so listing them is a Query too. */
export const ROOT = 'ROOT';

const key = (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' });
const hamletSequenceKey = (communeId: string) => ({ pk: `UNIT#${communeId}`, sk: 'HAMLET_SEQUENCE' });
const hamletNameKey = (communeId: string, name: string) => ({
  pk: `UNIT#${communeId}`,
  sk: `HAMLET_NAME#${foldVietnamese(name)}`,
});

/** With a validity filter, how many reads one page may take before it is returned short. */
const MAX_CALLS_PER_PAGE = 5;

/** Page size when every child is read: a commune's hamlets, a province's communes fit in one. */
const PAGE = 500;

export function unitItem(unit: Unit): Item {
  return {
    key: key(unit.id),
    indexes: {
      GSI1: { pk: `CHILDREN#${unit.parentId ?? ROOT}`, sk: `${nameSortKey(unit.name)}#${unit.id}` },
    },
    entity: 'unit',
    data: fullUnit(unit),
  };
}

/** The guard that keeps a hamlet's folded name unique in its commune. */
function hamletNameItem(unit: Unit): Item {
  return {
    key: hamletNameKey(unit.parentId ?? ROOT, unit.name),
    entity: 'hamlet_name',
    data: { id: unit.id },
  };
}

export class UnitRepository {
  private readonly tenantTable: TenantTable;

  /** Any tenant table of the province (an organization's, the Front's): the map is the province's. */
  constructor(tenantTable: TenantTable) {
    this.tenantTable = tenantTable;
  }

  // Resolved when used: a workspace is built for every caller, the platform included, which has
  // no province; the use cases refuse it before anything is read.
  private get table(): TenantTable {
    return this.tenantTable.map();
  }

  /** The map's audit trail: who changed which unit, whatever their organization. */
  get audit(): AuditRepository {
    return new AuditRepository(this.table);
  }

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  /** The id of the commune's hamlet whose name folds like `name`, if there is one. */
  async hamletNamed(communeId: string, name: string): Promise<string | undefined> {
    return (await this.table.get<{ id: string }>(hamletNameKey(communeId, name)))?.id;
  }

  /** The names of these units, by id, in batches (an export names every row's unit); unknown ids are left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.table.getMany<{ id: string; name: string }>(ids.map(key));
    return new Map([...found.values()].map(({ id, name }) => [id, name]));
  }

  async get(id: string): Promise<FullUnit | undefined> {
    const stored = await this.table.get<Unit>(key(id));
    return stored && fullUnit(stored);
  }

  /**
   * Children by name. With `validOn`, only those valid that day: the filter runs here, reading
   * on while the page is short, and every read page is used up, so the cursor loses nothing.
   */
  async children(
    parentId: string | undefined,
    limit: number,
    cursor?: string,
    validOn?: string,
  ): Promise<Page<FullUnit>> {
    const items: FullUnit[] = [];
    let next: string | null | undefined = cursor;
    for (let call = 0; call < MAX_CALLS_PER_PAGE && items.length < limit; call++) {
      const page: Page<Unit> = await this.table.query<Unit>({
        index: 'GSI1',
        pk: `CHILDREN#${parentId ?? ROOT}`,
        limit: limit - items.length,
        cursor: next ?? undefined,
      });
      items.push(...page.items.filter((unit) => !validOn || isValidOn(unit, validOn)).map(fullUnit));
      next = page.nextCursor;
      if (next === null || !validOn) break;
    }
    return { items, nextCursor: next ?? null };
  }

  /**
   * Every unit of the tree, province down to hamlets, closed ones too (what was counted there
   * stays), a level at a time: one children Query per unit above hamlet level, 8 at once, never a
   * Scan. For operators' work (recounts, snapshots), not request paths.
   */
  async all(): Promise<FullUnit[]> {
    const found: FullUnit[] = [];
    // undefined stands for the top of the tree (the province).
    let level: (string | undefined)[] = [undefined];
    while (level.length > 0) {
      const children = (await mapConcurrently(level, 8, (parentId) => this.allChildren(parentId))).flat();
      found.push(...children);
      // Hamlets are the bottom of the tree: asking for their children would only cost reads.
      level = children.filter((unit) => unit.level !== 'hamlet').map((unit) => unit.id);
    }
    return found;
  }

  /**
   * Every child by name, page after page; with `validOn`, only those valid that day. Read through
   * `children`, so a repository that remembers its pages (recent-reads.ts) remembers these too.
   */
  allChildren(parentId: string | undefined, validOn?: string): Promise<FullUnit[]> {
    return everyPage((cursor) => this.children(parentId, PAGE, cursor, validOn));
  }

  /** Every child's id, for finding the highest hamlet number taken outside the sequence. */
  async childIds(parentId: string): Promise<string[]> {
    const children = await everyPage((cursor) =>
      this.table.query<Unit>({ index: 'GSI1', pk: `CHILDREN#${parentId}`, limit: PAGE, cursor }),
    );
    return children.map((unit) => unit.id);
  }

  /** Idempotent puts for seeding and onboarding: hamlets come with their name guards. */
  async putMany(units: Unit[]): Promise<void> {
    await this.table.putMany([
      ...units.map(unitItem),
      ...units.filter((unit) => unit.level === 'hamlet').map(hamletNameItem),
    ]);
  }

  /**
   * Adds a new unit to a transaction; an id already taken fails it with UNIT_EXISTS naming the id,
   * a hamlet name already used in the commune with UNIT_EXISTS naming the name (the caller looks
   * the hamlet up: a condition cannot say what it found).
   */
  create(tx: Transaction, unit: FullUnit): void {
    tx.put(unitItem(unit), { exists: false }, () => new DomainError('UNIT_EXISTS', { id: unit.id }));
    if (unit.level === 'hamlet') tx.put(hamletNameItem(unit), { exists: false }, () => nameTaken(unit));
  }

  /**
   * Adds a change to a transaction; it applies only if nobody changed the unit since `before` was
   * read. A hamlet renamed to another folded name moves its name guard.
   */
  save(tx: Transaction, before: FullUnit, after: FullUnit): void {
    tx.put(
      unitItem(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    if (before.level !== 'hamlet' || foldVietnamese(before.name) === foldVietnamese(after.name)) return;
    tx.delete(hamletNameKey(before.parentId ?? ROOT, before.name));
    tx.put(hamletNameItem(after), { exists: false }, () => nameTaken(after));
  }

  /** Draws the next hamlet number of a commune: an atomic counter, so parallel draws never collide. */
  async nextHamletNumber(communeId: string): Promise<number> {
    const { last } = await this.table.update<{ last: number }>(hamletSequenceKey(communeId), {
      entity: 'hamlet_sequence',
      add: { last: 1 },
    });
    return last;
  }

  /** Moves a commune's sequence forward past numbers taken without it. */
  async skipHamletNumbers(communeId: string, count: number): Promise<void> {
    await this.table.update(hamletSequenceKey(communeId), {
      entity: 'hamlet_sequence',
      add: { last: count },
    });
  }
}

function nameTaken(unit: Unit): DomainError {
  return new DomainError('UNIT_EXISTS', { name: unit.name, parentId: unit.parentId ?? ROOT });
}
