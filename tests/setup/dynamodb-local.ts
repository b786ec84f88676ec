/**
 * A fresh in-memory DynamoDB Local for each test file, started when the file makes its first
 * app and stopped after its last test (set up by `stop-dynamodb-local.ts`).
 *
 * Not one emulator for the whole run: DynamoDB Local keeps every stream record it has ever
 * written, even of deleted tables, and each write on a table with a stream gets slower as they
 * pile up (500 puts and 200 queries: 1.9 s on a fresh emulator, 4.0 s after 12,500 items were
 * written to other tables and those tables dropped). Shared by the whole suite, the last files
 * ran several times slower than alone; a start costs about a second.
 */
import { type DynamoDbLocal, startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';

let database: Promise<DynamoDbLocal> | undefined;

/** This test file's emulator, started on first use. */
export async function fileDatabaseEndpoint(): Promise<string> {
  database ??= startDynamoDbLocal();
  return (await database).endpoint;
}

export async function stopFileDatabase(): Promise<void> {
  const started = database;
  database = undefined;
  if (started) await (await started).stop();
}
