/**
 * Tells a wrong method on a known path (405 with Allow) apart from an unknown path (404).
 * Hono answers both with "not found"; the registered routes say which it is.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

export function allowedMethods(app: Hono<AppEnv>): (path: string) => string[] {
  let patterns: { method: string; pattern: RegExp }[] | undefined;
  return (path) => {
    patterns ??= app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({
        method: route.method,
        pattern: new RegExp(
          `^${route.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`,
        ),
      }));
    return [...new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method))];
  };
}

/** HEAD is answered wherever GET is, as Hono does. */
export function isMethodAllowed(allow: readonly string[], method: string): boolean {
  return allow.includes(method) || (method === 'HEAD' && allow.includes('GET'));
}
