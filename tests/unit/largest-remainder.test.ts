/**
 * Percentages rounded by the largest-remainder method: a row adds up to exactly 100.00, every
 * share is within one last digit of its exact value, and the article's row comes out right.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharesSummingTo100 } from '../../shared/figures/largest-remainder.ts';

const hundredths = (shares: readonly number[]) =>
  shares.reduce((sum, share) => sum + Math.round(share * 100), 0);

describe('sharesSummingTo100', () => {
  it('gives the article’s branch ratings 64.09 / 33.91 / 2.00 / 0, not its 100.01', () => {
    // 1,047 branches whose exact shares are 64.088 / 33.906 / 2.006 %: rounded each on its own,
    // 64.09 + 33.91 + 2.01 = 100.01, as the article printed.
    const counts = [671, 355, 21, 0];
    const naive = counts.map((count) => Math.round((count / 1047) * 10000) / 100);
    expect(naive).toEqual([64.09, 33.91, 2.01, 0]);
    expect(hundredths(naive)).toBe(10001);
    expect(sharesSummingTo100(counts)).toEqual([64.09, 33.91, 2, 0]);
  });

  it('adds up to 100.00 and stays within a hundredth of every exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const total = counts.reduce((sum, count) => sum + count, 0);
        const shares = sharesSummingTo100(counts);
        if (total === 0) {
          expect(shares.every((share) => share === 0)).toBe(true);
          return;
        }
        expect(hundredths(shares)).toBe(10000);
        counts.forEach((count, index) => {
          expect(Math.abs((shares[index] ?? 0) - (count / total) * 100)).toBeLessThan(0.01 + 1e-9);
        });
      }),
      // Rows of nothing but zeros every run, not only when the generator happens on one.
      { examples: [[[0]], [[0, 0, 0]]] },
    );
  });

  it('gives one decimal when asked, and a single count all of it', () => {
    expect(sharesSummingTo100([1, 1, 1], 1)).toEqual([33.4, 33.3, 33.3]);
    expect(sharesSummingTo100([0, 7, 0])).toEqual([0, 100, 0]);
  });
});
