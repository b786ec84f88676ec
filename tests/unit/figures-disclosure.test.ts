/**
 * Suppression that subtraction cannot undo, without a database: random tables of small counts
 * with their row and column sums, suppressed, then attacked with every sum a reader knows
 * (tests/setup/linear-attack.ts); and the Front's table from the issue, cell by cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Cell,
  SUPPRESSION_THRESHOLD,
  type SumRelation,
  suppress,
} from '../../shared/figures/reading/disclosure.ts';
import { type RawFigures, sumFigures, ZERO_FIGURES } from '../../shared/figures/reading/rows.ts';
import { type FrontTableRow, frontSuppression } from '../../shared/figures/reading/suppression.ts';
import { derivable, type KnownSum } from '../setup/linear-attack.ts';

/** Counts as hamlets have them: mostly 0 to 6, now and then more. */
const count = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }) },
);
const isSmall = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;

/** An r × c table with its row sums, column sums and grand total, as cells named "i,j" (r, c: the margins). */
function marginTable(interior: number[][]) {
  const r = interior.length;
  const c = interior[0]?.length ?? 0;
  const value = (i: number, j: number): number =>
    i < r && j < c
      ? (interior[i]?.[j] ?? 0)
      : i < r
        ? (interior[i] ?? []).reduce((a, b) => a + b, 0)
        : j < c
          ? interior.reduce((a, row) => a + (row[j] ?? 0), 0)
          : interior.flat().reduce((a, b) => a + b, 0);
  const names: string[] = [];
  for (let i = 0; i <= r; i++) for (let j = 0; j <= c; j++) names.push(`${i},${j}`);
  const at = (i: number, j: number) => i * (c + 1) + j;
  const relations: SumRelation[] = [];
  for (let i = 0; i <= r; i++)
    relations.push({ whole: at(i, c), parts: [...Array(c).keys()].map((j) => at(i, j)) });
  for (let j = 0; j <= c; j++)
    relations.push({ whole: at(r, j), parts: [...Array(r).keys()].map((i) => at(i, j)) });
  const values = names.map((name) => {
    const [i, j] = name.split(',').map(Number) as [number, number];
    return value(i, j);
  });
  const sums: KnownSum[] = relations.map((rel) => ({
    whole: names[rel.whole] as string,
    parts: rel.parts.map((p) => names[p] as string),
  }));
  return { names, values, relations, sums, at };
}

const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );

describe('complementary suppression of a table with its margins', () => {
  it('hides every count of 1 to 4, hides no 0, and leaves no hidden cell derivable', () => {
    fc.assert(
      fc.property(tables, (interior) => {
        const { names, values, relations, sums } = marginTable(interior);
        const cells: Cell[] = values.map((value) => ({ value, hideable: true }));
        const hidden = suppress(cells, relations);
        const hiddenNames = new Set([...hidden].map((i) => names[i] as string));
        expect(values.filter((v, i) => isSmall(v) && !hidden.has(i))).toEqual([]);
        expect([...hidden].filter((i) => values[i] === 0)).toEqual([]);
        expect(derivable(sums, hiddenNames)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('protects hamlets under a commune whose own figures are always shown', () => {
    // Rows are hamlets, the last row (the margin) is their commune: shown, whatever its counts.
    const hamlets = fc
      .record({ rows: fc.integer({ min: 2, max: 5 }), columns: fc.integer({ min: 1, max: 4 }) })
      .chain(({ rows, columns }) =>
        fc.array(fc.array(count, { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(hamlets, (interior) => {
        const { names, values, relations, sums } = marginTable(interior);
        const commune = new Set(names.filter((name) => name.startsWith(`${interior.length},`)));
        const cells: Cell[] = values.map((value, i) => ({
          value,
          hideable: !commune.has(names[i] as string),
        }));
        const hidden = suppress(cells, relations);
        expect(values.filter((v, i) => cells[i]?.hideable && isSmall(v) && !hidden.has(i))).toEqual([]);
        expect(derivable(sums, new Set([...hidden].map((i) => names[i] as string)))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('hides the smallest other cells of the sums, not the 0s beside them', () => {
    // The 1 would come back as 6 − 5 − 0 and as 8 − 7: the 5 and the 7 go with it, then the 9
    // that would give the 5 back as 14 − 9. The 0s, smaller, would protect nothing.
    const { values, relations, at } = marginTable([
      [5, 1, 0],
      [9, 7, 0],
    ]);
    const hidden = suppress(
      values.map((value) => ({ value, hideable: true })),
      relations,
    );
    expect([...hidden].sort((a, b) => a - b)).toEqual([at(0, 0), at(0, 1), at(1, 0), at(1, 1)]);
  });
});

// ——— The Front's table ———

const ORGANIZATIONS = ['farmers', 'women', 'veterans', 'youth'] as const;
const STATUSES = ['active', 'away', 'lapsed'] as const;

const figures = (active: number, away: number, lapsed: number): RawFigures => ({
  ...ZERO_FIGURES,
  members: { ...ZERO_FIGURES.members, total: active + away + lapsed, active, away, lapsed },
});

/** A commune over its hamlets: each hamlet's [active, away, lapsed] per organization. */
function frontTable(hamlets: (readonly [number, number, number])[][]): FrontTableRow[] {
  const row = (unitId: string, level: 'commune' | 'hamlet', orgs: RawFigures[]): FrontTableRow => ({
    unitId,
    level,
    organizations: orgs.map((raw, k) => ({ organization: ORGANIZATIONS[k] as string, raw })),
    total: sumFigures(orgs),
    uniquePersons: null,
  });
  const children = hamlets.map((orgs, h) =>
    row(
      `h${h}`,
      'hamlet',
      orgs.map(([a, w, l]) => figures(a, w, l)),
    ),
  );
  const commune = ORGANIZATIONS.map((_, k) =>
    sumFigures(children.map((c) => c.organizations[k]?.raw ?? ZERO_FIGURES)),
  );
  return [row('c', 'commune', commune), ...children];
}

/** The sums a reader of the Front's table knows: statuses, organizations, hamlets. */
function frontSums(rows: readonly FrontTableRow[]): KnownSum[] {
  const cell = (unitId: string, group: string, field: string) => `${unitId}/${group}.members.${field}`;
  const groups = [...ORGANIZATIONS, 'total'];
  const [commune, ...hamlets] = rows;
  const sums: KnownSum[] = [];
  for (const { unitId } of rows) {
    for (const group of groups)
      sums.push({ whole: cell(unitId, group, 'total'), parts: STATUSES.map((s) => cell(unitId, group, s)) });
    for (const field of ['total', ...STATUSES])
      sums.push({
        whole: cell(unitId, 'total', field),
        parts: ORGANIZATIONS.map((o) => cell(unitId, o, field)),
      });
  }
  for (const group of groups)
    for (const field of ['total', ...STATUSES])
      sums.push({
        whole: cell(commune?.unitId ?? '', group, field),
        parts: hamlets.map((h) => cell(h.unitId, group, field)),
      });
  return sums;
}

const onlyMembers = (hidden: ReadonlySet<string>) =>
  new Set([...hidden].filter((key) => /\.members\.(total|active|away|lapsed)$/.test(key)));

describe('the Front’s overview of a commune', () => {
  it('does not let the issue’s hamlet be read back: farmers 6 = 5 + away 1, women 1, row total 7', () => {
    const rows = frontTable([
      [
        [5, 1, 0],
        [1, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [40, 5, 3],
        [30, 0, 0],
        [0, 0, 0],
        [10, 4, 0],
      ],
    ]);
    const hidden = frontSuppression(rows);
    expect(hidden.has('h0/farmers.members.away')).toBe(true);
    expect(hidden.has('h0/women.members.active')).toBe(true);
    expect(hidden.has('h0/women.members.total')).toBe(true);
    // Not from the row (6 − 5), not from the total (7 − 6), not from the commune minus Khóm 2.
    expect(derivable(frontSums(rows), onlyMembers(hidden))).toEqual([]);
  });

  it('leaves nothing derivable for random communes of small hamlets', () => {
    const hamlet = fc.array(fc.tuple(count, count, count), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(hamlet, { minLength: 2, maxLength: 4 }), (hamlets) => {
        const rows = frontTable(hamlets);
        const hidden = frontSuppression(rows);
        for (const row of rows.slice(1))
          for (const { organization, raw } of row.organizations)
            for (const status of STATUSES)
              if (isSmall(raw.members[status]))
                expect(hidden.has(`${row.unitId}/${organization}.members.${status}`)).toBe(true);
        expect(derivable(frontSums(rows), onlyMembers(hidden))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the Front’s distinct people in hamlets', () => {
  /** A commune over its hamlets, with each row's distinct people. */
  const withPersons = (hamlets: (readonly [number, number, number])[][], persons: readonly number[]) =>
    frontTable(hamlets).map((row, i) => ({ ...row, uniquePersons: persons[i] ?? null }));
  const nobody = [0, 0, 0] as const;

  it('are not given back as the commune’s distinct people minus the other hamlet’s', () => {
    const rows = withPersons(
      [
        [[3, 0, 0], [1, 0, 0], nobody, nobody],
        [[40, 0, 0], [30, 0, 0], nobody, nobody],
      ],
      [60, 3, 57],
    );
    const hidden = frontSuppression(rows);
    expect(hidden.has('h0/total.uniquePersons')).toBe(true);
    expect(hidden.has('h1/total.uniquePersons')).toBe(true);
  });

  it('are hidden where one organization alone has members and its count is hidden', () => {
    // Women 2 in Khóm 2 are hidden, and Khóm 1's women 40 with them (the commune's 42 is shown);
    // Khóm 1's 40 distinct people, all women, would give the 40 back.
    const rows = withPersons(
      [
        [nobody, [40, 0, 0], nobody, nobody],
        [nobody, [2, 0, 0], nobody, nobody],
        [[10, 0, 0], nobody, nobody, nobody],
      ],
      [52, 40, 2, 10],
    );
    const hidden = frontSuppression(rows);
    expect(hidden.has('h0/women.members.total')).toBe(true);
    expect(hidden.has('h0/total.uniquePersons')).toBe(true);
  });
});
