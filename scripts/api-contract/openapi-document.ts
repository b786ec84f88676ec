/** The parts of an OpenAPI 3.1 document the contract scripts read; the rest stays opaque. */
export type Json = { [key: string]: unknown };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Json>;
  webhooks?: Record<string, Json>;
  components?: Json;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows `$ref`s inside the document (`#/components/...`) until a node that is not one. */
export function resolve(document: OpenApiDocument, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (isObject(current) && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    current = pointer(document, current.$ref);
  }
  return current;
}

function pointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are followed: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
}

/** Every operation of `paths` or `webhooks`, keyed `GET /api/v1/members` or `POST member.created`. */
export function operationsOf(section: Record<string, Json> | undefined): Map<string, Json> {
  const operations = new Map<string, Json>();
  for (const [path, item] of Object.entries(section ?? {}))
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  return operations;
}

/** `1.4.2` → 1. */
export const majorOf = (version: string) => Number.parseInt(version.split('.')[0] ?? '', 10);
