/**
 * Where member reviews are kept:
 * - a campaign `<tenant>#REVIEW_CAMPAIGNS` / `<year>`, one per year (the key is the guard: two
 *   admins opening it at once open it once); every campaign of the tenant is one Query;
 * - a branch's review in its branch's partition `<tenant>#BRANCH#<branchId>` / `REVIEW#<year>`,
 *   listed by year through GSI1 `<tenant>#BRANCH_REVIEWS#<year>` sorted by
 *   `<communeId or ->#<unitId>#<branch name in Vietnamese order>#<branchId>`: a commune, or a
 *   hamlet in it, is a key prefix; branches above communes list first, under `-`.
 */
import type { YearListPlace } from '../../domain/admin-units/year-list-place.ts';
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import type { BranchReview, ReviewCampaign } from '../../domain/review/member-review.ts';
import type { Item, TenantTable } from '../table.ts';
import { Transaction } from '../transaction.ts';

const campaignKey = (year: number) => ({ pk: 'REVIEW_CAMPAIGNS', sk: String(year) });
const reviewKey = (branchId: string, year: number) => ({ pk: `BRANCH#${branchId}`, sk: `REVIEW#${year}` });
const NO_COMMUNE = '-';
const PAGE = 500;

function reviewItem(review: BranchReview): Item {
  return {
    key: reviewKey(review.branchId, review.year),
    indexes: {
      GSI1: {
        pk: `BRANCH_REVIEWS#${review.year}`,
        sk: `${review.communeId ?? NO_COMMUNE}#${review.unitId}#${nameSortKey(review.branchName)}#${review.branchId}`,
      },
    },
    entity: 'branch_review',
    data: review,
  };
}

export class ReviewCampaignRepository {
  constructor(private readonly table: TenantTable) {}

  transaction(): Transaction {
    return new Transaction(this.table);
  }

  campaign(year: number): Promise<ReviewCampaign | undefined> {
    return this.table.get<ReviewCampaign>(campaignKey(year));
  }

  /** A second campaign of the same year fails the transaction with REVIEW_EXISTS. */
  createCampaign(tx: Transaction, campaign: ReviewCampaign): void {
    tx.put(
      { key: campaignKey(campaign.year), entity: 'review_campaign', data: campaign },
      { exists: false },
      () => new DomainError('REVIEW_EXISTS', { year: String(campaign.year) }),
    );
  }

  saveCampaign(tx: Transaction, before: ReviewCampaign, after: ReviewCampaign): void {
    tx.put(
      { key: campaignKey(after.year), entity: 'review_campaign', data: after },
      { equals: { version: before.version } },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /** Makes a branch's write apply only while the campaign is open: none slips in after closing. */
  requireOpen(tx: Transaction, year: number): void {
    tx.check(
      campaignKey(year),
      { equals: { state: 'open' } },
      () => new DomainError('REVIEW_CLOSED', { year: String(year) }),
    );
  }

  review(branchId: string, year: number): Promise<BranchReview | undefined> {
    return this.table.get<BranchReview>(reviewKey(branchId, year));
  }

  /** Creates the review (`before` undefined) or replaces it if nobody changed it since `before` was read. */
  saveReview(tx: Transaction, before: BranchReview | undefined, after: BranchReview): void {
    tx.put(
      reviewItem(after),
      before ? { equals: { version: before.version } } : { exists: false },
      () => new DomainError('PRECONDITION_FAILED'),
    );
  }

  /** Every branch review of a year in a place, all pages. */
  async reviews(year: number, place: YearListPlace): Promise<BranchReview[]> {
    const prefix = place.communeId && `${place.communeId}#${place.hamletId ? `${place.hamletId}#` : ''}`;
    const all: BranchReview[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.table.query<BranchReview>({
        index: 'GSI1',
        pk: `BRANCH_REVIEWS#${year}`,
        ...(prefix && { skBeginsWith: prefix }),
        ...(place.withinUnitId && { filter: { contains: [['unitIds', place.withinUnitId]] } }),
        limit: PAGE,
        cursor,
      });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
}
