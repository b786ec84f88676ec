/**
 * A grid of targets as a form: one number per unit, named `<unitId>.targetPopulation` so a refusal
 * of the API's schema lands on its cell, beside the version of the target the grid was drawn with.
 * Every row is checked before any is saved, so one bad cell keeps the whole grid from being written.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Message } from '#shared/domain/messages.ts';
import { setTargetSchema } from '#shared/figures/reading/targets.ts';
import type { FieldErrors, FormResult, FormValues } from '../http/forms.ts';
import { readForm, typedNumber } from '../http/forms.ts';
import type { GridRow, TargetGrid } from './target-grid-data.ts';

export const targetField = (unitId: string) => `${unitId}.targetPopulation`;
export const versionField = (unitId: string) => `${unitId}.version`;

const storedVersion = (row: GridRow) => row.target?.version ?? 0;

/** The grid as stored: each unit's target, and the version it has (0: none yet). */
export function storedValues(grid: TargetGrid): FormValues {
  const values: FormValues = {};
  for (const row of grid.rows) {
    values[targetField(row.unit.id)] = row.target ? String(row.target.targetPopulation) : '';
    values[versionField(row.unit.id)] = String(storedVersion(row));
  }
  return values;
}

/**
 * Rows someone else saved since the grid was drawn, where this submission would put back another
 * number: saving them would undo that change unseen. A form without versions is not checked, as
 * the API's PUT takes no If-Match.
 */
export function staleRows(grid: TargetGrid, values: FormValues): GridRow[] {
  return grid.rows.filter((row) => {
    const drawn = values[versionField(row.unit.id)];
    if (drawn === undefined || Number(drawn) === storedVersion(row)) return false;
    return typedNumber(values[targetField(row.unit.id)]) !== row.target?.targetPopulation;
  });
}

/** The submission once more, with the stale rows showing what is stored now and saying so. */
export function withCurrentValues(
  grid: TargetGrid,
  values: FormValues,
  stale: readonly GridRow[],
  message: Message,
): { values: FormValues; errors: FieldErrors } {
  const current = storedValues(grid);
  const next: FormValues = { ...values };
  const errors: FieldErrors = {};
  for (const row of grid.rows) next[versionField(row.unit.id)] = current[versionField(row.unit.id)] ?? '0';
  for (const row of stale) {
    next[targetField(row.unit.id)] = current[targetField(row.unit.id)] ?? '';
    errors[targetField(row.unit.id)] = message;
  }
  return { values: next, errors };
}

/**
 * The rows a submission speaks for: those sent, except cells left empty where nothing is set (a
 * cell emptied where a target is set is refused: a target can be changed, not taken away).
 */
function submittedRows(grid: TargetGrid, values: FormValues): GridRow[] {
  return grid.rows.filter((row) => {
    const typed = values[targetField(row.unit.id)];
    return typed !== undefined && (typed.trim() !== '' || row.target !== undefined);
  });
}

/** Reads the grid with the API's schema for one target, for every row sent. */
export async function readTargetGrid(
  c: Context,
  grid: TargetGrid,
  values: FormValues,
): Promise<FormResult<Record<string, z.output<typeof setTargetSchema>>>> {
  const rows = submittedRows(grid, values);
  const schema = z.object(Object.fromEntries(rows.map((row) => [row.unit.id, setTargetSchema])));
  return readForm(c, schema, (typed) =>
    Object.fromEntries(
      rows.map((row) => [row.unit.id, { targetPopulation: typedNumber(typed[targetField(row.unit.id)]) }]),
    ),
  );
}
