/**
 * Reading the table's stream: a record's images arrive in DynamoDB's wire format, and only the
 * store knows that format and the bookkeeping every item carries (`_tenant`, `_entity`, keys).
 * Stream consumers get back what repositories would have written: the tenant, the kind of item,
 * and its fields.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { tableDefinition as def } from './table-definition.ts';

/** An item as a stream record shows it, decoded. */
export interface StreamImage {
  readonly tenant: string;
  readonly entity: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const KEY_ATTRIBUTES = new Set<string>([
  def.partitionKey,
  def.sortKey,
  def.timeToLiveAttribute,
  ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
]);

/**
 * Decodes a NewImage or OldImage (Lambda's event and the Streams API carry the same JSON shape);
 * undefined when the record has no such image. Items written outside the repositories (no
 * `_tenant` or `_entity`) come back with empty names, which no consumer asks for.
 */
export function decodeStreamImage(
  image: Readonly<Record<string, unknown>> | undefined,
): StreamImage | undefined {
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!KEY_ATTRIBUTES.has(name) && name !== '_tenant' && name !== '_entity') data[name] = value;
  }
  return {
    tenant: typeof item._tenant === 'string' ? item._tenant : '',
    entity: typeof item._entity === 'string' ? item._entity : '',
    data,
  };
}

/** The entity an image is of, without decoding the rest of it: most records a consumer skips. */
export function streamEntityOf(image: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const entity = (image?._entity as { S?: unknown } | undefined)?.S;
  return typeof entity === 'string' ? entity : undefined;
}

/** The tenant an image is of, without decoding the rest of it (a consumer may need no more). */
export function streamTenantOf(image: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const tenant = (image?._tenant as { S?: unknown } | undefined)?.S;
  return typeof tenant === 'string' ? tenant : undefined;
}
