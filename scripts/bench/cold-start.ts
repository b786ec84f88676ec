/**
 * The API function's cold start (issue 13): what a cold start parses, and how long a fresh Node
 * process takes to `import()` the entry module, beside a minimal bundle of Hono and the DynamoDB
 * document client (minimal-handler.ts). Both are built by `bundle()` with the deployed options and
 * timed in turns in the same run, medians of BENCH_COLD_RUNS each. Beside them, the API as it was
 * deployed before: one file (no code splitting, all of zod's locales) with source maps turned on,
 * and the API of today with only its source maps turned on, to show what each change wins.
 *
 *   BENCH_ONLY=cold-start npm run bench        (BENCH_COLD_RUNS=15 for steadier medians)
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiStartBudget, bundle, type StartSize, sizeAtStart } from '../../infra/constructs/bundling.ts';
import { printTable, writeResults } from './print.ts';
import { median } from './timing.ts';

/** The goal: the API's cold import at most this many times the minimal bundle's. */
const GOAL = 1.5;
const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_COLD_RUNS ?? '', 10) || 7);

interface Candidate {
  readonly label: string;
  /** The bundle it imports, one of BUNDLES. */
  readonly bundle: keyof typeof BUNDLES;
  readonly nodeOptions: string;
}

const API_ENTRY = 'functions/api/lambda.ts';
const BUNDLES: Record<
  'minimal' | 'api' | 'before',
  { entry: string; variant: Parameters<typeof bundle>[2] }
> = {
  minimal: { entry: 'scripts/bench/minimal-handler.ts', variant: {} },
  api: { entry: API_ENTRY, variant: {} },
  before: { entry: API_ENTRY, variant: { splitting: false, plugins: [] } },
};

const CANDIDATES: readonly Candidate[] = [
  { label: 'minimal: Hono + DynamoDB document client', bundle: 'minimal', nodeOptions: '' },
  { label: 'API function, as deployed', bundle: 'api', nodeOptions: '' },
  { label: 'API function with --enable-source-maps', bundle: 'api', nodeOptions: '--enable-source-maps' },
  {
    label: 'API function before: one file, --enable-source-maps',
    bundle: 'before',
    nodeOptions: '--enable-source-maps',
  },
];

/** One import, timed inside the fresh process: wall clock, and CPU of all its threads. */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

export interface ColdStartRow {
  readonly label: string;
  readonly size: StartSize;
  readonly medianMs: number;
  readonly medianCpuMs: number;
  readonly samples: readonly Timing[];
}

export async function measureColdStart(): Promise<ColdStartRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'doanthe-bench-cold-'));
  try {
    const built = new Map<string, { url: string; size: StartSize }>();
    for (const [name, { entry, variant }] of Object.entries(BUNDLES)) {
      const output = join(dir, name);
      const result = await bundle(entry, output, variant);
      built.set(name, { url: pathToFileURL(join(output, 'index.mjs')).href, size: sizeAtStart(result) });
    }
    const time = (c: Candidate) => timeImport(built.get(c.bundle)?.url ?? '', c.nodeOptions, dir);
    // Untimed: the API creates its signing keys in DATA_DIR, and the files reach the page cache.
    for (const c of CANDIDATES) time(c);
    const samples = CANDIDATES.map(() => [] as Timing[]);
    for (let run = 0; run < RUNS; run++) for (const [i, c] of CANDIDATES.entries()) samples[i]?.push(time(c));
    return CANDIDATES.map((c, i) => ({
      label: c.label,
      size: built.get(c.bundle)?.size as StartSize,
      medianMs: median((samples[i] ?? []).map((t) => t.ms)),
      medianCpuMs: median((samples[i] ?? []).map((t) => t.cpuMs)),
      samples: samples[i] ?? [],
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How long a fresh `node` takes to import the module, measured inside it (Node's own start
 * aside). CPU time beside the wall clock: on a busy machine it wavers less.
 */
function timeImport(url: string, nodeOptions: string, dataDir: string): Timing {
  const script = [
    'const cpu = process.cpuUsage(), started = performance.now();',
    `await import(${JSON.stringify(url)});`,
    'const ms = performance.now() - started, { user, system } = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (user + system) / 1000 }));',
    'process.exit(0);',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: nodeOptions,
      DATA_DIR: dataDir,
      AWS_REGION: 'ap-southeast-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(output) as Timing;
}

export async function reportColdStart(rows: readonly ColdStartRow[]): Promise<void> {
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  const [minimal, api] = rows;
  if (!minimal || !api) throw new Error('cold start: nothing measured');
  console.log(`\nCold start: a fresh node importing each bundle, medians of ${RUNS}, in turns`);
  printTable([
    ['bundle', 'loaded at start', 'gzipped', 'files', 'cold import()', '÷ minimal', 'CPU', '÷ minimal'],
    ...rows.map((row) => [
      row.label,
      kb(row.size.minifiedBytes),
      kb(row.size.gzippedBytes),
      String(row.size.files),
      `${row.medianMs.toFixed(0)} ms`,
      `×${(row.medianMs / minimal.medianMs).toFixed(2)}`,
      `${row.medianCpuMs.toFixed(0)} ms`,
      `×${(row.medianCpuMs / minimal.medianCpuMs).toFixed(2)}`,
    ]),
  ]);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const ratio = api.medianMs / minimal.medianMs;
  console.log(
    `API start: ${kb(api.size.minifiedBytes)} minified (goal ≤ ${kb(apiStartBudget.minifiedBytes)}: ` +
      `${verdict(api.size.minifiedBytes <= apiStartBudget.minifiedBytes)}), ${kb(api.size.gzippedBytes)} gzipped ` +
      `(goal ≤ ${kb(apiStartBudget.gzippedBytes)}: ${verdict(api.size.gzippedBytes <= apiStartBudget.gzippedBytes)}); ` +
      `cold import() ×${ratio.toFixed(2)} the minimal bundle's (goal ≤ ×${GOAL}: ${verdict(ratio <= GOAL)}).`,
  );
  const path = await writeResults('cold-start', {
    runs: RUNS,
    goal: { ratio: GOAL, ...apiStartBudget },
    rows,
  });
  console.log(`Results written to ${path}`);
}
