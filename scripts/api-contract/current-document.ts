/**
 * The OpenAPI document the app serves at /openapi.json, built without a table or a server: the
 * document depends on the routes alone, so scripts and contract tests need no DynamoDB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '#functions/api/app.ts';
import { createDependencies } from '#functions/api/dependencies.ts';
import { readEnv } from '#shared/config/env.ts';
import type { OpenApiDocument } from './openapi-document.ts';

export async function currentDocument(): Promise<OpenApiDocument> {
  // Dependencies write their local keys here; no request reaches them.
  const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-openapi-'));
  try {
    const deps = await createDependencies(readEnv({ DATA_DIR: dataDir }), {
      clientAddress: () => '127.0.0.1',
      docsAssetsDir: dataDir,
    });
    const response = await createApp(deps).request('/openapi.json');
    return (await response.json()) as OpenApiDocument;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
