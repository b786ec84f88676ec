/** Pages of target populations per unit and year. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function targetPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
