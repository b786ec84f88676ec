/**
 * File jobs on one machine: run at once in the background of the process that was asked, as the
 * worker function runs them on AWS. A job cut short by a stop stays `running` and is seen stalled.
 */
import { logger } from '../config/logger.ts';
import type { FileJob, FileJobQueue } from './file-jobs.ts';
import { type FileJobDependencies, runFileJob } from './run-file-job.ts';

export class InProcessFileJobs implements FileJobQueue {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: FileJobDependencies) {}

  async send(job: FileJob): Promise<void> {
    // No time limit here: an import never pauses.
    const run = runFileJob(this.deps, job)
      .then(() => undefined)
      .catch((error: unknown) => logger.error('file job failed', { job, error }))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when every job sent so far has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
