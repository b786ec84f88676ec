/**
 * A real app over a real table for one test file: its own table in the file's DynamoDB Local,
 * its own signing keys, a platform admin, and helpers to sign in and call the API.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { createDependencies } from '../../functions/api/dependencies.ts';
import { readEnv } from '../../shared/config/env.ts';
import type { AuditRecord } from '../../shared/domain/audit.ts';
import type { Branch, BranchKind, FullBranch } from '../../shared/domain/branches.ts';
import { createMissingAccounts } from '../../shared/domain/create-accounts.ts';
import { TENANT_KINDS, type TenantKind } from '../../shared/domain/organizations.ts';
import type { Role, Scope } from '../../shared/domain/roles.ts';
import { PLATFORM_TENANT, toTenantId } from '../../shared/domain/tenant-id.ts';
import type { FullUnit, Unit } from '../../shared/domain/units.ts';
import { createDocumentClient } from '../../shared/store/dynamodb-client.ts';
import { AccountRepository } from '../../shared/store/repositories/accounts.ts';
import { BranchRepository } from '../../shared/store/repositories/branches.ts';
import { UnitRepository } from '../../shared/store/repositories/units.ts';
import { ensureTable } from '../../shared/store/table-admin.ts';
import { vietnamDate, vietnamDayClock } from './clock.ts';
import { fileDatabaseEndpoint } from './dynamodb-local.ts';

export const PASSWORD = 'a-long-test-password';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * `clock`: the app's time. By default real time held within the Vietnam day the app was made on
 * (setup/clock.ts), so `today` is the server's "today" for the whole test, even across midnight.
 */
export async function createTestApp(options: { clock?: () => Date; env?: Record<string, string> } = {}) {
  const clock = options.clock ?? vietnamDayClock().clock;
  const dataDir = await mkdtemp(join(tmpdir(), 'doanthe-test-'));
  const env = readEnv({
    DYNAMODB_ENDPOINT: await fileDatabaseEndpoint(),
    TABLE_NAME: `test-${randomUUID()}`,
    DATA_DIR: dataDir,
    ...options.env,
  });
  await ensureTable(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    env.TABLE_NAME,
  );
  const deps = await createDependencies(env, {
    // Tests play several clients; the address comes from a header only this harness sets.
    clientAddress: (c) => c.req.header('x-test-client-address') ?? '127.0.0.1',
    docsAssetsDir: join(process.cwd(), 'node_modules', 'swagger-ui-dist'),
    clock,
  });
  const app = createApp(deps);
  await createMissingAccounts(new AccountRepository(deps.table), [
    {
      username: 'root.operator',
      password: PASSWORD,
      tenantId: PLATFORM_TENANT,
      role: 'platform_admin',
      scope: null,
      displayName: 'Operator',
    },
  ]);

  const request = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };

  const signIn = async (username: string, password = PASSWORD) => {
    const response = await request('/api/v1/auth/token', { method: 'POST', json: { username, password } });
    if (response.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
  };

  /** The date in Vietnam when the app was made, as its clock tells it. */
  const today = vietnamDate(clock());

  return { app, deps, env, request, signIn, today };
}

export interface CommuneBody {
  code: string;
  name: string;
  type: string;
}

export interface AdminBody {
  username: string;
  password: string;
  displayName: string;
  [field: string]: unknown;
}

export interface ProvinceBody {
  id: string;
  code: string;
  name: string;
  validFrom: string;
  communes: CommuneBody[];
  admins: Record<TenantKind, AdminBody>;
}

/**
 * A request onboarding province `id` (code 83, no communes, unless told otherwise), with a first
 * admin `<id>.<kind>` (password PASSWORD) for each of its tenants. Tests change what they are about.
 */
export function provinceBody(
  id: string,
  fields: Partial<Pick<ProvinceBody, 'code' | 'name' | 'communes'>> = {},
): ProvinceBody {
  const admins = {} as Record<TenantKind, AdminBody>;
  for (const kind of TENANT_KINDS)
    admins[kind] = { username: `${id}.${kind}`, password: PASSWORD, displayName: `Quản trị ${kind}` };
  return { id, code: '83', name: `Tỉnh ${id}`, validFrom: '2025-07-01', communes: [], admins, ...fields };
}

/** The two communes of onboardTestProvince's province 82. */
export const TEST_COMMUNES: CommuneBody[] = [
  { code: '28249', name: 'Phường Đạo Thạnh', type: 'phuong' },
  { code: '28261', name: 'Phường Mỹ Tho', type: 'phuong' },
];

/**
 * Onboards a small province through the API: two communes, an admin per tenant and the Front's
 * map editor `<id>.front.admin`.
 */
export async function onboardTestProvince(t: TestApp, id: string) {
  const operator = await t.signIn('root.operator');
  const frontAdmin = { username: `${id}.front.admin`, password: PASSWORD, displayName: 'Cán bộ Mặt trận' };
  const response = await t.request('/api/v1/platform/provinces', {
    method: 'POST',
    token: operator.access_token,
    json: { ...provinceBody(id, { code: '82', communes: TEST_COMMUNES }), frontAdmin },
  });
  if (response.status !== 201)
    throw new Error(`onboarding failed: ${response.status} ${await response.text()}`);
  return response.json();
}

// ——— Helpers for tests that need units, branches and officers beyond what onboarding makes ———

/** A hamlet under one of onboardTestProvince's communes ('28249' or '28261'), as the API shows it. */
export function testHamlet(id: string, communeId: string, name: string): FullUnit {
  return {
    id,
    parentId: communeId,
    ancestorIds: ['82', communeId],
    level: 'hamlet',
    type: 'khom',
    code: null,
    name,
    validFrom: '2025-07-01',
    validTo: null,
    successorId: null,
    formerNames: [],
    version: 1,
  };
}

/** A branch as the API shows it; professional ones grow rice, agency ones serve an office. */
export function testBranch(
  id: string,
  unitId: string,
  name: string,
  kind: BranchKind = 'residential',
): FullBranch {
  return {
    id,
    name,
    kind,
    unitId,
    economicModel: kind === 'professional' ? 'rice' : null,
    agencyType: kind === 'agency' ? 'office' : null,
    status: 'active',
    createdAt: '2025-07-01T00:00:00.000Z',
    version: 1,
  };
}

/** Writes units straight into the map of a tenant's province, without audit: fixtures, not changes. */
export async function seedUnits(t: TestApp, tenant: string, units: Unit[]): Promise<void> {
  await new UnitRepository(t.deps.table.forTenant(toTenantId(tenant))).putMany(units);
}

/** Writes branches straight into a tenant's part of the table, without audit: fixtures, not changes. */
export async function seedBranches(t: TestApp, tenant: string, branches: Branch[]): Promise<void> {
  await new BranchRepository(t.deps.table.forTenant(toTenantId(tenant))).putMany(branches);
}

/** An officer account (password PASSWORD) in a tenant, limited to a unit subtree or one branch. */
export async function createOfficer(
  t: TestApp,
  officer: { username: string; tenantId: string; role: Role; scope: Scope },
): Promise<void> {
  await createMissingAccounts(new AccountRepository(t.deps.table), [
    { ...officer, tenantId: toTenantId(officer.tenantId), password: PASSWORD, displayName: officer.username },
  ]);
}

export interface Problem {
  type: string;
  code: string;
  status: number;
  title: string;
  detail: string;
  titleEn: string;
  detailEn: string;
  instance: string;
  requestId: string;
  errors?: { path: string; code: string; message: string; messageEn: string }[];
}

/** Asserts an RFC 9457 problem response with this status and code, and returns its body. */
export async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  const body = (await response.json()) as Problem;
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return body;
}

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A response's JSON body, failing with the response text when the status is not the expected one;
 * the error names the request when told it.
 */
export async function jsonOf<T>(response: Response, status = 200, request?: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status)
    throw new Error(`${request ? `${request}: ` : ''}expected ${status}, got ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** GETs a JSON body, failing with the response text when the status is not the expected one. */
export async function getJson<T>(t: TestApp, path: string, token: string, status = 200): Promise<T> {
  return jsonOf<T>(await t.request(path, { token }), status, `GET ${path}`);
}

/** PATCHes a JSON body, with If-Match when given. */
export async function patchJson(
  t: TestApp,
  token: string,
  path: string,
  json: unknown,
  ifMatch?: string,
): Promise<Response> {
  return t.request(path, {
    method: 'PATCH',
    token,
    json,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });
}

/** Tries to sign in and returns the raw response, from its own client address so no rate limit builds up. */
export async function attemptSignIn(t: TestApp, username: string, password = PASSWORD): Promise<Response> {
  return t.request('/api/v1/auth/token', {
    method: 'POST',
    json: { username, password },
    headers: { 'x-test-client-address': `10.0.0.${Math.floor(Math.random() * 250) + 1}` },
  });
}

/** The audit trail of one record, newest first, as an organization admin reads it. */
export async function auditOf(t: TestApp, adminToken: string, entityId: string): Promise<AuditRecord[]> {
  const page = await getJson<PageOf<AuditRecord>>(
    t,
    `/api/v1/audit?entityId=${encodeURIComponent(entityId)}&limit=200`,
    adminToken,
  );
  return page.items;
}

// ——— The stream function on a test app's table: aggregates as `npm start` keeps them ———

/**
 * Starts the local stream poller on the test app's table, feeding the same handler as `npm start`
 * (from the oldest record, or the table's checkpoint). Stop it in afterAll. Loaded on demand, so
 * test files without figures never load the Streams client.
 */
export async function startStreamPollerFor(
  t: TestApp,
  options: Partial<import('../../functions/local/stream-poller.ts').StreamPollerOptions> = {},
) {
  const { startStreamPoller } = await import('../../functions/local/stream-poller.ts');
  const { createStreamHandler } = await import('../../functions/stream/handler.ts');
  return startStreamPoller({
    endpoint: t.env.DYNAMODB_ENDPOINT,
    region: t.env.AWS_REGION,
    table: t.deps.table,
    handle: createStreamHandler(t.deps.table),
    ...options,
  });
}
