/**
 * Every aggregate of the demo province counted from its records — members, branches, ratings,
 * reviews — the four organizations' first, then the Front's distinct people: what a build too
 * large for the local stream to keep up with (the article's, the benchmark's) uses instead of it.
 * The counts are the stream's own (shared/figures/recount.ts applies the same deltas).
 */
import { ORGANIZATIONS, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { recount, recountFront, recountWorkspaceOf } from '#shared/figures/recount.ts';
import { AggregateRepository } from '#shared/store/repositories/aggregates.ts';
import { PersonRepository } from '#shared/store/repositories/persons.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table } from '#shared/store/table.ts';
import { DEMO_PROVINCE_ID } from './seed-demo-province.ts';

/**
 * `records`: also write the Front's person records, which the stream needs to count the people of
 * later changes; a table thrown away after reading its figures can do without.
 */
export async function recountDemoProvince(table: Table, options: { records: boolean }): Promise<void> {
  const organizations = ORGANIZATIONS.map((organization) => {
    const tenant = tenantIdOf(DEMO_PROVINCE_ID, organization);
    return { tenant, table: table.forTenant(toTenantId(tenant)) };
  });
  await Promise.all(organizations.map(({ table: own }) => recount(recountWorkspaceOf(own), { apply: true })));
  const front = table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'front')));
  await recountFront(
    {
      units: new UnitRepository(front),
      aggregates: new AggregateRepository(front),
      organizations: organizations.map(({ tenant, table: own }) => ({
        tenant,
        aggregates: new AggregateRepository(own),
      })),
      persons: new PersonRepository(table),
    },
    { apply: true, records: options.records },
  );
}
