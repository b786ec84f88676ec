/**
 * Where branch ratings are kept: in their branch's partition, `<tenant>#BRANCH#<branchId>` /
 * `RATING#<year>`, one per branch and year (the key is the guard: two officers creating it at
 * once create it once). A year's ratings of the tenant through GSI1
 * `<tenant>#BRANCH_RATINGS#<year>` sorted by
 * `<communeId or ->#<unitId>#<branch name in Vietnamese order>#<branchId>`: a commune, or a
 * hamlet in it, is a key prefix; branches above communes list first, under `-`.
 */

import type { YearListPlace } from '../../domain/admin-units/year-list-place.ts';
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import type { BranchRating, RatingState } from '../../domain/ratings/branch-rating.ts';
import { type Item, keyString, type Page, type TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const key = (branchId: string, year: number) => ({ pk: `BRANCH#${branchId}`, sk: `RATING#${year}` });
const NO_COMMUNE = '-';

export function ratingItem(rating: BranchRating): Item {
  return {
    key: key(rating.branchId, rating.year),
    indexes: {
      GSI1: {
        pk: `BRANCH_RATINGS#${rating.year}`,
        sk: `${rating.communeId ?? NO_COMMUNE}#${rating.unitId}#${nameSortKey(rating.branchName)}#${rating.branchId}`,
      },
    },
    entity: 'branch_rating',
    data: rating,
  };
}

export class BranchRatingRepository {
  constructor(private readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  get(branchId: string, year: number): Promise<BranchRating | undefined> {
    return this.table.get<BranchRating>(key(branchId, year));
  }

  /** The year's ratings of these branches, by branch id; a branch without one is absent. */
  async ofBranches(branchIds: readonly string[], year: number): Promise<Map<string, BranchRating>> {
    const found = await this.table.getMany<BranchRating>(branchIds.map((id) => key(id, year)));
    const ratings = new Map<string, BranchRating>();
    for (const id of branchIds) {
      const rating = found.get(keyString(key(id, year)));
      if (rating) ratings.set(id, rating);
    }
    return ratings;
  }

  list(
    year: number,
    place: YearListPlace,
    state: RatingState | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<BranchRating>> {
    const prefix = place.communeId && `${place.communeId}#${place.hamletId ? `${place.hamletId}#` : ''}`;
    return this.table.query<BranchRating>({
      index: 'GSI1',
      pk: `BRANCH_RATINGS#${year}`,
      ...(prefix && { skBeginsWith: prefix }),
      filter: {
        ...(state && { equals: { state } }),
        ...(place.withinUnitId && { contains: [['unitIds', place.withinUnitId]] }),
      },
      limit,
      cursor,
    });
  }

  create(tx: Transaction, rating: BranchRating): void {
    tx.put(ratingItem(rating), { exists: false }, () => new DomainError('PRECONDITION_FAILED'));
  }

  /** Applies only if nobody changed the rating since `before` was read. */
  save(tx: Transaction, before: BranchRating, after: BranchRating): void {
    tx.put(
      ratingItem(after),
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }
}
