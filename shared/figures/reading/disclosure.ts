/**
 * Statistical disclosure control for published tables: which cells to hide so that no small
 * count can be read, not even by arithmetic on the cells that are shown.
 *
 * A table is cells (a value, and whether this reader may be denied it) and the linear relations
 * a reader knows hold between them, each `whole = Σ parts` (a total is its statuses, a row total
 * the sum of the organizations, a commune the sum of its hamlets). The rule:
 * 1. Primary: a hideable cell of 1 to 4 (fewer than SUPPRESSION_THRESHOLD people) is hidden.
 * 2. Complementary: a hidden cell may never be the only hidden one of a relation, or the relation
 *    gives it back by subtraction; so the smallest other cell of that relation is hidden too, and
 *    this repeats until no relation has exactly one hidden cell.
 * 3. Relations can still pin a cell down together (a chain of row and column sums closing on a
 *    single cell). So the hidden cells are checked for exactly that — a hidden cell is derivable
 *    iff its unit vector lies in the row space of the relations restricted to the hidden cells,
 *    by exact Gaussian elimination — and for a derivable one the smallest shown cell of a
 *    relation through it is hidden (or, if those are all hidden, of a relation through one of
 *    them, outwards), back to step 2, until none is derivable.
 *
 * Zeros. A 0 is shown (it points at nobody) and is not chosen as a complement while any other
 * cell of the relation can be: hidden cells would then all be at least 1, so a cell that no
 * linear combination determines also keeps an interval of possible values when the reader adds
 * that counts are never negative (the true table is strictly inside the region x ≥ 0, and can
 * move along the undetermined direction). A hidden 0 gives that up (a + 0 = 3 with a, 0 ≥ 0 is
 * close to telling a), and zeros are the commonest small cells, so a reader who guesses that the
 * complement is the 0 is usually right. A 0 is hidden only when nothing else of the relation can
 * be — a commune's figure, never hidden, minus hamlets all 0 but one — where hiding the 0s at
 * least keeps which hamlet it is from being read. A cell whose every partner in some relation is
 * shown by rule (a hamlet alone under its commune) cannot be protected in its table at all.
 */

/** Counts below this, but above 0, could point at a person. */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell {
  readonly value: number;
  /** False where this reader may see the value whatever it is (above hamlets, or with detail rights). */
  readonly hideable: boolean;
}

/** `whole = Σ parts`, by cell index. */
export interface SumRelation {
  readonly whole: number;
  readonly parts: readonly number[];
}

const isSmall = (value: number) => value > 0 && value < SUPPRESSION_THRESHOLD;

/** The indices of the cells to hide: primary, then complementary until nothing hidden is derivable. */
export function suppress(cells: readonly Cell[], relations: readonly SumRelation[]): ReadonlySet<number> {
  const hidden = new Set<number>();
  cells.forEach((cell, i) => {
    if (cell.hideable && isSmall(cell.value)) hidden.add(i);
  });
  if (hidden.size === 0) return hidden;
  const terms = relations.map((r) => [r.whole, ...r.parts]);
  const through = cells.map((): number[][] => []);
  for (const term of terms) for (const i of term) through[i]?.push(term);

  /** The smallest cell of these that may still be hidden: a nonzero one, or with `zero`, a 0. */
  const complement = (candidates: readonly number[], zero: boolean): number | undefined => {
    let best: number | undefined;
    for (const i of candidates) {
      const value = cells[i]?.value ?? 0;
      if (hidden.has(i) || !cells[i]?.hideable || (value === 0) !== zero) continue;
      const bestValue = best === undefined ? 0 : (cells[best]?.value ?? 0);
      if (best === undefined || value < bestValue || (value === bestValue && i < best)) best = i;
    }
    return best;
  };
  const nonzeroFirst = (candidates: readonly number[]) =>
    complement(candidates, false) ?? complement(candidates, true);

  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const term of terms) {
        if (term.filter((i) => hidden.has(i)).length !== 1) continue;
        const chosen = nonzeroFirst(term);
        if (chosen === undefined) continue;
        hidden.add(chosen);
        changed = true;
      }
    }
    const chosen = determinedCells(relations, hidden)
      .map(nearestComplement)
      .find((i) => i !== undefined);
    if (chosen === undefined) return hidden;
    hidden.add(chosen);
  }

  /**
   * A complement for a derivable cell: from the relations through it, or when those are all
   * hidden already, from the relations one hidden cell further, and so on outwards; a 0 only
   * when no ring has anything else.
   */
  function nearestComplement(cell: number): number | undefined {
    const rings: number[][] = [];
    const seen = new Set([cell]);
    for (let ring = [cell]; ring.length > 0; ) {
      const reached = ring.flatMap((i) => through[i] ?? []).flat();
      rings.push(reached);
      ring = reached.filter((i) => hidden.has(i) && !seen.has(i));
      for (const i of ring) seen.add(i);
    }
    for (const zero of [false, true])
      for (const reached of rings) {
        const chosen = complement(reached, zero);
        if (chosen !== undefined) return chosen;
      }
    return undefined;
  }
}

/**
 * The hidden cells whose value follows from the shown ones through the relations (linear
 * combinations only; non-negativity is the header's business). Exact: integer Gaussian
 * elimination in BigInt, one connected group of hidden cells at a time.
 */
export function determinedCells(relations: readonly SumRelation[], hidden: ReadonlySet<number>): number[] {
  // Each relation as coefficients over its hidden cells: +1 for the whole, −1 for each part.
  const rows = relations
    .map((r) => {
      const row = new Map<number, bigint>();
      const add = (i: number, c: bigint) => {
        if (hidden.has(i)) row.set(i, (row.get(i) ?? 0n) + c);
      };
      add(r.whole, 1n);
      for (const p of r.parts) add(p, -1n);
      for (const [i, c] of row) if (c === 0n) row.delete(i);
      return row;
    })
    .filter((row) => row.size > 0);

  const determined: number[] = [];
  for (const group of connectedGroups(rows)) {
    const columns = [...new Set(group.flatMap((row) => [...row.keys()]))];
    const matrix = group.map((row) => columns.map((i) => row.get(i) ?? 0n));
    for (const [pivotRow, column] of reducedEchelon(matrix)) {
      const row = matrix[pivotRow] ?? [];
      if (row.every((c, j) => j === column || c === 0n)) determined.push(columns[column] as number);
    }
  }
  return determined.sort((a, b) => a - b);
}

/** Relations that share hidden cells, grouped: elimination stays small. */
function connectedGroups(rows: readonly Map<number, bigint>[]): Map<number, bigint>[][] {
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    const p = parent.get(i) ?? i;
    if (p === i) return i;
    const root = find(p);
    parent.set(i, root);
    return root;
  };
  for (const row of rows) {
    const [first, ...rest] = [...row.keys()];
    for (const i of rest) parent.set(find(i), find(first as number));
  }
  const groups = new Map<number, Map<number, bigint>[]>();
  for (const row of rows) {
    const root = find([...row.keys()][0] as number);
    groups.set(root, [...(groups.get(root) ?? []), row]);
  }
  return [...groups.values()];
}

const abs = (n: bigint) => (n < 0n ? -n : n);
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b));

/** Brings the matrix to reduced row echelon form in place (fraction-free); returns [row, pivot column] pairs. */
function reducedEchelon(matrix: bigint[][]): [number, number][] {
  const pivots: [number, number][] = [];
  const width = matrix[0]?.length ?? 0;
  let next = 0;
  for (let column = 0; column < width && next < matrix.length; column++) {
    const found = matrix.findIndex((row, r) => r >= next && row[column] !== 0n);
    if (found < 0) continue;
    [matrix[next], matrix[found]] = [matrix[found] as bigint[], matrix[next] as bigint[]];
    const pivot = matrix[next] as bigint[];
    const p = pivot[column] as bigint;
    matrix.forEach((row, r) => {
      const factor = row[column] as bigint;
      if (r === next || factor === 0n) return;
      const reduced = row.map((c, j) => c * p - (pivot[j] as bigint) * factor);
      const divisor = reduced.reduce(gcd, 0n) || 1n;
      matrix[r] = reduced.map((c) => c / divisor);
    });
    pivots.push([next, column]);
    next++;
  }
  return pivots;
}

/** Cells and relations by name, for callers that think in rows and fields rather than indices. */
export class DisclosureTable {
  private readonly cells: Cell[] = [];
  private readonly index = new Map<string, number>();
  private readonly relations: SumRelation[] = [];

  add(key: string, value: number, hideable: boolean): void {
    if (this.index.has(key)) throw new Error(`cell ${key} added twice`);
    this.index.set(key, this.cells.length);
    this.cells.push({ value, hideable });
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /**
   * Declares `whole = Σ parts`. Parts not in the table are known zeros (an organization without a
   * target has no covered members) and left out; with none left nothing is declared, since the
   * whole then rests on something else (a commune's coverage on its own target).
   */
  sum(whole: string, parts: readonly string[]): void {
    const at = (key: string) => this.index.get(key);
    const w = at(whole);
    const present = parts.map(at).filter((i): i is number => i !== undefined);
    if (w === undefined || present.length === 0) return;
    this.relations.push({ whole: w, parts: present });
  }

  /** The keys of the cells to hide. */
  hidden(): ReadonlySet<string> {
    const hidden = suppress(this.cells, this.relations);
    return new Set([...this.index].filter(([, i]) => hidden.has(i)).map(([key]) => key));
  }
}
