/**
 * The house Lambda construct, checked on a fixture handler: the bundle it produces must run on
 * plain Node as an ES module, and its cdk-nag acknowledgements must follow its options.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esmRequireBanner } from '../../infra/constructs/bundling.ts';
import { NodeFunction } from '../../infra/constructs/node-function.ts';
import { createTestApp } from './test-app.ts';

const entry = 'tests/infra/fixtures/hello-handler.ts';
const copyFiles = { 'types/cjs': ['tests/infra/fixtures/platform.d.cts'] };

let app: App;
let template: Template;
let bundleDir: string;

beforeAll(() => {
  app = createTestApp('node-function');
  const stack = new Stack(app, 'Functions');
  new NodeFunction(stack, 'Plain', { entry, copyFiles });
  new NodeFunction(stack, 'Traced', { entry, copyFiles, tracing: true, memorySize: 512 });
  template = Template.fromStack(stack);
  // The staged asset directory is named after the hash that the template's S3 key carries.
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
  const assetHash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
  bundleDir = join(app.outdir, `asset.${assetHash}`);
}, 120_000);

afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

describe('NodeFunction', () => {
  it('bundles an ES module with the require banner and a source map', () => {
    // Act
    const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');

    // Assess
    expect(bundle.startsWith(esmRequireBanner)).toBe(true);
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    expect(bundle).toContain('Xin chào');
  });

  it('produces a bundle whose handler runs on plain Node, CommonJS dependencies included', () => {
    // Prepare
    const url = pathToFileURL(join(bundleDir, 'index.mjs')).href;
    const script = `const { handler } = await import(${JSON.stringify(url)}); console.log(JSON.stringify(await handler()));`;

    // Act
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });

    // Assess
    expect(JSON.parse(output)).toEqual({ statusCode: 200, body: `Xin chào từ ${process.platform}` });
  });

  it('copies the files it is given into folders beside the bundle', () => {
    // Act
    const copied = readdirSync(join(bundleDir, 'types/cjs'));

    // Assess
    expect(copied).toEqual(['platform.d.cts']);
  });

  it('applies the house defaults unless told otherwise', () => {
    // Act & Assess
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 512,
      TracingConfig: { Mode: 'Active' },
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('needs no unacknowledged cdk-nag finding, with or without tracing', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
