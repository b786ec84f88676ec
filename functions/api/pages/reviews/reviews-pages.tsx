/**
 * The member review pages: a year's campaign with its progress and the branches left (opened
 * and closed by the admin there), and a branch's sheet with its confirmations and its "done".
 */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { closeFromForm, openFromForm, reviewsPage } from './review-overview.tsx';
import { confirmFromForm, doneFromForm, sheetPage } from './review-sheet.tsx';

export function reviewPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get('/reviews', (c) => reviewsPage(c, deps))
    .post('/reviews', (c) => openFromForm(c, deps))
    .post('/reviews/:year/close', (c) => closeFromForm(c, deps))
    .get('/branches/:id/review/:year', (c) => sheetPage(c, deps))
    .post('/branches/:id/review/:year', (c) => confirmFromForm(c, deps))
    .post('/branches/:id/review/:year/done', (c) => doneFromForm(c, deps));
}
