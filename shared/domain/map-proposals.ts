/**
 * Hamlet proposals: hamlets have no official list, so the officers who know them propose them
 * and a map editor of the province accepts (the hamlet then appears on the map every
 * organization reads) or rejects them. A proposal lives in the province's map, beside the
 * units, and holds no personal data: who proposed it is a username and an organization.
 */
import { z } from 'zod';
import { ORGANIZATIONS } from './organizations.ts';
import { multiLineText, singleLineText } from './text-fields.ts';
import { type FullUnit, type UnitType, unitIdSchema, unitSchema } from './units.ts';

/** The unit types of hamlets (units.ts LEVEL_OF_TYPE): ấp, khóm in the south, thôn, tổ dân phố elsewhere. */
export const HAMLET_TYPES = ['ap', 'khom', 'thon', 'to_dan_pho'] as const satisfies readonly UnitType[];

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const hamletName = singleLineText({ max: 120 });

export const proposeHamletSchema = z
  .strictObject({
    communeId: unitIdSchema,
    name: hamletName.meta({ example: 'Ấp Mỹ Phú' }),
    type: z.enum(HAMLET_TYPES),
    note: multiLineText({ max: 1000 })
      .optional()
      .meta({ description: 'Where the hamlet is, which resolution made it: for the map editor' }),
  })
  .meta({ id: 'ProposeHamlet' });
export type ProposeHamlet = z.infer<typeof proposeHamletSchema>;

export const acceptProposalSchema = z
  .strictObject({
    name: hamletName
      .optional()
      .meta({ description: 'The hamlet’s name corrected; defaults to the proposed name' }),
  })
  .meta({ id: 'AcceptHamletProposal' });
export type AcceptProposal = z.infer<typeof acceptProposalSchema>;

export const rejectProposalSchema = z
  .strictObject({ reason: multiLineText({ max: 1000 }) })
  .meta({ id: 'RejectHamletProposal' });
export type RejectProposal = z.infer<typeof rejectProposalSchema>;

const proposerSchema = z
  .object({
    organization: z.enum(ORGANIZATIONS),
    username: z.string(),
    proposedAt: z.iso.datetime(),
  })
  .meta({ id: 'HamletProposer' });

export const hamletProposalSchema = z
  .object({
    id: z.string(),
    communeId: z.string(),
    /** The province down to the commune: an officer sees the proposals within their scope. */
    communePath: z.array(z.string()),
    name: z.string().meta({ description: 'The name as first proposed' }),
    type: z.enum(HAMLET_TYPES),
    note: z.string().nullable(),
    status: z.enum(PROPOSAL_STATUSES),
    proposers: z
      .array(proposerSchema)
      .meta({ description: 'The first officer of each organization that proposed it, in order' }),
    organizations: z
      .array(z.enum(ORGANIZATIONS))
      .meta({ description: 'The organizations among the proposers' }),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decidedBy: z.string().nullable().meta({ description: 'Username of the map editor who decided' }),
    acceptedName: z.string().nullable().meta({ description: 'The name the hamlet was accepted under' }),
    unitId: z.string().nullable().meta({ description: 'The hamlet made of it, once accepted' }),
    reason: z.string().nullable().meta({ description: 'Why it was rejected' }),
    version: z.number().int().min(1),
  })
  .meta({ id: 'HamletProposal' });
export type HamletProposal = z.infer<typeof hamletProposalSchema>;

/** What proposing answers: the hamlet already on the map, or the proposal the caller is among. */
export const proposalOutcomeSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('exists'), unit: unitSchema }),
    z.object({
      status: z.enum(['proposed', 'joined']).meta({
        description: 'proposed: a new proposal; joined: the pending one of the same name in the commune',
      }),
      proposal: hamletProposalSchema,
    }),
  ])
  .meta({ id: 'HamletProposalOutcome' });
export type ProposalOutcome =
  | { status: 'exists'; unit: FullUnit }
  | { status: 'proposed' | 'joined'; proposal: HamletProposal };

export const acceptedProposalSchema = z
  .object({ proposal: hamletProposalSchema, unit: unitSchema })
  .meta({ id: 'AcceptedHamletProposal' });
export interface AcceptedProposal {
  readonly proposal: HamletProposal;
  readonly unit: FullUnit;
}
