/**
 * What the use cases of branch ratings work with: the tree (for the branch, its units and their
 * scope), the criteria sets, the ratings and the audit trail, all of the caller's tenant.
 */
import type { BranchRatingRepository } from '../../store/repositories/branch-ratings.ts';
import type { RatingCriteriaRepository } from '../../store/repositories/rating-criteria.ts';
import type { TreeWorkspace } from '../unit-workspace.ts';

export interface RatingWorkspace extends TreeWorkspace {
  readonly criteria: RatingCriteriaRepository;
  readonly ratings: BranchRatingRepository;
}
