/**
 * Reading and changing a tenant's admission rules: anyone of the organization reads them, its
 * admins change them, and a change is audited like any other.
 */
import { requireOrganization } from '../access/tenant-access.ts';
import { requireRole } from '../access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from '../audit.ts';
import type { Organization } from '../organizations.ts';
import type { Principal } from '../roles.ts';
import { DEFAULT_ELIGIBILITY, type EligibilityRules } from './eligibility.ts';
import type { MemberWorkspace } from './member-workspace.ts';

/** The rules in force: the organization's own, or its default. */
export async function eligibilityRules(
  ws: MemberWorkspace,
  organization: Organization,
): Promise<EligibilityRules> {
  return (await ws.settings.eligibility()) ?? DEFAULT_ELIGIBILITY[organization];
}

export async function readEligibilityRules(
  ws: MemberWorkspace,
  principal: Principal,
): Promise<EligibilityRules> {
  return eligibilityRules(ws, requireOrganization(principal));
}

export async function saveEligibilityRules(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  rules: EligibilityRules,
): Promise<EligibilityRules> {
  requireRole(ctx.principal, 'org_admin');
  const before = await eligibilityRules(ws, requireOrganization(ctx.principal));
  const tx = ws.members.transaction();
  ws.settings.saveEligibility(tx, rules);
  ws.audit.record(
    tx,
    auditRecordOf(ctx, {
      entityType: 'settings',
      action: 'update',
      entityId: 'eligibility',
      before,
      after: rules,
    }),
  );
  await tx.commit();
  return rules;
}
