/**
 * How far an import has gone, kept while it runs so that the officer who sent a province's list —
 * or the integration that did — can watch it (GET /api/v1/imports/{id}, the web admin's progress
 * bar) rather than wait on a request that says nothing for minutes. An import that stops without
 * finishing (the process died) stays `running` and is seen to be stalled by its last progress;
 * sending the same file again under the same key goes on from there (run-import.ts).
 */
import { requireMemberWriter } from '../../access/member-access.ts';
import { DomainError } from '../../errors.ts';
import type { Principal } from '../../roles.ts';
import type { MemberWorkspace } from '../member-workspace.ts';

export interface ImportProgress {
  readonly id: string;
  readonly state: 'running' | 'done';
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
}

/** Where an import's progress is kept (shared/store/repositories/member-imports.ts). */
export interface ImportProgressStore {
  get(id: string): Promise<ImportProgress | undefined>;
  save(progress: ImportProgress): Promise<void>;
}

export type ImportWorkspace = MemberWorkspace & { readonly imports: ImportProgressStore };

/** No progress for this long while running: the import is no longer going on. */
const STALLED_AFTER_MS = 5 * 60 * 1000;

export type ImportProgressView = ImportProgress & { readonly stalled: boolean };

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
  const stalled =
    progress.state === 'running' && now.getTime() - Date.parse(progress.updatedAt) > STALLED_AFTER_MS;
  return { ...progress, stalled };
}
