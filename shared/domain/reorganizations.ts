/**
 * Reorganizations of the province's map (sáp nhập, chia tách, đổi tên, đổi mã, điều chỉnh địa
 * giới): one operation by resolution, applied once to the map by a map editor, then followed up by
 * each organization for its branches there. Units are never deleted: what a reorganization ends
 * is closed (`validTo` the day before it takes effect, `successorId` the unit that took it over),
 * so figures and snapshots before the date stay under the old units.
 *
 * A split leaves one `successorId` on the unit, as the unit schema has room for one: the first of
 * its new units. The record lists every unit it made in `createdUnitIds`.
 */
import { z } from 'zod';
import { recordDateSchema } from './date-fields.ts';
import { singleLineText } from './text-fields.ts';
import { UNIT_TYPES, unitIdSchema, unitSchema } from './units.ts';

export const REORGANIZATION_KINDS = ['merge', 'split', 'rename', 'recode', 'move'] as const;
export type ReorganizationKind = (typeof REORGANIZATION_KINDS)[number];

const resolutionSchema = z
  .strictObject({
    number: singleLineText({ max: 60 }).meta({ example: '1685/NQ-UBTVQH15' }),
    date: recordDateSchema.optional().meta({ description: 'The day the resolution was adopted' }),
  })
  .meta({ id: 'Resolution' });

const newUnitSchema = z
  .strictObject({
    name: singleLineText({ max: 120 }).meta({ example: 'Ấp Mỹ Phú' }),
    type: z.enum(UNIT_TYPES),
    code: singleLineText({ max: 16 })
      .optional()
      .meta({ description: 'Official code; required for communes' }),
  })
  .meta({ id: 'ReorganizationNewUnit' });
export type NewUnitSpec = z.infer<typeof newUnitSchema>;

const common = {
  effectiveDate: recordDateSchema.meta({ description: 'First day of the new map' }),
  resolution: resolutionSchema,
};

const mergeSchema = z.strictObject({
  kind: z.literal('merge'),
  ...common,
  fromIds: z.array(unitIdSchema).min(2).max(20).meta({ description: 'Hamlets, or communes, of one parent' }),
  intoId: unitIdSchema.optional().meta({ description: 'The one of fromIds that goes on; or give `into`' }),
  into: newUnitSchema.optional().meta({ description: 'A new unit that takes them all over' }),
});

const splitSchema = z.strictObject({
  kind: z.literal('split'),
  ...common,
  fromId: unitIdSchema,
  into: z.array(newUnitSchema).min(2).max(20),
  hamlets: z.record(unitIdSchema, z.number().int().min(0).max(19)).optional().meta({
    description: 'A commune split: which of `into` (index) each hamlet goes to; the first by default',
  }),
});

const renameSchema = z.strictObject({
  kind: z.literal('rename'),
  ...common,
  unitId: unitIdSchema,
  name: singleLineText({ max: 120 }),
});

const recodeSchema = z.strictObject({
  kind: z.literal('recode'),
  ...common,
  unitId: unitIdSchema,
  code: singleLineText({ max: 16 }),
});

const moveSchema = z.strictObject({
  kind: z.literal('move'),
  ...common,
  unitId: unitIdSchema.meta({ description: 'The hamlet' }),
  toCommuneId: unitIdSchema,
});

export const reorganizeSchema = z
  .discriminatedUnion('kind', [mergeSchema, splitSchema, renameSchema, recodeSchema, moveSchema])
  .superRefine((request, ctx) => {
    if (request.kind !== 'merge') return;
    if ((request.intoId === undefined) === (request.into === undefined))
      ctx.addIssue({ code: 'custom', path: ['intoId'], message: 'exactly one of intoId and into' });
    if (request.intoId !== undefined && !request.fromIds.includes(request.intoId))
      ctx.addIssue({ code: 'custom', path: ['intoId'], message: 'intoId is one of fromIds' });
    if (new Set(request.fromIds).size !== request.fromIds.length)
      ctx.addIssue({ code: 'custom', path: ['fromIds'], message: 'a unit is listed twice' });
  })
  .meta({ id: 'Reorganize' });
export type Reorganize = z.infer<typeof reorganizeSchema>;

const unitChangeSchema = z
  .object({
    before: unitSchema.nullable().meta({ description: 'null for a unit the reorganization made' }),
    after: unitSchema,
  })
  .meta({ id: 'ReorganizationUnitChange' });
export type UnitChange = z.infer<typeof unitChangeSchema>;

export const reorganizationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(REORGANIZATION_KINDS),
    effectiveDate: z.iso.date(),
    resolution: z.object({ number: z.string(), date: z.iso.date().nullable() }),
    status: z.enum(['applying', 'applied']).meta({
      description: 'applying: the map is being changed (repeat the request to finish); applied: done',
    }),
    closedUnitIds: z.array(z.string()),
    createdUnitIds: z.array(z.string()),
    changedUnitIds: z.array(z.string()).meta({ description: 'Units renamed or recoded, ids kept' }),
    successors: z
      .record(z.string(), z.string())
      .meta({ description: 'Each closed unit and the unit that took it over' }),
    mergedUnitIds: z.array(z.string()).meta({
      description: 'Closed units merged into their successor: their branches are suggested to merge',
    }),
    changes: z.array(unitChangeSchema).meta({ description: 'Every unit written, as before and after' }),
    createdBy: z.object({ userId: z.string(), username: z.string() }),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'Reorganization' });
export type Reorganization = z.infer<typeof reorganizationSchema>;

// ——— An organization's follow-up: its branches in the closed units ———

const intoUnitId = unitIdSchema.optional().meta({
  description:
    'A split unit’s branch: which of the split’s new units (createdUnitIds) it goes to; by default the first',
});

const branchActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    branchId: z.string().min(1).max(64),
    action: z.literal('merge'),
    intoUnitId,
    intoBranchId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'A branch of the successor unit; by default the suggested one, made if none' }),
  }),
  z.strictObject({ branchId: z.string().min(1).max(64), action: z.literal('keep'), intoUnitId }),
]);

export const applyReorganizationSchema = z
  .strictObject({
    actions: z
      .array(branchActionSchema)
      .max(500)
      .default([])
      .meta({ description: 'Overrides of the suggestions; branches left out follow their suggestion' }),
  })
  .meta({ id: 'ApplyReorganization' });
export type ApplyReorganization = z.infer<typeof applyReorganizationSchema>;

export const branchStepSchema = z
  .object({
    branchId: z.string(),
    name: z.string(),
    kind: z.string(),
    unitId: z.string().meta({ description: 'The closed unit the branch is in' }),
    successorUnitId: z.string(),
    action: z.enum(['merge', 'keep']).meta({
      description:
        'merge: members move to one branch of the successor; keep: to a new branch of the same name under the successor',
    }),
    toBranchId: z
      .string()
      .nullable()
      .meta({ description: 'Where the members go; null in a suggestion: a branch made when applied' }),
    done: z.boolean(),
  })
  .meta({ id: 'ReorganizationBranchStep' });
export type BranchStep = z.infer<typeof branchStepSchema>;

export const followUpSchema = z
  .object({
    reorganizationId: z.string(),
    status: z.enum(['not_started', 'applying', 'applied']),
    branchesDone: z.number().int(),
    branchesTotal: z.number().int(),
    membersMoved: z.number().int(),
    steps: z.array(branchStepSchema),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReorganizationFollowUp' });
export type FollowUp = z.infer<typeof followUpSchema>;

/**
 * Where a branch of a closed unit may go: any of the new units a split of that unit made (its
 * `successorId` names the first only), otherwise its one successor.
 */
export function successorChoices(reorganization: Reorganization, unitId: string): string[] {
  const successor = reorganization.successors[unitId];
  if (successor === undefined) return [];
  const closed = reorganization.changes.find((change) => change.before?.id === unitId)?.after;
  const parts =
    reorganization.kind === 'split' && closed
      ? reorganization.changes
          .filter(
            (c) =>
              c.before === null && c.after.parentId === closed.parentId && c.after.level === closed.level,
          )
          .map((c) => c.after.id)
      : [];
  return parts.includes(successor) ? parts : [successor];
}

/** The organization's stored plan for a reorganization, in its own partition: what a re-run finishes. */
export interface ApplyPlan {
  readonly reorganizationId: string;
  readonly status: 'applying' | 'applied';
  readonly steps: BranchStep[];
  /** Branches the plan makes in successor units, with ids chosen when it was stored. */
  readonly newBranches: { id: string; name: string; kind: string; unitId: string; fromBranchId: string }[];
  readonly membersMoved: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly version: number;
}
