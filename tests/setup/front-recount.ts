/**
 * The Front's distinct people of a test province recounted from its organizations' members and
 * compared with what the stream function stored (shared/figures/recount.ts), without applying.
 */
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { type FrontRecountReport, recountFront } from '../../shared/figures/recount.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { PersonRepository } from '../../shared/store/repositories/persons.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import type { TestApp } from './test-app.ts';

export function recountFrontOf(
  t: TestApp,
  province: string,
  organizations: readonly string[],
): Promise<FrontRecountReport> {
  const tenant = (id: string) => t.deps.table.forTenant(toTenantId(id));
  return recountFront({
    units: new UnitRepository(tenant(`${province}:front`)),
    aggregates: new AggregateRepository(tenant(`${province}:front`)),
    organizations: organizations.map((org) => ({
      tenant: `${province}:${org}`,
      aggregates: new AggregateRepository(tenant(`${province}:${org}`)),
    })),
    persons: new PersonRepository(t.deps.table),
  });
}
