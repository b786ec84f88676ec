/**
 * The items long jobs keep of themselves — an import's progress, an export's status: one small
 * item per job under `<tenant>#<partition>` / `<jobId>`, overwritten as it goes (an organization
 * runs a few a month: one partition holds them).
 */
import type { TenantTable } from '../table.ts';

export class JobItems<Job extends { readonly id: string }> {
  constructor(
    private readonly table: TenantTable,
    private readonly partition: string,
    private readonly entity: string,
  ) {}

  get(id: string): Promise<Job | undefined> {
    return this.table.get<Job>({ pk: this.partition, sk: id });
  }

  async save(job: Job): Promise<void> {
    await this.table.put({ entity: this.entity, key: { pk: this.partition, sk: job.id }, data: { ...job } });
  }
}
