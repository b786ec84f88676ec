/**
 * Where imports' progress is kept: `<tenant>#IMPORTS` / `<importId>`, one small item per import,
 * overwritten as it goes (an organization imports a few lists a year: one partition holds them).
 */
import type { ImportProgress, ImportProgressStore } from '../../domain/members/import/import-progress.ts';
import type { TenantTable } from '../table.ts';

const keyOf = (id: string) => ({ pk: 'IMPORTS', sk: id });

export class MemberImportRepository implements ImportProgressStore {
  constructor(private readonly table: TenantTable) {}

  get(id: string): Promise<ImportProgress | undefined> {
    return this.table.get<ImportProgress>(keyOf(id));
  }

  async save(progress: ImportProgress): Promise<void> {
    await this.table.put({ entity: 'member_import', key: keyOf(progress.id), data: { ...progress } });
  }
}
