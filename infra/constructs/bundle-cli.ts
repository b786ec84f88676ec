/**
 * Bundles one function for NodeFunction: `node --import tsx bundle-cli.ts <entry> <outdir>`.
 * CDK's local bundling must finish synchronously, and the esbuild API runs our plugins only
 * asynchronously, so the construct waits for this child process.
 */
import { bundle } from './bundling.ts';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) throw new Error('usage: bundle-cli.ts <entry> <outdir>');
await bundle(entry, outdir);
