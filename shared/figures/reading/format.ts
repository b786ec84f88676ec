/**
 * Numbers as Vietnamese readers write them (531.467; 58,64%) with their English twins, and
 * percentages that add up to exactly 100 once rounded: the article's hand-typed 100.01 % is the
 * mistake computed figures must not make.
 */
const viCount = new Intl.NumberFormat('vi-VN');
const enCount = new Intl.NumberFormat('en-US');
const twoDecimals = (locale: string) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const viTwo = twoDecimals('vi-VN');
const enTwo = twoDecimals('en-US');

export const formatCountVi = (n: number) => viCount.format(n);
export const formatCountEn = (n: number) => enCount.format(n);
/** A fraction as a percentage: 0.5864 → "58,64%". */
export const formatPercentVi = (fraction: number) => `${viTwo.format(fraction * 100)}%`;
export const formatPercentEn = (fraction: number) => `${enTwo.format(fraction * 100)}%`;
/** Percentage points: 9.46 → "9,46". */
export const formatPointsVi = (points: number) => viTwo.format(points);
export const formatPointsEn = (points: number) => enTwo.format(points);

/**
 * Shares of a whole as percentages rounded to `decimals` that add up to exactly 100 (largest
 * remainder: round all down, then give the units left over to the largest remainders). All
 * zero gives all zero.
 */
export function percentagesAddingTo100(values: readonly number[], decimals = 2): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (total <= 0) return values.map(() => 0);
  const scale = 10 ** decimals;
  const exact = values.map((v) => (v / total) * 100 * scale);
  const floored = exact.map(Math.floor);
  let left = 100 * scale - floored.reduce((sum, v) => sum + v, 0);
  const order = exact
    .map((v, i) => ({ i, remainder: v - Math.floor(v) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floored[i] = (floored[i] ?? 0) + 1;
    left--;
  }
  return floored.map((v) => v / scale);
}
