/**
 * The file jobs function: the API sends it a province's export through an SQS queue
 * (shared/file-jobs), one message a job, and it writes the file to the bucket as the one who
 * asked. A job that fails is reported as the batch's failure, so the queue hands it again and
 * after three receipts dead-letters it (infra/constructs/member-files.ts); the job's item already
 * says `failed`, and a message handed again for a job no longer running does nothing.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { logger } from '#shared/config/logger.ts';
import type { FileJob } from '#shared/file-jobs/file-jobs.ts';
import { type FileJobDependencies, runFileJob } from '#shared/file-jobs/run-file-job.ts';
import { fileStoreFrom } from '#shared/files/file-store-from-env.ts';
import { keyWrapperFrom } from '#shared/privacy/key-wrapper-from-env.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';

let deps: FileJobDependencies | undefined;

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  deps ??= dependenciesFromEnv();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await runFileJob(deps, JSON.parse(record.body) as FileJob);
    } catch (error) {
      logger.error('file job failed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function dependenciesFromEnv(): FileJobDependencies {
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
  };
}
