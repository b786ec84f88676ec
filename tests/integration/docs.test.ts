/**
 * The API describes itself: an OpenAPI 3.1 document, and Swagger UI served from our own origin
 * so the docs work where no CDN can be reached. Plus the liveness check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../setup/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
    responses: Record<string, unknown>;
  };
}

describe('GET /openapi.json', () => {
  let doc: OpenApiDocument;

  beforeAll(async () => {
    const response = await t.request('/openapi.json');
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApiDocument;
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'doanthe API', version: expect.any(String) });
  });

  it.each([
    ['/api/v1/auth/token', 'post'],
    ['/api/v1/me', 'get'],
    ['/api/v1/units', 'get'],
    ['/api/v1/units/{id}', 'get'],
    ['/api/v1/branches', 'get'],
    ['/api/v1/branches/{id}', 'get'],
    ['/api/v1/platform/provinces', 'post'],
    ['/health', 'get'],
  ])('describes %s (%s)', (path, method) => {
    expect(doc.paths[path]?.[method]).toBeDefined();
  });

  it('names the shared schemas as components', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Problem',
        'SignIn',
        'TokenPair',
        'Me',
        'Unit',
        'Branch',
        'OnboardProvince',
        'Province',
      ]),
    );
  });

  it('declares the bearer scheme and requires it where a token is needed', () => {
    expect(doc.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      // An integration's API key goes in the same header: the scheme says so.
      description: expect.stringContaining('dtk_'),
    });
    expect(doc.paths['/api/v1/units/{id}']?.get?.security).toEqual([{ bearer: [] }]);
    // Public operations say so, rather than leaving the reader to guess.
    expect(doc.paths['/api/v1/auth/token']?.post?.security).toEqual([]);
  });

  it('describes error responses as problem documents, with the codes each status carries', () => {
    const notFound = doc.paths['/api/v1/branches/{id}']?.get?.responses['404'];

    expect(notFound).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(doc.components.responses.NotFound).toMatchObject({
      description: expect.stringContaining('BRANCH_NOT_FOUND'),
      content: {
        'application/problem+json': {
          schema: { $ref: '#/components/schemas/Problem' },
          examples: { BRANCH_NOT_FOUND: { value: { code: 'BRANCH_NOT_FOUND', status: 404 } } },
        },
      },
    });
  });
});

describe('GET /docs', () => {
  let html: string;

  beforeAll(async () => {
    const response = await t.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    html = await response.text();
  });

  const assetUrls = () => [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1] ?? ''),
  ];

  it('loads its scripts and styles from our own origin only', () => {
    const urls = assetUrls();

    expect(urls.toSorted()).toEqual([
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui.css',
      '/docs/init.js',
    ]);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  });

  it.each([
    ['/docs/assets/swagger-ui-bundle.js', /javascript/, 'SwaggerUIBundle'],
    ['/docs/assets/swagger-ui.css', /text\/css/, '.swagger-ui'],
    ['/docs/init.js', /javascript/, "'/openapi.json'"],
  ])('serves %s', async (path, type, content) => {
    const response = await t.request(path);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(await response.text()).toContain(content);
  });

  it('serves no other file of the asset folder', async () => {
    const response = await t.request('/docs/assets/package.json');

    await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
  });

  it('does not climb out of the asset folder', async () => {
    const response = await t.request('/docs/assets/..%2F..%2Fpackage.json');

    await expectProblem(response, 404, 'ROUTE_NOT_FOUND');
  });
});

describe('GET /health', () => {
  it('answers ok without signing in', async () => {
    const response = await t.request('/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
