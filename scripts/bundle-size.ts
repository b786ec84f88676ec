/**
 * How big the API bundle is, built exactly as NodejsFunction builds it (same options, from
 * infra/constructs/bundling.ts): bundle size drives cold-start time, so watch it.
 *
 *   npx tsx scripts/bundle-size.ts [entry]     (default: functions/api/lambda.ts)
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundlingOptions } from '../infra/constructs/bundling.ts';

const entry = process.argv[2] ?? 'functions/api/lambda.ts';

const result = await build({
  ...bundlingOptions,
  entryPoints: [entry],
  bundle: true,
  outfile: 'index.mjs',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
if (!code) throw new Error(`esbuild produced no bundle for ${entry}`);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${entry}`);
console.log(`  minified: ${kb(code.contents.byteLength)}`);
console.log(`  gzipped:  ${kb(gzipSync(code.contents).byteLength)}`);

// Where the bytes come from, by package (or by our own top folder), largest first.
const byOrigin = new Map<string, number>();
const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
  const origin = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/')[0] ?? input;
  byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + bytesInOutput);
}
console.log('  largest contributors (minified):');
for (const [origin, bytes] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`    ${kb(bytes).padStart(9)}  ${origin}`);
}
