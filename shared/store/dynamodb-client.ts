/**
 * The one DynamoDB client of a process. Created here only, so that no other module can
 * reach the table except through the tenant-scoped layer in table.ts.
 *
 * Its retries are the SDK's defaults (standard mode, 4 attempts for DynamoDB): throttling
 * exceptions, 5xx and network errors. What the SDK leaves alone (transaction conflicts,
 * throttled transactions, unprocessed batch items) the store retries (refusals.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  readonly endpoint?: string | undefined;
  readonly region: string;
}

export function createDocumentClient({ endpoint, region }: ClientOptions): DynamoDBDocumentClient {
  // An explicit endpoint means DynamoDB Local (or another compatible engine), which accepts any
  // credentials but still demands some; on AWS the default provider chain supplies real ones.
  const client = new DynamoDBClient(
    endpoint
      ? { endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : { region },
  );
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
