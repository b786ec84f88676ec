/**
 * How items turn into counts, with no I/O: the stream function and the recount both go through
 * here, so a change applied from the stream and a count made from scratch cannot disagree on
 * what a member or a branch is worth.
 *
 * An item contributes a set of counters to every unit of its path (a member: province → … → its
 * branch's unit; a branch: its unit's ancestors and the unit; a branch's rating or review: the
 * units it carries, the branch's unit and its ancestors). A change of an item adds the new
 * contribution and takes away the old one; changes that move no counter (a new phone number, a
 * branch starting to dissolve) come out empty and cost nothing downstream.
 */
import { z } from 'zod';
import { BRANCH_KINDS, BRANCH_STATUSES, type BranchKind, type BranchStatus } from '../domain/branches.ts';
import { isCurrent } from '../domain/members/lifecycle.ts';
import {
  GENDERS,
  type Gender,
  MEMBER_RATING_LEVELS,
  MEMBER_STATUSES,
  type MemberRatingLevel,
  type MemberStatus,
} from '../domain/members/member.ts';
import {
  countsAsIntroduced,
  PARTY_STATES,
  type PartyIntroduction,
} from '../domain/party/party-introduction.ts';
import { RATING_STATES } from '../domain/ratings/branch-rating.ts';
import { RATING_LEVELS } from '../domain/ratings/criteria.ts';
import { type ReviewCounts, reviewCountsSchema } from '../domain/review/member-review.ts';
import {
  AGGREGATE_COUNTERS,
  bornCounter,
  branchRatingCounter,
  branchStandardCounter,
  type Counters,
  memberRatingCounter,
  partyAdmittedCounter,
  partyIntroducedCounter,
  reviewCounter,
} from './counters.ts';

/** The fields of a member item that figures count. */
export interface CountedMember {
  readonly status: MemberStatus;
  readonly gender: Gender;
  readonly birthDate: string;
  readonly unitIds: readonly string[];
  readonly branchKind?: BranchKind | null | undefined;
  /** Absent on members never introduced to the Party. */
  readonly partyIntroductions?: readonly CountedIntroduction[] | null | undefined;
  /** The yearly ratings by year (`'2025'`); absent on members never rated. */
  readonly ratings?: Readonly<Record<string, MemberRatingLevel>> | null | undefined;
}

/** The fields of an introduction to the Party that figures count: the days, and how it ended. */
export type CountedIntroduction = Pick<PartyIntroduction, 'introducedOn' | 'state' | 'decidedOn'>;

/** The fields of a branch item that figures count. */
export interface CountedBranch {
  readonly unitId: string;
  readonly kind: BranchKind;
  readonly status: BranchStatus;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const countedIntroductionSchema = z
  .object({ introducedOn: isoDate, state: z.enum(PARTY_STATES), decidedOn: isoDate.nullable() })
  // An admission is counted in the year it was decided: without that day it has no year.
  .refine((introduction) => introduction.state !== 'admitted' || introduction.decidedOn !== null, {
    message: 'an admitted introduction without decidedOn',
  });

// Loose on purpose: an item carries many more fields, and only these matter here.
const countedMemberSchema = z.object({
  status: z.enum(MEMBER_STATUSES),
  gender: z.enum(GENDERS),
  birthDate: isoDate,
  unitIds: z.array(z.string().min(1)).min(1),
  branchKind: z.enum(BRANCH_KINDS).nullish(),
  partyIntroductions: z.array(countedIntroductionSchema).nullish(),
  ratings: z.record(z.string().regex(/^\d{4}$/), z.enum(MEMBER_RATING_LEVELS)).nullish(),
});

const countedBranchSchema = z.object({
  unitId: z.string().min(1),
  kind: z.enum(BRANCH_KINDS),
  // Branches written before statuses were kept are active (fullBranch's default).
  status: z.enum(BRANCH_STATUSES).default('active'),
});

const countedBranchRatingSchema = z.object({
  unitIds: z.array(z.string().min(1)).min(1),
  branchKind: z.enum(BRANCH_KINDS),
  year: z.number().int(),
  level: z.enum(RATING_LEVELS),
  state: z.enum(RATING_STATES),
  standardName: z.string().nullable(),
  standardMet: z.boolean().nullable(),
});
/** The fields of a branch's rating that figures count. */
export type CountedBranchRating = z.infer<typeof countedBranchRatingSchema>;

const countedBranchReviewSchema = z.object({
  unitIds: z.array(z.string().min(1)).min(1),
  year: z.number().int(),
  counts: reviewCountsSchema,
  doneAt: z.string().nullable(),
});
/** The fields of a branch's review that figures count. */
export type CountedBranchReview = z.infer<typeof countedBranchReviewSchema>;

/**
 * The counted fields of a stored member, or an error naming what is wrong: an item that cannot
 * be counted must stop the batch (and be looked at), not be counted as nothing.
 */
export function countedMember(item: unknown): CountedMember {
  return countedMemberSchema.parse(item);
}

export function countedBranch(item: unknown): CountedBranch {
  return countedBranchSchema.parse(item);
}

export function countedBranchRating(item: unknown): CountedBranchRating {
  return countedBranchRatingSchema.parse(item);
}

export function countedBranchReview(item: unknown): CountedBranchReview {
  return countedBranchReviewSchema.parse(item);
}

/** What one item adds to the aggregates: these counters, in each unit of the path. */
export interface Contribution {
  readonly unitIds: readonly string[];
  readonly counters: Counters;
}

export function memberContribution(member: CountedMember): Contribution {
  const counters: Counters = { [AGGREGATE_COUNTERS.members[member.status]]: 1 };
  if (isCurrent(member.status)) {
    counters[AGGREGATE_COUNTERS.gender[member.gender]] = 1;
    counters[bornCounter(member.birthDate.slice(0, 4))] = 1;
    if (member.branchKind === 'professional') counters[AGGREGATE_COUNTERS.professional] = 1;
  }
  // Whatever the member's status: an introduction, a rating stays a fact of its year after they leave.
  const add = (name: string) => {
    counters[name] = (counters[name] ?? 0) + 1;
  };
  for (const introduction of member.partyIntroductions ?? []) {
    if (countsAsIntroduced(introduction)) add(partyIntroducedCounter(introduction.introducedOn.slice(0, 4)));
    if (introduction.state === 'admitted' && introduction.decidedOn)
      add(partyAdmittedCounter(introduction.decidedOn.slice(0, 4)));
  }
  for (const [year, level] of Object.entries(member.ratings ?? {})) add(memberRatingCounter(level, year));
  return { unitIds: unique(member.unitIds), counters };
}

/** `unitPath`: the branch's unit's ancestors from the top, then the unit itself. */
export function branchContribution(branch: CountedBranch, unitPath: readonly string[]): Contribution {
  if (branch.status === 'dissolved') return { unitIds: [], counters: {} };
  return { unitIds: unique(unitPath), counters: { [AGGREGATE_COUNTERS.branches[branch.kind]]: 1 } };
}

/**
 * An approved rating counts at its level, and against its set's standard when the set names one;
 * any other state (a draft, an unlocked rating back to a draft) counts nowhere.
 */
export function branchRatingContribution(rating: CountedBranchRating): Contribution {
  if (rating.state !== 'approved') return { unitIds: [], counters: {} };
  const counters: Counters = { [branchRatingCounter(rating.level, rating.year)]: 1 };
  if (rating.standardName !== null) {
    counters[branchStandardCounter('rated', rating.branchKind, rating.year)] = 1;
    if (rating.standardMet === true)
      counters[branchStandardCounter('met', rating.branchKind, rating.year)] = 1;
  }
  return { unitIds: unique(rating.unitIds), counters };
}

/** A review counts as started from its first write, done once it has a day done, with its counts. */
export function branchReviewContribution(review: CountedBranchReview): Contribution {
  const counters: Counters = { [reviewCounter('branches', review.year)]: 1 };
  if (review.doneAt !== null) counters[reviewCounter('done', review.year)] = 1;
  for (const [field, value] of Object.entries(review.counts) as [keyof ReviewCounts, number][])
    if (value !== 0) counters[reviewCounter(field, review.year)] = value;
  return { unitIds: unique(review.unitIds), counters };
}

/** Counter changes by unit id. */
export type UnitDeltas = Map<string, Counters>;

/** What changing an item from `before` to `after` (either absent) does to the aggregates. */
export function deltaOf(before: Contribution | null, after: Contribution | null): UnitDeltas {
  const deltas: UnitDeltas = new Map();
  const apply = (contribution: Contribution | null, sign: 1 | -1) => {
    for (const unitId of contribution?.unitIds ?? []) {
      const counters = deltas.get(unitId) ?? {};
      for (const [name, value] of Object.entries(contribution?.counters ?? {}))
        counters[name] = (counters[name] ?? 0) + sign * value;
      deltas.set(unitId, counters);
    }
  };
  apply(before, -1);
  apply(after, 1);
  return withoutZeros(deltas);
}

/** One aggregate item's change: add these counters to tenant's unit. */
export interface AggregateUpdate {
  readonly tenant: string;
  readonly unitId: string;
  readonly counters: Counters;
}

/**
 * Sums changes per aggregate item, so a batch of a thousand admissions in one commune writes the
 * province's item once, not a thousand times.
 */
export class DeltaSum {
  private readonly byItem = new Map<string, { tenant: string; unitId: string; counters: Counters }>();

  add(tenant: string, deltas: UnitDeltas): this {
    for (const [unitId, counters] of deltas) {
      const id = `${tenant}\u0000${unitId}`;
      const entry = this.byItem.get(id) ?? { tenant, unitId, counters: {} };
      for (const [name, value] of Object.entries(counters))
        entry.counters[name] = (entry.counters[name] ?? 0) + value;
      this.byItem.set(id, entry);
    }
    return this;
  }

  /** The aggregate items that change, each with its non-zero counter changes. */
  updates(): AggregateUpdate[] {
    const updates: AggregateUpdate[] = [];
    for (const { tenant, unitId, counters } of this.byItem.values()) {
      const nonZero = Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));
      if (Object.keys(nonZero).length > 0) updates.push({ tenant, unitId, counters: nonZero });
    }
    return updates;
  }
}

function withoutZeros(deltas: UnitDeltas): UnitDeltas {
  const result: UnitDeltas = new Map();
  for (const [unitId, counters] of deltas) {
    const nonZero = Object.fromEntries(Object.entries(counters).filter(([, value]) => value !== 0));
    if (Object.keys(nonZero).length > 0) result.set(unitId, nonZero);
  }
  return result;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
