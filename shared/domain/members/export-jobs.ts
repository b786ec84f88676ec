/**
 * A member list exported as a file in the store and a link, for lists too large to answer in a
 * response (a province's .xlsx is ≈ 22 MB; API Gateway answers at most 6 MB, within 30 s). The
 * export is decided when it is asked for — the same access, scope and filter as the list, since
 * it reads through exportMembers — and run later by a worker (a function of its own on AWS, the
 * process itself under `npm start`) as the one who asked. Its status, like an import's progress,
 * is for whoever asked and the organization's admins.
 */
import { randomBytes } from 'node:crypto';
import type { FileStore } from '../../files/file-store.ts';
import { requireOrganization } from '../access/tenant-access.ts';
import type { ChangeContext } from '../audit.ts';
import { vietnamToday } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { Organization } from '../organizations.ts';
import type { Principal } from '../roles.ts';
import { exportMembers, type MemberExportQuery, type MemberExportRow } from './member-export.ts';
import { listMembers } from './member-queries.ts';
import type { MemberWorkspace } from './member-workspace.ts';

export type MemberFileFormat = 'csv' | 'xlsx';

export interface MemberExportJob {
  readonly id: string;
  readonly format: MemberFileFormat;
  readonly filter: MemberExportQuery;
  readonly state: 'running' | 'done' | 'failed';
  /** Rows written so far; all of them once done. */
  readonly rows: number;
  readonly size: number | null;
  readonly fileName: string;
  /** Who asked, as they were then: the worker reads the list with their scope. */
  readonly principal: Principal;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

/** Where export jobs are kept (shared/store/repositories/member-export-jobs.ts). */
export interface MemberExportJobStore {
  get(id: string): Promise<MemberExportJob | undefined>;
  save(job: MemberExportJob): Promise<void>;
}

export type ExportJobWorkspace = MemberWorkspace & {
  readonly exportJobs: MemberExportJobStore;
  readonly files: FileStore;
};

/** Turns rows into the file's bytes (shared/exports): the domain does not know the formats. */
export type RenderMemberFile = (
  format: MemberFileFormat,
  organization: Organization,
  rows: AsyncIterable<MemberExportRow>,
) => Promise<{ readonly body: ReadableStream<Uint8Array>; readonly contentType: string }>;

export interface MemberExportView {
  readonly id: string;
  readonly format: MemberFileFormat;
  readonly filter: MemberExportQuery;
  readonly state: MemberExportJob['state'];
  readonly rows: number;
  readonly size: number | null;
  readonly by: { readonly userId: string; readonly username: string };
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly stalled: boolean;
  readonly download: { readonly url: string; readonly expiresAt: string } | null;
}

/** A link is good for this long; reading the status again gives a fresh one. */
const LINK_SECONDS = 15 * 60;
/** Rows between two saves of the progress. */
const PROGRESS_EVERY = 5_000;
/** No progress for this long while running: the worker stopped (as an import's, import-progress.ts). */
const STALLED_AFTER_MS = 5 * 60 * 1000;

export const exportFileKey = (
  ws: Pick<MemberWorkspace, 'tenant'>,
  job: Pick<MemberExportJob, 'id' | 'format'>,
) => `exports/${ws.tenant}/${job.id}.${job.format}`;

/**
 * Records an export to run. The list's first row is read now, as the caller: a refusal or a bad
 * filter is the request's error, and no job is kept for it.
 */
export async function startMemberExport(
  ws: ExportJobWorkspace,
  ctx: ChangeContext,
  request: { readonly format: MemberFileFormat; readonly filter: MemberExportQuery },
): Promise<MemberExportView> {
  await listMembers(ws, ctx.principal, { ...request.filter, limit: 1 });
  // As exportMembers decides: a list as a file is not an API key's to take.
  requireOrganization(ctx.principal);
  const at = ctx.now.toISOString();
  const job: MemberExportJob = {
    id: `exp-${randomBytes(10).toString('hex')}`,
    format: request.format,
    filter: { ...request.filter },
    state: 'running',
    rows: 0,
    size: null,
    fileName: `hoi-vien-${vietnamToday(ctx.now)}.${request.format}`,
    principal: ctx.principal,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
  };
  await ws.exportJobs.save(job);
  return viewOf(ws, job, ctx.now);
}

/**
 * Writes the file of a job still running. Run again after a crash (the queue hands the job again)
 * it writes the file anew: reading a list costs less than keeping where a half-written
 * workbook stopped. A failure is kept in the job, for its reader to start another.
 */
export async function runMemberExport(
  ws: ExportJobWorkspace,
  id: string,
  render: RenderMemberFile,
  clock: () => Date,
): Promise<MemberExportJob | undefined> {
  const job = await ws.exportJobs.get(id);
  if (job?.state !== 'running') return job;
  let current = job;
  const save = async (change: Partial<MemberExportJob>) => {
    current = { ...current, ...change, updatedAt: clock().toISOString() };
    await ws.exportJobs.save(current);
  };
  try {
    const ctx: ChangeContext = { principal: job.principal, requestId: job.id, now: clock() };
    const { organization, rows } = await exportMembers(ws, ctx, job.filter);
    const counted = async function* () {
      let count = 0;
      for await (const row of rows) {
        yield row;
        count += 1;
        if (count % PROGRESS_EVERY === 0) await save({ rows: count });
      }
      current = { ...current, rows: count };
    };
    const file = await render(job.format, organization, counted());
    const stored = await ws.files.put(exportFileKey(ws, job), file.body, file.contentType);
    await save({ state: 'done', size: stored.size, finishedAt: clock().toISOString() });
  } catch (error) {
    await save({ state: 'failed', finishedAt: clock().toISOString() });
    throw error;
  }
  return current;
}

/** An export's status, with a fresh download link once done: for who asked and the admins. */
export async function memberExportStatus(
  ws: ExportJobWorkspace,
  principal: Principal,
  id: string,
  now: Date,
): Promise<MemberExportView> {
  const job = await ws.exportJobs.get(id);
  const mayRead = job && (job.principal.userId === principal.userId || principal.role === 'org_admin');
  // Somebody else's export is not said to exist.
  if (!mayRead) throw new DomainError('EXPORT_NOT_FOUND', { id });
  return viewOf(ws, job, now);
}

async function viewOf(ws: ExportJobWorkspace, job: MemberExportJob, now: Date): Promise<MemberExportView> {
  const download =
    job.state === 'done'
      ? {
          url: await ws.files.downloadLink(exportFileKey(ws, job), {
            fileName: job.fileName,
            expiresInSeconds: LINK_SECONDS,
          }),
          expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
        }
      : null;
  const { principal, fileName: _, ...shown } = job;
  return {
    ...shown,
    by: { userId: principal.userId, username: principal.username },
    stalled: job.state === 'running' && now.getTime() - Date.parse(job.updatedAt) > STALLED_AFTER_MS,
    download,
  };
}
