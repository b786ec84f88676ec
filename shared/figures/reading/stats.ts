/**
 * An organization's own figures for a unit of its tree and for each of its children
 * (GET /api/v1/stats). Readers as for members: organization admins, unit officers in their
 * subtree and viewers. Admins and unit officers see every count (they may open the members
 * themselves); viewers see counts of 1–4 in hamlets hidden, with the cells that would give
 * them back (rows.ts). Introductions to the Party, members' ratings and the review's members are
 * counts like the others: who was introduced, rated or reviewed as what is read elsewhere, by the
 * roles allowed to. Branches' ratings, like branches, are never hidden.
 */
import { isApiKey } from '../../domain/access/api-key-access.ts';
import { requireOrganization } from '../../domain/access/tenant-access.ts';
import { isUnitInScope } from '../../domain/access/tree-access.ts';
import { resolveUnit } from '../../domain/admin-units/resolve-unit.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Organization } from '../../domain/organizations.ts';
import type { Principal, Role } from '../../domain/roles.ts';
import { statsRow, statsTableRow } from './rows.ts';
import type { Stats } from './schemas.ts';
import { type StatsTableRow, statsSuppression } from './suppression.ts';
import {
  type FiguresPeriod,
  type FiguresSource,
  type RawRow,
  readTenantFigures,
  resolvePeriod,
  type TenantFigures,
} from './tenant-figures.ts';

const STATS_READERS: readonly Role[] = ['org_admin', 'unit_officer', 'viewer'];
const DETAIL_READERS: readonly Role[] = ['org_admin', 'unit_officer'];

/**
 * Who reads an organization's figures: its admins, unit officers and viewers, not a branch's
 * officer; an API key holding `figures:read`.
 */
export function requireStatsReader(principal: Principal): Organization {
  const organization = requireOrganization(principal, 'figures:read');
  if (!STATS_READERS.includes(principal.role) && !isApiKey(principal)) throw new DomainError('FORBIDDEN');
  return organization;
}

export async function unitStats(
  source: FiguresSource,
  principal: Principal,
  unitId: string,
  asOf: string,
  today: string,
): Promise<Stats> {
  const organization = requireStatsReader(principal);
  // An old commune's code or name, or a unit closed before the day, answers for what it became.
  const resolved = await resolveUnit(source.units, unitId, asOf);
  if (!resolved) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  const { unit, resolvedFrom } = resolved;
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  const period = await resolvePeriod(source.figures, asOf, today);
  if (!period.available) throw new DomainError('NO_FIGURES_FOR_DATE', { date: asOf });
  const figures = await readTenantFigures(source, unit, period);
  const detail = DETAIL_READERS.includes(principal.role);
  // Ages are reached in the year the figures stand for; introductions to the Party, ratings and the
  // review are those of the year asked about, as far as those figures know them.
  const years = { figures: Number(period.figuresDate.slice(0, 4)), asked: Number(asOf.slice(0, 4)) };
  const table = (raw: RawRow) => statsTableRow(raw, organization, years.figures, years.asked);
  const hidden = await hiddenCells(source, figures, period, table, detail);
  const row = (raw: RawRow) => statsRow(raw, table(raw), hidden);
  return {
    ...row(figures.top),
    asOf,
    ...(resolvedFrom && { resolvedFrom }),
    snapshot: period.snapshot,
    figuresDate: period.figuresDate,
    targetYear: figures.targetYear,
    missingTargets: figures.top.lacking.map((u) => ({
      unitId: u.id,
      name: u.name,
      level: u.level,
      parentId: u.parentId,
    })),
    children: figures.children.map(row),
  };
}

/**
 * Which cells the reader may not see. A hamlet's own figures are hidden as in its commune's
 * table, or reading both would show more of it than either.
 */
async function hiddenCells(
  source: FiguresSource,
  figures: TenantFigures,
  period: FiguresPeriod,
  table: (raw: RawRow) => StatsTableRow,
  detail: boolean,
): Promise<ReadonlySet<string>> {
  if (detail) return new Set();
  const { unit } = figures.top;
  const parent = unit.level === 'hamlet' && unit.parentId ? await source.units.get(unit.parentId) : undefined;
  const context = parent ? await readTenantFigures(source, parent, period) : undefined;
  const rows = context?.children.some((c) => c.unit.id === unit.id)
    ? [context.top, ...context.children]
    : [figures.top, ...figures.children];
  return statsSuppression(rows.map(table));
}
