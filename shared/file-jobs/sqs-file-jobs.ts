/** File jobs on AWS: one SQS message each, for the worker function (functions/file-jobs/handler.ts). */
import type { FileJob, FileJobQueue } from './file-jobs.ts';

export class SqsFileJobs implements FileJobQueue {
  private client: Promise<import('@aws-sdk/client-sqs').SQSClient> | undefined;

  constructor(private readonly queueUrl: string) {}

  async send(job: FileJob): Promise<void> {
    const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    // Loaded with the first job: the API's cold start does not pay for a client most requests never use.
    this.client ??= Promise.resolve(new SQSClient({}));
    await (await this.client).send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }),
    );
  }
}
