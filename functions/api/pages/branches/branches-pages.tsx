/**
 * Pages of branches: the branches of a unit (and of a commune's hamlets), a branch with its
 * groups and members, setting one up, changing it, dissolving it with its members' moves, and
 * rating its members for a year.
 * `/branches/new` is registered before `/branches/:id`, which would otherwise take it for an id.
 */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { addGroup, branchDetail } from './branch-detail.tsx';
import { dissolutionForm, dissolveFromForm } from './branch-dissolution.tsx';
import { createBranchFromForm, editBranchForm, newBranchForm, updateBranchFromForm } from './branch-form.tsx';
import { branchList } from './branch-list.tsx';
import { memberRatingsPage, rateFromForm } from './member-ratings.tsx';

export function branchPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get('/branches', branchList)
    .get('/branches/new', newBranchForm)
    .post('/branches/new', createBranchFromForm)
    .get('/branches/:id', (c) => branchDetail(c, deps))
    .post('/branches/:id/groups', (c) => addGroup(c, deps))
    .get('/branches/:id/edit', editBranchForm)
    .post('/branches/:id/edit', updateBranchFromForm)
    .get('/branches/:id/dissolve', (c) => dissolutionForm(c, deps))
    .post('/branches/:id/dissolve', (c) => dissolveFromForm(c, deps))
    .get('/branches/:id/member-ratings', (c) => memberRatingsPage(c, deps))
    .post('/branches/:id/member-ratings', (c) => rateFromForm(c, deps));
}
