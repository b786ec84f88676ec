/**
 * Yearly member ratings (đánh giá, xếp loại đoàn viên, hội viên): each member of a branch rated
 * for a year — excellent, good, fulfilled, not fulfilled ("hoàn thành xuất sắc / tốt / hoàn
 * thành / không hoàn thành nhiệm vụ") — entered for the whole branch at once, as its meeting
 * decides them. Each member's rating is a change of that member, audited; a sheet refused for
 * one bad row writes nothing, as every row is checked before the first is written.
 */
import { z } from 'zod';
import { requireMemberReader, requireMemberWriter } from '../access/member-access.ts';
import type { ChangeContext } from '../audit.ts';
import { readBranch } from '../branch-changes.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { requireCurrent } from './lifecycle.ts';
import { MEMBER_RATING_LEVELS } from './member.ts';
import { changeMember } from './member-changes.ts';
import type { MemberWorkspace } from './member-workspace.ts';

export const memberRatingLevelSchema = z.enum(MEMBER_RATING_LEVELS);

export const ratingYearSchema = z.coerce.number().int().min(2000).max(2100);

export const rateMembersSchema = z
  .strictObject({
    ratings: z
      .array(z.strictObject({ memberId: z.string().min(1).max(64), level: memberRatingLevelSchema }))
      .min(1)
      .max(500),
  })
  .meta({ id: 'RateMembers', description: 'Ratings of members of the branch; members left out keep theirs' });
export type RateMembers = z.infer<typeof rateMembersSchema>;

export const branchMemberRatingsSchema = z
  .object({
    branchId: z.string(),
    year: z.number().int(),
    members: z.array(
      z.object({
        memberId: z.string(),
        fullName: z.string(),
        level: memberRatingLevelSchema.nullable(),
      }),
    ),
  })
  .meta({
    id: 'BranchMemberRatings',
    description: 'The branch’s current members, in name order, with their rating',
  });
export type BranchMemberRatings = z.infer<typeof branchMemberRatingsSchema>;

/** Members are rated as they are this year or were in years past; a year to come has no rating. */
function requireRatedYear(year: number, now: Date): void {
  if (year > Number(vietnamToday(now).slice(0, 4)))
    throw new DomainError('VALIDATION_FAILED', {}, [{ path: 'param.year', code: 'out_of_range' }]);
}

export async function branchMemberRatings(
  ws: MemberWorkspace,
  principal: Principal,
  branchId: string,
  year: number,
): Promise<BranchMemberRatings> {
  requireMemberReader(principal);
  await readBranch(ws, principal, branchId);
  const members = await ws.members.ratingsInBranch(branchId, String(year));
  return { branchId, year, members };
}

/** Writes this many members' changes at once: a branch's sheet is done in a few round trips. */
const CONCURRENT_WRITES = 8;

export async function rateMembers(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  branchId: string,
  year: number,
  request: RateMembers,
): Promise<BranchMemberRatings> {
  requireMemberWriter(ctx.principal);
  requireRatedYear(year, ctx.now);
  const sheet = await branchMemberRatings(ws, ctx.principal, branchId, year);
  const current = new Map(sheet.members.map((member) => [member.memberId, member.level]));
  const seen = new Set<string>();
  const problems = request.ratings.flatMap(({ memberId }, index) => {
    const code = !current.has(memberId) ? 'not_in_branch' : seen.has(memberId) ? 'duplicate' : undefined;
    seen.add(memberId);
    return code ? [{ path: `body.ratings.${index}.memberId`, code }] : [];
  });
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', {}, problems);
  const changed = request.ratings.filter(({ memberId, level }) => current.get(memberId) !== level);
  const key = String(year);
  for (let start = 0; start < changed.length; start += CONCURRENT_WRITES)
    await Promise.all(
      changed.slice(start, start + CONCURRENT_WRITES).map(({ memberId, level }) =>
        changeMember(ws, ctx, memberId, undefined, 'rate', undefined, async (before) => {
          requireCurrent(before);
          // Moved away since the sheet was read: their new branch rates them.
          if (before.branchId !== branchId) throw new DomainError('PRECONDITION_FAILED');
          return { after: { ...before, ratings: { ...before.ratings, [key]: level } }, event: null };
        }),
      ),
    );
  return branchMemberRatings(ws, ctx.principal, branchId, year);
}
