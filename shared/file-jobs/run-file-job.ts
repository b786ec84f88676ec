/** Runs one file job as a worker gets it, on Lambda or in `npm start`: the same code on both. */
import { type MemberFileFormat, runMemberExport } from '../domain/members/export-jobs.ts';
import type { MemberExportRow } from '../domain/members/member-export.ts';
import type { Organization } from '../domain/organizations.ts';
import type { FileStore } from '../files/file-store.ts';
import type { NationalIdVault } from '../privacy/national-id-vault.ts';
import { memberWorkspaceOf } from '../store/member-workspace-of.ts';
import { MemberExportJobRepository } from '../store/repositories/member-export-jobs.ts';
import type { Table } from '../store/table.ts';
import type { FileJob } from './file-jobs.ts';

export interface FileJobDependencies {
  readonly table: Table;
  readonly vault: NationalIdVault;
  readonly files: FileStore;
  readonly clock: () => Date;
}

/** The writers load with the first job, not at the start of the process that may run none. */
const render = async (
  format: MemberFileFormat,
  organization: Organization,
  rows: AsyncIterable<MemberExportRow>,
) => (await import('../exports/member-file.ts')).memberFile(format, organization, rows);

export async function runFileJob(deps: FileJobDependencies, job: FileJob): Promise<void> {
  const tenantTable = deps.table.forTenant(job.tenantId);
  const ws = {
    ...memberWorkspaceOf(deps.table, tenantTable, deps.vault),
    exportJobs: new MemberExportJobRepository(tenantTable),
    files: deps.files,
  };
  await runMemberExport(ws, job.id, render, deps.clock);
}
