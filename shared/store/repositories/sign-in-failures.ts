/**
 * Counts failed sign-ins per fixed time window (`platform#SIGNIN_FAILURES#<subject>` / window
 * start). Kept in the table, not in memory, because Lambda instances share nothing else.
 */
import { PLATFORM_TENANT } from '../../domain/tenant-id.ts';
import type { Table } from '../table.ts';

const key = (subject: string, windowStart: number) => ({
  pk: `SIGNIN_FAILURES#${subject}`,
  sk: String(windowStart),
});

export class SignInFailureRepository {
  constructor(private readonly table: Table) {}

  async count(subject: string, windowStart: number): Promise<number> {
    const item = await this.table
      .forTenant(PLATFORM_TENANT)
      .get<{ failures: number }>(key(subject, windowStart));
    return item?.failures ?? 0;
  }

  async record(subject: string, windowStart: number, expiresAt: number): Promise<void> {
    await this.table.forTenant(PLATFORM_TENANT).update(key(subject, windowStart), {
      add: { failures: 1 },
      entity: 'signin-failures',
      expiresAt,
    });
  }
}
