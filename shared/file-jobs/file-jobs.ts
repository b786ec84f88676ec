/**
 * Work on files that does not fit in a request — a province's export, the import of an uploaded
 * list — handed from the API to a worker: an SQS queue and a function of its own on AWS
 * (sqs-file-jobs.ts), the process itself under `npm start` (in-process-file-jobs.ts). A message
 * names the job; the job's item in the table holds the rest, so a message handed twice finds the
 * job done and does nothing.
 */
import type { TenantId } from '../domain/tenant-id.ts';

export interface FileJob {
  readonly kind: 'member-export' | 'member-import';
  readonly tenantId: TenantId;
  readonly id: string;
}

export interface FileJobQueue {
  send(job: FileJob): Promise<void>;
}
