/** Pages of the unit tree with each unit's figures. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function unitPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
