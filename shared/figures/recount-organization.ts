/**
 * An organization admin recounting their own organization's figures over the API. The recount
 * script works as the system, through recount() directly.
 */
import { requireRole } from '../domain/access/tree-access.ts';
import type { Principal } from '../domain/roles.ts';
import { type RecountReport, type RecountWorkspace, recount } from './recount.ts';

export function recountOrganization(
  ws: RecountWorkspace,
  principal: Principal,
  options: { apply: boolean },
): Promise<RecountReport> {
  requireRole(principal, 'org_admin');
  return recount(ws, options);
}
