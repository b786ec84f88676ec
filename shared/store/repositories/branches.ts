/**
 * Where branches are stored. Item: `<tenant>#BRANCH#<id>` / `BRANCH`; the branches of a unit
 * through GSI1 `<tenant>#BRANCHES#<unitId>` sorted by `<kind>#<name in Vietnamese order>`, so a
 * kind filter is a key condition, not a filter. A branch's groups share its partition, sorted by
 * name: `<tenant>#BRANCH#<id>` / `GROUP#<name in Vietnamese order>#<groupId>`.
 */
import type { BranchGroup } from '../../domain/branch-groups.ts';
import { type Branch, type BranchKind, type FullBranch, fullBranch } from '../../domain/branches.ts';
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { everyPage } from '../../paging.ts';
import type { Item, Page, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const key = (id: string) => ({ pk: `BRANCH#${id}`, sk: 'BRANCH' });
const GROUP_PREFIX = 'GROUP#';

/** Page size when every branch of a unit is read: a hamlet's few branches, a commune's tens. */
const PAGE = 500;

export function branchItem(branch: Branch): Item {
  return {
    key: key(branch.id),
    indexes: {
      GSI1: {
        pk: `BRANCHES#${branch.unitId}`,
        sk: `${branch.kind}#${nameSortKey(branch.name)}#${branch.id}`,
      },
    },
    entity: 'branch',
    data: fullBranch(branch),
  };
}

export class BranchRepository {
  constructor(private readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  /** The names of these branchs, by id, in batches (an export names every row's branch); unknown ids are left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.table.getMany<{ id: string; name: string }>(ids.map(key));
    return new Map([...found.values()].map(({ id, name }) => [id, name]));
  }

  async get(id: string): Promise<FullBranch | undefined> {
    const stored = await this.table.get<Branch>(key(id));
    return stored && fullBranch(stored);
  }

  async ofUnit(
    unitId: string,
    kind: BranchKind | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<FullBranch>> {
    const page = await this.table.query<Branch>({
      index: 'GSI1',
      pk: `BRANCHES#${unitId}`,
      skBeginsWith: kind ? `${kind}#` : undefined,
      limit,
      cursor,
    });
    return { items: page.items.map(fullBranch), nextCursor: page.nextCursor };
  }

  /**
   * Every branch of the unit (of one kind, if given), page after page. Read through `ofUnit`, so
   * a repository that remembers its pages (recent-reads.ts) remembers these too.
   */
  allOfUnit(unitId: string, kind?: BranchKind): Promise<FullBranch[]> {
    return everyPage((cursor) => this.ofUnit(unitId, kind, PAGE, cursor));
  }

  async putMany(branches: Branch[]): Promise<void> {
    await this.table.putMany(branches.map(branchItem));
  }

  create(tx: Transaction, branch: FullBranch): void {
    tx.put(branchItem(branch), { exists: false });
  }

  /**
   * Adds a change to a transaction; it applies only if nobody changed the branch since `before`
   * was read, and it is still active (dissolving may not bump the version).
   */
  save(tx: Transaction, before: FullBranch, after: FullBranch): void {
    tx.put(
      branchItem(after),
      { equals: { version: before.version, status: 'active' } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /**
   * Makes a transaction bringing a member into the branch apply only while the branch is active:
   * once dissolving begins, nobody can slip in unseen by its plan.
   */
  requireOpen(tx: Transaction, branchId: string): void {
    tx.check(
      key(branchId),
      { equals: { status: 'active' } },
      () => new DomainError('BRANCH_CLOSED', { id: branchId }),
    );
  }

  /** Dissolving: moves a branch between statuses, if nobody changed it since `before` was read. */
  saveStatus(tx: Transaction, before: FullBranch, after: FullBranch): void {
    tx.put(
      branchItem(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  async groups(branchId: string, limit: number, cursor?: string): Promise<Page<BranchGroup>> {
    return this.table.query<BranchGroup>({ pk: key(branchId).pk, skBeginsWith: GROUP_PREFIX, limit, cursor });
  }

  addGroup(tx: Transaction, group: BranchGroup): void {
    tx.put(
      {
        key: { pk: key(group.branchId).pk, sk: `${GROUP_PREFIX}${nameSortKey(group.name)}#${group.id}` },
        entity: 'branch_group',
        data: group,
      },
      { exists: false },
    );
  }
}
