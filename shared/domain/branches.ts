/**
 * Branches (chi hội, chi đoàn): where members belong. Residential ones sit in a hamlet,
 * professional ones gather an economic model, agency ones an office, school or enterprise.
 */
import { z } from 'zod';
import { DomainError } from './errors.ts';
import { singleLineText } from './text-fields.ts';
import type { UnitLevel } from './units.ts';

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
export const AGENCY_TYPES = ['office', 'school', 'enterprise'] as const;

/** Active branches take members; a dissolving one is moving them out; a dissolved one is history. */
export const BRANCH_STATUSES = ['active', 'dissolving', 'dissolved'] as const;

/**
 * Where each kind may be set up: a residential branch in its hamlet; a professional one in a
 * commune or a hamlet; an agency one beside the office, school or enterprise it serves.
 */
export const BRANCH_UNIT_LEVELS: Record<BranchKind, readonly UnitLevel[]> = {
  residential: ['hamlet'],
  professional: ['commune', 'hamlet'],
  agency: ['province', 'district', 'commune'],
};

export const branchKindSchema = z.enum(BRANCH_KINDS);
export const economicModelSchema = z.enum(ECONOMIC_MODELS);
export const agencyTypeSchema = z.enum(AGENCY_TYPES);

/** How a branch is being (or was) dissolved: kept on it, so a re-run after a crash finishes the same plan. */
export const dissolutionSchema = z
  .object({
    toBranchId: z.string().nullable(),
    moves: z.record(z.string(), z.string()),
    reason: z.string(),
    effectiveDate: z.iso.date(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Dissolution' });
export type Dissolution = z.infer<typeof dissolutionSchema>;

const branchFields = {
  id: z.string(),
  name: z.string().meta({ example: 'Chi hội Nông dân ấp Tân Hòa' }),
  kind: branchKindSchema,
  unitId: z.string(),
  economicModel: economicModelSchema.nullable().meta({ description: 'Professional branches only' }),
  createdAt: z.iso.datetime(),
};

export const branchSchema = z
  .object({
    ...branchFields,
    agencyType: agencyTypeSchema.nullable().meta({ description: 'Agency branches only' }),
    status: z.enum(BRANCH_STATUSES),
    dissolution: dissolutionSchema.nullable().optional(),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change; the ETag' }),
  })
  .meta({ id: 'Branch' });

/** A branch as the store returns it and the API shows it. */
export type FullBranch = z.infer<typeof branchSchema>;

/** A branch as bulk writers (seeds, imports) build it; what they leave out takes its default. */
export type Branch = z.infer<z.ZodObject<typeof branchFields>> &
  Partial<Pick<FullBranch, 'agencyType' | 'status' | 'version'>>;
export type BranchKind = z.infer<typeof branchKindSchema>;
export type BranchStatus = FullBranch['status'];

export function fullBranch(branch: Branch): FullBranch {
  return {
    ...branch,
    agencyType: branch.agencyType ?? null,
    status: branch.status ?? 'active',
    version: branch.version ?? 1,
  };
}

const name = singleLineText({ max: 160 });

export const createBranchSchema = z
  .strictObject({
    name: name.meta({ example: 'Chi hội Nông dân nghề nghiệp trồng lúa' }),
    kind: branchKindSchema,
    unitId: z.string().max(64),
    economicModel: economicModelSchema
      .optional()
      .meta({ description: 'Required for, and only for, professional branches' }),
    agencyType: agencyTypeSchema
      .optional()
      .meta({ description: 'Required for, and only for, agency branches' }),
  })
  .meta({ id: 'CreateBranch' });
export type CreateBranch = z.infer<typeof createBranchSchema>;

export const updateBranchSchema = z
  .strictObject({
    name: name.optional(),
    economicModel: economicModelSchema.optional(),
    agencyType: agencyTypeSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Nothing to change',
  })
  .meta({ id: 'UpdateBranch' });
export type UpdateBranch = z.infer<typeof updateBranchSchema>;

/**
 * The fields that belong to one kind only: an economic model to professional branches, an
 * agency type to agency ones. Checked against the kind, which a change of a branch does not send.
 */
export function checkKindFields(
  kind: BranchKind,
  fields: { economicModel?: string | null | undefined; agencyType?: string | null | undefined },
  required: boolean,
): void {
  const rules = [
    { field: 'economicModel', kind: 'professional' },
    { field: 'agencyType', kind: 'agency' },
  ] as const;
  const errors = rules.flatMap((rule) => {
    const given = fields[rule.field] !== undefined && fields[rule.field] !== null;
    if (given && kind !== rule.kind) return [{ path: `body.${rule.field}`, code: 'not_for_kind' }];
    if (!given && kind === rule.kind && required)
      return [{ path: `body.${rule.field}`, code: 'required_for_kind' }];
    return [];
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', {}, errors);
}
