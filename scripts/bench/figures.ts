/**
 * What the figures cost to read: the Front's overview (`GET /api/v1/front/overview`) of the
 * province and of a commune as the Front's viewer, and an organization's own figures
 * (`GET /api/v1/stats`) as its admin. They read units, targets and aggregates, never a member,
 * so the small and the large province should cost the same: the ratio column is the proof.
 *
 * Every commune of every organization gets a target, the same in both provinces, before the
 * members come: coverage is then computed, and both provinces read the same target items.
 */
import { DEMO_COMMUNE, DEMO_PROVINCE_ID } from '#functions/local/demo/seed-demo-province.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '#shared/domain/organizations.ts';
import { toTenantId } from '#shared/domain/tenant-id.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { type Compared, en, type Measured, printComparison, ratio, writeResults } from './print.ts';
import type { BenchProvince, Size } from './province.ts';
import { call, metered } from './session.ts';

/** The year whose targets the figures of today use. */
const TARGET_YEAR = Number(vietnamToday(new Date()).slice(0, 4));
const STATS_READER: Organization = 'farmers';

interface Probe {
  readonly label: string;
  readonly username: string;
  readonly path: string;
}

export interface FigureResult {
  readonly label: string;
  /** `items`: rows answered, the unit and its children. */
  readonly measured: Measured;
  /** What the top row showed. Coverage null would mean no target counted. */
  readonly shown: Shown;
}

interface Shown {
  readonly coverage: number | null;
  readonly members: number | null;
  /** The Front's distinct people; null in an organization's statistics. */
  readonly uniquePersons: number | null;
}

export interface Figured {
  readonly members: number;
  readonly results: readonly FigureResult[];
}

interface FiguresBody {
  readonly children: readonly unknown[];
  readonly coverage?: number | null;
  readonly members?: { readonly total: number | null };
  readonly total?: {
    readonly coverage: number | null;
    readonly members: { readonly total: number | null };
    readonly uniquePersons: number | null;
  };
}

/**
 * Sets each organization's province target evenly over its communes, for the year the figures
 * of today use, through the API as the organization's admin.
 */
export async function setCommuneTargets(
  p: BenchProvince,
  provinceTargets: Record<Organization, number>,
): Promise<void> {
  // The province's one map, read through any of its tenants; only the communes in force today
  // take a target (the demo keeps the wards closed by the 2025 reorganization too).
  const anyTenant = p.table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, 'front')));
  const today = vietnamToday(new Date());
  const communes = (await new UnitRepository(anyTenant).children(p.provinceUnitId, 1_000, undefined, today))
    .items;
  await Promise.all(
    ORGANIZATIONS.map(async (organization) => {
      const targetPopulation = Math.ceil(provinceTargets[organization] / communes.length);
      for (const commune of communes)
        await call(p, `${organization}.admin`, `/api/v1/units/${commune.id}/targets/${TARGET_YEAR}`, {
          method: 'PUT',
          json: { targetPopulation },
        });
    }),
  );
  p.meter.take();
}

function probes(p: BenchProvince): Probe[] {
  const admin = `${STATS_READER}.admin`;
  return [
    {
      label: 'Front overview: province',
      username: 'front.viewer',
      path: `/api/v1/front/overview?unitId=${p.provinceUnitId}`,
    },
    {
      label: `Front overview: commune (${DEMO_COMMUNE.name})`,
      username: 'front.viewer',
      path: `/api/v1/front/overview?unitId=${DEMO_COMMUNE.code}`,
    },
    {
      label: `stats: province (${admin})`,
      username: admin,
      path: `/api/v1/stats?unitId=${p.provinceUnitId}`,
    },
    {
      label: `stats: commune (${admin})`,
      username: admin,
      path: `/api/v1/stats?unitId=${DEMO_COMMUNE.code}`,
    },
  ];
}

export async function measureFigures(p: BenchProvince): Promise<FigureResult[]> {
  const results: FigureResult[] = [];
  for (const probe of probes(p)) {
    const { body, reading, ms } = await metered<FiguresBody>(p, probe.username, probe.path);
    results.push({
      label: probe.label,
      measured: { ...reading, items: 1 + body.children.length, ms },
      shown: {
        coverage: body.total?.coverage ?? body.coverage ?? null,
        members: body.total?.members.total ?? body.members?.total ?? null,
        uniquePersons: body.total?.uniquePersons ?? null,
      },
    });
  }
  return results;
}

/** Prints the figures of both provinces side by side and writes .data/bench/figures.json. */
export async function reportFigures(small: Figured, large: Figured): Promise<void> {
  const rows: (Compared & { shown: Record<Size, Shown> })[] = small.results.map((result, i) => {
    const other = large.results[i];
    if (other?.label !== result.label) throw new Error('The two provinces ran different figure probes');
    return {
      label: result.label,
      small: result.measured,
      large: other.measured,
      shown: { small: result.shown, large: other.shown },
    };
  });
  console.log(
    `\nFigures (aggregates and ${TARGET_YEAR} targets of every commune; read as the Front and an admin)`,
  );
  printComparison(rows, { small: small.members, large: large.members }, 'rows');
  for (const row of rows.filter((r) => r.shown.small.coverage === null || r.shown.large.coverage === null))
    console.log(`  warning: ${row.label} computed no coverage: are the targets set?`);
  for (const size of ['small', 'large'] as const) {
    const shown = rows[0]?.shown[size];
    if (shown)
      console.log(
        `  ${rows[0]?.label}, ${size}: ${en.format(shown.members ?? 0)} members, ` +
          `${shown.uniquePersons === null ? 'no' : en.format(shown.uniquePersons)} distinct people, coverage ${shown.coverage ?? '—'}`,
      );
  }

  console.log('\nFor the issue note:');
  for (const row of rows.filter((r) => r.label.startsWith('Front'))) {
    const cost = (m: Measured | null, members: number) =>
      m
        ? `${m.calls} DynamoDB calls, ${m.capacity.toFixed(1)} RCU and ${en.format(m.itemsRead)} items read with ${en.format(members)} members`
        : 'nothing measured';
    const times = (pick: (m: Measured) => number) =>
      row.small && row.large ? ratio(pick(row.large), pick(row.small)) : '—';
    console.log(
      `  ${row.label} (${row.large?.items ?? '—'} rows): ${cost(row.small, small.members)}; ` +
        `${cost(row.large, large.members)} (RCU ${times((m) => m.capacity)}, items read ${times((m) => m.itemsRead)}, ` +
        `members ×${(large.members / small.members).toFixed(1)}).`,
    );
  }
  const path = await writeResults('figures', {
    emulator: 'DynamoDB Local, in memory, one per province',
    targetYear: TARGET_YEAR,
    members: { small: small.members, large: large.members },
    rows,
  });
  console.log(`Results written to ${path}`);
}
