/**
 * Where a year's list of branch records (ratings, reviews) is read for a unit. Those lists are
 * keyed by commune, so a commune — and a hamlet inside it — is a key prefix; a unit above communes
 * other than the province (a district) is a filter on the units a record carries.
 */
import { z } from 'zod';
import type { FullUnit } from '../units.ts';

export interface YearListPlace {
  readonly communeId?: string;
  readonly hamletId?: string;
  readonly withinUnitId?: string;
}

export function yearListPlaceOf(unit: FullUnit): YearListPlace {
  switch (unit.level) {
    case 'province':
      return {};
    case 'district':
      return { withinUnitId: unit.id };
    case 'commune':
      return { communeId: unit.id };
    case 'hamlet':
      return { communeId: unit.parentId ?? unit.id, hamletId: unit.id };
  }
}

/**
 * A campaign's progress under a unit: a row per unit below it (and one for the unit's own
 * branches), with the counts, and their total.
 */
export function progressSchema<Counts extends z.ZodRawShape>(counts: Counts) {
  return z.object({
    year: z.number().int(),
    unitId: z.string(),
    rows: z.array(
      z.object({
        unitId: z.string(),
        name: z.string(),
        own: z.boolean().meta({ description: 'The unit’s own branches, not those of a unit below it' }),
        ...counts,
      }),
    ),
    total: z.object(counts),
  });
}
