/** Pages of the Front's consolidated dashboard and its downloads. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function frontPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
