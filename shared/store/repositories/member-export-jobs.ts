/** Where export jobs are kept: `<tenant>#EXPORTS` / `<exportId>` (job-items.ts). */
import type { MemberExportJob, MemberExportJobStore } from '../../domain/members/export-jobs.ts';
import type { TenantTable } from '../table.ts';
import { JobItems } from './job-items.ts';

export class MemberExportJobRepository extends JobItems<MemberExportJob> implements MemberExportJobStore {
  constructor(table: TenantTable) {
    super(table, 'EXPORTS', 'member_export_job');
  }
}
