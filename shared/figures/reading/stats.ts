/**
 * An organization's own figures for a unit of its tree and for each of its children
 * (GET /api/v1/stats). Readers as for members: organization admins, unit officers in their
 * subtree and viewers. Admins and unit officers see every count (they may open the members
 * themselves); viewers see counts of 1–4 in hamlets hidden.
 */
import { isUnitInScope } from '../../domain/access/tree-access.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Organization } from '../../domain/organizations.ts';
import type { Principal, Role } from '../../domain/roles.ts';
import { statsRow } from './rows.ts';
import type { Stats } from './schemas.ts';
import { type FiguresSource, readTenantFigures, resolvePeriod } from './tenant-figures.ts';

const STATS_READERS: readonly Role[] = ['org_admin', 'unit_officer', 'viewer'];
const DETAIL_READERS: readonly Role[] = ['org_admin', 'unit_officer'];

export async function unitStats(
  source: FiguresSource,
  organization: Organization,
  principal: Principal,
  unitId: string,
  asOf: string,
  today: string,
): Promise<Stats> {
  if (!STATS_READERS.includes(principal.role)) throw new DomainError('FORBIDDEN');
  const unit = await source.units.get(unitId);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { id: unitId });
  if (!isUnitInScope(principal, unit)) throw new DomainError('FORBIDDEN');
  const period = await resolvePeriod(source.figures, asOf, today);
  if (!period.available) throw new DomainError('NO_FIGURES_FOR_DATE', { date: asOf });
  const figures = await readTenantFigures(source, unit, period);
  const detail = DETAIL_READERS.includes(principal.role);
  const year = Number(period.figuresDate.slice(0, 4));
  return {
    ...statsRow(figures.top, organization, year, detail),
    asOf,
    snapshot: period.snapshot,
    figuresDate: period.figuresDate,
    targetYear: figures.targetYear,
    missingTargets: figures.top.lacking.map((u) => ({
      unitId: u.id,
      name: u.name,
      level: u.level,
      parentId: u.parentId,
    })),
    children: figures.children.map((child) => statsRow(child, organization, year, detail)),
  };
}
