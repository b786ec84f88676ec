/**
 * How far an import has gone, kept while it runs so that the officer who sent a province's list —
 * or the integration that did — can watch it (GET /api/v1/imports/{id}, the web admin's progress
 * bar) rather than wait on a request that says nothing for minutes. An import that stops without
 * finishing (the process died) stays `running` and is seen to be stalled by its last progress;
 * sending the same file again under the same key goes on from there (run-import.ts). A file too
 * large for a request is uploaded to the file store first: its import waits in `uploading`, and
 * a file the worker finds in error ends `refused`, with the file annotated (upload-import.ts).
 */
import type { FileStore } from '../../../files/file-store.ts';
import { requireMemberWriter } from '../../access/member-access.ts';
import { DomainError } from '../../errors.ts';
import { type ErrorCode, errorMessages } from '../../messages.ts';
import type { Principal } from '../../roles.ts';
import type { MemberFileFormat } from '../export-jobs.ts';
import type { MemberWorkspace } from '../member-workspace.ts';
import { ANNOTATED_IMPORT_FILE, checkedFileKey } from './import-files.ts';

export interface ImportProgress {
  readonly id: string;
  readonly state: 'uploading' | 'running' | 'done' | 'refused';
  /** Rows of the file ready to import (the check's `ready`). */
  readonly rows: number;
  /** Rows written so far, as created, updated or found unchanged. */
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly unitId: string | null;
  readonly by: { readonly userId: string; readonly username: string };
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** A file uploaded to the store, and who the worker imports it as: who made the upload, as they were then. */
  readonly upload?: {
    readonly format: MemberFileFormat;
    readonly size: number;
    readonly principal: Principal;
  };
  /** Why an uploaded file was not imported: rows in error (the file annotated beside it), or unreadable. */
  readonly refusal?: { readonly code: ErrorCode; readonly params: Record<string, string> };
}

/** Where an import's progress is kept (shared/store/repositories/member-imports.ts). */
export interface ImportProgressStore {
  get(id: string): Promise<ImportProgress | undefined>;
  save(progress: ImportProgress): Promise<void>;
}

/** The store holds files uploaded to be imported, and the check of those refused. */
export type ImportWorkspace = MemberWorkspace & {
  readonly imports: ImportProgressStore;
  readonly files: FileStore;
};

/** No progress for this long while running: the import is no longer going on. */
const STALLED_AFTER_MS = 5 * 60 * 1000;

export interface ImportProgressView extends Omit<ImportProgress, 'upload' | 'refusal'> {
  readonly stalled: boolean;
  readonly upload: { readonly format: MemberFileFormat; readonly size: number } | null;
  readonly refusal: { readonly code: ErrorCode; readonly message: string; readonly messageEn: string } | null;
  /** A refused file with the check written into it, while the store keeps it. */
  readonly checked: { readonly url: string; readonly expiresAt: string } | null;
}

/** A link to a checked file is good for this long; reading the progress again gives a fresh one. */
const LINK_SECONDS = 15 * 60;

/** An import's progress, for whoever sent it and for the organization's admins. */
export async function importProgress(
  ws: ImportWorkspace,
  principal: Principal,
  id: string,
  now: Date,
): Promise<ImportProgressView> {
  requireMemberWriter(principal, 'members:write');
  const progress = await ws.imports.get(id);
  const mayRead = progress && (progress.by.userId === principal.userId || principal.role === 'org_admin');
  // Somebody else's import is not said to exist.
  if (!mayRead) throw new DomainError('IMPORT_NOT_FOUND', { id });
  return progressView(ws, progress, now);
}

/** An import's progress as its readers see it: the upload without whom it runs as, the refusal in words. */
export async function progressView(
  ws: Pick<ImportWorkspace, 'tenant' | 'files'>,
  progress: ImportProgress,
  now: Date,
): Promise<ImportProgressView> {
  const { upload, refusal, ...shown } = progress;
  const said = refusal && errorMessages[refusal.code].detail(refusal.params);
  const checked =
    refusal?.code === 'IMPORT_HAS_ERRORS'
      ? {
          url: await ws.files.downloadLink(checkedFileKey(ws, progress.id), {
            fileName: ANNOTATED_IMPORT_FILE,
            expiresInSeconds: LINK_SECONDS,
          }),
          expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
        }
      : null;
  return {
    ...shown,
    stalled:
      progress.state === 'running' && now.getTime() - Date.parse(progress.updatedAt) > STALLED_AFTER_MS,
    upload: upload ? { format: upload.format, size: upload.size } : null,
    refusal: refusal && said ? { code: refusal.code, message: said.vi, messageEn: said.en } : null,
    checked,
  };
}
