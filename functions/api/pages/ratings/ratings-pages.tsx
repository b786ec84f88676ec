/**
 * The branch-rating pages: a year's ratings and their progress under a unit, the criteria sets
 * they are scored by, and a branch's rating of a year with its self-assessment and the changes of
 * its state.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { criteriaPage, saveCriteriaFromForm } from './criteria-page.tsx';
import { ratingListPage } from './rating-list.tsx';
import { actFromForm, ratingPage, saveFromForm } from './rating-page.tsx';

export function ratingPages() {
  return new Hono<AppEnv>()
    .get('/ratings', ratingListPage)
    .get('/ratings/criteria/:year/:kind', criteriaPage)
    .post('/ratings/criteria/:year/:kind', saveCriteriaFromForm)
    .get('/branches/:id/ratings/:year', ratingPage)
    .post('/branches/:id/ratings/:year', saveFromForm)
    .post('/branches/:id/ratings/:year/submit', (c) => actFromForm(c, 'submit'))
    .post('/branches/:id/ratings/:year/approve', (c) => actFromForm(c, 'approve'))
    .post('/branches/:id/ratings/:year/return', (c) => actFromForm(c, 'return'))
    .post('/branches/:id/ratings/:year/unlock', (c) => actFromForm(c, 'unlock'));
}
