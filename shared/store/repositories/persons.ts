/**
 * Where the Front's distinct-person count keeps its people (shared/figures/persons.ts): one
 * item per person, in the Front tenant of their province, `<province>:front#PERSON#<keyed
 * national-id hash>` / `PERSON`, holding `memberships` (member id → the units it counts in) and
 * a `version`. Written only by the stream function, in the transaction that moves the counters;
 * no route reads it, and its key is a keyed hash, not an id number.
 */

import { toTenantId } from '../../domain/tenant-id.ts';
import type { PersonRecord, PersonRef, PersonWrite } from '../../figures/persons.ts';
import { personId } from '../../figures/persons.ts';
import { type Key, keyString, type Table, type TransactOperation } from '../table.ts';

export const PERSON_ENTITY = 'person';

const personKey = (hash: string): Key => ({ pk: `PERSON#${hash}`, sk: 'PERSON' });

export class PersonRepository {
  constructor(private readonly table: Table) {}

  /**
   * The stored persons among these, keyed by personId. Read consistently: each write is
   * conditioned on the version read, so a stale read would only cost a retry.
   */
  async read(refs: readonly PersonRef[]): Promise<Map<string, PersonRecord>> {
    const byFront = new Map<string, PersonRef[]>();
    for (const ref of refs) {
      const group = byFront.get(ref.front);
      if (group) group.push(ref);
      else byFront.set(ref.front, [ref]);
    }
    const found = new Map<string, PersonRecord>();
    for (const [front, group] of byFront) {
      const items = await this.table.forTenant(toTenantId(front)).getMany<PersonRecord>(
        group.map((ref) => personKey(ref.hash)),
        { consistent: true },
      );
      for (const ref of group) {
        const item = items.get(keyString(personKey(ref.hash)));
        if (item) found.set(personId(ref), { memberships: item.memberships, version: item.version });
      }
    }
    return found;
  }

  /**
   * Sets a person as a recount found them, unless someone wrote them since `before` was read
   * (then the recount is stale for them, and says so by throwing).
   */
  async replace(ref: PersonRef, after: PersonRecord | null, before: PersonRecord | undefined): Promise<void> {
    await this.table.transact([
      this.writeOperation({
        ...ref,
        expectedVersion: before?.version ?? null,
        after: after && { memberships: after.memberships, version: (before?.version ?? 0) + 1 },
      }),
    ]);
  }

  /** The write, for a transaction: it applies only if nobody wrote the person since it was read. */
  writeOperation(write: PersonWrite): TransactOperation {
    const table = this.table.forTenant(toTenantId(write.front));
    const condition =
      write.expectedVersion === null ? { exists: false } : { equals: { version: write.expectedVersion } };
    if (!write.after) return table.deleteOperation(personKey(write.hash), condition);
    return table.putOperation(
      { entity: PERSON_ENTITY, key: personKey(write.hash), data: { ...write.after } },
      condition,
    );
  }
}
