/**
 * Counts what a DynamoDB client does — calls, consumed capacity, items read, items put and what
 * they would cost on AWS — through a middleware on the benchmark's own client, so production
 * code is measured as it is.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { writeUnits } from './write-units.ts';

export interface Reading {
  calls: number;
  /** Consumed capacity units the calls reported (reads: RCU). */
  capacity: number;
  /** Items the calls read, before any filter dropped them: what capacity pays for. */
  itemsRead: number;
  /** Calls that asked for nothing to be reported back (writes): their capacity is unknown. */
  unreported: number;
  /** Items put (batch, transaction or single puts). */
  itemsPut: number;
  /** What those puts cost on AWS in write units, table and indexes (write-units.ts). */
  writeUnits: number;
}

export class Meter {
  private reading: Reading = Meter.zero();
  /** The reading of the request in whose context a call is made (`scoped`), besides the whole one. */
  private readonly requests = new AsyncLocalStorage<Reading>();

  private static zero(): Reading {
    return { calls: 0, capacity: 0, itemsRead: 0, unreported: 0, itemsPut: 0, writeUnits: 0 };
  }

  /** What was counted since the last call, and a fresh start. */
  take(): Reading {
    const reading = this.reading;
    this.reading = Meter.zero();
    return reading;
  }

  /** Runs `work` with a reading of its own, so requests measured side by side are told apart. */
  async scoped<T>(work: () => Promise<T>): Promise<{ result: T; reading: Reading }> {
    const reading = Meter.zero();
    const result = await this.requests.run(reading, work);
    return { result, reading };
  }

  record(output: CallOutput): void {
    for (const reading of this.readings()) {
      reading.calls += 1;
      // Batch and transaction calls report one capacity per table, single-item calls one in all.
      const reported = output.ConsumedCapacity === undefined ? [] : [output.ConsumedCapacity].flat();
      if (reported.length === 0) reading.unreported += 1;
      for (const consumed of reported) reading.capacity += consumed.CapacityUnits ?? 0;
      reading.itemsRead += output.ScannedCount ?? itemsReturned(output);
    }
  }

  recordPuts(input: CallInput): void {
    for (const reading of this.readings())
      for (const item of itemsPut(input)) {
        reading.itemsPut += 1;
        reading.writeUnits += writeUnits(item);
      }
  }

  private readings(): Reading[] {
    const request = this.requests.getStore();
    return request ? [this.reading, request] : [this.reading];
  }
}

type Attributes = Readonly<Record<string, unknown>>;

/** A write call's input as the document client takes it, before marshalling. */
interface CallInput {
  readonly Item?: Attributes;
  readonly RequestItems?: Readonly<
    Record<string, readonly { readonly PutRequest?: { readonly Item: Attributes } }[]>
  >;
  readonly TransactItems?: readonly { readonly Put?: { readonly Item: Attributes } }[];
}

function itemsPut(input: CallInput): Attributes[] {
  if (input.Item) return [input.Item];
  if (input.TransactItems)
    return input.TransactItems.flatMap((operation) => (operation.Put ? [operation.Put.Item] : []));
  return Object.values(input.RequestItems ?? {}).flatMap((requests) =>
    Array.isArray(requests)
      ? requests.flatMap((request) => (request.PutRequest ? [request.PutRequest.Item] : []))
      : [],
  );
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
      meter.recordPuts(args.input as CallInput);
      return result;
    },
    // The outermost step: one count per call, whatever the SDK retried underneath.
    { step: 'initialize', name: 'benchMeter' },
  );
  return meter;
}
