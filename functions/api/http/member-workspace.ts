/** Builds what member use cases need from a request: the caller's tenant, repositories and cipher. */
import type { Context } from 'hono';
import type { ChangeContext } from '#shared/domain/audit.ts';
import type { MemberWorkspace } from '#shared/domain/members/member-workspace.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { IdempotencyRepository } from '#shared/store/repositories/idempotency.ts';
import { MemberRepository } from '#shared/store/repositories/members.ts';
import { SettingsRepository } from '#shared/store/repositories/settings.ts';
import { TransferRepository } from '#shared/store/repositories/transfers.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

/** The caller's tenant's repositories; whether the caller may use them, the use cases decide. */
export function memberWorkspace(c: Context<AppEnv>, deps: AppDependencies): MemberWorkspace {
  const tenantTable = c.get('tenantTable');
  const tenant = tenantTable.tenant;
  return {
    tenant,
    members: new MemberRepository(tenantTable),
    branches: new BranchRepository(tenantTable),
    units: new UnitRepository(tenantTable),
    audit: new AuditRepository(tenantTable),
    idempotency: new IdempotencyRepository(tenantTable),
    settings: new SettingsRepository(tenantTable),
    transfers: new TransferRepository(deps.table, tenantTable),
    vault: deps.nationalIds,
    cipher: () => deps.nationalIds.cipherFor(tenant),
  };
}

export function changeContext(c: Context<AppEnv>): ChangeContext {
  return { principal: c.get('principal'), requestId: c.get('requestId'), now: c.get('now') };
}
