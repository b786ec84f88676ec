/**
 * Administrative units: province → (district, in older data) → commune → hamlet.
 * Communes carry their official code; hamlets have none and are kept by users.
 */
import { z } from 'zod';

export const UNIT_LEVELS = ['province', 'district', 'commune', 'hamlet'] as const;

/**
 * Official categories, ASCII-folded from their legal Vietnamese names: they are legal
 * categories with no faithful English word (a "phường" is not quite a "ward").
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
] as const;

export const unitSchema = z
  .object({
    id: z.string().meta({ example: '28249' }),
    parentId: z.string().nullable(),
    /** Ids from the province down to the parent: scope checks and subtree queries use them. */
    ancestorIds: z.array(z.string()),
    level: z.enum(UNIT_LEVELS),
    type: z.enum(UNIT_TYPES),
    code: z.string().nullable().meta({ description: 'Official GSO/NSO code; null for hamlets' }),
    name: z.string().meta({ example: 'Phường Đạo Thạnh' }),
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unitSchema>;
