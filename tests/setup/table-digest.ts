/**
 * "Nothing was written", checked on the raw table: a digest of every item of a test app's table,
 * read with a Scan — tests only; the app never scans (tenant-isolation.test.ts holds it to that).
 */
import { createHash } from 'node:crypto';
// biome-ignore lint/style/noRestrictedImports: a test reads the raw table to prove the app wrote nothing.
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import type { TestApp } from './test-app.ts';

/** Every raw item of the table, but those whose entity kind (`_entity`) is left out, in key order. */
export async function rawItems(t: TestApp, leaveOut: readonly string[] = []): Promise<string[]> {
  const client = createDocumentClient({ endpoint: t.env.DYNAMODB_ENDPOINT, region: t.env.AWS_REGION });
  const items: string[] = [];
  for await (const page of paginateScan({ client }, { TableName: t.env.TABLE_NAME, ConsistentRead: true }))
    for (const item of page.Items ?? [])
      if (!leaveOut.includes(String(item._entity))) items.push(JSON.stringify(sortedKeys(item)));
  return items.sort();
}

/** A digest of rawItems: equal digests before and after a request mean it wrote nothing. */
export async function tableDigest(t: TestApp, leaveOut: readonly string[] = []): Promise<string> {
  return createHash('sha256')
    .update((await rawItems(t, leaveOut)).join('\n'))
    .digest('hex');
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value instanceof Set) return [...value].map(sortedKeys).sort();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}
