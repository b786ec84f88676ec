/**
 * How our Lambda code is bundled, in one place: the NodejsFunction construct and
 * scripts/bundle-size.ts both read these options, so the size we measure is the size we deploy.
 */
import type { BuildOptions } from 'esbuild';

/** The Node major that Lambda runs (Runtime.NODEJS_22_X); esbuild may emit syntax it supports. */
export const nodeTarget = 'node22';

/**
 * ESM output has no `require`; CommonJS dependencies bundled into it still call it, so the
 * bundle recreates one from `import.meta.url` before any of them runs.
 */
export const esmRequireBanner =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

export const bundlingOptions = {
  platform: 'node',
  target: nodeTarget,
  format: 'esm',
  minify: true,
  // Linked source maps make stack traces readable (with NODE_OPTIONS=--enable-source-maps);
  // the mappings are enough for that, the embedded sources would only double the asset.
  sourcemap: true,
  sourcesContent: false,
  // ESM entry points first: they tree-shake better (the AWS SDK ships both).
  mainFields: ['module', 'main'],
  // Nothing is external: the AWS SDK is bundled at the version pinned in our lock file,
  // not whatever version the Lambda runtime happens to carry.
  external: [],
  // Vietnamese messages stay UTF-8 instead of \u escapes: smaller and readable in the bundle.
  charset: 'utf8',
  banner: { js: esmRequireBanner },
} satisfies BuildOptions;
