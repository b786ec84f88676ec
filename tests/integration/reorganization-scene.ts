/**
 * What the reorganization tests share: a test app with one province whose four organizations
 * have a residential branch in each of three hamlets (provinceWithBranches), the users' tokens,
 * and the requests those tests make of the map and of each organization's follow-up.
 */
import { expect } from 'vitest';
import type { StreamPoller } from '../../functions/local/stream-poller.ts';
import type { FullBranch } from '../../shared/domain/branches.ts';
import type { Reorganization } from '../../shared/domain/reorganizations.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import {
  addDays,
  admission,
  admitOk,
  listAllPages,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import {
  createTestApp,
  getJson,
  type PageOf,
  startStreamPollerFor,
  type TestApp,
} from '../setup/test-app.ts';

export const REORGS = '/api/v1/map/reorganizations';

export type ReorganizationScene = Awaited<ReturnType<typeof reorganizationScene>>;

/**
 * Province `p` with its organizations' admins, Front viewer and map editor signed in; with
 * `streams`, the stream poller keeping the figures (stop it after the tests).
 */
export async function reorganizationScene(p: string, options: { streams?: boolean } = {}) {
  const t: TestApp = await createTestApp();
  await provinceWithBranches(t, p);
  const tokens: Record<string, string> = {};
  const signIn = async (...usernames: string[]) => {
    for (const username of usernames) tokens[username] = (await t.signIn(username)).access_token;
  };
  await signIn(`${p}.farmers`, `${p}.women`, `${p}.youth`, `${p}.front`, `${p}.front.admin`);
  const poller: StreamPoller | undefined = options.streams ? await startStreamPollerFor(t) : undefined;
  const token = (username: string) => tokens[username] ?? '';

  const resolution = (n: string) => ({ number: `${n}/NQ-HĐND`, date: addDays(t.today, -10) });

  /** A reorganization by the map editor (another with `editor`), answered with `status`. */
  const reorganizeOk = async (
    body: Record<string, unknown>,
    status = 201,
    editor = `${p}.front.admin`,
  ): Promise<Reorganization> => {
    const response = await postJson(t, token(editor), REORGS, body);
    const text = await response.text();
    expect(response.status, text).toBe(status);
    return JSON.parse(text) as Reorganization;
  };

  const unit = (id: string) => getJson<FullUnit>(t, `/api/v1/units/${id}`, token(`${p}.farmers`));

  const admitMany = async (org: string, branchId: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const person = { fullName: `Nguyễn Thị ${org} ${branchId} ${i}`, gender: 'female' as const, branchId };
      ids.push(
        (await admitOk(t, token(`${p}.${org}`), admission({ ...person, birthDate: '1990-03-04' }))).id,
      );
    }
    return ids;
  };

  const currentMembersIn = async (org: string, branchId: string): Promise<string[]> =>
    (await listAllPages(t, token(`${p}.${org}`), { branchId, limit: 200 })).items.map((m) => m.id).sort();

  const activeBranchesOf = async (org: string, unitId: string): Promise<FullBranch[]> => {
    const page = await getJson<PageOf<FullBranch>>(
      t,
      `/api/v1/branches?unitId=${unitId}`,
      token(`${p}.${org}`),
    );
    return page.items.filter((branch) => branch.status === 'active');
  };

  return {
    t,
    p,
    poller,
    token,
    signIn,
    resolution,
    reorganizeOk,
    unit,
    admitMany,
    currentMembersIn,
    activeBranchesOf,
  };
}

/** The body of a 200 answer, failing with the body otherwise. */
export async function jsonOk<T>(pending: Promise<Response>): Promise<T> {
  const response = await pending;
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}
