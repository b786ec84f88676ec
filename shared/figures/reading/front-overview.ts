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
 * hashes, shared/figures/persons.ts) for every row, hamlets included.
 */
import { DomainError } from '../../domain/errors.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { ORGANIZATIONS, type Organization } from '../../domain/organizations.ts';
import type { Principal } from '../../domain/roles.ts';
import type { FullUnit } from '../../domain/units.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import { countOf, UNIQUE_PERSONS_COUNTER } from './counters.ts';
import { type FiguresWorkspace, frontSources } from './figures-workspace.ts';
import {
  formatCountEn,
  formatCountVi,
  formatPercentEn,
  formatPercentVi,
  formatPointsEn,
  formatPointsVi,
} from './format.ts';
import { organizationView, rawFigures, sumFigures, totalView, ZERO_FIGURES } from './rows.ts';
import type {
  Change,
  CompareRow,
  Comparison,
  FiguresSourceInfo,
  FrontRow,
  OrganizationFigures,
  Overview,
  TotalFigures,
} from './schemas.ts';
import { frontSuppression, Published } from './suppression.ts';
import { type FiguresPeriod, readTenantFigures, resolvePeriod } from './tenant-figures.ts';

type UnitRef = Pick<FullUnit, 'id' | 'name' | 'level' | 'parentId'>;

const ZERO = ZERO_FIGURES;

export async function frontOverview(
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
    const context = await frontOverview(ws, principal, top.parentId, asOf, today);
    const row = context.children.find((c) => c.unitId === top.id);
    if (row) return { ...row, asOf, sources: context.sources, children: [] };
  }

  const rows = [top, ...childRefs].map((ref, i) => {
    const organizations = perOrganization.map(({ organization, period, figures }) => {
      const picked = figures && (i === 0 ? figures.top : figures.children.find((c) => c.unit.id === ref.id));
      return { organization, available: period.available, raw: picked ? rawFigures(picked) : ZERO };
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
        organizationView(organization, raw, new Published(hidden, ref.id, organization), available),
      ),
      total: totalView(total ?? ZERO, uniquePersons, new Published(hidden, ref.id, 'total'), total !== null),
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

export async function frontComparison(
  ws: FiguresWorkspace,
  principal: Principal,
  unitId: string,
  from: string,
  to: string,
  today: string,
): Promise<Comparison> {
  const [before, after] = await Promise.all([
    frontOverview(ws, principal, unitId, from, today),
    frontOverview(ws, principal, unitId, to, today),
  ]);
  const childIds = [...new Set([...after.children, ...before.children].map((c) => c.unitId))];
  const find = (rows: FrontRow[], id: string) => rows.find((r) => r.unitId === id);
  const top = compareRows(before, after);
  return {
    ...top,
    from,
    to,
    sources: { from: before.sources, to: after.sources },
    summary: summaryOf(top.total.fromFigures, top.total.toFigures, top.total.change),
    children: childIds
      .map((id) => {
        const a = find(before.children, id);
        const b = find(after.children, id);
        return compareRows(a ?? emptyLike(b as FrontRow), b ?? emptyLike(a as FrontRow));
      })
      .sort((x, y) => byName({ ...x, id: x.unitId, parentId: null }, { ...y, id: y.unitId, parentId: null })),
  };
}

/** A unit that did not exist on one of the days had nobody there then. */
function emptyLike(row: FrontRow): FrontRow {
  return {
    ...row,
    organizations: ORGANIZATIONS.map((organization) =>
      organizationView(organization, ZERO, Published.all(), true),
    ),
    total: totalView(ZERO, null, Published.all(), true),
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
  };
}

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
