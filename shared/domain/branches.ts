/**
 * Branches (chi hội, chi đoàn): where members belong. Residential ones sit in a hamlet,
 * professional ones gather an economic model, agency ones an office, school or enterprise.
 */
import { z } from 'zod';

export const BRANCH_KINDS = ['residential', 'professional', 'agency'] as const;
export const ECONOMIC_MODELS = [
  'rice',
  'fruit',
  'aquaculture',
  'livestock',
  'trade',
  'services',
  'other',
] as const;

export const branchKindSchema = z.enum(BRANCH_KINDS);

export const branchSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ example: 'Chi hội Nông dân ấp Tân Hòa' }),
    kind: branchKindSchema,
    unitId: z.string(),
    economicModel: z.enum(ECONOMIC_MODELS).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Branch' });
export type Branch = z.infer<typeof branchSchema>;
export type BranchKind = z.infer<typeof branchKindSchema>;
