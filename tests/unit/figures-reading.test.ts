/**
 * The figures' arithmetic apart from storage: coverage up the tree, age bands, rounding, formats
 * (suppression: figures-disclosure.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandCounts } from '../../shared/figures/reading/age-bands.ts';
import {
  coverageOf,
  coverageSums,
  notYetGathered,
  topmostTargets,
} from '../../shared/figures/reading/coverage.ts';
import {
  formatCountVi,
  formatPercentEn,
  formatPercentVi,
  formatPointsVi,
  percentagesAddingTo100,
} from '../../shared/figures/reading/format.ts';
import { previousMonthEnd } from '../../shared/figures/reading/snapshots.ts';
import { type Target, unitPath } from '../../shared/figures/reading/targets.ts';

const target = (path: string, targetPopulation: number): Target => {
  const ids = path.split('/').filter(Boolean);
  return {
    unitId: ids.at(-1) ?? '',
    year: 2026,
    targetPopulation,
    level: 'hamlet',
    path,
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
};

describe('coverage up the tree', () => {
  const targets = [
    target('82/28261/28261-01/', 80),
    target('82/28261/28261-02/', 10),
    target('82/28249/', 52),
    target('82/28249/28249-01/', 40),
    // A district 282 must not be read as a prefix of commune 28261.
    target('82/282/', 1000),
  ];

  it('lets the topmost target in a subtree speak for it', () => {
    expect(
      topmostTargets(targets, '82/')
        .map((t) => t.unitId)
        .sort(),
    ).toEqual(['282', '28249', '28261-01', '28261-02']);
    expect(topmostTargets(targets, '82/28249/').map((t) => t.unitId)).toEqual(['28249']);
    expect(topmostTargets(targets, '82/28249/28249-01/').map((t) => t.unitId)).toEqual(['28249-01']);
    expect(topmostTargets(targets, '82/28261/').map((t) => t.unitId)).toEqual(['28261-01', '28261-02']);
  });

  it('divides the active members of the targeted units by their targets', () => {
    const active: Record<string, number> = { '28261-01': 40, '28261-02': 3, '28249': 26 };
    const sums = coverageSums(targets, '82/28261/', (id) => active[id] ?? 0);
    expect(sums).toEqual({ targetPopulation: 90, coveredActive: 43 });
    expect(coverageOf(sums)).toBe(0.4778);
    expect(notYetGathered(sums)).toBe(47);
    expect(coverageSums(targets, '82/28262/', () => 1)).toEqual({ targetPopulation: null, coveredActive: 0 });
    expect(coverageOf({ targetPopulation: 0, coveredActive: 3 })).toBeNull();
    expect(notYetGathered({ targetPopulation: 10, coveredActive: 12 })).toBe(0);
  });

  it('ends every path with a slash', () => {
    expect(unitPath({ id: '28261-01', ancestorIds: ['82', '28261'] })).toBe('82/28261/28261-01/');
    expect(unitPath({ id: '82', ancestorIds: [] })).toBe('82/');
  });
});

describe('age bands', () => {
  it('counts age by year, and keeps the youngest and oldest in the end bands', () => {
    const item = { born_2010: 1, born_2008: 2, born_2007: 3, born_1996: 4, born_1995: 5, born_1900: 6 };
    expect(ageBandCounts(item, 'youth', 2026)).toEqual([
      { band: '16-18', count: 3 },
      { band: '19-24', count: 3 },
      { band: '25-30', count: 4 },
      { band: '31+', count: 11 },
    ]);
    expect(ageBandCounts(item, 'veterans', 2026).map((b) => b.band)).toEqual([
      '18-45',
      '46-60',
      '61-75',
      '76+',
    ]);
    expect(ageBandCounts(undefined, 'women', 2026).every((b) => b.count === 0)).toBe(true);
  });
});

describe('numbers for Vietnamese readers', () => {
  it('writes 531.467 and 58,64%', () => {
    expect(formatCountVi(531_467)).toBe('531.467');
    expect(formatPercentVi(0.5864)).toBe('58,64%');
    expect(formatPercentEn(0.5864)).toBe('58.64%');
    expect(formatPointsVi(9.46)).toBe('9,46');
  });

  it('rounds shares so they add up to 100, as the article’s ratings did not', () => {
    // The article's ratings: 64.09 + 33.91 + 2.01 = 100.01 when each is rounded alone.
    const shares = percentagesAddingTo100([64.085, 33.905, 2.01, 0]);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(percentagesAddingTo100([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(percentagesAddingTo100([0, 0])).toEqual([0, 0]);
  });

  it('always adds up to exactly 100.00 and stays within 0.01 of each exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 }), (values) => {
        const total = values.reduce((a, b) => a + b, 0);
        const shares = percentagesAddingTo100(values);
        if (total === 0) return shares.every((s) => s === 0);
        const cents = shares.reduce((a, s) => a + Math.round(s * 100), 0);
        return (
          cents === 10_000 &&
          shares.every((s, i) => Math.abs(s - ((values[i] ?? 0) / total) * 100) < 0.01 + 1e-9)
        );
      }),
    );
  });
});

describe('month ends', () => {
  it('names the last day of the month before', () => {
    expect(previousMonthEnd('2026-01-01')).toBe('2025-12-31');
    expect(previousMonthEnd('2024-03-01')).toBe('2024-02-29');
    expect(previousMonthEnd('2026-07-15')).toBe('2026-06-30');
  });
});
