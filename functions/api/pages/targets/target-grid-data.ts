/**
 * What a grid of targets is drawn from: a unit (a commune) and its children in force during the
 * year, each with its target and, beside it, its active members and coverage. Every read goes
 * through the use cases: the targets decide who may look, the map gives the rows, the figures
 * the members.
 */
import type { Context } from 'hono';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { listUnits, readUnit } from '#shared/domain/unit-queries.ts';
import type { TreeWorkspace } from '#shared/domain/unit-workspace.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import type { Stats, StatsRow } from '#shared/figures/reading/schemas.ts';
import { unitStats } from '#shared/figures/reading/stats.ts';
import { inForceDuring, listTargets, type Target } from '#shared/figures/reading/targets.ts';
import { everyPage } from '#shared/paging.ts';
import type { AppEnv } from '../../app-env.ts';
import { figuresSource, targetWorkspace, treeWorkspace } from '../../http/workspaces.ts';

export interface GridRow {
  readonly unit: FullUnit;
  readonly target: Target | undefined;
  /** The unit's figures today; undefined when there are none. */
  readonly figures: StatsRow | undefined;
}

export interface TargetGrid {
  readonly unit: FullUnit;
  readonly year: number;
  /**
   * The unit itself first (a commune may keep a target of its own), then its children by name:
   * those in force during the year, as only they can have a target for it.
   */
  readonly rows: readonly GridRow[];
  /** The day the members beside the targets stand for, and the year of targets their coverage used. */
  readonly figures: { readonly date: string; readonly targetYear: number } | null;
}

export async function loadTargetGrid(c: Context<AppEnv>, unitId: string, year: number): Promise<TargetGrid> {
  const principal = c.get('principal');
  // First: whether the reader may see this unit's targets at all.
  const targets = await listTargets(targetWorkspace(c), principal, unitId, year);
  const tree = treeWorkspace(c);
  const [unit, children, found] = await Promise.all([
    readUnit(tree, principal, unitId),
    allChildren(tree, principal, unitId),
    todaysFigures(c, unitId),
  ]);
  // A closed unit's figures answer for its successor: none of them belong beside its rows.
  const stats = found?.unitId === unitId ? found : null;
  const targetOf = new Map(targets.map((target) => [target.unitId, target]));
  const figuresOf = new Map((stats?.children ?? []).map((row) => [row.unitId, row]));
  const row = (u: FullUnit, figures: StatsRow | undefined): GridRow => ({
    unit: u,
    target: targetOf.get(u.id),
    figures,
  });
  return {
    unit,
    year,
    rows: [
      row(unit, stats ?? undefined),
      ...children.map((child) => row(child, figuresOf.get(child.id))),
    ].filter((r) => inForceDuring(r.unit, year)),
    figures: stats && { date: stats.figuresDate, targetYear: stats.targetYear },
  };
}

/** The units a reader picks a grid from: their own unit, or the province's communes in force today. */
export async function gridChoices(c: Context<AppEnv>): Promise<FullUnit[]> {
  const principal = c.get('principal');
  const tree = treeWorkspace(c);
  const scope = principal.scope;
  if (scope && 'unitId' in scope) return [await readUnit(tree, principal, scope.unitId)];
  if (scope) return [];
  const province = (await listUnits(tree, principal, { limit: 1 })).items[0];
  if (!province) return [];
  return allChildren(tree, principal, province.id, vietnamToday(c.get('now')));
}

function allChildren(
  tree: TreeWorkspace,
  principal: Principal,
  parentId: string,
  validOn?: string,
): Promise<FullUnit[]> {
  return everyPage((cursor) => listUnits(tree, principal, { parentId, validOn, limit: 500, cursor }));
}

/** A province without figures yet still has targets to fill: the grid goes without members then. */
async function todaysFigures(c: Context<AppEnv>, unitId: string): Promise<Stats | null> {
  const today = vietnamToday(c.get('now'));
  const source = figuresSource(c.get('tenantTable'));
  return unitStats(source, c.get('principal'), unitId, today, today).catch((error) => {
    if (error instanceof DomainError && error.code === 'NO_FIGURES_FOR_DATE') return null;
    throw error;
  });
}
