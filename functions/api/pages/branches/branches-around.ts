/**
 * The branches of a unit and of the units directly under it: a commune with its hamlets, which
 * is the whole of a commune's subtree. The use case lists one unit at a time, so this asks it
 * once per unit (a commune has tens of hamlets, not thousands), one page of each.
 */
import { listBranches } from '#shared/domain/branch-queries.ts';
import type { FullBranch } from '#shared/domain/branches.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { listUnits } from '#shared/domain/unit-queries.ts';
import type { TreeWorkspace } from '#shared/domain/unit-workspace.ts';
import type { FullUnit } from '#shared/domain/units.ts';

const PER_UNIT = 200;

export interface UnitBranches {
  readonly unit: FullUnit;
  readonly branches: readonly FullBranch[];
  /** The unit has more branches than one page holds. */
  readonly more: boolean;
}

/**
 * `skipRefused`: leave out the units the reader may not list (a hamlet's officer looking around
 * their commune) instead of refusing the whole.
 */
export async function branchesAround(
  ws: TreeWorkspace,
  principal: Principal,
  unit: FullUnit,
  today: string,
  skipRefused = false,
): Promise<UnitBranches[]> {
  const children =
    unit.level === 'hamlet'
      ? []
      : (await listUnits(ws, principal, { parentId: unit.id, validOn: today, limit: PER_UNIT })).items;
  const lists = await Promise.all(
    [unit, ...children].map(async (each): Promise<UnitBranches | null> => {
      try {
        const page = await listBranches(ws, principal, { unitId: each.id, limit: PER_UNIT });
        return { unit: each, branches: page.items, more: page.nextCursor !== null };
      } catch (error) {
        if (skipRefused && error instanceof DomainError && error.code === 'FORBIDDEN') return null;
        throw error;
      }
    }),
  );
  return lists.filter((list): list is UnitBranches => list !== null);
}
