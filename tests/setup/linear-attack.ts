/**
 * What a reader can work out from a published table by adding and subtracting: given the sums
 * the reader knows hold (each `whole = Σ parts`, over named cells) and which cells are hidden,
 * the hidden cells whose value follows. Written apart from the product's own check
 * (shared/figures/reading/disclosure.ts) and by another route: a hidden cell is determined iff
 * dropping its column from the relations over the hidden cells lowers their rank (then every
 * solution agrees on it).
 */

export interface KnownSum {
  readonly whole: string;
  readonly parts: readonly string[];
}

/** Exact rank of an integer matrix: elimination over the rationals, kept in BigInt. */
export function rank(matrix: readonly (readonly bigint[])[]): number {
  const rows = matrix.map((row) => [...row]);
  let r = 0;
  const width = rows[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const pivot = rows.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot] as bigint[], rows[r] as bigint[]];
    const p = rows[r] as bigint[];
    for (let i = r + 1; i < rows.length; i++) {
      const row = rows[i] as bigint[];
      const f = row[c] as bigint;
      if (f !== 0n) rows[i] = row.map((x, j) => x * (p[c] as bigint) - (p[j] as bigint) * f);
    }
    r++;
  }
  return r;
}

/** The hidden cells that the known sums give back. */
export function derivable(sums: readonly KnownSum[], hidden: ReadonlySet<string>): string[] {
  const unknowns = [...hidden];
  const matrix = sums.map((sum) =>
    unknowns.map(
      (cell) => (sum.whole === cell ? 1n : 0n) - BigInt(sum.parts.filter((part) => part === cell).length),
    ),
  );
  const full = rank(matrix);
  return unknowns.filter((_, j) => rank(matrix.map((row) => row.filter((__, k) => k !== j))) < full);
}
