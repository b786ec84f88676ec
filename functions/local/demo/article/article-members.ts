/**
 * The article's members, made from the demo's generated ones (demo-members.ts shapes them as they
 * are imported). The generator is run as of the previous year-end, so everyone it makes was a
 * member then, of age and in a status of then; from there:
 *
 * - every member is present (active) on both days the article compares: a history that leaves a
 *   member anything else (away, lapsed, gone) is dropped, keeping those that end back home;
 * - the year's new members are spread through the generated ones, each admitted on a day since the
 *   year-end on which they are eligible (the Youth Union admits no one past 30);
 * - the year's introductions to the Party go to members of 18 or more who are not in it yet, each
 *   made on a day after their admission in the year, and the first ones introduced are admitted on
 *   a later day of it (which makes them Party members).
 *
 * Every choice is made in the members' order, the same at every run, so a resumed import makes the
 * same members. The counts are exact: a shortfall is an error, not a near miss.
 */

import { DomainError } from '#shared/domain/errors.ts';
import { ageOn, checkEligibility, DEFAULT_ELIGIBILITY } from '#shared/domain/members/eligibility.ts';
import type { Member } from '#shared/domain/members/member.ts';
import type { Organization } from '#shared/domain/organizations.ts';
import type { PartyIntroduction } from '#shared/domain/party/party-introduction.ts';
import { fraction } from '../demo-history.ts';
import { type DemoMembersShape, demoMemberId, RECORDED_BY } from '../demo-members.ts';
import type { GeneratedMember } from '../generate-members.ts';
import type { ArticlePlan } from './article-table.ts';

/** The days the article's figures compare, and the first of this year. */
export interface ArticleDays {
  readonly today: string;
  /** The previous year-end: the comparison's first day, and the generator's today. */
  readonly yearEnd: string;
  readonly yearStart: string;
}

export function articleDays(today: string): ArticleDays {
  const year = Number(today.slice(0, 4));
  return { today, yearEnd: `${year - 1}-12-31`, yearStart: `${year}-01-01` };
}

/**
 * Picked ones are spread over the first nine tenths of the members, so that those who cannot be
 * picked (too old to join the Youth Union this year, already in the Party) leave room to make up.
 */
const SPREAD = 0.9;

/** How many of the first `seen` should have been picked, to pick `wanted` of `total`. */
const due = (seen: number, wanted: number, total: number) =>
  Math.min(wanted, Math.ceil((seen * wanted) / (total * SPREAD)));

const DECISION_SUFFIX: Record<Organization, string> = {
  farmers: 'QĐ/HND',
  women: 'QĐ/HPN',
  veterans: 'QĐ/HCCB',
  youth: 'QĐ/ĐTN',
};

export function articleMembers(plan: ArticlePlan, days: ArticleDays): DemoMembersShape {
  // Filled as members are shaped, read as each is stored (right after it was shaped).
  const introductions = new Map<string, PartyIntroduction>();

  function* members(organization: Organization, generated: Iterable<GeneratedMember>) {
    const total = plan.members[organization];
    const wanted = { increase: plan.increase[organization], introduced: plan.introduced[organization] };
    const admitted = plan.admitted[organization];
    const picked = { increase: 0, introduced: 0, admitted: 0 };
    let n = 0;
    for (const original of generated) {
      n += 1;
      const draw = (what: string) => fraction(`${organization}|${n}|${what}`);
      let member: GeneratedMember = {
        ...original,
        history: original.history.at(-1)?.status === 'active' ? original.history : [],
      };
      if (picked.increase < due(n, wanted.increase, total)) {
        const joinedAt = newAdmission(organization, member, days, draw('joined'));
        if (joinedAt) {
          member = { ...member, joinedAt, history: [] };
          picked.increase += 1;
        }
      }
      if (picked.introduced < due(n, wanted.introduced, total) && !member.partyMember) {
        const from = [member.joinedAt, days.yearStart].toSorted().at(-1) as string;
        const introducedOn = dayBetween(from, days.today, draw('introduced'));
        if (ageOn(member.birthDate, introducedOn) >= 18) {
          picked.introduced += 1;
          const admit = picked.admitted < due(picked.introduced, admitted, wanted.introduced);
          if (admit) picked.admitted += 1;
          const id = demoMemberId(organization, n);
          introductions.set(id, {
            id: `${id}-party-1`,
            introducedOn,
            branchId: member.branchId,
            decisionNumber: `${n}-${DECISION_SUFFIX[organization]}`,
            note: null,
            state: admit ? 'admitted' : 'pending',
            decidedOn: admit ? dayBetween(introducedOn, days.today, draw('admitted')) : null,
            decisionNote: null,
            recordedBy: RECORDED_BY.username,
          });
        }
      }
      yield member;
    }
    const short = Object.entries({ ...wanted, admitted }).filter(
      ([what, count]) => picked[what as keyof typeof picked] !== count,
    );
    if (n !== total || short.length > 0)
      throw new Error(
        `The article's ${organization} came out ${n} members of ${total}, ${JSON.stringify(picked)} of ${JSON.stringify({ ...wanted, admitted })}`,
      );
  }

  return {
    branch: ({ branch, unit }) => branch.kind === 'residential' && unit.level === 'hamlet',
    members,
    stored: (organization: Organization, n: number, member: Member): Member => {
      const introduction = introductions.get(demoMemberId(organization, n));
      if (!introduction) return member;
      return {
        ...member,
        partyIntroductions: [introduction],
        partyMember: member.partyMember || introduction.state === 'admitted',
      };
    },
  };
}

/** A day since the year-end on which the member may be admitted, or undefined when there is none. */
function newAdmission(
  organization: Organization,
  member: GeneratedMember,
  days: ArticleDays,
  draw: number,
): string | undefined {
  const first = addDays(days.yearEnd, 1);
  for (const day of [dayBetween(first, days.today, draw), first]) {
    try {
      checkEligibility(DEFAULT_ELIGIBILITY[organization], member, day);
      return day;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return undefined;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(dayNumber(day) + days);

/** A day from `from` to `to`, both included, where `draw` in [0, 1) falls. */
function dayBetween(from: string, to: string, draw: number): string {
  const first = dayNumber(from);
  return isoDay(first + Math.floor(draw * (dayNumber(to) - first + 1)));
}
