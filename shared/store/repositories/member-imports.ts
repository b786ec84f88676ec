/** Where imports' progress is kept: `<tenant>#IMPORTS` / `<importId>` (job-items.ts). */
import type { ImportProgress, ImportProgressStore } from '../../domain/members/import/import-progress.ts';
import type { TenantTable } from '../table.ts';
import { JobItems } from './job-items.ts';

export class MemberImportRepository extends JobItems<ImportProgress> implements ImportProgressStore {
  constructor(table: TenantTable) {
    super(table, 'IMPORTS', 'member_import');
  }
}
