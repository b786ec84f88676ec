/**
 * Age bands, from the aggregate's birth-year counts. Age is counted by year (the year of the
 * figures minus the year of birth), as the organizations' own reports and the Youth Union's
 * "turning 30 this year" rule count it; the aggregate knows birth years, not birthdays.
 *
 * Each organization gathers a different population, so each has its own bands:
 * - youth: 16–18, 19–24, 25–30 (the Union's age), 31+ (kept on to 35 by their branch);
 * - farmers, women: 18–30, 31–45, 46–60, 61+;
 * - veterans, who are older by nature: 18–45, 46–60, 61–75, 76+.
 * The first band also holds anyone younger than its lower bound and the last anyone older, so
 * the bands always add up to the current members.
 */
import type { Organization } from '../../domain/organizations.ts';
import { type Aggregate, birthYears } from './counters.ts';

export interface AgeBand {
  /** Label and key: '16-18', '31+'. */
  readonly band: string;
  readonly from: number;
  /** Inclusive; null for the open last band. */
  readonly to: number | null;
}

const bands = (...edges: number[]): AgeBand[] =>
  edges.map((from, i) => {
    const next = edges[i + 1];
    return next === undefined
      ? { band: `${from}+`, from, to: null }
      : { band: `${from}-${next - 1}`, from, to: next - 1 };
  });

export const AGE_BANDS: Record<Organization, readonly AgeBand[]> = {
  youth: bands(16, 19, 25, 31),
  farmers: bands(18, 31, 46, 61),
  women: bands(18, 31, 46, 61),
  veterans: bands(18, 46, 61, 76),
};

export interface AgeBandCount {
  readonly band: string;
  readonly count: number;
}

export function ageBandCounts(item: Aggregate | undefined, organization: Organization, year: number) {
  const definition = AGE_BANDS[organization];
  const counts = definition.map(() => 0);
  for (const [born, count] of birthYears(item)) {
    const age = year - born;
    let index = definition.findIndex((band) => band.to === null || age <= band.to);
    if (index < 0) index = definition.length - 1;
    counts[index] = (counts[index] ?? 0) + count;
  }
  return definition.map((band, i): AgeBandCount => ({ band: band.band, count: counts[i] ?? 0 }));
}
