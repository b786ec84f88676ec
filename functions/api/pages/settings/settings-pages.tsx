/** Pages of the admission rules. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function settingsPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
