/**
 * Every Lambda function of the project is one of these: the runtime, architecture, bundling,
 * log group and role are decided here once, so a stack only says which file to run and with
 * which environment.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, type ILocalBundling, Validations } from 'aws-cdk-lib';
import { type IGrantable, type IPrincipal, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleEntryName } from './bundling.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const bundleCli = fileURLToPath(new URL('./bundle-cli.ts', import.meta.url));

export interface NodeFunctionProps {
  /** The module that exports the handler, relative to the repository root, e.g. `functions/api/lambda.ts`. */
  readonly entry: string;
  /**
   * The exported handler's name.
   * @default 'handler'
   */
  readonly handler?: string;
  /**
   * @default - no description
   */
  readonly description?: string;
  /**
   * Memory also buys CPU on Lambda, which parsing the bundle at cold start needs.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * The function's environment variables.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Whether Node maps stack traces through the bundle's source maps
   * (NODE_OPTIONS=--enable-source-maps). Off by default: Node then reads and parses every map at
   * start-up, about 50 ms of each cold start of the API. The maps ship either way, so an
   * operator can switch this on for a while, or decode a logged stack trace with them.
   * @default false
   */
  readonly sourceMaps?: boolean;
  /**
   * How long the function's log events are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Active X-Ray tracing of each invocation.
   * @default false
   */
  readonly tracing?: boolean;
  /**
   * Files the code reads at run time rather than imports, copied beside the bundle: each key is
   * a folder inside the bundle, each value the files (absolute or relative to the repository
   * root) to copy into it.
   * @default - none
   */
  readonly copyFiles?: Readonly<Record<string, readonly string[]>>;
}

export class NodeFunction extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    // Created here rather than left to Lambda so that it has a retention from the start.
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });

    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: that one may write
    // to every log group of the account, this one only to the function's own.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    this.grantPrincipal = role;

    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(repoRoot, {
        // Hashed by what is deployed, not by the whole repository it is built from.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: localBundling(props.entry, props.copyFiles ?? {}),
          // CDK reuses a bundle within a synthesis when the bundling options match, and a local
          // bundler's code is not part of them: the command names what it builds.
          command: [bundleCli, props.entry, JSON.stringify(props.copyFiles ?? {})],
          // Never pulled: local bundling either succeeds or throws, and Docker is not needed.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
        },
      }),
      handler: `${bundleEntryName}.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      environment: {
        ...(props.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the chosen runtime: the bundle targets node22 and the toolchain is verified on it; ' +
        'Lambda supports nodejs22.x until 2027-04-30, and moving to Node 24 is a deliberate, tested change.',
    });
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
      });
    }
  }
}

/**
 * esbuild with our options (infra/constructs/bundling.ts), run here rather than through
 * NodejsFunction: that one passes esbuild `--outfile`, which rules out code splitting, and takes
 * no plugins. Then the files the code reads at run time are copied beside the bundle.
 */
function localBundling(
  entry: string,
  copyFiles: Readonly<Record<string, readonly string[]>>,
): ILocalBundling {
  return {
    tryBundle(outputDir) {
      const built = spawnSync(process.execPath, ['--import', 'tsx', bundleCli, entry, outputDir], {
        cwd: repoRoot,
        stdio: 'inherit',
      });
      if (built.status !== 0)
        throw new Error(`Bundling ${entry} failed (exit ${built.status ?? built.signal})`);
      for (const [folder, files] of Object.entries(copyFiles)) {
        mkdirSync(join(outputDir, folder), { recursive: true });
        for (const file of files) {
          const source = isAbsolute(file) ? file : join(repoRoot, file);
          cpSync(source, join(outputDir, folder, basename(source)));
        }
      }
      return true;
    },
  };
}
