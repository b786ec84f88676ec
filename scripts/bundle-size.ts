/**
 * How big a function's bundle is, built exactly as NodeFunction builds it (`bundle()` of
 * infra/constructs/bundling.ts): what a cold start parses drives its time, so watch it.
 *
 *   npx tsx scripts/bundle-size.ts [entry]     (default: functions/api/lambda.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiStartBudget, type Bundle, bundle, sizeAtStart } from '../infra/constructs/bundling.ts';

const entry = process.argv[2] ?? 'functions/api/lambda.ts';
const outdir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
try {
  const built = await bundle(entry, outdir);
  const start = sizeAtStart(built);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const goal = (bytes: number) => (entry === 'functions/api/lambda.ts' ? ` (goal ≤ ${kb(bytes)})` : '');
  console.log(entry);
  console.log(`  loaded at start (${start.files} files):`);
  console.log(`    minified: ${kb(start.minifiedBytes)}${goal(apiStartBudget.minifiedBytes)}`);
  console.log(`    gzipped:  ${kb(start.gzippedBytes)}${goal(apiStartBudget.gzippedBytes)}`);
  console.log(`  all code, lazy chunks included: ${kb(totalCode(built))}`);
  console.log('  largest contributors to the start (minified):');
  for (const [origin, bytes] of contributors(built).slice(0, 15))
    console.log(`    ${kb(bytes).padStart(9)}  ${origin}`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

function totalCode({ metafile }: Bundle): number {
  return Object.entries(metafile.outputs)
    .filter(([path]) => path.endsWith('.mjs'))
    .reduce((sum, [, output]) => sum + output.bytes, 0);
}

/** Where the start's bytes come from, by package (or by our own top folder), largest first. */
function contributors({ metafile, loadedAtStart }: Bundle): [string, number][] {
  const byOrigin = new Map<string, number>();
  const loaded = new Set(loadedAtStart);
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (!loaded.has(path)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const origin =
        input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + bytesInOutput);
    }
  }
  return [...byOrigin].sort((a, b) => b[1] - a[1]);
}
