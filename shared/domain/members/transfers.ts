/**
 * A transfer out of an organization into another tenant of the platform (another province, or
 * another organization): the receiving tenant sees it as an incoming transfer and may accept it,
 * which admits the person there. Only what the receiver needs travels; sensitive fields do not.
 */
import { z } from 'zod';
import { recordDateSchema } from '../date-fields.ts';
import { genderSchema, veteranServiceSchema } from './member.ts';

export const incomingTransferSchema = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'accepted']),
    from: z.object({ tenantId: z.string(), memberId: z.string() }),
    destinationUnitId: z.string().nullable().meta({
      description:
        'The unit it is addressed to: its officers handle it; unaddressed ones go to the organization’s admins',
    }),
    reason: z.string(),
    effectiveDate: z.iso.date(),
    person: z.object({
      fullName: z.string(),
      gender: genderSchema,
      birthDate: z.iso.date(),
      nationalIdMasked: z.string().nullable(),
      phone: z.string().nullable(),
      education: z.string().nullable(),
      occupation: z.string().nullable(),
      address: z.string().nullable(),
      veteranService: veteranServiceSchema.nullable(),
    }),
    createdAt: z.iso.datetime(),
    acceptedMemberId: z.string().nullable(),
  })
  .meta({ id: 'IncomingTransfer' });
export type IncomingTransferView = z.infer<typeof incomingTransferSchema>;

/**
 * As stored: the view plus the national id sealed under the receiving tenant's key, and the
 * destination unit's path (its ancestors and itself, empty when unaddressed) that officers'
 * lists filter on.
 */
export interface IncomingTransfer extends IncomingTransferView {
  readonly sealedNationalId: string | null;
  readonly destinationUnitIds: readonly string[];
}

export function incomingTransferView({
  sealedNationalId: _,
  destinationUnitIds: __,
  ...view
}: IncomingTransfer): IncomingTransferView {
  return view;
}

export const acceptTransferSchema = z
  .strictObject({ branchId: z.string().min(1).max(64), joinedAt: recordDateSchema.optional() })
  .meta({ id: 'AcceptTransfer' });
