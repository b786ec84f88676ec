/**
 * Interactive API documentation at /docs: Swagger UI served from our own origin (the files of
 * swagger-ui-dist), so the docs work where no CDN can be reached.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../app-env.ts';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>doanthe API — Tài liệu API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// The token typed into "Authorize" lives only as long as the page: persisting it would leave it
// in localStorage, readable by any script of the origin long after the tab is closed. No
// validator: it would send the document to a third party (and the CSP would refuse its badge).
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: false, validatorUrl: null });`;

export function docsRoutes(deps: AppDependencies) {
  const cache = new Map<string, string>();
  return new Hono<AppEnv>()
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/assets/:file', async (c) => {
      const file = c.req.param('file');
      const type = ASSETS[file];
      if (!type) return c.notFound();
      let content = cache.get(file);
      if (content === undefined) {
        content = await readFile(join(deps.docsAssetsDir, file), 'utf8');
        cache.set(file, content);
      }
      return c.body(content, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
