/**
 * Each organization's follow-up to a reorganization of the map, for its branches in the units it
 * closed: a split hamlet's branches kept under the new unit the organization chooses (the first
 * by default), and a hamlet merged into another merging its branch into that one's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FullBranch } from '../../shared/domain/branches.ts';
import type { FollowUp } from '../../shared/domain/reorganizations.ts';
import { addDays, admission, admitOk, postJson } from '../setup/members.ts';
import { expectProblem, getJson, seedBranches, type TestApp, testBranch } from '../setup/test-app.ts';
import { jsonOk, REORGS, type ReorganizationScene, reorganizationScene } from './reorganization-scene.ts';

const P = 'rb';
let t: TestApp;
let token: ReorganizationScene['token'];
let resolution: ReorganizationScene['resolution'];
let reorganizeOk: ReorganizationScene['reorganizeOk'];
let unit: ReorganizationScene['unit'];
let admitMany: ReorganizationScene['admitMany'];
let currentMembersIn: ReorganizationScene['currentMembersIn'];
let activeBranchesOf: ReorganizationScene['activeBranchesOf'];

beforeAll(async () => {
  ({ t, token, resolution, reorganizeOk, unit, admitMany, currentMembersIn, activeBranchesOf } =
    await reorganizationScene(P));
}, 120_000);

describe('splitting a hamlet', () => {
  it('keeps its branches under the first new unit by default', async () => {
    const members = await admitMany('youth', 'b-28249-01', 2);
    const split = await reorganizeOk({
      kind: 'split',
      effectiveDate: t.today,
      resolution: resolution('13'),
      fromId: '28249-01',
      into: [
        { name: 'Khóm 1A', type: 'khom' },
        { name: 'Khóm 1B', type: 'khom' },
      ],
    });
    const [first, second] = split.createdUnitIds as [string, string];
    expect(second).toBeDefined();
    expect(await unit('28249-01')).toMatchObject({ validTo: addDays(t.today, -1), successorId: first });
    const done = await jsonOk<FollowUp>(postJson(t, token(`${P}.youth`), `${REORGS}/${split.id}/apply`, {}));
    expect(done.steps).toEqual([
      expect.objectContaining({ branchId: 'b-28249-01', action: 'keep', done: true }),
    ]);
    const [kept] = await activeBranchesOf('youth', first);
    expect(kept?.name).toBe('Chi hội Khóm 1');
    expect(await currentMembersIn('youth', kept?.id ?? '')).toEqual(members.sort());
  });

  it('keeps each branch under the new unit the organization chooses, and no unit but those', async () => {
    // Prepare: a hamlet of its own with the farmers' residential and agency branches, a member in each.
    const created = await postJson(t, token(`${P}.front.admin`), '/api/v1/units', {
      parentId: '28261',
      type: 'khom',
      name: 'Khóm Bờ Kênh',
      validFrom: addDays(t.today, -30),
    });
    const hamlet = (await created.json()) as { id: string };
    await seedBranches(t, `${P}:farmers`, [
      testBranch('b-canal', hamlet.id, 'Chi hội Khóm Bờ Kênh'),
      testBranch('b-school', hamlet.id, 'Chi hội trường học', 'agency'),
    ]);
    const [resident] = await admitMany('farmers', 'b-canal', 1);
    const [teacher] = await admitMany('farmers', 'b-school', 1);
    const split = await reorganizeOk({
      kind: 'split',
      effectiveDate: t.today,
      resolution: resolution('20'),
      fromId: hamlet.id,
      into: [
        { name: 'Khóm Bờ Kênh A', type: 'khom' },
        { name: 'Khóm Bờ Kênh B', type: 'khom' },
      ],
    });
    const [first, second] = split.createdUnitIds as [string, string];
    const apply = (actions: unknown[]) =>
      postJson(t, token(`${P}.farmers`), `${REORGS}/${split.id}/apply`, { actions });

    // A unit that is not one of the split's new units is refused, and nothing is started.
    const refused = await expectProblem(
      await apply([{ branchId: 'b-canal', action: 'keep', intoUnitId: '28261-01' }]),
      400,
      'VALIDATION_FAILED',
    );
    expect(refused.errors).toEqual([
      expect.objectContaining({ path: 'body.actions', code: 'not_a_split_part' }),
    ]);
    const untouched = await getJson<FollowUp>(t, `${REORGS}/${split.id}/branches`, token(`${P}.farmers`));
    expect(untouched.status).toBe('not_started');

    // Act: the residential branch to the second new unit, the agency branch left to the default.
    const done = await jsonOk<FollowUp>(apply([{ branchId: 'b-canal', action: 'keep', intoUnitId: second }]));

    // Assess: the agency branch under the first new unit, each member with the branch it followed.
    const steps = done.steps.map((step) => [step.branchId, step.successorUnitId, step.done]);
    expect(steps.sort()).toEqual([
      ['b-canal', second, true],
      ['b-school', first, true],
    ]);
    const [residential, ...moreInSecond] = await activeBranchesOf('farmers', second);
    const [school, ...moreInFirst] = await activeBranchesOf('farmers', first);
    expect([moreInSecond, moreInFirst]).toEqual([[], []]);
    expect(residential).toMatchObject({ name: 'Chi hội Khóm Bờ Kênh', kind: 'residential' });
    expect(school).toMatchObject({ name: 'Chi hội trường học', kind: 'agency' });
    expect(await currentMembersIn('farmers', residential?.id ?? '')).toEqual([resident]);
    expect(await currentMembersIn('farmers', school?.id ?? '')).toEqual([teacher]);
    const member = await getJson<{ unitId: string }>(t, `/api/v1/members/${resident}`, token(`${P}.farmers`));
    expect(member.unitId).toBe(second);
  });
});

describe('merging a hamlet into another', () => {
  it('merges its branch into the branch of the hamlet it was merged into', async () => {
    const farmer = await admitOk(t, token(`${P}.farmers`), admission({ branchId: 'b-28261-02' }));
    const merge = await reorganizeOk({
      kind: 'merge',
      effectiveDate: t.today,
      resolution: resolution('19'),
      fromIds: ['28261-01', '28261-02'],
      intoId: '28261-01',
    });
    expect(merge).toMatchObject({
      closedUnitIds: ['28261-02'],
      createdUnitIds: [],
      successors: { '28261-02': '28261-01' },
    });
    const done = await jsonOk<FollowUp>(
      postJson(t, token(`${P}.farmers`), `${REORGS}/${merge.id}/apply`, {}),
    );
    expect(done.steps).toEqual([
      expect.objectContaining({
        branchId: 'b-28261-02',
        action: 'merge',
        toBranchId: 'b-28261-01',
        done: true,
      }),
    ]);
    const member = await getJson<{ branchId: string; unitId: string }>(
      t,
      `/api/v1/members/${farmer.id}`,
      token(`${P}.farmers`),
    );
    expect(member).toMatchObject({ branchId: 'b-28261-01', unitId: '28261-01' });
    expect((await getJson<FullBranch>(t, '/api/v1/branches/b-28261-02', token(`${P}.farmers`))).status).toBe(
      'dissolved',
    );
  });
});
