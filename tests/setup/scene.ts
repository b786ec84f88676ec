/**
 * What an integration test starts from: a test app with provinces onboarded, the units, branches
 * and officers a test needs beyond what onboarding makes, and the access tokens of the users it
 * acts as. One declaration in beforeAll instead of the same dozen set-up lines in every file.
 */
import type { Branch } from '../../shared/domain/branches.ts';
import type { Role, Scope } from '../../shared/domain/roles.ts';
import type { Unit } from '../../shared/domain/units.ts';
import {
  createOfficer,
  createTestApp,
  onboardTestProvince,
  seedBranches,
  seedUnits,
  type TestApp,
} from './test-app.ts';

/** An officer account (password PASSWORD), limited to a unit subtree or one branch, or not at all. */
export interface Officer {
  readonly username: string;
  readonly role: Role;
  readonly scope: Scope;
}

/** How a province is onboarded: onboardTestProvince, or provinceWithBranches for member tests. */
export type Onboard = (t: TestApp, id: string) => Promise<unknown>;

/** A test app with these provinces onboarded, in order. */
export async function appWithProvinces(
  ids: readonly string[],
  onboard: Onboard = onboardTestProvince,
  clock?: () => Date,
): Promise<TestApp> {
  const t = await createTestApp(clock ? { clock } : {});
  for (const id of ids) await onboard(t, id);
  return t;
}

/** Signs each user in, in order, and answers their access tokens in the same order. */
export async function accessTokens<const U extends readonly string[]>(
  t: TestApp,
  ...usernames: U
): Promise<{ [K in keyof U]: string }> {
  const tokens: string[] = [];
  for (const username of usernames) tokens.push((await t.signIn(username)).access_token);
  return tokens as { [K in keyof U]: string };
}

/** Creates officers in one tenant ('alpha:farmers'). */
export async function createOfficers(
  t: TestApp,
  tenantId: string,
  officers: readonly Officer[],
): Promise<void> {
  for (const officer of officers) await createOfficer(t, { ...officer, tenantId });
}

/**
 * The officers tests about scope meet in alpha:farmers: a unit officer of Phường Mỹ Tho
 * ('mytho.officer'), a viewer of the whole tenant ('alpha.viewer') and, given a branch, its
 * officer ('alpha.branch').
 */
export function alphaFarmersOfficers(branchId?: string): Officer[] {
  const officers: Officer[] = [
    { username: 'mytho.officer', role: 'unit_officer', scope: { unitId: '28261' } },
    { username: 'alpha.viewer', role: 'viewer', scope: null },
  ];
  if (branchId) officers.push({ username: 'alpha.branch', role: 'branch_officer', scope: { branchId } });
  return officers;
}

/** Alpha with the farmers' officers above and the farmers' admin signed in: the settings pages' scene. */
export async function alphaFarmersAdmin(): Promise<{ t: TestApp; admin: string }> {
  const scene = await setUpScene({
    provinces: ['alpha'],
    tenants: { 'alpha:farmers': { officers: alphaFarmersOfficers() } },
    signIn: ['alpha.farmers'],
  });
  return { t: scene.t, admin: scene.token('alpha.farmers') };
}

/** What one tenant holds besides what onboarding made, all written without audit: fixtures, not changes. */
export interface TenantFixtures {
  readonly units?: Unit[];
  readonly branches?: Branch[];
  readonly officers?: readonly Officer[];
}

export interface SceneSpec {
  readonly provinces: readonly string[];
  /** By default onboardTestProvince: two communes and an admin per tenant. */
  readonly onboard?: Onboard;
  /** By tenant id ('alpha:farmers'). */
  readonly tenants?: Readonly<Record<string, TenantFixtures>>;
  /** Users to sign in besides the officers (who always are): admins ('alpha.farmers'), 'root.operator'. */
  readonly signIn?: readonly string[];
  /** The app's time (createTestApp's `clock`), for tests that move it. */
  readonly clock?: () => Date;
}

export interface Scene {
  t: TestApp;
  /** The access token of a user the scene signed in; '' (so no Authorization header) for anyone else. */
  token: (username: string) => string;
}

/** Creates the test app and everything in `spec`, and signs the users in. */
export async function setUpScene(spec: SceneSpec): Promise<Scene> {
  const t = await appWithProvinces(spec.provinces, spec.onboard, spec.clock);
  const tenants = Object.entries(spec.tenants ?? {});
  for (const [tenantId, { units, branches, officers }] of tenants) {
    if (units) await seedUnits(t, tenantId, units);
    if (branches) await seedBranches(t, tenantId, branches);
    if (officers) await createOfficers(t, tenantId, officers);
  }
  const usernames = [
    ...(spec.signIn ?? []),
    ...tenants.flatMap(([, { officers }]) => (officers ?? []).map((officer) => officer.username)),
  ];
  const tokens = await accessTokens(t, ...usernames);
  return { t, token: (username) => tokens[usernames.indexOf(username)] ?? '' };
}
