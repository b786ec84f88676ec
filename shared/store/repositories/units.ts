/**
 * Where units are stored. Item: `<tenant>#UNIT#<id>` / `UNIT`; children of a unit through
 * GSI1 `<tenant>#CHILDREN#<parentId or ROOT>` sorted by name, in Vietnamese order.
 */
import { nameSortKey } from '../../domain/name-order.ts';
import type { Unit } from '../../domain/units.ts';
import type { Item, Page, TenantTable } from '../table.ts';

/** Stands for the parent of top-level units (provinces), so listing them is a Query too. */
export const ROOT = 'ROOT';

const key = (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' });

export function unitItem(unit: Unit): Item {
  return {
    key: key(unit.id),
    indexes: {
      GSI1: { pk: `CHILDREN#${unit.parentId ?? ROOT}`, sk: `${nameSortKey(unit.name)}#${unit.id}` },
    },
    entity: 'unit',
    data: unit,
  };
}

export class UnitRepository {
  constructor(private readonly table: TenantTable) {}

  async get(id: string): Promise<Unit | undefined> {
    return this.table.get<Unit>(key(id));
  }

  async children(parentId: string | undefined, limit: number, cursor?: string): Promise<Page<Unit>> {
    return this.table.query<Unit>({
      index: 'GSI1',
      pk: `CHILDREN#${parentId ?? ROOT}`,
      limit,
      cursor,
    });
  }

  async putMany(units: Unit[]): Promise<void> {
    await this.table.putMany(units.map(unitItem));
  }
}
