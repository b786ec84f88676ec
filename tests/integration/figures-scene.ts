/**
 * What the figures' end-to-end tests share (members' ratings, Party introductions, branch ratings,
 * the review): a test app on the figures' clock with figuresProvince, the same hamlet branches in
 * each organization the test writes for, a viewer, the stream function running, and the reads a
 * test checks its feature's figures through. Each test file keeps its own province (its users'
 * prefix), so that the files stay independent of each other.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import { toTenantId } from '../../shared/domain/tenant-id.ts';
import { readUnitCounts } from '../../shared/figures/counters.ts';
import type { Comparison, FrontRow, Overview, Stats } from '../../shared/figures/reading/schemas.ts';
import { AggregateRepository } from '../../shared/store/repositories/aggregates.ts';
import { eventually } from '../setup/eventually.ts';
import { admission, admitOk, postJson } from '../setup/members.ts';
import type { PageClient } from '../setup/page-client.ts';
import {
  createOfficer,
  createTestApp,
  getJson,
  seedBranches,
  startStreamPollerFor,
  type TestApp,
  testBranch,
} from '../setup/test-app.ts';
import { rowsOf, sheetOf } from '../setup/workbooks.ts';
import { FIGURES_CLOCK, figuresProvince, type Org, TODAY, YEAR_END } from './figures-fixtures.ts';
import { pageHtml, signedIn } from './page-scene.ts';

/** A branch in each of figuresProvince's hamlets but Ấp Mới. */
const HAMLET_BRANCHES = [
  testBranch('b-28261-01', '28261-01', 'Chi hội Khóm 1'),
  testBranch('b-28261-02', '28261-02', 'Chi hội Khóm 2'),
  testBranch('b-28249-01', '28249-01', 'Chi hội Ấp Bình Tạo'),
];

/** Throws unless a set-up call answered one of `statuses`: its answers are its own tests' business. */
export async function succeeded(what: string, response: Response, statuses: readonly number[] = [200]) {
  if (!statuses.includes(response.status))
    throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
}

/** An organization's column of a Front row. */
export const org = (row: FrontRow, organization: Org) =>
  row.organizations.find((o) => o.organization === organization);

/** A unit's row among the units below. */
export const child = <T extends { unitId: string }>(rows: readonly T[], unitId: string) =>
  rows.find((r) => r.unitId === unitId) as T;

/** Shares summed in hundredths, so that floating point does not blur "exactly 100.00". */
export const hundredths = (shares: readonly (number | null)[]) =>
  shares.reduce((s: number, share) => s + Math.round((share ?? 0) * 100), 0);

/**
 * Sets the scene up before the file's tests (register it first: the file's own beforeAll then
 * writes its feature's records into it) and stops the stream function after them. Province
 * `province`, whose users are `<province>.<organization>` (each organization's admin),
 * `<province>.front`, `<province>.viewer` (a viewer of the whole farmers' union) and
 * root.operator; the hamlet branches are seeded in each of `organizations`.
 */
export function figuresScene(province: string, organizations: readonly Org[]) {
  let app: TestApp | undefined;
  let poller: StreamPoller | undefined;
  const tokens = new Map<string, string>();
  const pages = new Map<string, Promise<PageClient>>();
  const front = `${province}.front`;

  beforeAll(async () => {
    app = await createTestApp({ clock: FIGURES_CLOCK.clock });
    // Onboarded in 2025, so that last year's end may be snapshotted.
    await figuresProvince(app, province);
    for (const organization of organizations)
      await seedBranches(app, `${province}:${organization}`, HAMLET_BRANCHES);
    const viewer = `${province}.viewer`;
    await createOfficer(app, {
      username: viewer,
      tenantId: `${province}:farmers`,
      role: 'viewer',
      scope: null,
    });
    const admins = organizations.map((organization) => `${province}.${organization}`);
    for (const username of ['root.operator', ...admins, front, viewer])
      tokens.set(username, (await app.signIn(username)).access_token);
    poller = await startStreamPollerFor(app);
  }, 120_000);

  afterAll(async () => {
    await poller?.stop();
  });

  const scene = {
    get t(): TestApp {
      if (!app) throw new Error('the figures scene is not set up yet');
      return app;
    },
    token: (username: string) => tokens.get(username) ?? '',

    /** Admits a member to a branch and answers the member's id. */
    admit: async (username: string, fullName: string, branchId: string, gender: 'male' | 'female' = 'male') =>
      (await admitOk(scene.t, scene.token(username), admission({ fullName, branchId, gender }))).id,

    /** Waits for the stream to have applied what the test wrote: until the province's overview is `done`. */
    settle: async (done: (overview: Overview) => boolean) => {
      await eventually(() => scene.overview('82'), done);
      await poller?.idle();
    },

    stats: (unitId: string, username: string, asOf?: string) =>
      getJson<Stats>(
        scene.t,
        `/api/v1/stats?unitId=${unitId}${asOf ? `&asOf=${asOf}` : ''}`,
        scene.token(username),
      ),
    overview: (unitId: string) =>
      getJson<Overview>(scene.t, `/api/v1/front/overview?unitId=${unitId}`, scene.token(front)),
    /** The Front's comparison of the province between last year's end and today. */
    comparison: () =>
      getJson<Comparison>(
        scene.t,
        `/api/v1/front/compare?unitId=82&from=${YEAR_END}&to=${TODAY}`,
        scene.token(front),
      ),
    /** A sheet of the comparison's .xlsx, and its rows by their label. */
    comparisonSheet: (name: string) =>
      scene.sheet(`/api/v1/front/compare.xlsx?unitId=82&from=${YEAR_END}&to=${TODAY}`, name),
    /** A sheet of a unit's overview .xlsx, and its rows by their label. */
    overviewSheet: (unitId: string, name: string) =>
      scene.sheet(`/api/v1/front/overview.xlsx?unitId=${unitId}`, name),
    sheet: async (path: string, name: string) => {
      const sheet = await sheetOf(scene.t, scene.token(front), path, name);
      return { sheet, rows: rowsOf(sheet) };
    },

    /** Snapshots the province at last year's end, as the operator does. */
    snapshotYearEnd: async () => {
      const response = await postJson(scene.t, scene.token('root.operator'), '/api/v1/admin/snapshots', {
        date: YEAR_END,
        provinceId: province,
      });
      expect([200, 201]).toContain(response.status);
    },
    /**
     * Each organization's admin recounts over the API, without applying: every report finds the
     * stored counters equal to the records (and answers `also`, what it read).
     */
    expectRecountsEqual: async (also: Record<string, unknown> = {}) => {
      for (const organization of organizations) {
        const response = await postJson(
          scene.t,
          scene.token(`${province}.${organization}`),
          '/api/v1/admin/recount',
          {},
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ differences: [], applied: false, ...also });
      }
    },
    /** The counters stored for the whole province in an organization's aggregate. */
    storedCounts: async (organization: Org) =>
      readUnitCounts(
        await new AggregateRepository(
          scene.t.deps.table.forTenant(toTenantId(`${province}:${organization}`)),
        ).get('82'),
      ),

    /** A page's HTML as `username` sees it (signed in once, on first use). */
    page: async (username: string, path: string) => {
      let client = pages.get(username);
      if (!client) {
        client = signedIn(scene.t, username);
        pages.set(username, client);
      }
      return pageHtml(await client, path);
    },
  };
  return scene;
}
