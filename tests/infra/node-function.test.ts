/**
 * The house Lambda construct, checked on a fixture handler: the bundle it produces must run on
 * plain Node as an ES module, load only what the handler imports statically at start, and its
 * cdk-nag acknowledgements must follow its options.
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
  new NodeFunction(stack, 'Traced', { entry, copyFiles, tracing: true, memorySize: 512, sourceMaps: true });
  template = Template.fromStack(stack);
  // The staged asset directory is named after the hash that the template's S3 key carries.
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
  const assetHash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
  bundleDir = join(app.outdir, `asset.${assetHash}`);
}, 120_000);

afterAll(() => rmSync(app.outdir, { recursive: true, force: true }));

describe('NodeFunction', () => {
  it('bundles an ES module with the require banner and a linked source map', () => {
    // Act
    const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');

    // Assess
    expect(bundle.startsWith(esmRequireBanner)).toBe(true);
    expect(bundle).toContain('//# sourceMappingURL=index.mjs.map');
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
  });

  it('puts what the handler imports lazily in a chunk of its own, which the entry only imports on demand', () => {
    // Act
    const entryCode = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    const chunk = readdirSync(bundleDir).find((file) => /^greeting-\w+\.mjs$/.test(file)) ?? '';

    // Assess
    expect(entryCode).not.toContain('Xin chào');
    expect(readFileSync(join(bundleDir, chunk), 'utf8')).toContain('Xin chào');
    expect(entryCode).toContain(`import("./${chunk}")`);
    expect(entryCode).not.toMatch(new RegExp(`from\\s*"\\./${chunk}"`));
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

  it('applies the house defaults unless told otherwise, source maps off at start-up', () => {
    // Act & Assess
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: Match.absent(),
      Environment: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 512,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
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
