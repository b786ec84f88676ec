/**
 * How our Lambda code is bundled, in one place: the NodeFunction construct, scripts/bundle-size.ts,
 * the cold-start benchmark and the infra tests all call `bundle()`, so the size we measure is the
 * size we deploy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';

/** The Node major that Lambda runs (Runtime.NODEJS_22_X); esbuild may emit syntax it supports. */
export const nodeTarget = 'node22';

/**
 * ESM output has no `require`; CommonJS dependencies bundled into it still call it, so each
 * output file recreates one from `import.meta.url` before any of them runs.
 */
export const esmRequireBanner =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

/**
 * zod's classic API re-exports its forty-odd locales as `z.locales`, and @hono/zod-openapi hands
 * the whole `z` namespace to zod-to-openapi as a value, so esbuild can drop none of them: about
 * 195 KB parsed at every cold start. Users read our message catalog, never zod's wording, and zod
 * sets English up from `locales/en.js` directly; `z.locales` keeps only `en`.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`)
        ? { path: join(args.resolveDir, '../locales/index.js'), namespace: 'zod-locales' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
    }));
  },
};

export const bundlingOptions = {
  bundle: true,
  platform: 'node',
  target: nodeTarget,
  format: 'esm',
  // What a request path imports lazily (the .xlsx writer, the AWS SDK's rarer credential
  // providers) becomes a chunk of its own, parsed only when first used, not at every cold start.
  splitting: true,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  minify: true,
  // Linked source maps travel with the code, for an operator who turns them on
  // (NODE_OPTIONS=--enable-source-maps) or decodes a stack trace; the mappings are enough for
  // that, the embedded sources would only double the asset.
  sourcemap: 'linked',
  sourcesContent: false,
  // ESM entry points first: they tree-shake better (the AWS SDK ships both).
  mainFields: ['module', 'main'],
  // Nothing is external: the AWS SDK is bundled at the version pinned in our lock file,
  // not whatever version the Lambda runtime happens to carry.
  external: [],
  // Vietnamese messages stay UTF-8 instead of \u escapes: smaller and readable in the bundle.
  charset: 'utf8',
  banner: { js: esmRequireBanner },
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
} satisfies BuildOptions;

/** The handler module's name inside the bundle: Lambda's handler is `index.<export>`. */
export const bundleEntryName = 'index';

export interface Bundle {
  /**
   * The files a cold start parses: the entry and the chunks it imports statically, transitively
   * (keys of `metafile.outputs`, relative to the working directory).
   */
  readonly loadedAtStart: readonly string[];
  readonly metafile: Metafile;
}

/**
 * Bundles one function's entry module into `outdir`: `index.mjs`, its chunks and their maps.
 * `variant` departs from the house options, for a benchmark to show what they win.
 */
export async function bundle(
  entry: string,
  outdir: string,
  variant: Pick<BuildOptions, 'splitting' | 'plugins'> = {},
): Promise<Bundle> {
  const result = await build({
    ...bundlingOptions,
    ...variant,
    entryPoints: { [bundleEntryName]: entry },
    outdir,
    metafile: true,
  });
  return { loadedAtStart: loadedAtStart(result.metafile), metafile: result.metafile };
}

export interface StartSize {
  readonly files: number;
  readonly minifiedBytes: number;
  readonly gzippedBytes: number;
}

/** What a cold start reads and parses, the figure the start-up budget is set in. */
export function sizeAtStart({ loadedAtStart }: Bundle): StartSize {
  let minifiedBytes = 0;
  let gzippedBytes = 0;
  for (const path of loadedAtStart) {
    const code = readFileSync(path);
    minifiedBytes += code.byteLength;
    gzippedBytes += gzipSync(code).byteLength;
  }
  return { files: loadedAtStart.length, minifiedBytes, gzippedBytes };
}

function loadedAtStart(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => path.endsWith(`${bundleEntryName}.mjs`));
  if (!entry) throw new Error('esbuild produced no entry module');
  const loaded = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (loaded.has(path)) continue;
    loaded.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement' && imported.path in outputs) pending.push(imported.path);
  }
  return [...loaded];
}

/**
 * The API function's start-up budget (issue 13): what a cold start parses, against a bare Hono
 * handler's 25 KB. Checked by tests/infra and printed by the benchmark.
 */
export const apiStartBudget = { minifiedBytes: 800 * 1024, gzippedBytes: 250 * 1024 } as const;
