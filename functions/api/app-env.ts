/**
 * What the app needs from where it runs, and what middleware hands to routes. Entry points
 * (Lambda, `npm start`, tests) build the dependencies; the app never knows which one it is in.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { JWK } from 'jose';
import type { ApiKeyCache } from '#shared/auth/api-key-cache.ts';
import type { TokenService } from '#shared/auth/tokens.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { Lang } from '#shared/domain/ui-text/index.ts';
import type { FileJobQueue } from '#shared/file-jobs/file-jobs.ts';
import type { FileStore } from '#shared/files/file-store.ts';
import type { NationalIdVault } from '#shared/privacy/national-id-vault.ts';
import type { Table, TenantTable } from '#shared/store/table.ts';

export interface AppDependencies {
  readonly table: Table;
  readonly tokens: TokenService;
  readonly jwks: { keys: JWK[] };
  /** Seals, opens and hashes national IDs with the tenant's and the province's keys. */
  readonly nationalIds: NationalIdVault;
  /** The caller's network address, for sign-in rate limits; each runtime knows where to find it. */
  readonly clientAddress: (c: Context) => string;
  /** Folder holding swagger-ui-dist's files, served under /docs. */
  readonly docsAssetsDir: string;
  /** Webhook endpoints may be on private addresses, over http (one machine only; env.ts). */
  readonly allowPrivateWebhookAddresses: boolean;
  /** API keys as last read, for at most 30 s: this process's copies (api-key-cache.ts). */
  readonly apiKeyCache: ApiKeyCache;
  /** Exports waiting to be downloaded, imports' uploaded files: S3 on AWS, DATA_DIR/files on one machine. */
  readonly files: FileStore;
  /** Where the file store's links lead when not to this app (the bucket on AWS): the pages' script uploads there. */
  readonly fileStoreOrigin?: string;
  /** One machine only: answers the links its file store gives, served at /files/. */
  readonly fileLinks?: (request: Request) => Promise<Response>;
  /** Where the work on those files is sent: the worker function on AWS, this process on one machine. */
  readonly fileJobs: FileJobQueue;
  /** The time; tests set it so "today" in Vietnam cannot change between their call and their check. */
  readonly clock: () => Date;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** The moment the request arrived: every "now" and "today" of one request is the same. */
    now: Date;
    principal: Principal;
    /** The table as seen by the principal's tenant: the only view of it routes get. */
    tenantTable: TenantTable;
    /** Pages only: the reader's language. */
    lang: Lang;
    /** Pages only: the session's CSRF token, which every form carries back. */
    csrfToken: string;
  };
}

export type RouteGroup = OpenAPIHono<AppEnv>;
