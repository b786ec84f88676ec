/**
 * The deployed product: one DynamoDB table (with its stream for the change consumers), the
 * token-signing key secret, the KMS key that wraps the national-ID keys, the Hono API behind
 * an HTTP API, the stream function that keeps the aggregates, with its dead-letter queue, the
 * function that snapshots them at each month end, the webhook sender, and the bucket and worker
 * of member files (constructs/member-files.ts).
 * The stack only points at entry files; what runs there never imports aws-cdk-lib.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { KEY_WRAP_CONTEXT } from '../shared/privacy/key-wrapper.ts';
import { type IndexName, tableDefinition } from '../shared/store/table-definition.ts';
import { alarmAtLeast } from './constructs/alarms.ts';
import { MemberFiles } from './constructs/member-files.ts';
import { NodeFunction } from './constructs/node-function.ts';

export interface ApiStackProps extends StackProps {
  /**
   * The `iss` of the tokens the API signs and accepts. A fixed name rather than the API's URL:
   * the URL is only known after the function exists, and a custom domain would change it.
   * @default 'https://doanthe'
   */
  readonly tokenIssuer?: string;
  /**
   * Steady-state requests per second the API accepts, across all clients.
   * @default 100
   */
  readonly throttleRateLimit?: number;
  /**
   * Requests the API accepts in a burst above the steady rate.
   * @default 200
   */
  readonly throttleBurstLimit?: number;
}

/**
 * Swagger UI's files, read by the app at /docs/assets/… from `swagger-ui/` beside the bundle
 * (functions/api/lambda.ts); the licence travels with them, as Apache-2.0 asks.
 */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerUiFiles = ['swagger-ui.css', 'swagger-ui-bundle.js', 'LICENSE', 'NOTICE'].map((file) =>
  join(swaggerUiDir, file),
);

/** The `aud` of our access tokens; the API rejects tokens minted for anything else. */
const tokenAudience = 'doanthe-api';

/**
 * Item-level actions only. No Scan (every request path is a GetItem or a Query, and IAM now
 * enforces it) and no stream actions (the API never reads the stream). Transactions are
 * authorized per contained action.
 */
const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

export class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps = {}) {
    super(scope, id, props);

    const table = new TableV2(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projection === 'INCLUDE' && {
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: [...index.attributes],
        }),
      })),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      dynamoStream: StreamViewType[tableDefinition.streamView],
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The AWS-managed key: encrypted at rest, auditable in CloudTrail, no key to run. National ID
      // numbers get their own application-level encryption; see docs/decisions/0002.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const signingKeys = new Secret(this, 'SigningKeys', {
      description: 'ES256 token-signing key set (JWKS), written by the API on its first cold start',
      // A placeholder with no keys; the API recognises it and stores the first key set.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ keys: [] }),
        generateStringKey: 'placeholder',
      },
    });
    Validations.of(signingKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Signing keys rotate at the application level: a new key (new kid) is added to the set and ' +
        'published in the JWKS while the old one verifies until its tokens expire. A Secrets Manager ' +
        'rotation Lambda replacing the value would invalidate every token at once.',
    });

    // Wraps each tenant's data key and each province's hash key (shared/privacy). Retained: were
    // it deleted, every sealed national ID would be lost for good.
    const fieldKeyWrapper = new Key(this, 'FieldKeyWrapper', {
      description: 'Wraps the keys that encrypt and hash national ID numbers (doanthe)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const api = new NodeFunction(this, 'ApiFunction', {
      entry: 'functions/api/lambda.ts',
      description: 'doanthe HTTP API (Hono)',
      memorySize: 1024,
      // Below API Gateway's 30 s integration limit, so a slow request ends in our logs, not only in a 503.
      timeout: Duration.seconds(20),
      environment: {
        TABLE_NAME: table.tableName,
        SIGNING_KEY_SECRET_ID: signingKeys.secretArn,
        KMS_KEY_ID: fieldKeyWrapper.keyArn,
        TOKEN_ISSUER: props.tokenIssuer ?? 'https://doanthe',
        TOKEN_AUDIENCE: tokenAudience,
        POWERTOOLS_SERVICE_NAME: 'doanthe-api',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      copyFiles: { 'swagger-ui': swaggerUiFiles },
    });
    api.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: itemActions,
        resources: [
          table.tableArn,
          ...tableDefinition.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
        ],
      }),
    );
    signingKeys.grantRead(api);
    signingKeys.grantWrite(api);
    // Encrypt and Decrypt only, rather than grantEncryptDecrypt's ReEncrypt* and GenerateDataKey*,
    // and only with the encryption context the runtime sends: the key serves this one purpose.
    api.grantPrincipal.addToPrincipalPolicy(keyWrapStatement(fieldKeyWrapper, 'kms:Encrypt', 'kms:Decrypt'));

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'doanthe API: every route goes to the Hono app',
      defaultIntegration: new HttpLambdaIntegration('ApiIntegration', api.function),
      // Created below, so that it can carry throttling and access logs.
      createDefaultStage: false,
    });
    const stage = httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttleRateLimit ?? 100,
        burstLimit: props.throttleBurstLimit ?? 200,
      },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    Validations.of(httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorization is done by the application: the Hono app verifies ES256 JWTs (jose, keys from our ' +
        'JWKS) and each use case checks role and scope. Some routes are public by design ' +
        '(sign-in, /.well-known/jwks.json, /openapi.json, /docs), which a gateway authorizer on the ' +
        'catch-all route could not express.',
    });

    const deadLetters = this.streamFunction(table);
    this.snapshotFunction(table);
    this.webhookSenderFunction(table, fieldKeyWrapper);
    const files = new MemberFiles(this, 'MemberFiles', {
      table,
      keyId: fieldKeyWrapper.keyArn,
      keyDecrypt: keyWrapStatement(fieldKeyWrapper, 'kms:Decrypt'),
      tableActions: itemActions,
    });
    for (const [name, value] of Object.entries(files.grantToApi(api)))
      api.function.addEnvironment(name, value);

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'StreamDeadLetterQueueUrl', {
      value: deadLetters.queueUrl,
      description: 'Stream batches the aggregates could not take; after fixing the cause, run a recount',
    });
  }

  /**
   * The stream function (functions/stream/handler.ts): member and branch changes in, aggregate
   * counters out. Batches of up to 1,000 records, gathered for up to a second, so a bulk change
   * becomes few transactions; a failing batch is cut in halves and retried from the first record
   * the function reports, and what still fails after the retries goes to the dead-letter queue
   * (the record's place in the stream, not its content: no personal data lands there).
   */
  private streamFunction(table: TableV2): Queue {
    const deadLetters = this.deadLetterQueue(
      'StreamDeadLetters',
      'This queue is itself the dead-letter destination of the stream event source: it receives the ' +
        'positions of stream batches that failed every retry, which an operator reviews and repairs ' +
        'with a recount. A further queue behind it would have nothing to catch.',
    );

    const fn = new NodeFunction(this, 'StreamFunction', {
      entry: 'functions/stream/handler.ts',
      description: 'doanthe stream consumer: aggregates from member and branch changes',
      memorySize: 512,
      // A thousand records make about a dozen transactions; a minute leaves room for retries of
      // transactions that met another one on a busy aggregate item.
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: table.tableName,
        POWERTOOLS_SERVICE_NAME: 'doanthe-stream',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    // Reads units, shard progress, the previous design's markers and the Front's person records;
    // writes shard progress, counters and person records, deleting a person's when their last
    // membership ends (transactions are authorized per contained action). The webhook outbox
    // lists a tenant's endpoints (Query of one partition) and queues deliveries. No Scan,
    // nothing on the indexes.
    fn.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [table.tableArn],
      }),
    );
    // The stream function's STREAM_ENTITIES (functions/stream/handler.ts): what the aggregates
    // count and what the webhook outbox tells; a test keeps them equal.
    const counted = FilterRule.or('member', 'branch', 'branch_rating', 'branch_review', 'target', 'snapshot');
    fn.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // Fuller batches make fuller transactions (the records of a place share their items): up
        // to 2,000 records, about what Lambda's 6 MB payload holds of member changes with both
        // images; gathered for up to 2 s, so a lone change still shows in the figures promptly.
        batchSize: 2000,
        maxBatchingWindow: Duration.seconds(2),
        // Only with a tumbling window does Lambda name the batch's shard (`shardId`), which the
        // function keeps its progress by; it keeps no window state, and the window's closing
        // invocation, once per shard every 15 minutes, finds nothing to do.
        tumblingWindow: Duration.minutes(15),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        // One batch of a shard at a time, in order: the shard's progress is a watermark.
        parallelizationFactor: 1,
        onFailure: new SqsDlq(deadLetters),
        // Only changes that can move a counter or make an event wake the function: not the audit records, words,
        // markers and counters the other writes (and the function itself) put on the stream.
        filters: [
          FilterCriteria.filter({ dynamodb: { NewImage: { _entity: { S: counted } } } }),
          FilterCriteria.filter({ dynamodb: { OldImage: { _entity: { S: counted } } } }),
        ],
      }),
    );
    return deadLetters;
  }

  /**
   * The snapshot function (functions/snapshot/handler.ts): at 17:30 UTC on the last day of each
   * month, which is 00:30 on the 1st in Vietnam (UTC+7 all year, no daylight saving), it snapshots
   * every province as of the day that just ended; January's run is the year-end snapshot.
   * EventBridge invokes it asynchronously, so a failed run is retried by Lambda; a run that still
   * fails raises the alarm, to be repaired the same day (a later run copies that day's figures).
   */
  private snapshotFunction(table: TableV2): void {
    const fn = new NodeFunction(this, 'SnapshotFunction', {
      entry: 'functions/snapshot/handler.ts',
      description: 'doanthe month-end snapshots: every tenant of every province',
      memorySize: 512,
      // Provinces are taken one after the other, a few seconds each; the most Lambda allows
      // leaves room for a platform of many provinces with large trees.
      timeout: Duration.minutes(15),
      environment: {
        TABLE_NAME: table.tableName,
        POWERTOOLS_SERVICE_NAME: 'doanthe-snapshot',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    // Lists the provinces (Query) and reads each one (GetItem), walks each tenant's unit tree
    // (Query on the children index), reads the current aggregates (BatchGetItem), writes their
    // copies (BatchWriteItem) and the register item (PutItem). No updates, no deletes, no Scan.
    const childrenIndex: IndexName = 'GSI1';
    fn.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:PutItem',
        ],
        resources: [table.tableArn, `${table.tableArn}/index/${childrenIndex}`],
      }),
    );
    fn.function.configureAsyncInvoke({ retryAttempts: 2 });
    new Rule(this, 'MonthEndSchedule', {
      description: 'Month-end snapshots, 00:30 Vietnam time on the 1st (17:30 UTC on the last day)',
      schedule: Schedule.cron({ minute: '30', hour: '17', day: 'L' }),
      targets: [new LambdaFunction(fn.function)],
    });
    alarmAtLeast(
      this,
      'SnapshotFailed',
      fn.function.metric('AsyncEventsDropped', { statistic: 'Sum', period: Duration.hours(1) }),
      1,
      'A month-end snapshot failed after its retries: read the snapshot function logs, fix the cause, ' +
        'then invoke the function again the same day (it retakes the last month-end, with the figures of its own day).',
    );
    new CfnOutput(this, 'SnapshotFunctionName', {
      value: fn.function.functionName,
      description: 'Invoke it to retake the last month-end snapshot after a failed run',
    });
  }

  /**
   * The webhook sender (functions/webhook-sender/handler.ts): EventBridge invokes it every minute
   * and it sends the deliveries due for most of that minute, opening each endpoint's sealed
   * secret with the field key wrapper. Lambda retries a failed run twice, then dead-letters it;
   * the alarms tell of failed runs and of anything dead-lettered. Deliveries a run did not reach
   * stay due in the table for the next one.
   */
  private webhookSenderFunction(table: TableV2, fieldKeyWrapper: Key): void {
    const deadLetters = this.deadLetterQueue(
      'WebhookSenderDeadLetters',
      "This queue is itself the dead-letter destination of the webhook sender's runs; what lands here " +
        'is an invocation that failed every retry, which an operator reads beside the function logs.',
    );
    const fn = new NodeFunction(this, 'WebhookSenderFunction', {
      entry: 'functions/webhook-sender/handler.ts',
      description: 'doanthe webhook sender: signed deliveries, retries, the delivery log',
      memorySize: 512,
      // A run sends for 40 s; a post in flight may take its 15 s more.
      timeout: Duration.seconds(58),
      environment: {
        TABLE_NAME: table.tableName,
        KMS_KEY_ID: fieldKeyWrapper.keyArn,
        // Outbound requests to private, loopback, link-local and metadata addresses are refused.
        WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'false',
        POWERTOOLS_SERVICE_NAME: 'doanthe-webhooks',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    // Reads the wake-ups (Query), lanes, deliveries and endpoints; writes deliveries, endpoints,
    // wake-ups and audit records in transactions. No Scan, nothing on the indexes.
    fn.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:DeleteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [table.tableArn],
      }),
    );
    // Opens the tenants' data keys only: it never makes one.
    fn.grantPrincipal.addToPrincipalPolicy(keyWrapStatement(fieldKeyWrapper, 'kms:Decrypt'));
    fn.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(deadLetters) });
    new Rule(this, 'WebhookSenderSchedule', {
      description: 'Sends the webhook deliveries due, every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(fn.function)],
    });
    alarmAtLeast(
      this,
      'WebhookSenderFailing',
      fn.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(15) }),
      3,
      'Webhook sender runs keep failing: deliveries wait. Read the webhook sender function logs.',
    );
    alarmAtLeast(
      this,
      'WebhookSenderDeadLettered',
      deadLetters.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      1,
      'A webhook sender run failed every retry: read the dead-letter queue and the logs.',
    );
  }

  /** A dead-letter queue: encrypted, TLS only, kept two weeks; the last stop, so nothing behind it. */
  private deadLetterQueue(id: string, whyNoQueueBehind: string): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: whyNoQueueBehind });
    return queue;
  }
}

/** Use of the field key wrapper, only with the encryption context the runtime sends: it serves this one purpose. */
function keyWrapStatement(key: Key, ...actions: string[]): PolicyStatement {
  return new PolicyStatement({
    actions,
    resources: [key.keyArn],
    conditions: {
      StringEquals: Object.fromEntries(
        Object.entries(KEY_WRAP_CONTEXT).map(([name, value]) => [`kms:EncryptionContext:${name}`, value]),
      ),
    },
  });
}

/**
 * HTTP API context variables, one JSON object per request. Nothing from headers or bodies:
 * tokens and personal data stay out of the access log.
 */
const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};
