/**
 * Member lists as files on AWS (docs/decisions/0012): the bucket where exports wait to be
 * downloaded and uploaded lists wait to be imported, both by presigned links, and the file jobs
 * function that writes the one and imports the other, fed by a queue with a dead-letter queue
 * behind it. API Gateway takes and answers at most 6–10 MB within 30 s; a province's list is
 * larger and slower than that, so the API only starts the job and hands out the link.
 */
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { FILE_RETENTION_DAYS } from '../../shared/files/file-store.ts';
import { tableDefinition } from '../../shared/store/table-definition.ts';
import { alarmAtLeast } from './alarms.ts';
import { NodeFunction } from './node-function.ts';

export interface MemberFilesProps {
  readonly table: TableV2;
  /** Statements the function needs to open the tenants' data keys (a national-id search hashes with them). */
  readonly keyDecrypt: PolicyStatement;
  readonly keyId: string;
  /** The table's item actions the API has: an import writes members as the API does. */
  readonly tableActions: readonly string[];
  /**
   * Origins a browser may PUT an upload or GET a file from (the web admin's).
   * @default - the HTTP APIs of the stack's region, `https://*.execute-api.<region>.amazonaws.com`:
   * the API's own URL cannot be named here without a cycle (the API's function names the bucket).
   */
  readonly webAdminOrigins?: readonly string[];
}

/** Exports are written here, uploads to import land there; nothing else of the bucket is the functions'. */
export const FILE_PREFIXES = ['exports/', 'imports/'] as const;

export class MemberFiles extends Construct {
  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly worker: NodeFunction;

  constructor(scope: Construct, id: string, props: MemberFilesProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [
        // An export's link is given for 15 minutes at a time; the file stays for the officer to ask again.
        {
          expiration: Duration.days(FILE_RETENTION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedOrigins: [...(props.webAdminOrigins ?? [`https://*.execute-api.${region}.amazonaws.com`])],
          allowedHeaders: ['content-type'],
          maxAge: 3600,
        },
      ],
      // Personal data: the files expire, and what remains of a deleted stack is not worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Every file is written by our functions and read through a link the API gives after deciding access, ' +
        'and each export is audited in the table (who, which filter, how many rows); the files expire in days. ' +
        'Server access logs would need a second bucket holding the links’ query strings for longer than the files.',
    });

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the file jobs: what lands here is a job that failed ' +
        'three times, which an operator reads beside the function logs. A further queue would catch nothing.',
    });
    const timeout = Duration.minutes(15);
    this.queue = new Queue(this, 'Jobs', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than a run may take, so a job is not handed to a second worker while the first runs.
      visibilityTimeout: timeout.plus(Duration.minutes(1)),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });

    this.worker = new NodeFunction(this, 'Worker', {
      entry: 'functions/file-jobs/handler.ts',
      description: 'doanthe file jobs: member exports written to the bucket, uploaded lists imported',
      // An uploaded list is read and checked in memory: a province's ≈ 530,000 rows.
      memorySize: 3072,
      // A province's export reads its members a page of 500 at a time: minutes. An import pauses
      // before the end and sends itself again (functions/file-jobs/handler.ts).
      timeout,
      environment: {
        TABLE_NAME: props.table.tableName,
        KMS_KEY_ID: props.keyId,
        FILES_BUCKET: this.bucket.bucketName,
        FILE_JOBS_QUEUE_URL: this.queue.queueUrl,
        POWERTOOLS_SERVICE_NAME: 'doanthe-file-jobs',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    this.worker.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }),
    );
    // Reads a list and writes an import's members as the API does: its item actions, no Scan.
    this.worker.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...props.tableActions],
        resources: [
          props.table.tableArn,
          ...tableDefinition.indexes.map((index) => `${props.table.tableArn}/index/${index.name}`),
        ],
      }),
    );
    this.worker.grantPrincipal.addToPrincipalPolicy(props.keyDecrypt);
    this.grantObjects(this.worker, 's3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload');
    // A paused import sends itself again.
    this.queue.grantSendMessages(this.worker);

    alarmAtLeast(
      this,
      'Failing',
      this.worker.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(15) }),
      3,
      'File jobs keep failing: exports and imports wait. Read the file jobs function logs.',
    );
    alarmAtLeast(
      this,
      'DeadLettered',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      1,
      'A file job failed three times: read the dead-letter queue and the function logs.',
    );
  }

  /**
   * What the API needs: send jobs, sign download and upload links (a presigned request is the
   * signer's GetObject or PutObject), and see whether an upload arrived (HEAD is GetObject).
   */
  grantToApi(api: IGrantable): Record<string, string> {
    this.queue.grantSendMessages(api);
    this.grantObjects(api, 's3:GetObject', 's3:PutObject');
    return { FILES_BUCKET: this.bucket.bucketName, FILE_JOBS_QUEUE_URL: this.queue.queueUrl };
  }

  private grantObjects(grantee: IGrantable, ...actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions,
        resources: FILE_PREFIXES.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const prefix of FILE_PREFIXES)
      Validations.of(grantee.grantPrincipal as unknown as IConstruct).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          'Object ARNs name files, and each export or upload is a new file: the grant covers the exports and ' +
          'imports prefixes of this bucket only, whose keys (<prefix><tenant>/<job id>) the functions build themselves.',
      });
  }
}
