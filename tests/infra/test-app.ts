/**
 * A CDK app for tests that behaves like `cdk synth`: the feature flags of cdk.json, and its
 * own temporary output folder so parallel test files never share staged assets.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export function createTestApp(name: string): App {
  return new App({ context: cdkJson.context, outdir: mkdtempSync(join(tmpdir(), `${name}-`)) });
}
