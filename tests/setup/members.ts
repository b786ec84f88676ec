/**
 * Helpers for tests about members: a province with hamlets and branches in every organization,
 * valid admission bodies, and the member calls the API offers.
 */
import { composeNationalId } from '../../shared/domain/national-id.ts';
import {
  onboardTestProvince,
  patchJson,
  seedBranches,
  seedUnits,
  type TestApp,
  testBranch,
  testHamlet,
} from './test-app.ts';

export const ORGS = ['farmers', 'women', 'veterans', 'youth'] as const;

/** Onboards `id` and gives every organization two hamlets per commune, each with a residential branch. */
export async function provinceWithBranches(t: TestApp, id: string): Promise<void> {
  await onboardTestProvince(t, id);
  const hamlets = [
    testHamlet('28261-01', '28261', 'Khóm 1'),
    testHamlet('28261-02', '28261', 'Khóm 2'),
    testHamlet('28249-01', '28249', 'Khóm 1'),
  ];
  // The map is the province's: its hamlets are seeded once, each organization's branches in them.
  await seedUnits(t, `${id}:farmers`, hamlets);
  for (const org of ORGS) {
    await seedBranches(t, `${id}:${org}`, [
      ...hamlets.map((h) => testBranch(`b-${h.id}`, h.id, `Chi hội ${h.name}`)),
      testBranch('b-agency-28261', '28261', 'Chi đoàn cơ quan phường', 'agency'),
    ]);
  }
}

let serial = 0;

/** A unique, structurally valid CCCD for this person. */
export function nationalIdFor(person: { gender: 'male' | 'female'; birthDate: string }): string {
  serial++;
  return composeNationalId(
    person,
    '087',
    String(serial + Math.floor(Math.random() * 1000) * 1000)
      .padStart(6, '0')
      .slice(-6),
  );
}

export interface AdmitBody {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  joinedAt: string;
  branchId: string;
  nationalId?: string | null;
  [field: string]: unknown;
}

/** A body the farmers' union accepts; override what a test is about. */
export function admission(overrides: Partial<AdmitBody> = {}): AdmitBody {
  const person = {
    fullName: 'Nguyễn Văn An',
    gender: 'male' as const,
    birthDate: '1980-05-04',
    joinedAt: '2020-01-15',
    branchId: 'b-28261-01',
    ...overrides,
  };
  return {
    ...person,
    nationalId: overrides.nationalId === undefined ? nationalIdFor(person) : overrides.nationalId,
  };
}

export async function admit(t: TestApp, token: string, body: unknown, headers: Record<string, string> = {}) {
  return t.request('/api/v1/members', { method: 'POST', token, json: body, headers });
}

/** Admits and returns the member, failing loudly if the API refuses. */
export async function admitOk<T = { id: string; version: number }>(
  t: TestApp,
  token: string,
  body: unknown,
): Promise<T> {
  const response = await admit(t, token, body);
  if (response.status !== 201)
    throw new Error(`admission failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

// ——— Changing members: status, transfers, audit (lifecycle, transfer, idempotency, access tests) ———

/** A day some days from a date, as an ISO date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** POSTs a JSON body to a path with optional headers (Idempotency-Key, If-Match). */
export async function postJson(
  t: TestApp,
  token: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.request(path, { method: 'POST', token, json: body, headers });
}

/** PATCHes a member, with If-Match when given. */
export async function patchMember(
  t: TestApp,
  token: string,
  id: string,
  body: unknown,
  ifMatch?: string,
): Promise<Response> {
  return patchJson(t, token, `/api/v1/members/${id}`, body, ifMatch);
}

export interface MemberEventBody {
  type: string;
  status: string;
  effectiveDate: string;
  reason: string | null;
  awayPlace: string | null;
  fromBranchId: string | null;
  toBranchId: string | null;
  recordedAt: string;
  recordedBy: { userId: string; username: string };
}

export async function historyOf(t: TestApp, token: string, id: string): Promise<MemberEventBody[]> {
  const response = await t.request(`/api/v1/members/${id}/history`, { token });
  if (response.status !== 200) throw new Error(`history: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: MemberEventBody[] }).items;
}

export interface AuditBody {
  id: string;
  at: string;
  actor: { userId: string; username: string; role: string };
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string;
}

/** Every audit record of an entity or of an actor, newest first (org_admin token). */
export async function auditOf(
  t: TestApp,
  adminToken: string,
  query: { entityId: string } | { actor: string },
): Promise<AuditBody[]> {
  const records: AuditBody[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query as Record<string, string>);
    params.set('limit', '200');
    if (cursor) params.set('cursor', cursor);
    const response = await t.request(`/api/v1/audit?${params}`, { token: adminToken });
    if (response.status !== 200) throw new Error(`audit: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: AuditBody[]; nextCursor: string | null };
    records.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return records;
}

/** The user id behind a token (GET /api/v1/me). */
export async function userIdOf(t: TestApp, token: string): Promise<string> {
  const response = await t.request('/api/v1/me', { token });
  return ((await response.json()) as { userId: string }).userId;
}

/** Ids of the members a list answers (first page of up to 200). */
export async function listedIds(t: TestApp, token: string, query: string): Promise<string[]> {
  const response = await t.request(`/api/v1/members?limit=200&${query}`, { token });
  if (response.status !== 200) throw new Error(`list: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { items: { id: string }[] }).items.map((m) => m.id);
}

export interface MemberRow {
  id: string;
  fullName: string;
  branchId: string;
  unitId: string;
  status: string;
  phone: string | null;
  cardNumber: string | null;
  nationalIdMasked: string | null;
  birthDate: string;
}

/**
 * GET /api/v1/members with these query parameters, following nextCursor to the end: every page
 * and every item, in order. Stops with an error after `maxPages`, so a cursor loop cannot hang a test.
 */
export async function listAllPages(
  t: TestApp,
  token: string,
  query: Record<string, string | number | undefined>,
  maxPages = 500,
): Promise<{ items: MemberRow[]; pages: MemberRow[][] }> {
  const pages: MemberRow[][] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) params.set(name, String(value));
    if (cursor) params.set('cursor', cursor);
    const response = await t.request(`/api/v1/members?${params}`, { token });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET /api/v1/members?${params}: ${response.status} ${text}`);
    const page = JSON.parse(text) as { items: MemberRow[]; nextCursor: string | null };
    pages.push(page.items);
    cursor = page.nextCursor;
    if (pages.length > maxPages) throw new Error(`more than ${maxPages} pages for ${params}`);
  } while (cursor);
  return { items: pages.flat(), pages };
}

/** POST /api/v1/members/{id}/status, failing loudly if the API refuses. */
export async function changeStatusOk(
  t: TestApp,
  token: string,
  id: string,
  change: { status: string; reason?: string; effectiveDate?: string; awayPlace?: string },
): Promise<void> {
  const response = await t.request(`/api/v1/members/${id}/status`, {
    method: 'POST',
    token,
    json: { reason: 'Kiểm tra', effectiveDate: t.today, ...change },
  });
  if (response.status !== 200)
    throw new Error(`status change failed: ${response.status} ${await response.text()}`);
}
