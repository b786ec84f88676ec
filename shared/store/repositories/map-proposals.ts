/**
 * Where hamlet proposals are kept: in the province's map partition (`<province>:map`), reached
 * from any tenant of the province. Item: `MAP_PROPOSAL#<id>` / `PROPOSAL`, listed by status
 * through GSI1 `PROPOSALS#<STATUS>` by date. While one is pending, a guard item
 * `MAP_PROPOSAL_NAME#<communeId>` / `PENDING#<folded name>` holds its id, so two organizations
 * proposing the same hamlet at once cannot both open a proposal.
 */
import { DomainError } from '../../domain/errors.ts';
import type { HamletProposal, ProposalStatus } from '../../domain/map-proposals.ts';
import type { Organization } from '../../domain/organizations.ts';
import { foldVietnamese } from '../../domain/vietnamese-text.ts';
import type { Item, Page, QueryFilter, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const key = (id: string) => ({ pk: `MAP_PROPOSAL#${id}`, sk: 'PROPOSAL' });
const pendingNameKey = (communeId: string, name: string) => ({
  pk: `MAP_PROPOSAL_NAME#${communeId}`,
  sk: `PENDING#${foldVietnamese(name)}`,
});

function proposalItem(proposal: HamletProposal): Item {
  return {
    entity: 'map_proposal',
    key: key(proposal.id),
    indexes: {
      GSI1: {
        pk: `PROPOSALS#${proposal.status.toUpperCase()}`,
        sk: `${proposal.createdAt}#${proposal.id}`,
      },
    },
    data: { ...proposal },
  };
}

/** Who a listing is for: all of the province, or one organization's within a part of the tree. */
export interface ProposalReach {
  readonly organization?: Organization;
  readonly withinUnitId?: string;
}

export class MapProposalRepository {
  /** `tenantTable`: any tenant of the province; the proposals are its province's. */
  constructor(private readonly tenantTable: TenantTable) {}

  // Resolved when used, as in UnitRepository: the platform, which has no province, gets a
  // workspace too, and the use cases refuse it before anything is read.
  private get table(): TenantTable {
    return this.tenantTable.map();
  }

  async get(id: string): Promise<HamletProposal | undefined> {
    return this.table.get<HamletProposal>(key(id));
  }

  /** The pending proposal of this name (Vietnamese-insensitive) in the commune, if any. */
  async pendingNamed(communeId: string, name: string): Promise<HamletProposal | undefined> {
    const guard = await this.table.get<{ proposalId: string }>(pendingNameKey(communeId, name));
    return guard && this.get(guard.proposalId);
  }

  /** Stores a new pending proposal; another pending one of the same name fails it (PRECONDITION_FAILED). */
  async create(proposal: HamletProposal): Promise<void> {
    const tx = new Transaction(this.table);
    tx.put(
      {
        entity: 'map_proposal_name',
        key: pendingNameKey(proposal.communeId, proposal.name),
        data: { proposalId: proposal.id },
      },
      { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    tx.put(proposalItem(proposal), { exists: false }, () => new DomainError('PRECONDITION_FAILED'));
    await tx.commit();
  }

  /**
   * Writes a change, only if nobody changed the proposal since `before` was read
   * (PRECONDITION_FAILED otherwise); a decided proposal frees its name for a new one.
   */
  async save(before: HamletProposal, after: HamletProposal): Promise<void> {
    const tx = new Transaction(this.table);
    tx.put(
      proposalItem(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
    if (before.status === 'pending' && after.status !== 'pending')
      tx.delete(pendingNameKey(before.communeId, before.name));
    await tx.commit();
  }

  /** Proposals of a status by date; a reach narrows them to an organization's, within a unit. */
  async list(
    status: ProposalStatus,
    reach: ProposalReach,
    limit: number,
    cursor?: string,
  ): Promise<Page<HamletProposal>> {
    const contains: [string, string][] = [];
    if (reach.organization) contains.push(['organizations', reach.organization]);
    if (reach.withinUnitId) contains.push(['communePath', reach.withinUnitId]);
    const filter: QueryFilter | undefined = contains.length > 0 ? { contains } : undefined;
    return this.table.query<HamletProposal>({
      index: 'GSI1',
      pk: `PROPOSALS#${status.toUpperCase()}`,
      limit,
      cursor,
      ...(filter && { filter }),
    });
  }
}
