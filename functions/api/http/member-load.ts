/** The bulk load path an import writes through, for the request's tenant (shared/figures/member-load.ts). */
import type { Context } from 'hono';
import { logger } from '#shared/config/logger.ts';
import type { MemberLoad } from '#shared/domain/members/import/run-import.ts';
import { type ChangeApplier, createChangeApplier } from '#shared/figures/apply-changes.ts';
import { memberLoad } from '#shared/figures/member-load.ts';
import type { Table } from '#shared/store/table.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

/** One applier per table, made on the first import: most requests never load members. */
const appliers = new WeakMap<Table, ChangeApplier>();

export function memberLoadFor(c: Context<AppEnv>, deps: AppDependencies): MemberLoad {
  let applier = appliers.get(deps.table);
  if (!applier) {
    applier = createChangeApplier(deps.table, { log: logger });
    appliers.set(deps.table, applier);
  }
  return memberLoad(c.get('tenantTable'), applier);
}
