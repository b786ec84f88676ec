/** Pages of branches, their groups and members, dissolution. */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';

export function branchPages(_deps: AppDependencies) {
  return new Hono<AppEnv>();
}
