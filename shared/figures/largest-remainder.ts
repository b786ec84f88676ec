/**
 * Percentages that must add up to 100 — branches by rating, members by rating — rounded by the
 * largest-remainder method: every share is rounded down to the digits shown, and the hundredths
 * still missing go one each to the shares that lost the most. The article our users wrote printed
 * 64.09 + 33.91 + 2.01 = 100.01 %; rounded this way a row adds up to exactly 100.00 and never more.
 */

/**
 * Each count's share of their sum as a percentage with `decimals` digits, adding up to exactly
 * 100 (as numbers rounded to those digits); all zeros when the sum is zero.
 */
export function sharesSummingTo100(counts: readonly number[], decimals = 2): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return counts.map(() => 0);
  const scale = 10 ** decimals;
  // In units of the last digit shown: 100 % is 10,000 hundredths of a percent.
  const units = counts.map((count) => (count * 100 * scale) / total);
  const floors = units.map(Math.floor);
  let missing = 100 * scale - floors.reduce((sum, unit) => sum + unit, 0);
  const order = units
    .map((unit, index) => ({ index, remainder: unit - Math.floor(unit) }))
    // The largest remainders first; between equal ones the larger count, then the earlier.
    .sort(
      (a, b) =>
        b.remainder - a.remainder || (counts[b.index] ?? 0) - (counts[a.index] ?? 0) || a.index - b.index,
    );
  for (const { index } of order) {
    if (missing <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    missing--;
  }
  return floors.map((unit) => unit / scale);
}
