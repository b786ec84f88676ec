/**
 * Every Lambda function of the project is one of these: the runtime, architecture, bundling,
 * log group and role are decided here once, so a stack only says which file to run and with
 * which environment.
 */
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { type IGrantable, type IPrincipal, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundlingOptions } from './bundling.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

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
   * Memory also buys CPU on Lambda, which loading a ~1 MB bundle at cold start needs.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Variables added to the house ones (NODE_OPTIONS).
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
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
  readonly function: NodejsFunction;
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

    this.function = new NodejsFunction(this, 'Function', {
      entry: isAbsolute(props.entry) ? props.entry : join(repoRoot, props.entry),
      handler: props.handler ?? 'handler',
      description: props.description,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        target: bundlingOptions.target,
        format: OutputFormat.ESM,
        minify: bundlingOptions.minify,
        sourceMap: bundlingOptions.sourcemap,
        sourcesContent: bundlingOptions.sourcesContent,
        mainFields: bundlingOptions.mainFields,
        externalModules: bundlingOptions.external,
        banner: bundlingOptions.banner.js,
        // NodejsFunction's own `charset` option is not passed on to esbuild in this CDK version.
        esbuildArgs: { '--charset': bundlingOptions.charset },
        commandHooks: props.copyFiles ? copyAfterBundling(props.copyFiles) : undefined,
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
 * Copy commands run by NodejsFunction's shell after esbuild. Sources are taken relative to
 * `inputDir`, the repository root as the bundler sees it.
 */
function copyAfterBundling(copyFiles: Readonly<Record<string, readonly string[]>>): ICommandHooks {
  const quote = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      Object.entries(copyFiles).flatMap(([folder, files]) => [
        `mkdir -p ${quote(join(outputDir, folder))}`,
        ...files.map((file) => {
          const source = join(inputDir, isAbsolute(file) ? relative(repoRoot, file) : file);
          return `cp ${quote(source)} ${quote(join(outputDir, folder))}/`;
        }),
      ]),
  };
}
