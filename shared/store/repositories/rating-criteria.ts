/**
 * Where criteria sets for branch ratings are kept. Item: `<tenant>#RATING_CRITERIA` /
 * `<year>#<branchKind>`, so a year's sets (one per kind at most) are one Query.
 */
import type { BranchKind } from '../../domain/branches.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CriteriaSet } from '../../domain/ratings/criteria.ts';
import type { TenantTable } from '../table.ts';
import type { Transaction } from '../transaction.ts';

const PK = 'RATING_CRITERIA';
const key = (year: number, kind: BranchKind) => ({ pk: PK, sk: `${year}#${kind}` });
const item = (set: CriteriaSet) => ({
  entity: 'rating_criteria',
  key: key(set.year, set.branchKind),
  data: set,
});

export class RatingCriteriaRepository {
  constructor(private readonly table: TenantTable) {}

  get(year: number, kind: BranchKind): Promise<CriteriaSet | undefined> {
    return this.table.get<CriteriaSet>(key(year, kind));
  }

  async ofYear(year: number): Promise<CriteriaSet[]> {
    const page = await this.table.query<CriteriaSet>({ pk: PK, skBeginsWith: `${year}#` });
    return page.items;
  }

  create(tx: Transaction, set: CriteriaSet): void {
    tx.put(item(set), { exists: false }, () => new DomainError('PRECONDITION_FAILED'));
  }

  /** Applies only if nobody changed the set since `before` was read and no rating of it was submitted. */
  save(tx: Transaction, before: CriteriaSet, after: CriteriaSet): void {
    tx.put(
      item(after),
      { equals: { version: before.version, locked: false } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /**
   * Makes a submission apply only while the set is still the version its rating was scored by,
   * and locks the set: from then on, changing it would change what a submitted rating means.
   */
  lockFor(tx: Transaction, set: CriteriaSet): void {
    const onConflict = () =>
      new DomainError('RATING_CRITERIA_CHANGED', { year: String(set.year), kind: set.branchKind });
    const condition = { equals: { version: set.version } };
    if (set.locked) tx.check(key(set.year, set.branchKind), condition, onConflict);
    else tx.update(key(set.year, set.branchKind), { set: { locked: true }, condition }, onConflict);
  }
}
