/**
 * An oracle for the aggregates: what every counter of every unit should hold, counted plainly
 * from the raw items of the table (members, branches, units), next to what the aggregate items
 * hold. The stream function and the recount share the product's counting code (shared/figures),
 * so holding one against the other proves delivery, not arithmetic; this model shares nothing
 * with them. It must never import shared/figures: the rules are restated here from
 * docs/data-model.md, and the counter names spelled out, since they are the contract.
 *
 * It reads the whole table with a Scan, which only a test may do: a test app's table is small.
 */
// biome-ignore lint/style/noRestrictedImports: an oracle must see the items as stored, not through the repositories it checks.
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import type { TestApp } from './test-app.ts';

/** Counters by name, by unit id, by tenant; counters that are 0 are left out. */
export type Figures = Record<string, Record<string, Record<string, number>>>;

type RawItem = Record<string, unknown>;

/** Members whose membership goes on; an ended one counts only under its final status. */
const CURRENT_STATUSES = new Set(['active', 'away', 'lapsed']);

/** Every item of the test app's table, as stored (keys and bookkeeping attributes included). */
export async function rawItems(t: TestApp): Promise<RawItem[]> {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  const items: RawItem[] = [];
  for await (const page of paginateScan(
    { client },
    { TableName: t.deps.table.tableName, ConsistentRead: true },
  ))
    items.push(...(page.Items ?? []));
  client.destroy();
  return items;
}

/** What the aggregate items hold: their counters, by tenant and unit. */
export function storedFigures(items: readonly RawItem[]): Figures {
  const figures: Figures = {};
  for (const item of ofEntity(items, 'aggregate')) {
    const tenant = text(item, '_tenant');
    // `<tenant>#AGG#<unitId>` / `CURRENT`; other sort keys are snapshots, not the live figures.
    if (item.SK !== 'CURRENT') continue;
    const unitId = text(item, 'PK').slice(`${tenant}#AGG#`.length);
    for (const [name, value] of Object.entries(item))
      if (COUNTER.test(name) && typeof value === 'number') add(figures, tenant, [unitId], name, value);
  }
  return withoutZeros(figures);
}

const COUNTER = /^(?:members_[a-z_]+|gender_[a-z]+|born_\d{4}|professional|branches_[a-z]+|unique_persons)$/;

/**
 * What the aggregate items should hold, counted from the members, branches and units of the
 * table (units from the province's map). Every count is a subtree total: it goes to the unit and each of its ancestors.
 *
 * - `members_<status>`: every member, under their current status;
 * - `gender_<gender>`, `born_<yyyy>`, `professional` (in a professional branch): current members;
 * - `branches_<kind>`: branches not dissolved;
 * - `unique_persons` (the province's Front tenant): distinct people among the current members of
 *   its organizations, told apart by national id (a member without one is a person of their
 *   own), in every unit of a member's path, the hamlet included (the province's map is shared).
 *
 * The member's place is worked out from their branch's unit, never from the path the member
 * item carries, so a path written wrong shows up.
 */
export function expectedFigures(items: readonly RawItem[]): Figures {
  const units = new Map<string, RawItem>();
  for (const unit of ofEntity(items, 'unit')) units.set(`${text(unit, '_tenant')}/${text(unit, 'id')}`, unit);
  // Units are the province's map, `<province>:map`, which every tenant of the province shares.
  const pathOf = (tenant: string, unitId: string): string[] => {
    const map = `${tenant.slice(0, tenant.indexOf(':'))}:map`;
    const unit = units.get(`${map}/${unitId}`);
    if (!unit) throw new Error(`oracle: unit ${unitId} of ${map} is not in the table`);
    return [...(unit.ancestorIds as string[]), unitId];
  };
  const branches = new Map<string, RawItem>();
  const figures: Figures = {};

  for (const branch of ofEntity(items, 'branch')) {
    const tenant = text(branch, '_tenant');
    branches.set(`${tenant}/${text(branch, 'id')}`, branch);
    // A branch stored before statuses were kept is active.
    if (branch.status === 'dissolved') continue;
    add(figures, tenant, pathOf(tenant, text(branch, 'unitId')), `branches_${text(branch, 'kind')}`, 1);
  }

  /** Front tenant → person → the units they count in. */
  const persons = new Map<string, Map<string, Set<string>>>();
  for (const member of ofEntity(items, 'member')) {
    const tenant = text(member, '_tenant');
    const branch = branches.get(`${tenant}/${text(member, 'branchId')}`);
    if (!branch) throw new Error(`oracle: member ${text(member, 'id')} is in no branch of ${tenant}`);
    const path = pathOf(tenant, text(branch, 'unitId'));
    const status = text(member, 'status');
    add(figures, tenant, path, `members_${status}`, 1);
    if (!CURRENT_STATUSES.has(status)) continue;
    add(figures, tenant, path, `gender_${text(member, 'gender')}`, 1);
    add(figures, tenant, path, `born_${text(member, 'birthDate').slice(0, 4)}`, 1);
    if (branch.kind === 'professional') add(figures, tenant, path, 'professional', 1);

    const front = `${tenant.slice(0, tenant.indexOf(':'))}:front`;
    const hash = (member.nationalId as { hash?: string } | null | undefined)?.hash;
    const person = hash ? `id ${hash}` : `member ${tenant}/${text(member, 'id')}`;
    const people = persons.get(front) ?? new Map<string, Set<string>>();
    persons.set(front, people);
    const places = people.get(person) ?? new Set<string>();
    people.set(person, places);
    for (const unitId of path) places.add(unitId);
  }
  for (const [front, people] of persons)
    for (const places of people.values()) add(figures, front, [...places], 'unique_persons', 1);
  return withoutZeros(figures);
}

function ofEntity(items: readonly RawItem[], entity: string): RawItem[] {
  return items.filter((item) => item._entity === entity);
}

function text(item: RawItem, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new Error(`oracle: ${name} of ${String(item.PK)} is not text`);
  return value;
}

function add(figures: Figures, tenant: string, unitIds: readonly string[], name: string, value: number) {
  figures[tenant] ??= {};
  const byUnit = figures[tenant];
  for (const unitId of unitIds) {
    byUnit[unitId] ??= {};
    const counters = byUnit[unitId];
    counters[name] = (counters[name] ?? 0) + value;
  }
}

function withoutZeros(figures: Figures): Figures {
  const result: Figures = {};
  for (const [tenant, byUnit] of Object.entries(figures))
    for (const [unitId, counters] of Object.entries(byUnit))
      for (const [name, value] of Object.entries(counters))
        if (value !== 0) add(result, tenant, [unitId], name, value);
  return result;
}
