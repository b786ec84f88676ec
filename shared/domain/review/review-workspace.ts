/**
 * What the use cases of member reviews work with: the member workspace (a change of status in a
 * review is a member's ordinary change), the campaigns and branch reviews, and the figures, whose
 * counts of branches and members progress is measured against.
 */
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import type { ReviewCampaignRepository } from '../../store/repositories/review-campaigns.ts';
import type { MemberWorkspace } from '../members/member-workspace.ts';

export interface ReviewWorkspace extends MemberWorkspace {
  readonly reviews: ReviewCampaignRepository;
  readonly figures: FiguresRepository;
}
