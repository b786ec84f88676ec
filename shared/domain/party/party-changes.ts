/**
 * Recording introductions to the Party and their outcome, as changes of the member: read, checked,
 * written with the audit record in one transaction. Who was introduced is sensitive (political
 * affiliation): only roles that see sensitive fields record it, and only for members in their scope.
 */
import { randomUUID } from 'node:crypto';
import { requireMemberWriter, requireSensitiveReader } from '../access/member-access.ts';
import type { ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { IdempotentCall } from '../idempotency.ts';
import { requireCurrent } from '../members/lifecycle.ts';
import type { Member } from '../members/member.ts';
import { changeMember } from '../members/member-changes.ts';
import type { MemberWorkspace } from '../members/member-workspace.ts';
import type { IntroduceToParty, PartyIntroduction, PartyOutcomeRequest } from './party-introduction.ts';

function requirePartyRecorder(ctx: ChangeContext): void {
  requireMemberWriter(ctx.principal);
  requireSensitiveReader(ctx.principal);
}

/** A day of the record refused beside its field: it lies between `from` and today. */
function requireDayBetween(day: string, from: string, today: string, field: string): void {
  if (day < from || day > today)
    throw new DomainError('EFFECTIVE_DATE_OUT_OF_RANGE', { from, to: today }, [
      { path: `body.${field}`, code: 'out_of_range' },
    ]);
}

export function introduceToParty(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  memberId: string,
  request: IntroduceToParty,
  expectedVersion?: number,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  requirePartyRecorder(ctx);
  return changeMember(ws, ctx, memberId, expectedVersion, 'party_introduce', call, async (before) => {
    requireCurrent(before);
    if (before.partyMember) throw new DomainError('PARTY_MEMBER_ALREADY');
    const earlier = before.partyIntroductions ?? [];
    const pending = earlier.find((introduction) => introduction.state === 'pending');
    if (pending) throw new DomainError('PARTY_INTRODUCTION_PENDING', { date: pending.introducedOn });
    // A member is introduced as a member, and again only after the last answer.
    const since = earlier.reduce(
      (day, i) => (i.decidedOn && i.decidedOn > day ? i.decidedOn : day),
      before.joinedAt,
    );
    requireDayBetween(request.introducedOn, since, vietnamToday(ctx.now), 'introducedOn');
    const introduction: PartyIntroduction = {
      id: randomUUID(),
      introducedOn: request.introducedOn,
      branchId: before.branchId,
      decisionNumber: request.decisionNumber,
      note: request.note,
      state: 'pending',
      decidedOn: null,
      decisionNote: null,
      recordedBy: ctx.principal.username,
    };
    return { after: { ...before, partyIntroductions: [...earlier, introduction] }, event: null };
  });
}

/**
 * The Party's answer to an introduction, or its withdrawal by the branch. A member who left the
 * organization meanwhile still gets the answer recorded: the introduction was made while they were in it.
 */
export function decidePartyIntroduction(
  ws: MemberWorkspace,
  ctx: ChangeContext,
  memberId: string,
  introductionId: string,
  outcome: PartyOutcomeRequest,
  expectedVersion?: number,
  call?: IdempotentCall<Member>,
): Promise<Member> {
  requirePartyRecorder(ctx);
  return changeMember(ws, ctx, memberId, expectedVersion, 'party_decide', call, async (before) => {
    const introductions = before.partyIntroductions ?? [];
    const introduction = introductions.find((i) => i.id === introductionId);
    if (!introduction) throw new DomainError('PARTY_INTRODUCTION_NOT_FOUND', { id: introductionId });
    if (introduction.state !== 'pending')
      throw new DomainError('PARTY_INTRODUCTION_DECIDED', { date: introduction.decidedOn ?? '' });
    requireDayBetween(outcome.decidedOn, introduction.introducedOn, vietnamToday(ctx.now), 'decidedOn');
    const decided: PartyIntroduction = {
      ...introduction,
      state: outcome.state,
      decidedOn: outcome.decidedOn,
      decisionNote: outcome.note,
    };
    return {
      after: {
        ...before,
        partyMember: before.partyMember || outcome.state === 'admitted',
        partyIntroductions: introductions.map((i) => (i.id === introductionId ? decided : i)),
      },
      event: null,
    };
  });
}
