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

  /** Counts one more failure and returns the window's count including it, in one atomic write. */
  async record(subject: string, windowStart: number, expiresAt: number): Promise<number> {
    const item = await this.table
      .forTenant(PLATFORM_TENANT)
      .update<{ failures: number }>(key(subject, windowStart), {
        add: { failures: 1 },
        entity: 'signin-failures',
        expiresAt,
      });
    return item.failures;
  }

  /** Takes back a failure recorded in advance for an attempt that did not fail. */
  async release(subject: string, windowStart: number): Promise<void> {
    await this.table.forTenant(PLATFORM_TENANT).update(key(subject, windowStart), { add: { failures: -1 } });
  }
}
