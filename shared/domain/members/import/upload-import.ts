/**
 * A member list too large to send in a request — a province's is ≈ 60 MB as CSV, and API Gateway
 * takes 10 MB — is uploaded by the officer straight to the file store through a presigned link,
 * then imported by the file-jobs worker as the one who uploaded it: read and checked as a request's
 * import is, and written through the same importChecked. A worker that must stop (a Lambda has
 * 15 minutes) pauses between chunks and is handed the job again; the progress item says where to
 * go on. A file with rows in error is not imported: the import ends `refused`, and the file with
 * the check written into it waits in the store for the officer to download.
 */
import { randomBytes } from 'node:crypto';
import type { PresignedUpload } from '../../../files/file-store.ts';
import type { ChangeContext } from '../../audit.ts';
import { DomainError } from '../../errors.ts';
import type { MemberFileFormat } from '../export-jobs.ts';
import { type ImportCheck, type ReadyRow, readImport, requireImportUnit } from './check-import.ts';
import { checkedFileKey, uploadedFileKey } from './import-files.ts';
import {
  type ImportProgress,
  type ImportProgressView,
  type ImportWorkspace,
  progressView,
} from './import-progress.ts';
import { importChecked, type MemberLoad, rowsInError } from './run-import.ts';

/** Time enough to send a province's file over a commune's connection. */
const UPLOAD_LINK_SECONDS = 60 * 60;

export interface ImportUploadRequest {
  readonly format: MemberFileFormat;
  readonly contentType: string;
  /** The file's exact size: signed into the link, so the store takes no other file. */
  readonly size: number;
  readonly unitId?: string | undefined;
}

export interface StartedUpload {
  readonly import: ImportProgressView;
  readonly upload: PresignedUpload;
}

/** Records an import waiting for its file and gives the link to send the file by. */
export async function startImportUpload(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  request: ImportUploadRequest,
): Promise<StartedUpload> {
  await requireImportUnit(ws, ctx.principal, request.unitId);
  const at = ctx.now.toISOString();
  const progress: ImportProgress = {
    id: `imp-${randomBytes(12).toString('base64url')}`,
    state: 'uploading',
    rows: 0,
    processed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    unitId: request.unitId ?? null,
    by: { userId: ctx.principal.userId, username: ctx.principal.username },
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
    upload: { format: request.format, size: request.size, principal: ctx.principal },
  };
  await ws.imports.save(progress);
  const upload = await ws.files.uploadLink(uploadedFileKey(ws, progress.id, request.format), {
    contentType: request.contentType,
    size: request.size,
    expiresInSeconds: UPLOAD_LINK_SECONDS,
  });
  return { import: await progressView(ws, progress, ctx.now), upload };
}

/**
 * Starts importing an uploaded file, once the whole file is in the store. `queue` says whether
 * the worker is to be handed the job: the first time, and again for an import that stalled.
 * Only who uploaded the file starts it; the organization's admins watch it.
 */
export async function beginUploadedImport(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  id: string,
): Promise<{ readonly import: ImportProgressView; readonly queue: boolean }> {
  const progress = await ws.imports.get(id);
  if (!progress?.upload || progress.by.userId !== ctx.principal.userId)
    throw new DomainError('IMPORT_NOT_FOUND', { id });
  if (progress.state === 'uploading') {
    const size = await ws.files.size(uploadedFileKey(ws, id, progress.upload.format));
    if (size !== progress.upload.size)
      throw new DomainError('IMPORT_NOT_UPLOADED', { size: String(progress.upload.size) });
    const running: ImportProgress = { ...progress, state: 'running', updatedAt: ctx.now.toISOString() };
    await ws.imports.save(running);
    return { import: await progressView(ws, running, ctx.now), queue: true };
  }
  const view = await progressView(ws, progress, ctx.now);
  return { import: view, queue: view.stalled };
}

/** What the worker brings that the domain does not know: the file formats, the bulk load path, time. */
export interface UploadedImportTools {
  readonly readTable: (bytes: Uint8Array, format: MemberFileFormat) => Promise<string[][]>;
  readonly annotate: (
    table: readonly (readonly string[])[],
    check: ImportCheck,
  ) => { readonly body: ReadableStream<Uint8Array>; readonly contentType: string };
  readonly load: MemberLoad;
  readonly clock: () => Date;
  /** Asked between chunks: true when the worker must stop soon. */
  readonly pauseWhen?: () => boolean;
}

/**
 * Imports an uploaded file as the worker is handed it: `paused` when it stopped to be handed again.
 * A file refused is recorded so; any other failure is thrown, for the queue to hand the job again.
 */
export async function runUploadedImport(
  ws: ImportWorkspace,
  id: string,
  tools: UploadedImportTools,
): Promise<'finished' | 'paused'> {
  const progress = await ws.imports.get(id);
  const upload = progress?.upload;
  if (progress?.state !== 'running' || !upload) return 'finished';
  const ctx: ChangeContext = { principal: upload.principal, requestId: id, now: tools.clock() };
  const read = await readUploaded(ws, ctx, { ...progress, upload }, tools);
  if (read instanceof DomainError) {
    // The refusal is saved over the latest progress, which importChecked has not touched.
    const at = tools.clock().toISOString();
    await ws.imports.save({
      ...progress,
      state: 'refused',
      refusal: { code: read.code, params: read.params },
      updatedAt: at,
      finishedAt: at,
    });
    return 'finished';
  }
  const result = await importChecked(ws, ctx, read, {
    id,
    unitId: progress.unitId ?? undefined,
    load: tools.load,
    ...(tools.pauseWhen && { pauseWhen: tools.pauseWhen }),
  });
  return result ? 'finished' : 'paused';
}

/** The uploaded file read and checked, or why it is refused; rows in error leave the file annotated. */
async function readUploaded(
  ws: ImportWorkspace,
  ctx: ChangeContext,
  progress: ImportProgress & { upload: NonNullable<ImportProgress['upload']> },
  tools: UploadedImportTools,
): Promise<{ check: ImportCheck; ready: ReadyRow[] } | DomainError> {
  try {
    // Kept three days: a job handed again after that finds no file.
    const body = await ws.files.read(uploadedFileKey(ws, progress.id, progress.upload.format));
    if (!body) return new DomainError('IMPORT_NOT_UPLOADED', { size: String(progress.upload.size) });
    const bytes = new Uint8Array(await new Response(body).arrayBuffer());
    const table = await tools.readTable(bytes, progress.upload.format);
    const read = await readImport(ws, ctx.principal, table, ctx.now, progress.unitId ?? undefined);
    const refused = rowsInError(read.check);
    if (!refused) return read;
    const annotated = tools.annotate(table, read.check);
    await ws.files.put(checkedFileKey(ws, progress.id), annotated.body, annotated.contentType);
    return refused;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}
