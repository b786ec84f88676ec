/** The API function on Lambda: the same app, behind API Gateway's HTTP API. */
import { fileURLToPath } from 'node:url';
import { getConnInfo, handle } from 'hono/aws-lambda';
import { readEnv } from '#shared/config/env.ts';
import { createApp } from './app.ts';
import { createDependencies } from './dependencies.ts';

const deps = await createDependencies(readEnv(), {
  clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
  // The bundling step copies swagger-ui-dist's files beside the bundle.
  docsAssetsDir: fileURLToPath(new URL('./swagger-ui/', import.meta.url)),
});

export const handler = handle(createApp(deps));
