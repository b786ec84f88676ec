/**
 * Reads one tenant's figures for a unit and its children on a day: the aggregates (current or
 * from the snapshot that answers for the day), the year's targets of the subtree, and the units
 * lacking a target. Never a member: every read is a unit, a target or an aggregate item.
 *
 * Reads, for a unit with c children: 1 GetItem (the unit), 1 Query (the snapshot register, past
 * days only: it names the copy of the latest revision too), ⌈c / page⌉ Queries (children), 1 Query per ~1 MB of targets, ⌈(1 + c + t) / 100⌉
 * BatchGetItems (aggregates of the unit, its children and the t topmost targeted units), and, to
 * find the units lacking a target, 1 Query per unit above hamlet level that no target covers
 * (a province with every commune's target set needs none; with none set, one per commune).
 */
import { limiter } from '../../concurrency.ts';
import type { FullUnit } from '../../domain/units.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import type { UnitRepository } from '../../store/repositories/units.ts';
import { type Aggregate, countOf, EMPTY_AGGREGATE, membersCounter } from './counters.ts';
import { type CoverageSums, coverageSums } from './coverage.ts';
import type { SnapshotCorrection } from './schemas.ts';
import { correctionsOf, latestRevision } from './snapshot-record.ts';
import { unitPath } from './targets.ts';

export interface FiguresSource {
  readonly units: UnitRepository;
  readonly figures: FiguresRepository;
}

/** Which figures answer for a day. */
export interface FiguresPeriod {
  /** The snapshot read; null for the current figures. */
  readonly snapshot: string | null;
  /** The copy its latest revision made, which the aggregates are read from; null for the current figures. */
  readonly copy: string | null;
  /** The snapshot's corrections (revisions after the first), oldest first: the Front is told of them. */
  readonly corrections: readonly SnapshotCorrection[];
  /** The day the figures stand for: the snapshot's day, or today. */
  readonly figuresDate: string;
  /** False when the day is older than the first snapshot: there are no figures for it. */
  readonly available: boolean;
}

export interface RawRow {
  readonly unit: Pick<FullUnit, 'id' | 'name' | 'level' | 'parentId'>;
  readonly aggregate: Aggregate;
  readonly coverage: CoverageSums;
  /** Units in force at the lowest level (hamlets, or communes without hamlets) with no target on them or above them up to this row's unit. */
  readonly lacking: FullUnit[];
}

export interface TenantFigures extends FiguresPeriod {
  readonly top: RawRow;
  readonly children: RawRow[];
  /** The year whose targets were used: the year of the figures' date. */
  readonly targetYear: number;
}

/** Queries of the tree running at once while looking for units without a target. */
const WALK_CONCURRENCY = 8;

/** Days on or after today read the current aggregates; earlier days the latest snapshot on or before them. */
export async function resolvePeriod(
  figures: FiguresRepository,
  asOf: string,
  today: string,
): Promise<FiguresPeriod> {
  const none = { snapshot: null, copy: null, corrections: [] };
  if (asOf >= today) return { ...none, figuresDate: today, available: true };
  const record = await figures.latestSnapshotOnOrBefore(asOf);
  return record === null
    ? { ...none, figuresDate: asOf, available: false }
    : {
        snapshot: record.date,
        copy: latestRevision(record).copy,
        corrections: correctionsOf(record),
        figuresDate: record.date,
        available: true,
      };
}

/**
 * The figures of `unit` and each of its children in force on the day, for one tenant. Pass the
 * period when it is already known (the Front resolves it once per tenant).
 */
export async function readTenantFigures(
  source: FiguresSource,
  unit: FullUnit,
  period: FiguresPeriod,
): Promise<TenantFigures> {
  const day = period.figuresDate;
  const targetYear = Number(day.slice(0, 4));
  const [children, targets] = await Promise.all([
    unit.level === 'hamlet' ? Promise.resolve([]) : source.units.allChildren(unit.id, day),
    source.figures.targetsWithin(targetYear, unitPath(unit)),
  ]);
  const targeted = new Set(targets.map((target) => target.unitId));
  const limit = limiter(WALK_CONCURRENCY);
  const lackingUnder = async (u: FullUnit): Promise<FullUnit[]> => {
    if (targeted.has(u.id)) return [];
    const below = u.level === 'hamlet' ? [] : await limit(() => source.units.allChildren(u.id, day));
    if (below.length === 0) return [u];
    return (await Promise.all(below.map(lackingUnder))).flat();
  };
  const childLacking = await Promise.all(children.map(lackingUnder));
  const topLacking = targeted.has(unit.id) ? [] : children.length === 0 ? [unit] : childLacking.flat();

  const aggregates = period.available
    ? await source.figures.aggregates(
        [...new Set([unit.id, ...children.map((c) => c.id), ...targets.map((t) => t.unitId)])],
        period.copy,
      )
    : new Map<string, Aggregate>();
  const activeOf = (id: string) => countOf(aggregates.get(id), membersCounter('active'));
  const row = (u: FullUnit, lacking: FullUnit[]): RawRow => ({
    unit: u,
    aggregate: aggregates.get(u.id) ?? EMPTY_AGGREGATE,
    coverage: coverageSums(targets, unitPath(u), activeOf),
    lacking,
  });
  return {
    ...period,
    targetYear,
    top: row(unit, topLacking),
    children: children.map((child, i) => row(child, childLacking[i] ?? [])),
  };
}
