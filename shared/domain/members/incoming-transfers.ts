/**
 * The transfers waiting to be accepted into the organization, as the caller may see them: an
 * officer those addressed within their part of the tree, an admin all of them.
 */
import type { Page } from '../../store/table.ts';
import { incomingTransferReach, requireMemberReader } from '../access/member-access.ts';
import type { Principal } from '../roles.ts';
import type { MemberWorkspace } from './member-workspace.ts';
import { type IncomingTransferView, incomingTransferView } from './transfers.ts';

export async function listIncomingTransfers(
  ws: MemberWorkspace,
  principal: Principal,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<IncomingTransferView>> {
  requireMemberReader(principal);
  const reach = incomingTransferReach(principal);
  if (!reach) return { items: [], nextCursor: null };
  const within = 'all' in reach ? undefined : reach.withinUnitId;
  const found = await ws.transfers.pending(page.limit, page.cursor, within);
  return { items: found.items.map(incomingTransferView), nextCursor: found.nextCursor };
}
