/**
 * Pages of members, their lifecycle, incoming transfers and coming of age. `/members/new`,
 * `/members/import` and `/members/exports` are registered before `/members/:id`, which would
 * otherwise take them for an id.
 */
import { Hono } from 'hono';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { comingOfAgePages } from './coming-of-age.tsx';
import { importCheckPages } from './import-check.tsx';
import { incomingTransferPages } from './incoming-transfers.tsx';
import { memberActionPages } from './member-actions.tsx';
import { memberDetailPages } from './member-detail.tsx';
import { memberExportPages } from './member-export-pages.tsx';
import { memberFormPages } from './member-forms.tsx';
import { memberListPages } from './member-list.tsx';

export function memberPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .route('/', memberListPages(deps))
    .route('/', memberExportPages(deps))
    .route('/', importCheckPages(deps))
    .route('/', memberFormPages(deps))
    .route('/', memberActionPages(deps))
    .route('/', memberDetailPages(deps))
    .route('/', incomingTransferPages(deps))
    .route('/', comingOfAgePages(deps));
}
