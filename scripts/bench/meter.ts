/**
 * Counts what a DynamoDB client does — calls, consumed capacity, items read — through a
 * middleware on the benchmark's own client, so production code is measured as it is.
 */
import type { createDocumentClient } from '#shared/store/dynamodb-client.ts';

export interface Reading {
  calls: number;
  /** Consumed capacity units the calls reported (reads: RCU). */
  capacity: number;
  /** Items the calls read, before any filter dropped them: what capacity pays for. */
  itemsRead: number;
  /** Calls that asked for nothing to be reported back (writes): their capacity is unknown. */
  unreported: number;
}

export class Meter {
  private reading: Reading = Meter.zero();

  private static zero(): Reading {
    return { calls: 0, capacity: 0, itemsRead: 0, unreported: 0 };
  }

  /** What was counted since the last call, and a fresh start. */
  take(): Reading {
    const reading = this.reading;
    this.reading = Meter.zero();
    return reading;
  }

  record(output: CallOutput): void {
    this.reading.calls += 1;
    // Batch and transaction calls report one capacity per table, single-item calls one in all.
    const reported = output.ConsumedCapacity === undefined ? [] : [output.ConsumedCapacity].flat();
    if (reported.length === 0) this.reading.unreported += 1;
    for (const consumed of reported) this.reading.capacity += consumed.CapacityUnits ?? 0;
    this.reading.itemsRead += output.ScannedCount ?? itemsReturned(output);
  }
}

interface ConsumedCapacity {
  readonly CapacityUnits?: number;
}

interface CallOutput {
  readonly ConsumedCapacity?: ConsumedCapacity | readonly ConsumedCapacity[];
  readonly ScannedCount?: number;
  readonly Item?: unknown;
  /** BatchGetItem: items by table; TransactGetItems: one `{ Item }` per key asked. */
  readonly Responses?: Readonly<Record<string, readonly unknown[]>> | readonly { readonly Item?: unknown }[];
}

/** Items a call without a scanned count returned: GetItem, BatchGetItem, TransactGetItems. */
function itemsReturned(output: CallOutput): number {
  const responses = output.Responses;
  if (Array.isArray(responses)) return responses.filter((response) => response.Item).length;
  if (responses) return Object.values(responses).reduce((sum, items) => sum + items.length, 0);
  return output.Item ? 1 : 0;
}

export function meterClient(client: ReturnType<typeof createDocumentClient>): Meter {
  const meter = new Meter();
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      meter.record(result.output as CallOutput);
      return result;
    },
    // The outermost step: one count per call, whatever the SDK retried underneath.
    { step: 'initialize', name: 'benchMeter' },
  );
  return meter;
}
