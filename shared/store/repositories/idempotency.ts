/**
 * Idempotency keys: `<tenant>#IDEMPOTENCY#<userId>#<key>` / `IDEMPOTENCY`, kept 24 hours. The record
 * is written in the transaction of the effect, so an effect and its record exist together or not at all.
 * DynamoDB deletes an expired record only eventually: until it does, the record counts as absent
 * (the key may be used afresh), judged by the request's time rather than the deletion's.
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

  /** The answer kept for this key, unless it expired by `now`. */
  async find(userId: string, idempotencyKey: string, now: Date): Promise<StoredResponse | undefined> {
    const stored = await this.table.get<StoredResponse & { keptUntil?: number }>(key(userId, idempotencyKey));
    if (!stored || (stored.keptUntil !== undefined && stored.keptUntil <= epochSeconds(now)))
      return undefined;
    const { keptUntil: _, ...response } = stored;
    return response;
  }

  record(tx: Transaction, userId: string, idempotencyKey: string, response: StoredResponse, now: Date): void {
    const keptUntil = epochSeconds(now) + TTL_SECONDS;
    tx.put(
      // The time to live is not read back with the item: `keptUntil` is its readable copy.
      {
        entity: 'idempotency',
        key: key(userId, idempotencyKey),
        data: { ...response, keptUntil },
        expiresAt: keptUntil,
      },
      { exists: false, orExpiredBy: epochSeconds(now) },
      () => new IdempotencyRace(),
    );
  }
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
