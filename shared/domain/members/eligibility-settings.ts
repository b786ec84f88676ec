/** Reading and changing a tenant's admission rules; a change is audited like any other. */
import { auditRecordOf, type ChangeContext } from '../audit.ts';
import { DEFAULT_ELIGIBILITY, type EligibilityRules } from './eligibility.ts';
import type { MemberWorkspace } from './member-workspace.ts';

export async function eligibilityRules(ws: MemberWorkspace): Promise<EligibilityRules> {
  return (await ws.settings.eligibility()) ?? DEFAULT_ELIGIBILITY[ws.organization];
}

export async function saveEligibilityRules(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  rules: EligibilityRules,
): Promise<EligibilityRules> {
  const before = await eligibilityRules(ws);
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
