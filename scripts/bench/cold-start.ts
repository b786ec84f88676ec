/**
 * The API function's cold start (issue 13): what a cold start parses, and how long a fresh Node
 * process takes to `import()` the entry module, beside a minimal bundle of Hono and the DynamoDB
 * document client (minimal-handler.ts). Both are built by `bundle()` with the deployed options and
 * timed in turns in the same run, medians of BENCH_COLD_RUNS each. Beside them, the API as it was
 * deployed before: one file (no code splitting, all of zod's locales) with source maps turned on,
 * and the API of today with only its source maps turned on, to show what each change wins.
 *
 * What loads on first use is not gone, only later: each fresh API process then asks for its first
 * page (the sign-in form, which needs no table), and that request's time is shown beside the import.
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
/** The first request after the import; the minimal handler has no page, and its one route needs a table. */
const FIRST_PAGE = '/';
const BUNDLES: Record<
  'minimal' | 'api' | 'before',
  { entry: string; variant: Parameters<typeof bundle>[2]; firstPage?: string }
> = {
  minimal: { entry: 'scripts/bench/minimal-handler.ts', variant: {} },
  api: { entry: API_ENTRY, variant: {}, firstPage: FIRST_PAGE },
  before: { entry: API_ENTRY, variant: { splitting: false, plugins: [] }, firstPage: FIRST_PAGE },
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

/**
 * One import, timed inside the fresh process: wall clock, and CPU of all its threads; then the
 * first page's request, where the bundle has one.
 */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
  readonly firstPageMs?: number;
}

export interface ColdStartRow {
  readonly label: string;
  readonly size: StartSize;
  readonly medianMs: number;
  readonly medianCpuMs: number;
  /** The first page's request after the import, and the two together; undefined without a page. */
  readonly firstPage?: { readonly medianMs: number; readonly withImportMs: number };
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
    const time = (c: Candidate) =>
      timeImport(built.get(c.bundle)?.url ?? '', c.nodeOptions, dir, BUNDLES[c.bundle].firstPage);
    // Untimed: the API creates its signing keys in DATA_DIR, and the files reach the page cache.
    for (const c of CANDIDATES) time(c);
    const samples = CANDIDATES.map(() => [] as Timing[]);
    for (let run = 0; run < RUNS; run++) for (const [i, c] of CANDIDATES.entries()) samples[i]?.push(time(c));
    return CANDIDATES.map((c, i) => {
      const timings = samples[i] ?? [];
      const firstPages = timings.filter((t) => t.firstPageMs !== undefined);
      return {
        label: c.label,
        size: built.get(c.bundle)?.size as StartSize,
        medianMs: median(timings.map((t) => t.ms)),
        medianCpuMs: median(timings.map((t) => t.cpuMs)),
        ...(firstPages.length > 0 && {
          firstPage: {
            medianMs: median(firstPages.map((t) => t.firstPageMs ?? 0)),
            withImportMs: median(firstPages.map((t) => t.ms + (t.firstPageMs ?? 0))),
          },
        }),
        samples: timings,
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How long a fresh `node` takes to import the module, measured inside it (Node's own start
 * aside), then to answer `firstPage` if given. CPU time beside the wall clock: on a busy machine
 * it wavers less.
 */
function timeImport(url: string, nodeOptions: string, dataDir: string, firstPage?: string): Timing {
  const script = [
    'const cpu = process.cpuUsage(), started = performance.now();',
    `const { handler } = await import(${JSON.stringify(url)});`,
    'const ms = performance.now() - started, { user, system } = process.cpuUsage(cpu);',
    'let firstPageMs;',
    ...(firstPage
      ? [
          'const sent = performance.now();',
          `const { statusCode } = await handler(${JSON.stringify(pageEvent(firstPage))}, {});`,
          'firstPageMs = performance.now() - sent;',
          `if (statusCode !== 200) throw new Error('the first page answered ' + statusCode);`,
        ]
      : []),
    'process.stdout.write(JSON.stringify({ ms, cpuMs: (user + system) / 1000, firstPageMs }));',
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

/** A browser's GET of a page as API Gateway's HTTP API hands it to the function (payload 2.0). */
function pageEvent(path: string) {
  const host = 'bench.execute-api.ap-southeast-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host, 'x-forwarded-proto': 'https' },
    requestContext: { domainName: host, http: { method: 'GET', path, sourceIp: '203.0.113.5' } },
    isBase64Encoded: false,
  };
}

export async function reportColdStart(rows: readonly ColdStartRow[]): Promise<void> {
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  const [minimal, api] = rows;
  if (!minimal || !api) throw new Error('cold start: nothing measured');
  console.log(`\nCold start: a fresh node importing each bundle, medians of ${RUNS}, in turns`);
  printTable([
    [
      'bundle',
      'loaded at start',
      'gzipped',
      'files',
      'cold import()',
      '÷ minimal',
      'CPU',
      '÷ minimal',
      `then GET ${FIRST_PAGE}`,
      'import + GET',
    ],
    ...rows.map((row) => [
      row.label,
      kb(row.size.minifiedBytes),
      kb(row.size.gzippedBytes),
      String(row.size.files),
      `${row.medianMs.toFixed(0)} ms`,
      `×${(row.medianMs / minimal.medianMs).toFixed(2)}`,
      `${row.medianCpuMs.toFixed(0)} ms`,
      `×${(row.medianCpuMs / minimal.medianCpuMs).toFixed(2)}`,
      row.firstPage ? `${row.firstPage.medianMs.toFixed(0)} ms` : '—',
      row.firstPage ? `${row.firstPage.withImportMs.toFixed(0)} ms` : '—',
    ]),
  ]);
  console.log(
    `Pages load on their first request: "then GET ${FIRST_PAGE}" is the first page's time in the same fresh process, which the import no longer pays.`,
  );
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
