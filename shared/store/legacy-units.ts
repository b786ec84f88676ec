/**
 * Reads the unit tree an organization kept for itself before the province's map (issue 10):
 * `<tenant>#UNIT#<id>` / `UNIT`, children through GSI1 `<tenant>#CHILDREN#<parentId or ROOT>`.
 * The map migration reads it, by Query, a level at a time from the top; the stream function
 * reads the unit of a branch's old image there when the migration renumbered it. Nothing writes it.
 */
import { mapConcurrently } from '../concurrency.ts';
import { type FullUnit, fullUnit, type Unit } from '../domain/units.ts';
import type { TenantTable } from './table.ts';

const ROOT = 'ROOT';

export async function readLegacyUnit(table: TenantTable, id: string): Promise<FullUnit | undefined> {
  const stored = await table.get<Unit>({ pk: `UNIT#${id}`, sk: 'UNIT' });
  return stored && fullUnit(stored);
}

export async function readLegacyUnits(table: TenantTable): Promise<FullUnit[]> {
  const found: FullUnit[] = [];
  const childrenOf = async (parentId: string): Promise<FullUnit[]> => {
    const children: FullUnit[] = [];
    let cursor: string | undefined;
    do {
      const page = await table.query<Unit>({ index: 'GSI1', pk: `CHILDREN#${parentId}`, limit: 500, cursor });
      children.push(...page.items.map(fullUnit));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return children;
  };
  let level = [ROOT];
  while (level.length > 0) {
    const children = (await mapConcurrently(level, 8, childrenOf)).flat();
    found.push(...children);
    // Hamlets are the bottom of the tree: asking for their children would only cost reads.
    level = children.filter((unit) => unit.level !== 'hamlet').map((unit) => unit.id);
  }
  return found;
}
