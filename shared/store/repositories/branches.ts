/**
 * Where branches are stored. Item: `<tenant>#BRANCH#<id>` / `BRANCH`; the branches of a unit
 * through GSI1 `<tenant>#BRANCHES#<unitId>` sorted by `<kind>#<name in Vietnamese order>`, so a kind filter is a
 * key condition, not a filter.
 */
import type { Branch, BranchKind } from '../../domain/branches.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import type { Item, Page, TenantTable } from '../table.ts';

const key = (id: string) => ({ pk: `BRANCH#${id}`, sk: 'BRANCH' });

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
    data: branch,
  };
}

export class BranchRepository {
  constructor(private readonly table: TenantTable) {}

  async get(id: string): Promise<Branch | undefined> {
    return this.table.get<Branch>(key(id));
  }

  async ofUnit(
    unitId: string,
    kind: BranchKind | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<Branch>> {
    return this.table.query<Branch>({
      index: 'GSI1',
      pk: `BRANCHES#${unitId}`,
      skBeginsWith: kind ? `${kind}#` : undefined,
      limit,
      cursor,
    });
  }

  async putMany(branches: Branch[]): Promise<void> {
    await this.table.putMany(branches.map(branchItem));
  }
}
