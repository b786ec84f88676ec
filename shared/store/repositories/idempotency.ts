/**
 * Idempotency keys: `<tenant>#IDEMPOTENCY#<userId>#<key>` / `IDEMPOTENCY`, kept 24 hours. The record
 * is written in the transaction of the effect, so an effect and its record exist together or not at all.
 */
import type { TenantTable } from '../table.ts';
import type { Transaction } from '../transaction.ts';

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

const TTL_SECONDS = 24 * 60 * 60;

/** Thrown when another request with the same key committed first; its response is the answer. */
export class IdempotencyRace extends Error {
  constructor() {
    super('Another request with this idempotency key committed first');
  }
}

const key = (userId: string, idempotencyKey: string) => ({
  pk: `IDEMPOTENCY#${userId}#${idempotencyKey}`,
  sk: 'IDEMPOTENCY',
});

export class IdempotencyRepository {
  constructor(private readonly table: TenantTable) {}

  async find(userId: string, idempotencyKey: string): Promise<StoredResponse | undefined> {
    return this.table.get<StoredResponse>(key(userId, idempotencyKey));
  }

  record(tx: Transaction, userId: string, idempotencyKey: string, response: StoredResponse, now: Date): void {
    tx.put(
      {
        entity: 'idempotency',
        key: key(userId, idempotencyKey),
        data: { ...response },
        expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
      },
      { exists: false },
      () => new IdempotencyRace(),
    );
  }
}
