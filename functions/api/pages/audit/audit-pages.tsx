/** Pages of the audit log. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function auditPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
