/**
 * From raw aggregate numbers to what a caller may see. Below commune level a count of 1 to 4
 * could point at a person, so a caller without the right to detail sees it as null and the row
 * says it was suppressed; 0 is shown (it points at nobody). A coverage or a "not yet gathered"
 * computed from a hidden count would give it back, so they are hidden with it.
 *
 * This is primary suppression only: a hidden hamlet count can still be worked out from its
 * commune's total minus the other hamlets shown beside it. The Front reads aggregates by design,
 * and hamlet rows are a drill-down; complementary suppression is left for when a report needs it.
 */
import type { Organization } from '../../domain/organizations.ts';
import type { UnitLevel } from '../../domain/units.ts';
import { ageBandCounts } from './age-bands.ts';
import {
  type Aggregate,
  BRANCH_KINDS,
  branchesCounter,
  CURRENT_STATUSES,
  countOf,
  genderCounter,
  MEMBER_STATUSES,
  membersCounter,
  PROFESSIONAL_COUNTER,
} from './counters.ts';
import { type CoverageSums, coverageOf, notYetGathered } from './coverage.ts';
import type { BranchCounts, MemberCounts, OrganizationFigures, StatsRow, TotalFigures } from './schemas.ts';
import type { RawRow } from './tenant-figures.ts';

export const SUPPRESSION_THRESHOLD = 5;

type Raw<T> = { [K in keyof T]: number };

const camel = (status: string) => status.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

export function rawMembers(item: Aggregate): Raw<MemberCounts> {
  const counts = Object.fromEntries(
    MEMBER_STATUSES.map((status) => [camel(status), countOf(item, membersCounter(status))]),
  ) as Omit<Raw<MemberCounts>, 'total'>;
  const total = CURRENT_STATUSES.reduce((sum, status) => sum + countOf(item, membersCounter(status)), 0);
  return { total, ...counts };
}

export function rawBranches(item: Aggregate): Raw<BranchCounts> {
  const kinds = Object.fromEntries(BRANCH_KINDS.map((kind) => [kind, countOf(item, branchesCounter(kind))]));
  const { residential = 0, professional = 0, agency = 0 } = kinds;
  return { total: residential + professional + agency, residential, professional, agency };
}

/** The numbers of one organization in one row, before anything is hidden. */
export interface RawFigures {
  readonly members: Raw<MemberCounts>;
  readonly professional: number;
  readonly branches: Raw<BranchCounts>;
  readonly coverage: CoverageSums;
  readonly unitsWithoutTarget: number;
}

export function rawFigures(row: RawRow): RawFigures {
  return {
    members: rawMembers(row.aggregate),
    professional: countOf(row.aggregate, PROFESSIONAL_COUNTER),
    branches: rawBranches(row.aggregate),
    coverage: row.coverage,
    unitsWithoutTarget: row.lacking.length,
  };
}

/** Nobody, nothing: a unit an organization does not have, or a day it had no one yet. */
export const ZERO_FIGURES: RawFigures = {
  members: {
    total: 0,
    active: 0,
    away: 0,
    lapsed: 0,
    transferredOut: 0,
    removed: 0,
    deceased: 0,
    graduated: 0,
  },
  professional: 0,
  branches: { total: 0, residential: 0, professional: 0, agency: 0 },
  coverage: { targetPopulation: null, coveredActive: 0 },
  unitsWithoutTarget: 0,
};

/** Adds up the organizations' numbers: coverage adds numerators and denominators, not fractions. */
export function sumFigures(all: readonly RawFigures[]): RawFigures {
  const add = <T extends Record<string, number>>(pick: (f: RawFigures) => T): T => {
    const sum: Record<string, number> = { ...pick(ZERO_FIGURES) };
    for (const f of all) for (const [k, v] of Object.entries(pick(f))) sum[k] = (sum[k] ?? 0) + v;
    return sum as T;
  };
  const targets = all.map((f) => f.coverage.targetPopulation).filter((t): t is number => t !== null);
  return {
    members: add((f) => f.members),
    professional: all.reduce((s, f) => s + f.professional, 0),
    branches: add((f) => f.branches),
    coverage: {
      targetPopulation: targets.length ? targets.reduce((s, t) => s + t, 0) : null,
      coveredActive: all.reduce((s, f) => s + f.coverage.coveredActive, 0),
    },
    unitsWithoutTarget: all.reduce((s, f) => s + f.unitsWithoutTarget, 0),
  };
}

/** Hides small counts when asked to; remembers whether it hid anything. */
export class Hider {
  hidden = false;
  constructor(private readonly suppress: boolean) {}

  static for(level: UnitLevel, detail: boolean): Hider {
    return new Hider(!detail && level === 'hamlet');
  }

  count(n: number): number | null {
    if (this.suppress && n > 0 && n < SUPPRESSION_THRESHOLD) {
      this.hidden = true;
      return null;
    }
    return n;
  }

  all<T extends Record<string, number>>(counts: T): { [K in keyof T]: number | null } {
    return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, this.count(v)])) as {
      [K in keyof T]: number | null;
    };
  }
}

/** The fields every view shares; `available` false (no figures for the day) makes them all null. */
function shared(raw: RawFigures, hide: Hider, available: boolean) {
  if (!available) {
    const none = <T extends Record<string, number>>(t: T) =>
      Object.fromEntries(Object.keys(t).map((k) => [k, null])) as { [K in keyof T]: null };
    return {
      members: none(raw.members),
      professional: null,
      branches: none(raw.branches),
      targetPopulation: null,
      coverage: null,
      notYetGathered: null,
      unitsWithoutTarget: null,
    };
  }
  const members = hide.all(raw.members);
  const activeHidden = members.active === null;
  return {
    members,
    professional: hide.count(raw.professional),
    // Branches are not people: never hidden.
    branches: raw.branches,
    targetPopulation: raw.coverage.targetPopulation,
    coverage: activeHidden ? null : coverageOf(raw.coverage),
    notYetGathered: activeHidden ? null : notYetGathered(raw.coverage),
    unitsWithoutTarget: raw.unitsWithoutTarget,
  };
}

export function organizationView(
  organization: Organization,
  raw: RawFigures,
  level: UnitLevel,
  detail: boolean,
  available: boolean,
): OrganizationFigures {
  const hide = Hider.for(level, detail);
  const fields = shared(raw, hide, available);
  return { organization, ...fields, suppressed: hide.hidden };
}

export function totalView(
  raw: RawFigures,
  uniquePersons: number | null,
  level: UnitLevel,
  detail: boolean,
  available: boolean,
): TotalFigures {
  const hide = Hider.for(level, detail);
  const fields = shared(raw, hide, available);
  return {
    ...fields,
    uniquePersons: uniquePersons === null ? null : hide.count(uniquePersons),
    suppressed: hide.hidden,
  };
}

export function statsRow(
  row: RawRow,
  organization: Organization,
  figuresYear: number,
  detail: boolean,
): StatsRow {
  const raw = rawFigures(row);
  const hide = Hider.for(row.unit.level, detail);
  const fields = shared(raw, hide, true);
  return {
    unitId: row.unit.id,
    name: row.unit.name,
    level: row.unit.level,
    ...fields,
    gender: {
      male: hide.count(countOf(row.aggregate, genderCounter('male'))),
      female: hide.count(countOf(row.aggregate, genderCounter('female'))),
    },
    ageBands: ageBandCounts(row.aggregate, organization, figuresYear).map(({ band, count }) => ({
      band,
      count: hide.count(count),
    })),
    suppressed: hide.hidden,
  };
}
