/**
 * What a `unitId` filter names on a day. An id of the map is taken as it is, unless that unit was
 * closed before the day and handed over to a successor: then the unit in force that day which its
 * successor chain leads to. Not an id of the map, it may be an old commune's code or name from the
 * province's official 2025 table (official-2025.ts). Either way the answer says what was asked
 * (`resolvedFrom`), so nobody mistakes the new commune's figures for the old one's.
 */
import { z } from 'zod';
import type { FullUnit } from '../units.ts';
import { isValidOn } from '../units.ts';

/** The reads it needs of the province's map. */
export interface MapReader {
  get(id: string): Promise<FullUnit | undefined>;
  children(parentId: undefined, limit: number): Promise<{ items: FullUnit[] }>;
}

/** What was asked for, said beside an answer about the unit in force it resolved to. */
const resolvedFromSchema = z.object({
  unitId: z
    .string()
    .nullable()
    .meta({ description: 'The closed unit of the map; null: known from the official table only' }),
  code: z.string().nullable(),
  name: z.string(),
  partial: z.boolean().meta({ description: 'Split between several units; this one is where it is counted' }),
});
export type ResolvedFrom = z.infer<typeof resolvedFromSchema>;

/** The `resolvedFrom` field of an answer about a `unitId` filter, for its response schema. */
export const resolvedFromField = resolvedFromSchema.optional().meta({
  description:
    'Present when `unitId` was an old commune’s code or name (the official 2025 table) or a unit closed before the day: what was asked for',
});

export interface ResolvedUnit {
  readonly unit: FullUnit;
  readonly resolvedFrom?: ResolvedFrom;
}

/** A split unit lists its successors; the first is the one it is counted in. */
export function successorsOf(unit: FullUnit): readonly string[] {
  const several = (unit as FullUnit & { successorIds?: readonly string[] }).successorIds;
  return several && several.length > 0 ? several : unit.successorId ? [unit.successorId] : [];
}

/** Successor chains are short (one per reorganization); the bound only guards against a cycle. */
const MAX_CHAIN = 16;

/** The unit in force on `day` that `unit` became, following first successors; undefined if none. */
export async function successorInForce(
  map: Pick<MapReader, 'get'>,
  unit: FullUnit,
  day: string,
): Promise<{ unit: FullUnit; partial: boolean } | undefined> {
  let current = unit;
  let partial = false;
  for (let step = 0; step < MAX_CHAIN; step++) {
    if (isValidOn(current, day)) return { unit: current, partial };
    const next = successorsOf(current);
    partial ||= next.length > 1;
    const successor = next[0] === undefined ? undefined : await map.get(next[0]);
    if (!successor) return undefined;
    current = successor;
  }
  return undefined;
}

export async function resolveUnit(
  map: MapReader,
  idOrName: string,
  day: string,
): Promise<ResolvedUnit | undefined> {
  const unit = await map.get(idOrName);
  if (unit) {
    if (unit.validTo === null || unit.validTo >= day || successorsOf(unit).length === 0) return { unit };
    const found = await successorInForce(map, unit, day);
    if (!found) return { unit };
    return {
      unit: found.unit,
      resolvedFrom: { unitId: unit.id, code: unit.code, name: unit.name, partial: found.partial },
    };
  }
  const province = (await map.children(undefined, 1)).items[0];
  // Loaded only for an id the map does not know, which few requests send: the tables are 42 KB to parse.
  const { officialSuccessor } = await import('./official-2025.ts');
  const official = province?.code ? officialSuccessor(province.code, idOrName) : undefined;
  const successor = official && (await map.get(official.code));
  if (!official || !successor) return undefined;
  return {
    unit: successor,
    resolvedFrom: {
      unitId: null,
      code: official.old.code,
      name: official.old.name,
      partial: official.partial,
    },
  };
}
