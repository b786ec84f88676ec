/** Pages of members, their lifecycle, incoming transfers, coming of age. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function memberPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
