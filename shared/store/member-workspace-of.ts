/**
 * A tenant's member repositories with its national-id cipher: what the API builds per request
 * and a worker builds per job, so both hand the use cases the same things.
 */
import type { MemberWorkspace } from '../domain/members/member-workspace.ts';
import type { NationalIdVault } from '../privacy/national-id-vault.ts';
import { AuditRepository } from './repositories/audit.ts';
import { BranchRepository } from './repositories/branches.ts';
import { IdempotencyRepository } from './repositories/idempotency.ts';
import { MemberRepository } from './repositories/members.ts';
import { SettingsRepository } from './repositories/settings.ts';
import { TransferRepository } from './repositories/transfers.ts';
import { UnitRepository } from './repositories/units.ts';
import type { Table, TenantTable } from './table.ts';

export function memberWorkspaceOf(
  table: Table,
  tenantTable: TenantTable,
  vault: NationalIdVault,
): MemberWorkspace {
  const tenant = tenantTable.tenant;
  return {
    tenant,
    members: new MemberRepository(tenantTable),
    branches: new BranchRepository(tenantTable),
    units: new UnitRepository(tenantTable),
    audit: new AuditRepository(tenantTable),
    idempotency: new IdempotencyRepository(tenantTable),
    settings: new SettingsRepository(tenantTable),
    transfers: new TransferRepository(table, tenantTable),
    vault,
    cipher: () => vault.cipherFor(tenant),
  };
}
