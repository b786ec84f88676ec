/**
 * Who was introduced to the Party in a year: for the roles that see sensitive fields, within their
 * scope, by commune and Vietnamese name order. Everyone else reads the counts (shared/figures).
 */
import { z } from 'zod';
import type { Page } from '../../store/table.ts';
import { requireSensitiveReader } from '../access/member-access.ts';
import { DomainError } from '../errors.ts';
import { memberPlaceOf } from '../members/member-queries.ts';
import type { MemberWorkspace } from '../members/member-workspace.ts';
import type { Principal } from '../roles.ts';
import { PARTY_STATES, type PartyIntroductionEntry } from './party-introduction.ts';

export const partyIntroductionListQuerySchema = z.object({
  year: z.coerce.number().int().min(1930).max(2100),
  unitId: z.string().min(1).max(64).optional(),
  state: z.enum(PARTY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(4096).optional(),
});
export type PartyIntroductionListQuery = z.infer<typeof partyIntroductionListQuerySchema>;

export async function listPartyIntroductions(
  ws: MemberWorkspace,
  principal: Principal,
  query: PartyIntroductionListQuery,
): Promise<Page<PartyIntroductionEntry>> {
  requireSensitiveReader(principal);
  const { place } = await memberPlaceOf(ws, principal, { unitId: query.unitId });
  // Readers of sensitive fields are never scoped to a branch, so the place is a commune or the tenant.
  if (place.kind === 'branch') throw new DomainError('FORBIDDEN');
  const { year, state, limit, cursor } = query;
  return ws.members.partyIntroductions(
    year,
    {
      ...(place.kind === 'commune' && { communeId: place.communeId }),
      ...(place.withinUnitId && { withinUnitId: place.withinUnitId }),
    },
    state,
    limit,
    cursor,
  );
}
