/**
 * Administrative units: province → (district, in older data) → commune → hamlet.
 * Communes carry their official code; hamlets have none and are kept by users.
 *
 * A unit is never deleted, so what was recorded under it stays reportable after a
 * reorganization: closing it sets `validTo` (and `successorId`, the unit that took it over);
 * renaming it keeps its id and moves the old name, with the dates it was used, to `formerNames`.
 */
import { z } from 'zod';
import { recordDateSchema } from './date-fields.ts';
import { singleLineText } from './text-fields.ts';

export const UNIT_LEVELS = ['province', 'district', 'commune', 'hamlet'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/**
 * Official categories, ASCII-folded from their legal Vietnamese names: they are legal
 * categories with no faithful English word (a "phường" is not quite a "ward"). Hamlets are
 * ấp/khóm in the south, thôn/tổ dân phố elsewhere; since 2025 a special zone (đặc khu) is a commune.
 */
export const UNIT_TYPES = [
  'tinh',
  'thanh_pho',
  'thi_xa',
  'huyen',
  'xa',
  'phuong',
  'thi_tran',
  'ap',
  'khom',
  'thon',
  'to_dan_pho',
  'dac_khu',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The level a type names. A "thành phố" created under a province is a provincial city, a district. */
export const LEVEL_OF_TYPE: Record<UnitType, UnitLevel> = {
  tinh: 'province',
  thanh_pho: 'district',
  thi_xa: 'district',
  huyen: 'district',
  xa: 'commune',
  phuong: 'commune',
  thi_tran: 'commune',
  dac_khu: 'commune',
  ap: 'hamlet',
  khom: 'hamlet',
  thon: 'hamlet',
  to_dan_pho: 'hamlet',
};

/** Which levels a unit of each level may sit under; districts are optional since July 2025. */
export const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['province', 'district'],
  hamlet: ['commune'],
};

/** Official GSO/NSO codes have one length per level; hamlets have none. */
export const CODE_DIGITS: Record<UnitLevel, number | null> = {
  province: 2,
  district: 3,
  commune: 5,
  hamlet: null,
};

/** Ids are keys: letters, digits and dashes only, so no id can reach into another key's shape. */
export const unitIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/)
  .meta({ example: '28249' });

const date = recordDateSchema;

export const formerNameSchema = z
  .object({
    name: z.string(),
    validFrom: date.meta({ description: 'First day the name was in use' }),
    validTo: date.meta({ description: 'Last day the name was in use' }),
  })
  .meta({ id: 'FormerUnitName' });
export type FormerName = z.infer<typeof formerNameSchema>;

const unitFields = {
  id: unitIdSchema,
  parentId: z.string().nullable(),
  /** Ids from the province down to the parent: scope checks and subtree queries use them. */
  ancestorIds: z.array(z.string()),
  level: z.enum(UNIT_LEVELS),
  type: z.enum(UNIT_TYPES),
  code: z.string().nullable().meta({ description: 'Official GSO/NSO code; null for hamlets' }),
  name: z.string().meta({ example: 'Phường Đạo Thạnh' }),
  validFrom: date,
  validTo: date.nullable().meta({ description: 'Last day the unit existed; null while it exists' }),
};

export const unitSchema = z
  .object({
    ...unitFields,
    successorId: z
      .string()
      .nullable()
      .meta({ description: 'The unit that took over a closed one (a merger), if any' }),
    formerNames: z.array(formerNameSchema).meta({ description: 'Earlier names, oldest first' }),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change; the ETag' }),
  })
  .meta({ id: 'Unit' });

/** A unit as the store returns it and the API shows it, its history always present. */
export type FullUnit = z.infer<typeof unitSchema>;

/**
 * A unit as bulk writers (onboarding, seeds, imports) build it: a new unit has no history yet,
 * and units stored before history was kept lack those fields.
 */
export type Unit = z.infer<z.ZodObject<typeof unitFields>> &
  Partial<Pick<FullUnit, 'successorId' | 'formerNames' | 'version'>>;

export function fullUnit(unit: Unit): FullUnit {
  return {
    ...unit,
    successorId: unit.successorId ?? null,
    formerNames: unit.formerNames ?? [],
    version: unit.version ?? 1,
  };
}

const name = singleLineText({ max: 120 });

export const createUnitSchema = z
  .strictObject({
    parentId: unitIdSchema,
    type: z.enum(UNIT_TYPES).meta({ description: 'Names the level: ap/khom/thon/to_dan_pho are hamlets' }),
    name: name.meta({ example: 'Ấp Tân Hòa' }),
    id: unitIdSchema.optional().meta({
      description:
        'Official code for provinces, districts and communes (defaults to `code`); for a hamlet `<communeId>-<nn>`, generated when absent',
    }),
    code: singleLineText({ max: 16 })
      .nullable()
      .optional()
      .meta({ description: 'Official code; none for hamlets' }),
    validFrom: date.optional().meta({ description: 'Defaults to today (Vietnam time)' }),
    validTo: date.nullable().optional().meta({ description: 'For units recorded from older data' }),
  })
  .meta({ id: 'CreateUnit' });
export type CreateUnit = z.infer<typeof createUnitSchema>;

export const updateUnitSchema = z
  .strictObject({
    name: name.optional(),
    renamedOn: date.optional().meta({
      description:
        'First day of the new name, not after today; defaults to today (Vietnam time). The first day of the current name makes the change a correction: no former name is kept',
    }),
    code: singleLineText({ max: 16 }).nullable().optional(),
    validTo: date.nullable().optional(),
    successorId: unitIdSchema.nullable().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Nothing to change',
  })
  .refine((patch) => patch.renamedOn === undefined || patch.name !== undefined, {
    path: ['renamedOn'],
    message: 'renamedOn goes with a new name',
  })
  .meta({ id: 'UpdateUnit' });
export type UpdateUnit = z.infer<typeof updateUnitSchema>;

export function isValidOn(unit: Pick<Unit, 'validFrom' | 'validTo'>, day: string): boolean {
  return unit.validFrom <= day && (unit.validTo === null || day <= unit.validTo);
}
