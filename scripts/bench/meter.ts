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
    const units = output.ConsumedCapacity?.CapacityUnits;
    if (units === undefined) this.reading.unreported += 1;
    else this.reading.capacity += units;
    this.reading.itemsRead += output.ScannedCount ?? (output.Item ? 1 : 0);
  }
}

interface CallOutput {
  readonly ConsumedCapacity?: { readonly CapacityUnits?: number };
  readonly ScannedCount?: number;
  readonly Item?: unknown;
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
