/**
 * Builds what the app needs from the configuration: the table, the signing keys (a file in
 * DATA_DIR locally, Secrets Manager on AWS), the token service, the national ID vault (its
 * keys wrapped by a master key file in DATA_DIR locally, by KMS on AWS), the file store and where
 * its jobs run (DATA_DIR/files and this process locally, S3 and a queue on AWS).
 */
import { join } from 'node:path';
import type { Context } from 'hono';
import { ApiKeyCache } from '#shared/auth/api-key-cache.ts';
import { FileKeyStore } from '#shared/auth/file-key-store.ts';
import { SecretsManagerKeyStore } from '#shared/auth/secrets-manager-key-store.ts';
import { loadSigningKeys } from '#shared/auth/signing-keys.ts';
import { TokenService } from '#shared/auth/tokens.ts';
import type { Env } from '#shared/config/env.ts';
import { InProcessFileJobs } from '#shared/file-jobs/in-process-file-jobs.ts';
import { SqsFileJobs } from '#shared/file-jobs/sqs-file-jobs.ts';
import { fileStoreFrom, fileStoreOriginFrom } from '#shared/files/file-store-from-env.ts';
import { LocalFileStore } from '#shared/files/local-file-store.ts';
import { keyWrapperFrom } from '#shared/privacy/key-wrapper-from-env.ts';
import { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import { createDocumentClient } from '#shared/store/dynamodb-client.ts';
import { Table } from '#shared/store/table.ts';
import type { AppDependencies } from './app-env.ts';

export interface RuntimeHooks {
  readonly clientAddress: (c: Context) => string;
  readonly docsAssetsDir: string;
  readonly clock?: () => Date;
}

export async function createDependencies(env: Env, hooks: RuntimeHooks): Promise<AppDependencies> {
  const client = createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION });
  const keyStore = env.SIGNING_KEY_SECRET_ID
    ? new SecretsManagerKeyStore(env.SIGNING_KEY_SECRET_ID)
    : new FileKeyStore(join(env.DATA_DIR, 'keys', 'signing-keys.json'));
  const keys = await loadSigningKeys(keyStore);
  const table = new Table(client, env.TABLE_NAME);
  const nationalIds = new NationalIdVault(table, keyWrapperFrom(env));
  const files = fileStoreFrom(env);
  const fileStoreOrigin = fileStoreOriginFrom(env);
  const clock = hooks.clock ?? (() => new Date());
  return {
    table,
    nationalIds,
    files,
    ...(fileStoreOrigin && { fileStoreOrigin }),
    ...(files instanceof LocalFileStore && { fileLinks: (request: Request) => files.handle(request) }),
    fileJobs: env.FILE_JOBS_QUEUE_URL
      ? new SqsFileJobs(env.FILE_JOBS_QUEUE_URL)
      : new InProcessFileJobs({ table, vault: nationalIds, files, clock }),
    tokens: new TokenService(keys, { issuer: env.TOKEN_ISSUER, audience: env.TOKEN_AUDIENCE }),
    jwks: keys.jwks,
    allowPrivateWebhookAddresses: env.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES,
    apiKeyCache: new ApiKeyCache(),
    ...hooks,
    clock,
  };
}
