/**
 * How the bench shows and keeps what it measured: numbers in English and Vietnamese, tables with
 * aligned columns, the two sizes side by side with their ratio, and results under .data/bench/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reading } from './meter.ts';

export const en = new Intl.NumberFormat('en-US');
export const vi = new Intl.NumberFormat('vi-VN');

/** A request's cost, and what it answered: members of a page, rows of figures. */
export interface Measured extends Reading {
  readonly items: number;
  readonly ms: number;
}

/** One request measured in both provinces; null where it was not made. */
export type Compared = { readonly label: string } & Record<'small' | 'large', Measured | null>;

/** A table of requests, each with its cost in the small and the large province and their ratio. */
export function printComparison(
  rows: readonly Compared[],
  members: Record<'small' | 'large', number>,
  answered: string,
): void {
  const cells = (m: Measured | null) =>
    m ? [String(m.calls), m.capacity.toFixed(1), `${m.items} (${en.format(m.itemsRead)})`] : ['—', '—', '—'];
  printTable([
    [
      'request',
      `small (${en.format(members.small)}): calls`,
      'RCU',
      `${answered} (read)`,
      `large (${en.format(members.large)}): calls`,
      'RCU',
      `${answered} (read)`,
      'RCU large ÷ small',
    ],
    ...rows.map((row) => [
      row.label,
      ...cells(row.small),
      ...cells(row.large),
      row.small && row.large ? ratio(row.large.capacity, row.small.capacity) : '—',
    ]),
  ]);
}

/** "×1.0"; "—" when there is nothing to divide by. */
export function ratio(large: number, small: number): string {
  return small > 0 ? `×${(large / small).toFixed(1)}` : '—';
}

export function printTable(table: readonly (readonly string[])[]): void {
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ');
  console.log(line(table[0] ?? []));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of table.slice(1)) console.log(line(row));
}

/** Writes `.data/bench/<name>.json`, stamped with the time, and returns its path. */
export async function writeResults(name: string, results: Record<string, unknown>): Promise<string> {
  const path = join('.data', 'bench', `${name}.json`);
  await mkdir(join('.data', 'bench'), { recursive: true });
  await writeFile(path, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...results }, null, 2)}\n`);
  return path;
}
