/**
 * Reorganizations applied to the map by a map editor: rename, recode and move a hamlet, merge
 * communes (their hamlets closed, each succeeded under the survivor), and who may reorganize or
 * apply. Each organization's branch step: reorganizations-branches.test.ts; crashes and repeats:
 * reorganizations-crash.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp, Reorganization } from '../../shared/domain/reorganizations.ts';
import type { FullUnit } from '../../shared/domain/units.ts';
import { addDays, postJson, provinceWithBranches } from '../setup/members.ts';
import { expectProblem, getJson, type PageOf, type TestApp } from '../setup/test-app.ts';
import { REORGS, type ReorganizationScene, reorganizationScene } from './reorganization-scene.ts';

const P = 'ro';
let t: TestApp;
let token: ReorganizationScene['token'];
let signIn: ReorganizationScene['signIn'];
let resolution: ReorganizationScene['resolution'];
let reorganizeOk: ReorganizationScene['reorganizeOk'];
let unit: ReorganizationScene['unit'];

beforeAll(async () => {
  ({ t, token, signIn, resolution, reorganizeOk, unit } = await reorganizationScene(P));
}, 120_000);

describe('the other kinds', () => {
  it('rename and recode keep the id, with the resolution recorded', async () => {
    const rename = await reorganizeOk({
      kind: 'rename',
      effectiveDate: t.today,
      resolution: resolution('14'),
      unitId: '28249',
      name: 'Phường Đạo Thạnh Mới',
    });
    expect(rename).toMatchObject({ changedUnitIds: ['28249'], closedUnitIds: [] });
    expect(await unit('28249')).toMatchObject({
      name: 'Phường Đạo Thạnh Mới',
      formerNames: [expect.objectContaining({ name: 'Phường Đạo Thạnh', validTo: addDays(t.today, -1) })],
    });
    await reorganizeOk({
      kind: 'recode',
      effectiveDate: t.today,
      resolution: resolution('15'),
      unitId: '28249',
      code: '28250',
    });
    expect(await unit('28249')).toMatchObject({ id: '28249', code: '28250' });
  });

  it('move a hamlet to another commune: closed, succeeded by one of the same name there', async () => {
    const created = await postJson(t, token(`${P}.front.admin`), '/api/v1/units', {
      parentId: '28261',
      type: 'khom',
      name: 'Khóm Bến Đò',
      validFrom: addDays(t.today, -30),
    });
    const hamlet = (await created.json()) as FullUnit;
    const move = await reorganizeOk({
      kind: 'move',
      effectiveDate: t.today,
      resolution: resolution('16'),
      unitId: hamlet.id,
      toCommuneId: '28249',
    });
    const [movedId] = move.createdUnitIds as [string];
    expect(await unit(movedId)).toMatchObject({
      name: 'Khóm Bến Đò',
      parentId: '28249',
      ancestorIds: ['82', '28249'],
    });
    expect(await unit(hamlet.id)).toMatchObject({ successorId: movedId, validTo: addDays(t.today, -1) });
    const listed = await getJson<PageOf<Reorganization>>(t, REORGS, token(`${P}.youth`));
    expect(listed.items[0]?.id).toBe(move.id);
    expect(listed.items.map((r) => r.kind)).toEqual(['move', 'recode', 'rename']);
  });
});

describe('merging communes', () => {
  it('closes the hamlets of the merged commune, each succeeded by one of its name under the survivor', async () => {
    // Prepare: a province of its own, its map untouched by the other tests.
    await provinceWithBranches(t, 'rc');
    await signIn('rc.front.admin', 'rc.youth');
    const read = (id: string) => getJson<FullUnit>(t, `/api/v1/units/${id}`, token('rc.youth'));

    // Act
    const merge = await reorganizeOk(
      {
        kind: 'merge',
        effectiveDate: t.today,
        resolution: resolution('17'),
        fromIds: ['28249', '28261'],
        intoId: '28261',
      },
      201,
      'rc.front.admin',
    );

    // Assess: 28249's hamlet closed, succeeded by a new one under 28261; its branch suggested to move.
    expect(await read('28249')).toMatchObject({ validTo: addDays(t.today, -1), successorId: '28261' });
    const successorId = merge.successors['28249-01'] ?? '';
    expect(await read('28249-01')).toMatchObject({ validTo: addDays(t.today, -1), successorId });
    // 28261 has a Khóm 1 of its own: the one that came over is named after its old commune.
    expect(await read(successorId)).toMatchObject({
      name: 'Khóm 1 (Phường Đạo Thạnh)',
      parentId: '28261',
      ancestorIds: ['82', '28261'],
      validFrom: t.today,
    });
    const youth = await getJson<FollowUp>(t, `${REORGS}/${merge.id}/branches`, token('rc.youth'));
    expect(youth.steps.map((step) => [step.branchId, step.action, step.successorUnitId])).toEqual([
      ['b-28249-01', 'keep', successorId],
    ]);
  });
});

describe('who may reorganize and apply', () => {
  it('refuses reorganizing to all but map editors, and applying to all but the organization’s admin', async () => {
    const body = {
      kind: 'rename',
      effectiveDate: t.today,
      resolution: resolution('99'),
      unitId: '28261',
      name: 'Phường X',
    };
    for (const username of [`${P}.farmers`, `${P}.front`])
      await expectProblem(await postJson(t, token(username), REORGS, body), 403, 'FORBIDDEN');
    const [merge] = (await getJson<PageOf<Reorganization>>(t, REORGS, token(`${P}.front`))).items.slice(-1);
    for (const username of [`${P}.front.admin`, `${P}.front`])
      await expectProblem(
        await postJson(t, token(username), `${REORGS}/${merge?.id}/apply`, {}),
        403,
        'FORBIDDEN',
      );
    await expectProblem(
      await postJson(t, token(`${P}.farmers`), `${REORGS}/00000000-0000-4000-8000-000000000009/apply`, {}),
      404,
      'REORGANIZATION_NOT_FOUND',
    );
  });
});
