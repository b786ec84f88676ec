/**
 * What failed sign-ins leave behind, under `platform#SIGNIN_FAILURES#<subject>`: counters per
 * fixed time window (sort key: the window start) for the ceilings per account and per address,
 * and one record per (account, address) pair (sort key `pair`) with its back-off and whether
 * the account signed in from there. Kept in the table, not in memory, because Lambda instances
 * share nothing else.
 */
import { PLATFORM_TENANT } from '../../domain/tenant-id.ts';
import { ConditionFailedError } from '../store-errors.ts';
import type { Table } from '../table.ts';

const ENTITY = 'signin-failures';

const key = (subject: string, sortKey: string | number) => ({
  pk: `SIGNIN_FAILURES#${subject}`,
  sk: String(sortKey),
});

/** One (account, address) pair; times in epoch seconds. */
export interface PairState {
  readonly failures: number;
  readonly lastFailureAt: number;
  /** No password is checked for this pair before this time. */
  readonly nextAttemptAt: number;
  /** Until then the account counts as signing in from this address: the ceilings do not apply. */
  readonly knownUntil: number;
}

/** A pair as read, with the version a change must be made against. */
export interface StoredPair extends PairState {
  readonly version: number;
}

export class SignInFailureRepository {
  constructor(private readonly table: Table) {}

  /** Counts one more failure and returns the window's count including it, in one atomic write. */
  async record(subject: string, windowStart: number, expiresAt: number): Promise<number> {
    const item = await this.platform().update<{ failures: number }>(key(subject, windowStart), {
      add: { failures: 1 },
      entity: ENTITY,
      expiresAt,
    });
    return item.failures;
  }

  /** Takes back a failure recorded in advance for an attempt that did not fail. */
  async release(subject: string, windowStart: number): Promise<void> {
    await this.platform().update(key(subject, windowStart), { add: { failures: -1 } });
  }

  async pair(subject: string): Promise<StoredPair | undefined> {
    return this.platform().get<StoredPair>(key(subject, 'pair'));
  }

  /**
   * Writes a pair's next state only if it is still the one read (`previous`, or none), so two
   * attempts of one pair can never both start from the same state; false when another got there first.
   */
  async replacePair(
    subject: string,
    previous: StoredPair | undefined,
    next: PairState,
    expiresAt: number,
  ): Promise<boolean> {
    try {
      await this.platform().put(
        {
          entity: ENTITY,
          key: key(subject, 'pair'),
          data: { ...next, version: (previous?.version ?? 0) + 1 },
          expiresAt,
        },
        previous ? { equals: { version: previous.version } } : { exists: false },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailedError) return false;
      throw error;
    }
  }

  /** Writes a pair's state whatever it was, for a sign-in that proved the pair. */
  async resetPair(subject: string, next: PairState, expiresAt: number): Promise<void> {
    await this.platform().update(key(subject, 'pair'), {
      set: { ...next },
      add: { version: 1 },
      entity: ENTITY,
      expiresAt,
    });
  }

  private platform() {
    return this.table.forTenant(PLATFORM_TENANT);
  }
}
