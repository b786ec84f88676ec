/**
 * What a `unitId` filter names on a day. An id of the map is taken as it is, unless that unit was
 * closed before the day and handed over to a successor: then the unit in force that day which its
 * successor chain leads to. Not an id of the map, it may be an old commune's code or name from the
 * province's official 2025 table (official-2025.ts). Either way the answer says what was asked
 * (`resolvedFrom`), so nobody mistakes the new commune's figures for the old one's.
 */
import type { FullUnit } from '../units.ts';
import { isValidOn } from '../units.ts';
import { officialSuccessor } from './official-2025.ts';

/** The reads it needs of the province's map. */
export interface MapReader {
  get(id: string): Promise<FullUnit | undefined>;
  children(parentId: undefined, limit: number): Promise<{ items: FullUnit[] }>;
}

export interface ResolvedFrom {
  /** The closed unit of the map asked for; null for an old commune known from the official table only. */
  readonly unitId: string | null;
  readonly code: string | null;
  readonly name: string;
  /** Split between several units: only part of it went into this one, though it is counted whole here. */
  readonly partial: boolean;
}

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
