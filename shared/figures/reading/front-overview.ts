/**
 * The Fatherland Front's consolidated view: the four organizations of its own province side by
 * side, for a unit and each of its children, from one call (GET /api/v1/front/overview), and
 * the differences between two days (GET /api/v1/front/compare).
 *
 * Only aggregate items, units and targets are read, never a member; and the Front never sees a
 * count of 1–4 in a hamlet, nor one it could work out from the counts shown (rows.ts). The rows
 * are the units of the province's map, which the four organizations share: one row per hamlet,
 * with each organization's figures there side by side. Each organization's children are read on
 * the day its figures stand for (its snapshot's, which may differ between the four), and the
 * rows are their union: a unit in force on one of those days has its row. `uniquePersons` comes from the Front tenant's
 * own aggregate (`unique_persons`, counted by the stream function from the keyed national-id
 * hashes, shared/figures/persons.ts) for every row, hamlets included. Introductions to the Party,
 * admissions, members' and branches' ratings and the review of members are those of the year of
 * the day asked about, for all four alike.
 */
import { resolveUnit, successorInForce } from '../../domain/admin-units/resolve-unit.ts';
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { ORGANIZATIONS, type Organization } from '../../domain/organizations.ts';
import type { Principal } from '../../domain/roles.ts';
import { type FullUnit, UNIT_LEVELS } from '../../domain/units.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import { sumBranchRatings } from './branch-ratings.ts';
import { countOf, sumKnown, UNIQUE_PERSONS_COUNTER } from './counters.ts';
import { type FiguresWorkspace, frontSources } from './figures-workspace.ts';
import {
  formatCountEn,
  formatCountVi,
  formatPercentEn,
  formatPercentVi,
  formatPointsEn,
  formatPointsVi,
} from './format.ts';
import { sumMemberRatings } from './member-ratings.ts';
import { sumReviews } from './reviews.ts';
import { organizationView, rawFigures, sumFigures, totalView, ZERO_FIGURES } from './rows.ts';
import type {
  BranchRatings,
  Change,
  CompareRow,
  Comparison,
  FiguresSourceInfo,
  FrontRow,
  OrganizationFigures,
  Overview,
  Review,
  TotalFigures,
} from './schemas.ts';
import { frontSuppression, Published } from './suppression.ts';
import { type FiguresPeriod, readTenantFigures, resolvePeriod } from './tenant-figures.ts';

type UnitRef = Pick<FullUnit, 'id' | 'name' | 'level' | 'parentId'>;

const ZERO = ZERO_FIGURES;

/**
 * The overview of the unit `unitId` names on the day: an old commune's code or name, or a unit
 * closed before the day, answer for the unit it became, saying so (`resolvedFrom`).
 */
export async function frontOverview(
  ws: FiguresWorkspace,
  principal: Principal,
  unitId: string,
  asOf: string,
  today: string,
): Promise<Overview> {
  const { unit, resolvedFrom } = await resolveFrontUnit(ws, principal, unitId, asOf);
  const overview = await overviewOf(ws, principal, unit.id, asOf, today);
  return resolvedFrom ? { ...overview, resolvedFrom } : overview;
}

async function resolveFrontUnit(ws: FiguresWorkspace, principal: Principal, unitId: string, day: string) {
  const map = frontSources(ws, principal).organizations[0]?.source.units;
  const resolved = map && (await resolveUnit(map, unitId, day));
  if (!resolved) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  return resolved;
}

async function overviewOf(
  ws: FiguresWorkspace,
  principal: Principal,
  unitId: string,
  asOf: string,
  today: string,
): Promise<Overview> {
  const sources = frontSources(ws, principal);
  const [perOrganization, frontPeriod] = await Promise.all([
    Promise.all(
      sources.organizations.map(async ({ organization, source }) => {
        const [unit, period] = await Promise.all([
          source.units.get(unitId),
          resolvePeriod(source.figures, asOf, today),
        ]);
        const figures = unit ? await readTenantFigures(source, unit, period) : undefined;
        return { organization, period, figures };
      }),
    ),
    resolvePeriod(sources.front, asOf, today),
  ]);
  const top = perOrganization.find((o) => o.figures)?.figures?.top.unit;
  if (!top) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });

  const children = new Map<string, UnitRef>();
  for (const { figures } of perOrganization)
    for (const child of figures?.children ?? [])
      if (!children.has(child.unit.id)) children.set(child.unit.id, child.unit);
  const childRefs = [...children.values()].sort(byName);

  const uniquePersons = await uniquePersonsOf(sources.front, frontPeriod, [top, ...childRefs]);

  // A hamlet's row is published as in its commune's table, or the two tables side by side would
  // show more of it than either.
  if (top.level === 'hamlet' && top.parentId) {
    const context = await overviewOf(ws, principal, top.parentId, asOf, today);
    const row = context.children.find((c) => c.unitId === top.id);
    if (row) return { ...row, asOf, sources: context.sources, children: [] };
  }

  // One year for the four, whatever day each one's figures stand for, so the total adds like to like.
  const year = Number(asOf.slice(0, 4));
  const rows = [top, ...childRefs].map((ref, i) => {
    const organizations = perOrganization.map(({ organization, period, figures }) => {
      const picked = figures && (i === 0 ? figures.top : figures.children.find((c) => c.unit.id === ref.id));
      return {
        organization,
        available: period.available,
        raw: picked ? rawFigures(picked, year) : ZERO,
      };
    });
    const available = organizations.filter((o) => o.available);
    return {
      ref,
      organizations,
      total: available.length > 0 ? sumFigures(available.map((o) => o.raw)) : null,
      uniquePersons: uniquePersons.get(ref.id) ?? null,
    };
  });
  const hidden = frontSuppression(
    rows.map(({ ref, organizations, total, uniquePersons }) => ({
      unitId: ref.id,
      level: ref.level,
      organizations: organizations.filter((o) => o.available),
      total,
      uniquePersons,
    })),
  );
  const [topRow, ...childRows] = rows.map(
    ({ ref, organizations, total, uniquePersons }): FrontRow => ({
      unitId: ref.id,
      name: ref.name,
      level: ref.level,
      organizations: organizations.map(({ organization, available, raw }) =>
        organizationView(organization, raw, new Published(hidden, ref.id, organization), available, year),
      ),
      total: totalView(
        total ?? ZERO,
        uniquePersons,
        new Published(hidden, ref.id, 'total'),
        total !== null,
        year,
      ),
    }),
  );

  return {
    ...(topRow as FrontRow),
    asOf,
    sources: [
      ...perOrganization.map(({ organization, period }) => sourceInfo(organization, period)),
      sourceInfo('front', frontPeriod),
    ],
    children: childRows,
  };
}

/** The Front's distinct-person counts of these units; none (null) for a day without figures. */
async function uniquePersonsOf(
  front: FiguresRepository,
  period: FiguresPeriod,
  units: readonly UnitRef[],
): Promise<Map<string, number | null>> {
  const counts = new Map<string, number | null>();
  if (!period.available) return counts;
  const unitIds = units.map((unit) => unit.id);
  const items = await front.aggregates(unitIds, period.copy);
  for (const unitId of unitIds) counts.set(unitId, countOf(items.get(unitId), UNIQUE_PERSONS_COUNTER));
  return counts;
}

function sourceInfo(tenant: Organization | 'front', period: FiguresPeriod): FiguresSourceInfo {
  return {
    tenant,
    snapshot: period.snapshot,
    figuresDate: period.figuresDate,
    available: period.available,
    targetYear: Number(period.figuresDate.slice(0, 4)),
    revised: period.corrections.length > 0,
    revisions: [...period.corrections],
  };
}

function byName(a: UnitRef, b: UnitRef): number {
  const ka = nameSortKey(a.name);
  const kb = nameSortKey(b.name);
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ——— Comparing two days ———

/**
 * Two days side by side, across reorganizations: each row is a unit in force on `to`, and its
 * `from` side sums what its predecessors had on `from` (the units in force then whose successor
 * chain leads to it, found under the rows of `from` and, for levels the map no longer has, such
 * as the districts before 2025, under their children), listed in `includes`. A unit split
 * between several is counted whole in its first successor and flagged `partial`. Sums are of
 * the figures as published on `from`, so a count hidden there stays hidden in the sum.
 */
export async function frontComparison(
  ws: FiguresWorkspace,
  principal: Principal,
  unitId: string,
  from: string,
  to: string,
  today: string,
): Promise<Comparison> {
  const { unit, resolvedFrom } = await resolveFrontUnit(ws, principal, unitId, to);
  const [before, after] = await Promise.all([
    overviewOf(ws, principal, unit.id, from, today),
    overviewOf(ws, principal, unit.id, to, today),
  ]);
  const map = frontSources(ws, principal).organizations[0]?.source.units;
  if (!map) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  const afterIds = new Set(after.children.map((c) => c.unitId));
  const childLevel = after.children[0]?.level;
  const parts = new Map<string, Part[]>();
  const gone: FrontRow[] = [];
  const place = async (rows: readonly FrontRow[]): Promise<void> => {
    for (const row of rows) {
      if (afterIds.has(row.unitId)) {
        parts.set(row.unitId, [...(parts.get(row.unitId) ?? []), { row, partial: false }]);
        continue;
      }
      const old = await map.get(row.unitId);
      const successor = old && (await successorInForce(map, old, to));
      if (successor && afterIds.has(successor.unit.id)) {
        const list = parts.get(successor.unit.id) ?? [];
        parts.set(successor.unit.id, [...list, { row, partial: successor.partial }]);
      } else if (childLevel && UNIT_LEVELS.indexOf(row.level) < UNIT_LEVELS.indexOf(childLevel))
        await place((await overviewOf(ws, principal, row.unitId, from, today)).children);
      else gone.push(row);
    }
  };
  await place(before.children);

  const topBefore = await topBeforeOf(ws, principal, unit, before, from, to, today);
  const top = { ...compareRows(topBefore.row, after), ...includesOf(topBefore.parts, unit.id) };
  const children = [
    ...after.children.map((a) => {
      const list = parts.get(a.unitId) ?? [];
      return {
        ...compareRows(
          list.length ? sumRows(list.map((p) => p.row)) : emptyLike(a, before.total.party.year),
          a,
        ),
        ...includesOf(list, a.unitId),
      };
    }),
    ...gone.map((b) => compareRows(b, emptyLike(b, after.total.party.year))),
  ];
  return {
    ...top,
    ...(resolvedFrom && { resolvedFrom }),
    from,
    to,
    sources: { from: before.sources, to: after.sources },
    summary: summaryOf(top.total.fromFigures, top.total.toFigures, top.total.change),
    children: children.sort((x, y) =>
      byName({ ...x, id: x.unitId, parentId: null }, { ...y, id: y.unitId, parentId: null }),
    ),
  };
}

/** A row of `from` counted in a unit of `to`. */
interface Part {
  readonly row: FrontRow;
  readonly partial: boolean;
}

/** The old units a row includes besides itself; none when it stood as it is. */
function includesOf(list: readonly Part[], unitId: string): Pick<CompareRow, 'includes'> | object {
  const others = list.filter((p) => p.row.unitId !== unitId);
  return others.length === 0
    ? {}
    : { includes: others.map(({ row, partial }) => ({ unitId: row.unitId, name: row.name, partial })) };
}

/**
 * The `from` side of the unit compared. A unit that did not exist yet on `from` (a commune formed
 * by a merger) has its predecessors elsewhere in the old map: its row in its parent's comparison
 * sums them.
 */
async function topBeforeOf(
  ws: FiguresWorkspace,
  principal: Principal,
  unit: FullUnit,
  before: FrontRow,
  from: string,
  to: string,
  today: string,
): Promise<{ row: FrontRow; parts: Part[] }> {
  if (unit.validFrom <= from || !unit.parentId) return { row: before, parts: [] };
  const context = await frontComparison(ws, principal, unit.parentId, from, to, today);
  const row = context.children.find((c) => c.unitId === unit.id);
  if (!row) return { row: before, parts: [] };
  const parts = (row.includes ?? []).map(({ unitId, name, partial }) => ({
    row: { ...before, unitId, name },
    partial,
  }));
  return { row: fromSideOf(row), parts };
}

/** The `from` figures of a comparison row, as a row of that day. */
function fromSideOf(row: CompareRow): FrontRow {
  return {
    unitId: row.unitId,
    name: row.name,
    level: row.level,
    organizations: row.organizations.map((o) => o.fromFigures),
    total: row.total.fromFigures,
  };
}

function sumCounts<T extends Record<string, number | null>>(all: readonly T[]): T {
  const first = all[0] as T;
  return Object.fromEntries(Object.keys(first).map((k) => [k, sumKnown(all.map((c) => c[k] ?? null))])) as T;
}

/**
 * Published figures added up: a hidden part hides the sum. Coverage adds the covered members
 * back from each part (its target less those not yet gathered, or coverage × target when it
 * gathered them all) over the summed targets.
 */
function sumPublished<T extends OrganizationFigures | TotalFigures>(all: readonly T[]): T {
  const first = all[0] as T;
  const targets = all.map((f) => f.targetPopulation).filter((t): t is number => t !== null);
  const target = targets.length ? targets.reduce((s, t) => s + t, 0) : null;
  const covered = sumKnown(
    all.map((f) =>
      f.targetPopulation === null
        ? 0
        : f.notYetGathered === null || f.coverage === null
          ? null
          : f.notYetGathered > 0
            ? f.targetPopulation - f.notYetGathered
            : Math.round(f.coverage * f.targetPopulation),
    ),
  );
  const known = target !== null && covered !== null;
  return {
    ...first,
    members: sumCounts(all.map((f) => f.members)),
    professional: sumKnown(all.map((f) => f.professional)),
    branches: sumCounts(all.map((f) => f.branches)),
    targetPopulation: target,
    coverage: known && target > 0 ? Math.round((covered / target) * 10_000) / 10_000 : null,
    notYetGathered: known ? Math.max(0, target - covered) : null,
    unitsWithoutTarget: sumKnown(all.map((f) => f.unitsWithoutTarget)),
    party: { year: first.party.year, ...sumCounts(all.map(({ party: { year: _, ...counts } }) => counts)) },
    memberRatings: sumMemberRatings(all.map((f) => f.memberRatings)),
    branchRatings: sumBranchRatings(all.map((f) => f.branchRatings)),
    review: sumReviews(all.map((f) => f.review)),
    suppressed: all.some((f) => f.suppressed),
    ...('uniquePersons' in first && {
      // A person in two of the merged units counts twice here: close, as a sum of hamlets is.
      uniquePersons: sumKnown(all.map((f) => (f as TotalFigures).uniquePersons)),
    }),
  };
}

function sumRows(rows: readonly FrontRow[]): FrontRow {
  const first = rows[0] as FrontRow;
  if (rows.length === 1) return first;
  return {
    ...first,
    organizations: first.organizations.map((o) =>
      sumPublished(rows.map((r) => r.organizations.find((x) => x.organization === o.organization) ?? o)),
    ),
    total: sumPublished(rows.map((r) => r.total)),
  };
}

/** A unit that did not exist on one of the days had nobody there then; `year`: that day's. */
function emptyLike(row: FrontRow, year: number): FrontRow {
  return {
    ...row,
    organizations: ORGANIZATIONS.map((organization) =>
      organizationView(organization, ZERO, Published.all(), true, year),
    ),
    total: totalView(ZERO, null, Published.all(), true, year),
  };
}

function compareRows(before: FrontRow, after: FrontRow): CompareRow {
  return {
    unitId: after.unitId,
    name: after.name,
    level: after.level,
    organizations: after.organizations.map((to) => {
      const fromFigures = before.organizations.find(
        (o) => o.organization === to.organization,
      ) as OrganizationFigures;
      return { organization: to.organization, fromFigures, toFigures: to, change: changeOf(fromFigures, to) };
    }),
    total: { fromFigures: before.total, toFigures: after.total, change: changeOf(before.total, after.total) },
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

function diffAll<T extends Record<string, number | null>>(a: T, b: T): { [K in keyof T]: number | null } {
  return Object.fromEntries(Object.keys(b).map((k) => [k, diff(a[k] ?? null, b[k] ?? null)])) as {
    [K in keyof T]: number | null;
  };
}

function changeOf(a: OrganizationFigures | TotalFigures, b: OrganizationFigures | TotalFigures): Change {
  return {
    members: diffAll(a.members, b.members),
    professional: diff(a.professional, b.professional),
    branches: diffAll(a.branches, b.branches),
    targetPopulation: diff(a.targetPopulation, b.targetPopulation),
    // From the rounded fractions, so the points agree with the percentages printed beside them.
    coveragePoints:
      a.coverage === null || b.coverage === null
        ? null
        : Math.round((b.coverage - a.coverage) * 10_000) / 100,
    notYetGathered: diff(a.notYetGathered, b.notYetGathered),
    uniquePersons:
      'uniquePersons' in a && 'uniquePersons' in b ? diff(a.uniquePersons, b.uniquePersons) : null,
    party: {
      introduced: diff(a.party.introduced, b.party.introduced),
      admitted: diff(a.party.admitted, b.party.admitted),
    },
    memberRatings: {
      counts: diffAll(a.memberRatings.counts, b.memberRatings.counts),
      rated: diff(a.memberRatings.rated, b.memberRatings.rated),
    },
    branchRatings: {
      byLevel: diffAll(countsByLevel(a.branchRatings), countsByLevel(b.branchRatings)),
      rated: diff(a.branchRatings.rated, b.branchRatings.rated),
      // Both sides list every kind, in the same order.
      standards: b.branchRatings.standards.map((to, n) => {
        const from = a.branchRatings.standards[n];
        return {
          kind: to.kind,
          met: diff(from?.met ?? null, to.met),
          rated: diff(from?.rated ?? null, to.rated),
        };
      }),
    },
    review: diffAll(reviewCounts(a.review), reviewCounts(b.review)),
  };
}

const countsByLevel = (ratings: BranchRatings) =>
  Object.fromEntries(Object.entries(ratings.byLevel).map(([level, { count }]) => [level, count])) as Record<
    keyof BranchRatings['byLevel'],
    number | null
  >;

const reviewCounts = ({ year: _, previousYear: __, ...counts }: Review) => counts;

/** "Tổng số hội viên, đoàn viên tăng 103.777 …; tỷ lệ tập hợp tăng 9,46 điểm phần trăm …", and in English. */
function summaryOf(a: TotalFigures, b: TotalFigures, change: Change): { vi: string; en: string } {
  const vi: string[] = [];
  const en: string[] = [];
  const members = change.members.total;
  if (members !== null && a.members.total !== null && b.members.total !== null) {
    const [viWord, enWord] =
      members > 0 ? ['tăng', 'up'] : members < 0 ? ['giảm', 'down'] : ['không đổi', 'unchanged'];
    const amountVi = members === 0 ? '' : ` ${formatCountVi(Math.abs(members))}`;
    const amountEn = members === 0 ? '' : ` ${formatCountEn(Math.abs(members))}`;
    vi.push(
      `Tổng số hội viên, đoàn viên ${viWord}${amountVi} (từ ${formatCountVi(a.members.total)} đến ${formatCountVi(b.members.total)})`,
    );
    en.push(
      `Members ${enWord}${amountEn} (from ${formatCountEn(a.members.total)} to ${formatCountEn(b.members.total)})`,
    );
  }
  const points = change.coveragePoints;
  if (points !== null && a.coverage !== null && b.coverage !== null) {
    const [viWord, enWord] =
      points > 0 ? ['tăng', 'up'] : points < 0 ? ['giảm', 'down'] : ['không đổi', 'unchanged'];
    const amountVi = points === 0 ? '' : ` ${formatPointsVi(Math.abs(points))} điểm phần trăm`;
    const amountEn = points === 0 ? '' : ` ${formatPointsEn(Math.abs(points))} points`;
    vi.push(
      `tỷ lệ tập hợp ${viWord}${amountVi} (từ ${formatPercentVi(a.coverage)} đến ${formatPercentVi(b.coverage)})`,
    );
    en.push(
      `coverage ${enWord}${amountEn} (from ${formatPercentEn(a.coverage)} to ${formatPercentEn(b.coverage)})`,
    );
  } else {
    vi.push('chưa đủ số đối tượng cần tập hợp để so sánh tỷ lệ tập hợp');
    en.push('not enough target populations set to compare coverage');
  }
  return { vi: `${vi.join('; ')}.`, en: `${en.join('; ')}.` };
}
