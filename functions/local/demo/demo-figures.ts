/**
 * The demo's figures beyond today's: each organization's target population in every hamlet it
 * has members in, so coverage — the Front's headline — has a denominator, and snapshots of the
 * last month-ends, so the comparison with the previous month-end and a chart over months have
 * days to read. Both are made from the generated members, as the import writes them (it is the
 * witness, demo-members.ts), and written through the product's own code: targets by the use case
 * the API calls, as the demo seed's own account; month-ends as past snapshots (past-snapshot.ts).
 *
 * A month-end counts the members admitted by then, each in the status of then (their events up to
 * that day), with the counting code of the stream function (shared/figures): the month-ends differ
 * from today as the members' histories do. Every branch counts on each of them: the demo's
 * branches stand for ones long in place (their members joined them years ago).
 *
 * A hamlet's target is its active members divided by a coverage drawn for it between 42 and 80 %,
 * fixed by the hamlet and organization: across a province's hundreds of hamlets that lands near
 * the article's 58.64 % (1 ÷ the mean of 1/coverage).
 */
import { mapConcurrently } from '#shared/concurrency.ts';
import type { Member, MemberEvent } from '#shared/domain/members/member.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { type TenantId, toTenantId } from '#shared/domain/tenant-id.ts';
import { AGGREGATE_COUNTERS, type Counters } from '#shared/figures/counters.ts';
import {
  branchContribution,
  countedBranch,
  DeltaSum,
  deltaOf,
  memberContribution,
} from '#shared/figures/deltas.ts';
import { type MembershipChange, membershipChange, planPersons } from '#shared/figures/persons.ts';
import { recordPastSnapshot } from '#shared/figures/reading/past-snapshot.ts';
import { previousMonthEnd, snapshotSourceOf } from '#shared/figures/reading/snapshots.ts';
import { setTarget, type TargetWorkspace } from '#shared/figures/reading/targets.ts';
import { FiguresRepository } from '#shared/store/repositories/figures.ts';
import type { Table } from '#shared/store/table.ts';
import { fraction } from './demo-history.ts';
import { type DemoMembersWitness, type PlacedBranch, RECORDED_BY } from './demo-members.ts';
import { DEMO_PROVINCE_ID } from './seed-demo-province.ts';

/** Month-ends recorded before today: the comparison's previous month-end and a quarter to chart. */
export const DEMO_MONTH_ENDS = 3;

const COVERAGE_FROM = 0.42;
const COVERAGE_TO = 0.8;

/** Target writes in flight: each is a transaction with its audit record. */
const AT_ONCE = 8;

/** The last `count` month-ends before `today`, oldest first. */
export function monthEndsBefore(today: string, count: number): string[] {
  const days: string[] = [];
  for (let day = previousMonthEnd(today); days.length < count; day = previousMonthEnd(day)) days.unshift(day);
  return days;
}

/**
 * The figures still to record for the demo as of `today`, or undefined when the Front, written
 * last, already has the latest month-end: a finished recording is not redone at every start.
 */
export async function pendingDemoFigures(table: Table, today: string): Promise<DemoFigures | undefined> {
  const figures = new DemoFigures(today);
  const front = new FiguresRepository(table.forTenant(tenantOf('front')));
  return (await front.snapshot(figures.monthEnds.at(-1) as string)) ? undefined : figures;
}

/** A hamlet's target population for a year. */
export interface HamletTarget {
  readonly hamletId: string;
  readonly targetPopulation: number;
}

/**
 * The targets of an organization's hamlets for a year, from the counters of each of its hamlets
 * on the day the year's targets are made from (every hamlet, those without members with none).
 */
export type TargetRule = (
  organization: Organization,
  year: number,
  hamlets: ReadonlyMap<string, Counters>,
) => HamletTarget[];

export interface DemoFiguresOptions {
  /** How many of the last month-ends to record. @default DEMO_MONTH_ENDS */
  readonly monthEnds?: number;
  /** Days to record besides the last month-ends: the article's previous year-end. */
  readonly alsoOn?: readonly string[];
  /** @default a coverage drawn per hamlet, in every hamlet with current members */
  readonly targets?: TargetRule;
}

export class DemoFigures implements DemoMembersWitness {
  /** The days recorded, oldest first: the last month-ends, and any asked for besides. */
  readonly monthEnds: readonly string[];
  /** Each year a target is set for, with the day whose active members it is made from. */
  private readonly targetDays: ReadonlyMap<number, string>;
  private readonly hamlets = new Map<Organization, string[]>();
  private readonly branchCounts = new Map<Organization, DeltaSum>();
  /** Members' counters by day, then organization. */
  private readonly memberCounts = new Map<string, Map<Organization, DeltaSum>>();
  /** The four organizations' memberships at each month-end, for the Front's distinct people. */
  private readonly memberships = new Map<string, MembershipChange[]>();

  private readonly targetRule: TargetRule;

  constructor(
    readonly today: string,
    options: DemoFiguresOptions = {},
  ) {
    this.monthEnds = [
      ...new Set([
        ...monthEndsBefore(today, options.monthEnds ?? DEMO_MONTH_ENDS),
        ...(options.alsoOn ?? []),
      ]),
    ].sort();
    this.targetRule = options.targets ?? drawnCoverage;
    // A past year's targets come from its year-end: coverage at its month-ends reads that year's.
    const thisYear = Number(today.slice(0, 4));
    const years = new Set([...this.monthEnds, today].map((day) => Number(day.slice(0, 4))));
    this.targetDays = new Map([...years].map((year) => [year, year === thisYear ? today : `${year}-12-31`]));
  }

  branches(organization: Organization, placed: readonly PlacedBranch[]): void {
    const sum = new DeltaSum();
    for (const { branch, unit } of placed)
      sum.add('', deltaOf(null, branchContribution(countedBranch(branch), [...unit.ancestorIds, unit.id])));
    this.branchCounts.set(organization, sum);
    this.hamlets.set(organization, [
      ...new Set(placed.filter(({ unit }) => unit.level === 'hamlet').map(({ unit }) => unit.id)),
    ]);
  }

  member(organization: Organization, member: Member, events: readonly MemberEvent[]): void {
    const tenant = tenantIdOf(DEMO_PROVINCE_ID, organization);
    for (const day of new Set([...this.monthEnds, ...this.targetDays.values()])) {
      const then = memberOn(member, events, day);
      if (!then) continue;
      const byOrganization = this.memberCounts.get(day) ?? new Map<Organization, DeltaSum>();
      this.memberCounts.set(day, byOrganization);
      const sum = byOrganization.get(organization) ?? new DeltaSum();
      byOrganization.set(organization, sum);
      sum.add('', deltaOf(null, memberContribution(then)));
      if (!this.monthEnds.includes(day)) continue;
      const change = membershipChange(tenant, undefined, then);
      if (!change) continue;
      const changes = this.memberships.get(day) ?? [];
      this.memberships.set(day, changes);
      changes.push(change);
    }
  }

  /** Writes the targets, then the month-ends, the Front's last. */
  async record(table: Table, now: Date): Promise<void> {
    for (const organization of ORGANIZATIONS) await this.recordTargets(table, organization, now);
    for (const day of this.monthEnds) {
      const reason = `Số liệu cuối tháng ${day.slice(5, 7)}/${day.slice(0, 4)} (demo)`;
      for (const organization of ORGANIZATIONS) {
        const counts = countersByUnit(this.branchCounts.get(organization), this.counts(day, organization));
        await recordPastSnapshot(figuresOf(table, organization), day, counts, now, reason);
      }
      const persons = planPersons(this.memberships.get(day) ?? [], new Map()).deltas;
      await recordPastSnapshot(figuresOf(table, 'front'), day, countersByUnit(persons), now, reason);
    }
  }

  private counts(day: string, organization: Organization): DeltaSum | undefined {
    return this.memberCounts.get(day)?.get(organization);
  }

  private async recordTargets(table: Table, organization: Organization, now: Date): Promise<void> {
    const tenant = tenantOf(organization);
    // The same three repositories a snapshot reads: units, figures and the audit log.
    const ws: TargetWorkspace = snapshotSourceOf(table, tenant);
    const ctx = { principal: seedPrincipal(tenant), requestId: RECORDED_BY.userId, now };
    for (const [year, day] of this.targetDays) {
      const counts = countersByUnit(this.counts(day, organization));
      const hamlets = new Map(
        (this.hamlets.get(organization) ?? []).map((hamletId) => [hamletId, counts.get(hamletId) ?? {}]),
      );
      const targets = this.targetRule(organization, year, hamlets);
      await mapConcurrently(targets, AT_ONCE, ({ hamletId, targetPopulation }) =>
        setTarget(ws, ctx, hamletId, year, { targetPopulation }),
      );
    }
  }
}

const CURRENT = (['active', 'away', 'lapsed'] as const).map((status) => AGGREGATE_COUNTERS.members[status]);

/** The demo's own targets: active members over a coverage drawn for the hamlet, where it has current members. */
const drawnCoverage: TargetRule = (organization, _year, hamlets) =>
  [...hamlets].flatMap(([hamletId, counters]) => {
    const current = CURRENT.reduce((sum, name) => sum + (counters[name] ?? 0), 0);
    if (current === 0) return [];
    const coverage = COVERAGE_FROM + (COVERAGE_TO - COVERAGE_FROM) * fraction(`${organization}|${hamletId}`);
    const active = counters[AGGREGATE_COUNTERS.members.active] ?? 0;
    return [{ hamletId, targetPopulation: Math.max(1, Math.round(active / coverage)) }];
  });

/**
 * The member as they stood at the end of `day`, or null before their admission: the status of
 * their last event by then, and the introductions to the Party made by then, each answered only if
 * answered by then. A demo member never changes branch, so their place is today's.
 */
function memberOn(member: Member, events: readonly MemberEvent[], day: string): Member | null {
  if (member.joinedAt > day) return null;
  const status = events.filter((event) => event.effectiveDate <= day).at(-1)?.status ?? member.status;
  const then = status === member.status ? member : { ...member, status };
  if (!member.partyIntroductions?.length) return then;
  return {
    ...then,
    partyIntroductions: member.partyIntroductions
      .filter((introduction) => introduction.introducedOn <= day)
      .map((introduction) =>
        introduction.decidedOn !== null && introduction.decidedOn > day
          ? { ...introduction, state: 'pending' as const, decidedOn: null }
          : introduction,
      ),
  };
}

function countersByUnit(...sums: (DeltaSum | undefined)[]): Map<string, Counters> {
  const byUnit = new Map<string, Counters>();
  for (const sum of sums)
    for (const { unitId, counters } of sum?.updates() ?? []) {
      const item = byUnit.get(unitId) ?? {};
      for (const [name, value] of Object.entries(counters)) item[name] = (item[name] ?? 0) + value;
      byUnit.set(unitId, item);
    }
  return byUnit;
}

function tenantOf(kind: Organization | 'front'): TenantId {
  return toTenantId(tenantIdOf(DEMO_PROVINCE_ID, kind));
}

function figuresOf(table: Table, kind: Organization | 'front'): FiguresRepository {
  return new FiguresRepository(table.forTenant(tenantOf(kind)));
}

/** The demo seed acting as an organization admin: targets are set by the use case, audited. */
export function seedPrincipal(tenantId: TenantId): Principal {
  return { ...RECORDED_BY, tenantId, role: 'org_admin', scope: null, permissions: [] };
}
