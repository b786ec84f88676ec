/**
 * Coverage ("tỷ lệ tập hợp") = members with status `active` ÷ target population, summed up the
 * tree. A unit's target speaks for its whole subtree, so within the subtree of the unit a row is
 * about, the targets that count are the topmost ones: a commune's own target wins over its
 * hamlets' (they still count on the hamlets' own rows). A unit under no target contributes to
 * neither side, so an organization that has set half its targets sees the coverage of that half,
 * and the list of units lacking one.
 */
import type { Target } from './targets.ts';

export interface CoverageSums {
  /** Σ of the topmost targets in the subtree; null when no unit in it has one. */
  readonly targetPopulation: number | null;
  /** Active members of the units those targets are for (their whole subtrees). */
  readonly coveredActive: number;
}

/** The targets that speak for the subtree at `rowPath`: set in it, with no target above them in it. */
export function topmostTargets(targets: readonly Target[], rowPath: string): Target[] {
  const inside = targets.filter((target) => target.path.startsWith(rowPath));
  const paths = new Set(inside.map((target) => target.path));
  return inside.filter((target) => {
    // Each proper ancestor's path within the row: the path cut after each '/' from rowPath on.
    for (let end = target.path.indexOf('/', rowPath.length - 1); end >= 0; ) {
      const ancestor = target.path.slice(0, end + 1);
      if (ancestor.length >= target.path.length) break;
      if (ancestor.length >= rowPath.length && paths.has(ancestor)) return false;
      end = target.path.indexOf('/', end + 1);
    }
    return true;
  });
}

export function coverageSums(
  targets: readonly Target[],
  rowPath: string,
  activeOf: (unitId: string) => number,
): CoverageSums {
  const topmost = topmostTargets(targets, rowPath);
  if (topmost.length === 0) return { targetPopulation: null, coveredActive: 0 };
  return {
    targetPopulation: topmost.reduce((sum, target) => sum + target.targetPopulation, 0),
    coveredActive: topmost.reduce((sum, target) => sum + activeOf(target.unitId), 0),
  };
}

/** A fraction to 4 decimals (0.5864 for 58.64 %), or null without a target (or with a target of 0). */
export function coverageOf(sums: CoverageSums): number | null {
  if (!sums.targetPopulation) return null;
  return Math.round((sums.coveredActive / sums.targetPopulation) * 10_000) / 10_000;
}

/** People of the target population not yet gathered; none when members exceed the target. */
export function notYetGathered(sums: CoverageSums): number | null {
  return sums.targetPopulation === null ? null : Math.max(0, sums.targetPopulation - sums.coveredActive);
}
