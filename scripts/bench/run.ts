/**
 * `npm run bench`: what reads cost in a province of 5,000 members and in one the size of Đồng
 * Tháp's four organizations at the end of 2020 (531,467), side by side — member lists and
 * searches (members-search.ts), and the figures, which read units and aggregates only and so
 * must cost the same in both (figures.ts); the web admin's member list against the API call it
 * wraps (member-pages.ts) — and how long the import takes while the stream poller
 * keeps the aggregates, as under `npm start`, and how long they take to settle after it.
 *
 *   npm run bench                        BENCH_SMALL=500 BENCH_LARGE=5000 npm run bench   (a quick trial)
 *   BENCH_ONLY=search npm run bench      (searches as officers type them, issue 16: typed-searches.ts;
 *                                         BENCH_KINDS="a letter missing or swapped" for one kind)
 *
 * Results are also written to .data/bench/{import,members-search,figures}.json.
 */
import { ORGANIZATIONS, type Organization } from '#shared/domain/organizations.ts';
import { measureApiOverhead, reportApiOverhead } from './api-overhead.ts';
import { measureColdStart, reportColdStart } from './cold-start.ts';
import { type FigureResult, measureFigures, reportFigures, setCommuneTargets } from './figures.ts';
import { measureImport, reportImport } from './member-import.ts';
import { measureMemberPages, reportMemberPages } from './member-pages.ts';
import {
  emptySamples,
  measureSearches,
  reportSearches,
  type Samples,
  type SearchResult,
  sampleFrom,
} from './members-search.ts';
import { en, printTable, vi, writeResults } from './print.ts';
import {
  AGGREGATION,
  IMPORT_CONCURRENCY,
  type Imported,
  openProvince,
  SHARES,
  type Size,
  split,
} from './province.ts';
import { measureStream, reportStream } from './stream.ts';
import {
  measureTypedSearches,
  reportTypedSearches,
  type TypedResult,
  typedSampler,
} from './typed-searches.ts';

/** The article's province: the members the load goal is set for, and the large province's default. */
const PROVINCE_MEMBERS = 531_467;
const SIZES: Record<Size, number> = {
  small: positiveInteger('BENCH_SMALL', 5_000),
  large: positiveInteger('BENCH_LARGE', PROVINCE_MEMBERS),
};
/** Members the stream bench imports and then has the poller apply (stream.ts). */
const STREAM_MEMBERS = positiveInteger('BENCH_STREAM_MEMBERS', 20_000);
/** Issue 13's goals for writing members. */
const GOALS = { itemsPerMember: 5, writeUnitsPerMember: 12, loadMinutes: 15 } as const;

/** People to gather per member of the large province: its coverage comes out about two thirds. */
const TARGET_PER_MEMBER = 1.25;

interface Run {
  readonly counts: Record<Organization, number>;
  readonly imported: Imported;
  readonly searches: SearchResult[];
  readonly typed: TypedResult[];
  readonly figures: FigureResult[];
}

async function main(): Promise<void> {
  console.log(
    `Benchmark: ${en.format(SIZES.small)} vs ${en.format(SIZES.large)} members ` +
      `(${ORGANIZATIONS.map((o) => `${o} ${Math.round(SHARES[o] * 100)} %`).join(', ')})`,
  );
  const samples = emptySamples();
  // The same targets in both provinces, so that both read the same target items.
  const large = split(SIZES.large);
  const targets = Object.fromEntries(
    ORGANIZATIONS.map((o) => [o, Math.round(large[o] * TARGET_PER_MEMBER)]),
  ) as Record<Organization, number>;
  const runs = {} as Record<Size, Run>;
  for (const size of ['small', 'large'] as const) runs[size] = await run(size, samples, targets);

  await reportImports(runs);
  const searched = (size: Size) => ({
    members: runs[size].imported.members,
    counts: runs[size].counts,
    results: runs[size].searches,
  });
  await reportSearches(searched('small'), searched('large'), samples);
  await reportTyped(runs);
  const figured = (size: Size) => ({ members: runs[size].imported.members, results: runs[size].figures });
  await reportFigures(figured('small'), figured('large'));
  await reportStream(await measureStream(STREAM_MEMBERS));
  await reportColdStart(await measureColdStart());
}

async function run(size: Size, samples: Samples, targets: Record<Organization, number>): Promise<Run> {
  const counts = split(SIZES[size]);
  console.log(
    `\n${size}: ${en.format(SIZES[size])} members (${ORGANIZATIONS.map((o) => `${o} ${en.format(counts[o])}`).join(', ')})`,
  );
  const p = await openProvince(size);
  try {
    await setCommuneTargets(p, targets);
    // The small province picks the people searched for: its members are the large one's first ones.
    const pick = size === 'small' ? sampleFrom(samples) : undefined;
    const typedSamples = typedSampler();
    const imported = await p.import(counts, (...member) => {
      pick?.(...member);
      typedSamples.onMember(...member);
    });
    const searches = await measureSearches(p, samples);
    const typed = await measureTypedSearches(p, typedSamples.samples());
    const figures = await measureFigures(p);
    // Printed as soon as measured: the large province's import takes long.
    await reportMemberPages(size, imported.members, await measureMemberPages(p));
    if (size === 'small') await reportApiOverhead(await measureApiOverhead(p, imported.members));
    return { counts, imported, searches, typed, figures };
  } finally {
    await p.close();
  }
}

async function reportImports(runs: Record<Size, Run>): Promise<void> {
  const seconds = (ms: number) => ms / 1000;
  const perSecond = (i: Imported) => Math.round(i.items / seconds(i.importMs));
  const streamed = AGGREGATION === 'stream';
  console.log(
    {
      load: `\nImport counting its members as it writes them, the bulk load path (concurrency ${IMPORT_CONCURRENCY}, in memory)`,
      stream: `\nImport, with the stream poller keeping the aggregates (BENCH_AGGREGATES=stream; concurrency ${IMPORT_CONCURRENCY}, in memory)`,
      recount: `\nImport, then the aggregates recounted (BENCH_AGGREGATES=recount; concurrency ${IMPORT_CONCURRENCY}, in memory)`,
    }[AGGREGATION],
  );
  printTable([
    [
      'province',
      'members',
      'items',
      `items/member (goal ≤ ${GOALS.itemsPerMember})`,
      `AWS write units/member (goal ≤ ${GOALS.writeUnitsPerMember})`,
      'import',
      'items/s',
      'aggregated at last write',
      AGGREGATION === 'recount' ? 'recounted after' : 'settled after',
    ],
    ...(['small', 'large'] as const).map((size) => {
      const i = runs[size].imported;
      return [
        size,
        en.format(i.members),
        en.format(i.items),
        (i.items / i.members).toFixed(2),
        (i.writeUnits / i.members).toFixed(2),
        `${seconds(i.importMs).toFixed(1)} s`,
        en.format(perSecond(i)),
        AGGREGATION === 'recount'
          ? '—'
          : `${en.format(i.aggregatedAtLastWrite)} (${((i.aggregatedAtLastWrite / i.members) * 100).toFixed(1)} %)`,
        i.aggregated === i.members
          ? `${seconds(i.settleMs).toFixed(1)} s`
          : `never: stopped at ${en.format(i.aggregated)}`,
      ];
    }),
  ]);
  const i = runs.large.imported;
  const loadMinutes = seconds(i.importMs + i.settleMs) / 60;
  // DynamoDB Local only slows as its stream records pile up: a smaller run's pace is a floor.
  const atFullSize =
    i.members === PROVINCE_MEMBERS
      ? `${(loadMinutes / GOALS.loadMinutes).toFixed(2)}× the goal`
      : `at this pace ${en.format(Math.round((loadMinutes * PROVINCE_MEMBERS) / i.members))} min or more, ${((loadMinutes * PROVINCE_MEMBERS) / i.members / GOALS.loadMinutes).toFixed(1)}× the goal or more`;
  console.log(
    `Loaded with every figure settled: ${loadMinutes.toFixed(1)} min for ${en.format(i.members)} members ` +
      `(goal ≤ ${GOALS.loadMinutes} min for ${en.format(PROVINCE_MEMBERS)}: ${atFullSize})`,
  );
  console.log(
    `\nFor the issue note: the import of ${en.format(i.members)} (${vi.format(i.members)}) generated members, ` +
      `${en.format(i.items)} items, took ${(seconds(i.importMs) / 60).toFixed(1)} min (${en.format(perSecond(i))} items/s) ` +
      (AGGREGATION === 'recount'
        ? `without the stream poller; recounting every aggregate (the four organizations' and the Front's) then took ${(seconds(i.settleMs) / 60).toFixed(1)} min.`
        : `${streamed ? 'with the stream poller beside it' : 'counting its members as it wrote them'}; the aggregates counted ${((i.aggregatedAtLastWrite / i.members) * 100).toFixed(1)} % ` +
          `of the members at the last write and ${i.aggregated === i.members ? `all of them ${seconds(i.settleMs).toFixed(1)} s later` : `only ${en.format(i.aggregated)} in the end`}.`),
  );
  const path = await writeResults('import', {
    emulator: 'DynamoDB Local, in memory, one per province',
    aggregation: AGGREGATION,
    concurrency: IMPORT_CONCURRENCY,
    sizes: Object.fromEntries(
      (['small', 'large'] as const).map((size) => {
        const i = runs[size].imported;
        return [
          size,
          {
            counts: runs[size].counts,
            members: i.members,
            items: i.items,
            writeUnits: i.writeUnits,
            importSeconds: Math.round(seconds(i.importMs) * 10) / 10,
            itemsPerSecond: perSecond(i),
            aggregatedAtLastWrite: i.aggregatedAtLastWrite,
            aggregated: i.aggregated,
            settleSeconds: Math.round(seconds(i.settleMs) * 10) / 10,
          },
        ];
      }),
    ),
  });
  console.log(`Results written to ${path}`);
}

function positiveInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 100) throw new Error(`${name} must be a whole number ≥ 100`);
  return Number(value);
}

function reportTyped(runs: Record<Size, Pick<Run, 'imported' | 'typed'>>): Promise<void> {
  const typed = (size: Size) => ({ members: runs[size].imported.members, results: runs[size].typed });
  return reportTypedSearches(typed('small'), typed('large'));
}

/**
 * BENCH_ONLY=search: both provinces imported and searched the ways officers type (issue 16), with
 * the import's items and write units a member; nothing else measured.
 */
async function searchOnly(): Promise<void> {
  const runs = {} as Record<Size, Pick<Run, 'imported' | 'typed'>>;
  for (const size of ['small', 'large'] as const) {
    // Searches read no figures: nothing is counted, and the import runs at the emulator's pace.
    const p = await openProvince(size, 'none');
    try {
      const sampler = typedSampler();
      const imported = await p.import(split(SIZES[size]), sampler.onMember);
      console.log(
        `${size}: ${en.format(imported.members)} members, ${(imported.items / imported.members).toFixed(2)} items and ` +
          `${(imported.writeUnits / imported.members).toFixed(2)} AWS write units a member ` +
          `(goals ≤ ${GOALS.itemsPerMember} and ≤ ${GOALS.writeUnitsPerMember}); searching…`,
      );
      runs[size] = { imported, typed: await measureTypedSearches(p, sampler.samples()) };
    } finally {
      await p.close();
    }
  }
  await reportTyped(runs);
}

/** BENCH_ONLY=api: a province of 1,000 members, the API's overhead on one member read. */
async function apiOnly(): Promise<void> {
  const p = await openProvince('small');
  try {
    const imported = await p.import(split(1_000));
    await reportApiOverhead(await measureApiOverhead(p, imported.members));
  } finally {
    await p.close();
  }
}

if (process.env.BENCH_ONLY === 'stream') await reportStream(await measureStream(STREAM_MEMBERS));
else if (process.env.BENCH_ONLY === 'api') await apiOnly();
else if (process.env.BENCH_ONLY === 'search') await searchOnly();
else if (process.env.BENCH_ONLY === 'cold-start') await reportColdStart(await measureColdStart());
else if (process.env.BENCH_ONLY === 'import')
  await reportImport(await measureImport(positiveInteger('BENCH_IMPORT_ROWS', 20_000)));
else await main();
