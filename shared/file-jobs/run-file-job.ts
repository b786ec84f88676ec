/** Runs one file job as a worker gets it, on Lambda or in `npm start`: the same code on both. */
import { type MemberFileFormat, runMemberExport } from '../domain/members/export-jobs.ts';
import type { MemberExportRow } from '../domain/members/member-export.ts';
import type { Organization } from '../domain/organizations.ts';
import type { FileStore } from '../files/file-store.ts';
import type { NationalIdVault } from '../privacy/national-id-vault.ts';
import { memberWorkspaceOf } from '../store/member-workspace-of.ts';
import { MemberExportJobRepository } from '../store/repositories/member-export-jobs.ts';
import { MemberImportRepository } from '../store/repositories/member-imports.ts';
import type { Table } from '../store/table.ts';
import type { FileJob } from './file-jobs.ts';

export interface FileJobDependencies {
  readonly table: Table;
  readonly vault: NationalIdVault;
  readonly files: FileStore;
  readonly clock: () => Date;
}

/** Asked between an import's chunks: true when the worker must stop and be handed the job again. */
export type PauseWhen = () => boolean;

/** The writers and readers load with the first job, not at the start of the process that may run none. */
const render = async (
  format: MemberFileFormat,
  organization: Organization,
  rows: AsyncIterable<MemberExportRow>,
) => (await import('../exports/member-file.ts')).memberFile(format, organization, rows);

const importing = async () => {
  const [upload, load, read, annotated, xlsx] = await Promise.all([
    import('../domain/members/import/upload-import.ts'),
    import('../figures/member-load.ts'),
    import('../imports/read-table.ts'),
    import('../exports/annotated-import-file.ts'),
    import('../exports/xlsx-stream.ts'),
  ]);
  return {
    runUploadedImport: upload.runUploadedImport,
    tenantMemberLoad: load.tenantMemberLoad,
    readTable: read.readTable,
    annotate: (...args: Parameters<typeof annotated.annotatedImportFile>) => ({
      body: annotated.annotatedImportFile(...args),
      contentType: xlsx.XLSX_CONTENT_TYPE,
    }),
  };
};

/** Runs the job: `paused` when an import stopped before its end, to be handed again. */
export async function runFileJob(
  deps: FileJobDependencies,
  job: FileJob,
  pauseWhen?: PauseWhen,
): Promise<'finished' | 'paused'> {
  const tenantTable = deps.table.forTenant(job.tenantId);
  const ws = memberWorkspaceOf(deps.table, tenantTable, deps.vault);
  if (job.kind === 'member-export') {
    const exportJobs = new MemberExportJobRepository(tenantTable);
    await runMemberExport({ ...ws, exportJobs, files: deps.files }, job.id, render, deps.clock);
    return 'finished';
  }
  const { runUploadedImport, tenantMemberLoad, ...tools } = await importing();
  return runUploadedImport(
    { ...ws, imports: new MemberImportRepository(tenantTable), files: deps.files },
    job.id,
    {
      ...tools,
      load: tenantMemberLoad(deps.table, tenantTable),
      clock: deps.clock,
      ...(pauseWhen && { pauseWhen }),
    },
  );
}
