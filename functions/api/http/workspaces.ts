/**
 * Builds what use cases need from a request: the caller's tenant and its repositories. Routes and
 * pages both take their workspaces from here, so both hand the use cases the same things; whether
 * the caller may use them, the use cases decide.
 */
import type { Context } from 'hono';
import type { ApiKeyWorkspace } from '#shared/domain/api-keys/api-key-changes.ts';
import type { ChangeContext } from '#shared/domain/audit.ts';
import type { MapWorkspace } from '#shared/domain/map-proposal-changes.ts';
import type { ExportJobWorkspace } from '#shared/domain/members/export-jobs.ts';
import type { ImportWorkspace } from '#shared/domain/members/import/import-progress.ts';
import type { MemberWorkspace } from '#shared/domain/members/member-workspace.ts';
import type { RatingWorkspace } from '#shared/domain/ratings/rating-workspace.ts';
import type { ReorganizationWorkspace } from '#shared/domain/reorganization-changes.ts';
import type { ReviewWorkspace } from '#shared/domain/review/review-workspace.ts';
import type { TreeWorkspace } from '#shared/domain/unit-workspace.ts';
import { WEBHOOK_SECRET_PURPOSE, type WebhookWorkspace } from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { FiguresWorkspace } from '#shared/figures/reading/figures-workspace.ts';
import type { TargetWorkspace } from '#shared/figures/reading/targets.ts';
import type { FiguresSource } from '#shared/figures/reading/tenant-figures.ts';
import { memberWorkspaceOf } from '#shared/store/member-workspace-of.ts';
import { ApiKeyRepository } from '#shared/store/repositories/api-keys.ts';
import { AuditRepository } from '#shared/store/repositories/audit.ts';
import { BranchRatingRepository } from '#shared/store/repositories/branch-ratings.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { FiguresRepository } from '#shared/store/repositories/figures.ts';
import { MapProposalRepository } from '#shared/store/repositories/map-proposals.ts';
import { MemberExportJobRepository } from '#shared/store/repositories/member-export-jobs.ts';
import { MemberImportRepository } from '#shared/store/repositories/member-imports.ts';
import { RatingCriteriaRepository } from '#shared/store/repositories/rating-criteria.ts';
import { RecentBranchRepository, RecentUnitRepository } from '#shared/store/repositories/recent-reads.ts';
import { ReorganizationRepository } from '#shared/store/repositories/reorganizations.ts';
import { ReviewCampaignRepository } from '#shared/store/repositories/review-campaigns.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import { WebhookDeliveryRepository } from '#shared/store/repositories/webhook-deliveries.ts';
import { WebhookEndpointRepository } from '#shared/store/repositories/webhooks.ts';
import type { TenantTable } from '#shared/store/table.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';

/** The caller's tenant's repositories for members, with its national-id cipher. */
export function memberWorkspace(c: Context<AppEnv>, deps: AppDependencies): MemberWorkspace {
  return memberWorkspaceOf(deps.table, c.get('tenantTable'), deps.nationalIds);
}

/** The member workspace with the export jobs and the file store their files go to. */
export function exportJobWorkspace(c: Context<AppEnv>, deps: AppDependencies): ExportJobWorkspace {
  return {
    ...memberWorkspace(c, deps),
    exportJobs: new MemberExportJobRepository(c.get('tenantTable')),
    files: deps.files,
  };
}

/** The member workspace with where imports keep their progress, and the store uploaded files wait in. */
export function importWorkspace(c: Context<AppEnv>, deps: AppDependencies): ImportWorkspace {
  return {
    ...memberWorkspace(c, deps),
    imports: new MemberImportRepository(c.get('tenantTable')),
    files: deps.files,
  };
}

/** The member workspace with the review campaigns and the figures progress is measured against. */
export function reviewWorkspace(c: Context<AppEnv>, deps: AppDependencies): ReviewWorkspace {
  const table = c.get('tenantTable');
  return {
    ...memberWorkspace(c, deps),
    reviews: new ReviewCampaignRepository(table),
    figures: new FiguresRepository(table),
  };
}

/** The repositories for the tree and its branches: units are the province's map. */
export function treeWorkspace(c: Context<AppEnv>): TreeWorkspace {
  const table = c.get('tenantTable');
  return {
    units: new UnitRepository(table),
    branches: new BranchRepository(table),
    audit: new AuditRepository(table),
  };
}

/**
 * The tree as read a few seconds ago (recent-reads.ts): for the choices a page offers, such as
 * a list's filters, never for what a use case changes or decides on.
 */
export function choicesWorkspace(c: Context<AppEnv>): TreeWorkspace {
  const table = c.get('tenantTable');
  return {
    units: new RecentUnitRepository(table),
    branches: new RecentBranchRepository(table),
    audit: new AuditRepository(table),
  };
}

/** The tree with the criteria sets and ratings of branches. */
export function ratingWorkspace(c: Context<AppEnv>): RatingWorkspace {
  const table = c.get('tenantTable');
  return {
    ...treeWorkspace(c),
    criteria: new RatingCriteriaRepository(table),
    ratings: new BranchRatingRepository(table),
  };
}

export function mapWorkspace(c: Context<AppEnv>): MapWorkspace {
  return { ...treeWorkspace(c), proposals: new MapProposalRepository(c.get('tenantTable')) };
}

export function reorganizationWorkspace(c: Context<AppEnv>): ReorganizationWorkspace {
  return { ...treeWorkspace(c), reorganizations: new ReorganizationRepository(c.get('tenantTable')) };
}

export function figuresSource(table: TenantTable): FiguresSource {
  return { units: new UnitRepository(table), figures: new FiguresRepository(table) };
}

/** Every tenant's figures, for the Front's consolidated view; the use cases pick what the caller may read. */
export function figuresWorkspace(deps: AppDependencies): FiguresWorkspace {
  return { sourceOf: (tenant) => figuresSource(deps.table.forTenant(tenant)) };
}

export function targetWorkspace(c: Context<AppEnv>): TargetWorkspace {
  const table = c.get('tenantTable');
  return { ...figuresSource(table), audit: new AuditRepository(table) };
}

export function changeContext(c: Context<AppEnv>): ChangeContext {
  return { principal: c.get('principal'), requestId: c.get('requestId'), now: c.get('now') };
}

/** The caller's webhook endpoints and deliveries, with the cipher sealing their secrets. */
export function webhookWorkspace(c: Context<AppEnv>, deps: AppDependencies): WebhookWorkspace {
  const table = c.get('tenantTable');
  return {
    endpoints: new WebhookEndpointRepository(table),
    deliveries: new WebhookDeliveryRepository(deps.table, table),
    audit: new AuditRepository(table),
    secrets: () => deps.nationalIds.secretCipherFor(table.tenant, WEBHOOK_SECRET_PURPOSE),
    allowPrivateAddresses: deps.allowPrivateWebhookAddresses,
  };
}

/** The caller's tenant's API keys, and the audit their changes are written to. */
export function apiKeyWorkspace(c: Context<AppEnv>, deps: AppDependencies): ApiKeyWorkspace {
  const table = c.get('tenantTable');
  return {
    keys: new ApiKeyRepository(deps.table, table),
    audit: new AuditRepository(table),
    keysInUse: deps.apiKeyCache,
  };
}
