/**
 * The table a maintenance script works on, chosen as `npm start` chooses it: DYNAMODB_ENDPOINT
 * when set, otherwise DynamoDB Local on the data folder (started here: stop `npm start` first,
 * one emulator per data folder), or with `deployed` the table TABLE_NAME on AWS (credentials and
 * AWS_REGION from the usual AWS chain).
 */
import { join } from 'node:path';
import { type DynamoDbLocal, startDynamoDbLocal } from '#functions/local/dynamodb-local.ts';
import { type Env, readEnv } from '#shared/config/env.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';

export interface ScriptTable {
  readonly env: Env;
  /** For a script's Scan: the one thing the store does not offer (no request path ever scans). */
  readonly client: ReturnType<typeof createDocumentClient>;
  readonly table: Table;
  /** The emulator this script started; undefined when it uses one running elsewhere, or AWS. */
  readonly local: DynamoDbLocal | undefined;
}

export async function openScriptTable(options: { deployed: boolean }): Promise<ScriptTable> {
  const env = readEnv();
  let local: DynamoDbLocal | undefined;
  if (options.deployed) env.DYNAMODB_ENDPOINT = undefined;
  else if (!env.DYNAMODB_ENDPOINT) {
    local = await startDynamoDbLocal({ dataPath: join(env.DATA_DIR, 'dynamodb') });
    env.DYNAMODB_ENDPOINT = local.endpoint;
  }
  const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
  return { env, client, table: new Table(client, env.TABLE_NAME), local };
}
