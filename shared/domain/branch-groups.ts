/**
 * Groups (tổ hội, tổ phụ nữ, phân hội) inside a branch. A professional group gathers one
 * economic model, as the Farmers' Union rearranged most of its groups.
 */
import { z } from 'zod';
import { economicModelSchema } from './branches.ts';
import { singleLineText } from './text-fields.ts';

export const branchGroupSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    name: z.string().meta({ example: 'Tổ hội trồng lúa số 1' }),
    economicModel: economicModelSchema.nullable().meta({ description: 'For a professional group' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'BranchGroup' });
export type BranchGroup = z.infer<typeof branchGroupSchema>;

export const createBranchGroupSchema = z
  .strictObject({
    name: singleLineText({ max: 160 }).meta({ example: 'Tổ hội trồng lúa số 1' }),
    economicModel: economicModelSchema.nullable().optional(),
  })
  .meta({ id: 'CreateBranchGroup' });
export type CreateBranchGroup = z.infer<typeof createBranchGroupSchema>;
