/**
 * The page layer's files, served by the app under names that carry a hash of their content, so a
 * browser may keep each for a year and a new release is fetched at once under its new name.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { enhanceScript } from './enhance.ts';
import { styles } from './styles.ts';

interface Asset {
  readonly body: string;
  readonly contentType: string;
}

const SOURCES: Record<string, Asset> = {
  'styles.css': { body: styles, contentType: 'text/css; charset=utf-8' },
  'enhance.js': { body: enhanceScript, contentType: 'text/javascript; charset=utf-8' },
};

const hashed = Object.entries(SOURCES).map(([name, asset]) => {
  const hash = createHash('sha256').update(asset.body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { name, file: `${name.slice(0, dot)}.${hash}${name.slice(dot)}`, asset };
});

const byName = new Map(hashed.map((entry) => [entry.name, `/assets/${entry.file}`]));
const byFile = new Map(hashed.map((entry) => [entry.file, entry.asset]));

/** The address of an asset by its plain name ("styles.css"). */
export function assetPath(name: keyof typeof SOURCES): string {
  return byName.get(name) as string;
}

export function assetRoutes() {
  return new Hono().get('/assets/:file', (c) => {
    const asset = byFile.get(c.req.param('file'));
    if (!asset) return c.notFound();
    c.header('content-type', asset.contentType);
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(asset.body);
  });
}
