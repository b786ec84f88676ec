/**
 * The file jobs function: the API sends it a province's export, or the import of an uploaded
 * list, through an SQS queue (shared/file-jobs), one message a job, and it runs the job as the one
 * who asked. A job that fails is reported as the batch's failure, so the queue hands it again and
 * after three receipts dead-letters it (infra/constructs/member-files.ts); a message handed again
 * for a job no longer running does nothing. An import longer than the function's 15 minutes
 * pauses two minutes before the end and sends itself again: each run goes on from the last.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { logger } from '#shared/config/logger.ts';
import type { FileJob } from '#shared/file-jobs/file-jobs.ts';
import { type FileJobDependencies, runFileJob } from '#shared/file-jobs/run-file-job.ts';
import { SqsFileJobs } from '#shared/file-jobs/sqs-file-jobs.ts';
import { fileStoreFrom } from '#shared/files/file-store-from-env.ts';
import { keyWrapperFrom } from '#shared/privacy/key-wrapper-from-env.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';

/** Time kept back for the chunk being written and the job sent again. */
const PAUSE_BEFORE_END_MS = 2 * 60 * 1000;

let deps: (FileJobDependencies & { readonly queue: SqsFileJobs }) | undefined;

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  deps ??= dependenciesFromEnv();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  const pauseWhen = () => context.getRemainingTimeInMillis() < PAUSE_BEFORE_END_MS;
  for (const record of event.Records) {
    try {
      const job = JSON.parse(record.body) as FileJob;
      if ((await runFileJob(deps, job, pauseWhen)) === 'paused') await deps.queue.send(job);
    } catch (error) {
      logger.error('file job failed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function dependenciesFromEnv() {
  const env = readEnv();
  const table = new Table(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  return {
    table,
    vault: new NationalIdVault(table, keyWrapperFrom(env)),
    files: fileStoreFrom(env),
    clock: () => new Date(),
    queue: new SqsFileJobs(env.FILE_JOBS_QUEUE_URL ?? ''),
  };
}
