/**
 * The page layer's files, served by the app under names that carry a hash of their content, so a
 * browser may keep each for a year and a new release is fetched at once under its new name.
 */
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { enhanceScript } from './enhance.ts';
import { icon } from './icon.ts';
import { styles } from './styles.ts';

interface Asset {
  readonly body: string;
  readonly contentType: string;
}

const SOURCES: Record<string, Asset> = {
  'styles.css': { body: styles, contentType: 'text/css; charset=utf-8' },
  'enhance.js': { body: enhanceScript, contentType: 'text/javascript; charset=utf-8' },
  'icon.svg': { body: icon, contentType: 'image/svg+xml' },
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

const serve = (c: Context, asset: Asset, cacheControl: string) => {
  c.header('content-type', asset.contentType);
  c.header('cache-control', cacheControl);
  return c.body(asset.body);
};

export function assetRoutes() {
  return (
    new Hono()
      .get('/assets/:file', (c) => {
        const asset = byFile.get(c.req.param('file'));
        return asset ? serve(c, asset, 'public, max-age=31536000, immutable') : c.notFound();
      })
      // Browsers ask for it by this fixed name where a page names no icon (the API's /docs).
      .get('/favicon.ico', (c) => serve(c, SOURCES['icon.svg'] as Asset, 'public, max-age=86400'))
  );
}
