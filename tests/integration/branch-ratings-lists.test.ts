/**
 * A year's branch ratings read together: the list under a unit (by commune, unit, then branch
 * name; filtered by state; paged) and the progress by unit — branches to rate, rated, approved,
 * missing — each within the reader's scope.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../setup/members.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';
import {
  CRITERIA,
  type ProgressBody,
  type RatingBody,
  ratingScene,
  SAMPLE_RATING,
} from './branch-ratings-scene.ts';

let t: TestApp;
let admin: string;
let officer: string;
let otherCommune: string;
let hamletOfficer: string;
let viewer: string;
let branchOfficer: string;
let otherOrganization: string;

const YEAR = 2025;
const AGENCY_CRITERIA = {
  criteria: [{ id: 'hoat-dong', label: 'Hoạt động đều', kind: 'yes_no', weight: 1, required: false }],
  thresholds: { strong: 90, good: 70, average: 50 },
};

beforeAll(async () => {
  const scene = await ratingScene();
  const { api } = scene;
  t = scene.t;
  ({ admin, officer, otherCommune, hamletOfficer, viewer, branchOfficer, otherOrganization } = scene.tokens);
  await jsonOf(await api.putCriteria(admin, YEAR, 'residential', CRITERIA), 201);
  await jsonOf(await api.putCriteria(admin, YEAR, 'agency', AGENCY_CRITERIA), 201);
  // Đạo Thạnh's branch submitted; Mỹ Tho's agency branch a draft, Khóm 1's approved, Khóm 2's not rated.
  await jsonOf(await api.save(otherCommune, 'b-28249-01', YEAR, SAMPLE_RATING), 201);
  await jsonOf(await api.act(otherCommune, 'b-28249-01', YEAR, 'submit'));
  await jsonOf(
    await api.save(officer, 'b-agency-28261', YEAR, { answers: { 'hoat-dong': { met: true } } }),
    201,
  );
  await jsonOf(await api.save(officer, 'b-28261-01', YEAR, SAMPLE_RATING), 201);
  await jsonOf(await api.act(officer, 'b-28261-01', YEAR, 'submit'));
  await jsonOf(await api.act(admin, 'b-28261-01', YEAR, 'approve'));
  // Neither a branch of a kind without criteria that year nor a dissolved one is to be rated.
  await jsonOf(
    await postJson(t, admin, '/api/v1/branches', {
      name: 'Chi hội nghề nghiệp trồng lúa',
      kind: 'professional',
      unitId: '28261',
      economicModel: 'rice',
    }),
    201,
  );
  const closing = await jsonOf<{ id: string }>(
    await postJson(t, admin, '/api/v1/branches', {
      name: 'Chi hội Tạm',
      kind: 'residential',
      unitId: '28261-02',
    }),
    201,
  );
  await jsonOf(
    await postJson(t, admin, `/api/v1/branches/${closing.id}/dissolve`, {
      toBranchId: 'b-28261-02',
      reason: 'Sáp nhập vào chi hội Khóm 2',
    }),
  );
}, 120_000);

const listed = async (token: string, query = '') =>
  (
    await getJson<PageOf<RatingBody>>(t, `/api/v1/branch-ratings?year=${YEAR}&limit=200${query}`, token)
  ).items.map((rating) => rating.branchId);
const progressOf = (token: string, query = '', year = YEAR) =>
  getJson<ProgressBody>(t, `/api/v1/branch-ratings/progress?year=${year}${query}`, token);

describe('the list of a year’s ratings', () => {
  it('lists by commune, unit and branch name, under the unit asked for', async () => {
    expect(await listed(admin)).toEqual(['b-28249-01', 'b-agency-28261', 'b-28261-01']);
    expect(await listed(viewer, '&unitId=82')).toEqual(['b-28249-01', 'b-agency-28261', 'b-28261-01']);
    expect(await listed(admin, '&unitId=28261')).toEqual(['b-agency-28261', 'b-28261-01']);
    expect(await listed(admin, '&unitId=28261-01')).toEqual(['b-28261-01']);
    expect(await listed(admin, '&state=submitted')).toEqual(['b-28249-01']);
    expect(await listed(admin, '&unitId=28261&state=draft')).toEqual(['b-agency-28261']);
    expect(await listed(admin, '&state=returned')).toEqual([]);
    const otherYear = await getJson<PageOf<RatingBody>>(t, '/api/v1/branch-ratings?year=2024', admin);
    expect(otherYear.items).toEqual([]);
  });

  it('covers the reader’s scope by default, and refuses what lies outside it', async () => {
    expect(await listed(officer)).toEqual(['b-agency-28261', 'b-28261-01']);
    expect(await listed(hamletOfficer)).toEqual(['b-28261-01']);
    await expectProblem(
      await t.request(`/api/v1/branch-ratings?year=${YEAR}&unitId=28261`, { token: otherCommune }),
      403,
      'FORBIDDEN',
    );
    // A branch officer reads their branch's rating, not lists.
    await expectProblem(
      await t.request(`/api/v1/branch-ratings?year=${YEAR}`, { token: branchOfficer }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await t.request(`/api/v1/branch-ratings?year=${YEAR}&unitId=28261-77`, { token: admin }),
      404,
      'UNIT_NOT_FOUND',
    );
    // Another organization of the province lists its own ratings under the same hamlet: none.
    expect(await listed(otherOrganization, '&unitId=28261-01')).toEqual([]);
  });

  it('pages through the list without losing or repeating a rating', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/branch-ratings?year=${YEAR}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page: PageOf<RatingBody> = await getJson<PageOf<RatingBody>>(t, query, admin);
      seen.push(...page.items.map((rating) => rating.branchId));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(['b-28249-01', 'b-agency-28261', 'b-28261-01']);
  });
});

describe('the progress of a year’s rating', () => {
  it('counts, per commune of the province, the branches to rate, rated, approved and missing', async () => {
    const progress = await progressOf(admin);
    expect(progress.unitId).toBe('82');
    expect(progress.branchKinds).toEqual(['residential', 'agency']);
    expect(progress.rows).toEqual([
      {
        unitId: '28249',
        name: 'Phường Đạo Thạnh',
        own: false,
        branches: 1,
        rated: 1,
        approved: 0,
        missing: 0,
      },
      { unitId: '28261', name: 'Phường Mỹ Tho', own: false, branches: 3, rated: 1, approved: 1, missing: 2 },
    ]);
    expect(progress.total).toEqual({ branches: 4, rated: 2, approved: 1, missing: 2 });
    expect(await progressOf(viewer, '&unitId=82')).toEqual(progress);
  });

  it('counts a commune by hamlet, with its own branches apart, and covers an officer’s scope by default', async () => {
    const commune = await progressOf(officer);
    expect(commune.unitId).toBe('28261');
    expect(commune.rows).toEqual([
      { unitId: '28261', name: 'Phường Mỹ Tho', own: true, branches: 1, rated: 0, approved: 0, missing: 1 },
      { unitId: '28261-01', name: 'Khóm 1', own: false, branches: 1, rated: 1, approved: 1, missing: 0 },
      { unitId: '28261-02', name: 'Khóm 2', own: false, branches: 1, rated: 0, approved: 0, missing: 1 },
    ]);
    expect(commune.total).toEqual({ branches: 3, rated: 1, approved: 1, missing: 2 });
    expect(await progressOf(admin, '&unitId=28261')).toEqual(commune);
  });

  it('has nothing to rate in a year without criteria, and refuses what lies outside the reader’s scope', async () => {
    const empty = await progressOf(admin, '', 2020);
    expect(empty.branchKinds).toEqual([]);
    expect(empty.total).toEqual({ branches: 0, rated: 0, approved: 0, missing: 0 });
    expect(empty.rows.map((row) => row.unitId)).toEqual(['28249', '28261']);
    await expectProblem(
      await t.request(`/api/v1/branch-ratings/progress?year=${YEAR}&unitId=28261`, { token: otherCommune }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await t.request(`/api/v1/branch-ratings/progress?year=${YEAR}`, { token: branchOfficer }),
      403,
      'FORBIDDEN',
    );
  });
});
