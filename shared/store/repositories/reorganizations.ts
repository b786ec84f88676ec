/**
 * Where reorganizations are kept. The record lives in the province's map partition
 * (`<province>:map`): `REORGANIZATION#<id>` / `REORGANIZATION`, listed newest first through GSI1
 * `REORGANIZATIONS` by date; beside it a guard `REORGANIZATION_KEY#<digest>` / `KEY` holding its
 * id, the digest of kind, resolution number and units, so the same reorganization is recorded
 * once. Each organization's follow-up plan lives in its own partition:
 * `REORGANIZATION_APPLY#<id>` / `APPLY`.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { ApplyPlan, Reorganization } from '../../domain/reorganizations.ts';
import type { Page, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const key = (id: string) => ({ pk: `REORGANIZATION#${id}`, sk: 'REORGANIZATION' });
const guardKey = (digest: string) => ({ pk: `REORGANIZATION_KEY#${digest}`, sk: 'KEY' });
const planKey = (id: string) => ({ pk: `REORGANIZATION_APPLY#${id}`, sk: 'APPLY' });

export function reorganizationDigest(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export class ReorganizationRepository {
  /** `tenantTable`: any tenant of the province; reorganizations are its map's, plans the tenant's own. */
  constructor(private readonly tenantTable: TenantTable) {}

  // Resolved when used, as in UnitRepository: the platform gets a workspace too and is refused first.
  private get map(): TenantTable {
    return this.tenantTable.map();
  }

  /** A transaction on the map, for the record and the unit changes of one step. */
  transaction(): Transaction {
    return new Transaction(this.map);
  }

  async get(id: string): Promise<Reorganization | undefined> {
    return this.map.get<Reorganization>(key(id));
  }

  /** The reorganization recorded under this digest, if any. */
  async withDigest(digest: string): Promise<Reorganization | undefined> {
    const guard = await this.map.get<{ id: string }>(guardKey(digest));
    return guard && this.get(guard.id);
  }

  /** Stores a new record with its guard; a twin recorded first fails it with PRECONDITION_FAILED. */
  create(tx: Transaction, reorganization: Reorganization, digest: string): void {
    tx.put(
      { entity: 'reorganization_key', key: guardKey(digest), data: { id: reorganization.id } },
      { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    tx.put(this.item(reorganization), { exists: false }, () => new DomainError('PRECONDITION_FAILED'));
  }

  save(tx: Transaction, before: Reorganization, after: Reorganization): void {
    tx.put(
      this.item(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  async list(limit: number, cursor?: string): Promise<Page<Reorganization>> {
    return this.map.query<Reorganization>({
      index: 'GSI1',
      pk: 'REORGANIZATIONS',
      limit,
      cursor,
      newestFirst: true,
    });
  }

  async plan(id: string): Promise<ApplyPlan | undefined> {
    return this.tenantTable.get<ApplyPlan>(planKey(id));
  }

  /** A transaction on the caller's tenant, for its follow-up plan. */
  tenantTransaction(): Transaction {
    return new Transaction(this.tenantTable);
  }

  /** Stores the plan first, or a change of it since `before` was read (PRECONDITION_FAILED otherwise). */
  savePlan(tx: Transaction, before: ApplyPlan | null, after: ApplyPlan): void {
    tx.put(
      { entity: 'reorganization_apply', key: planKey(after.reorganizationId), data: { ...after } },
      before ? { equals: { version: before.version } } : { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  private item(reorganization: Reorganization) {
    return {
      entity: 'reorganization',
      key: key(reorganization.id),
      indexes: { GSI1: { pk: 'REORGANIZATIONS', sk: `${reorganization.createdAt}#${reorganization.id}` } },
      data: { ...reorganization },
    };
  }
}
