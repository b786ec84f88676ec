/** Pages of onboarding provinces and their tenants. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function platformPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
