/**
 * Reorganizations over HTTP: a map editor merges two hamlets through the form (read back from
 * GET /api/v1/map/reorganizations), an organization's admin then moves its branches through the
 * follow-up page (members moved, read back through the API). A refused form, or someone who may
 * not, writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp, Reorganization } from '../../shared/domain/reorganizations.ts';
import { addDays, admission, admitOk } from '../setup/members.ts';
import { pageClient } from '../setup/page-client.ts';
import { getJson, type PageOf, type TestApp } from '../setup/test-app.ts';
import { REORGS, type ReorganizationScene, reorganizationScene } from './reorganization-scene.ts';

const P = 'rp';
let t: TestApp;
let token: ReorganizationScene['token'];
let currentMembersIn: ReorganizationScene['currentMembersIn'];

beforeAll(async () => {
  ({ t, token, currentMembersIn } = await reorganizationScene(P));
}, 120_000);

const recorded = async () =>
  (await getJson<PageOf<Reorganization>>(t, REORGS, token(`${P}.front.admin`))).items;

async function signedIn(username: string) {
  const browser = pageClient(t);
  await browser.signIn(username);
  return browser;
}

const mergeForm = (number: string, overrides: Record<string, string> = {}) => ({
  kind: 'merge',
  'resolution.number': number,
  'resolution.date': t.today,
  effectiveDate: t.today,
  fromIds: '28261-01\n28261-02',
  intoId: '28261-01',
  // Fields of other kinds, filled in by mistake, are not sent.
  name: 'Không dùng',
  ...overrides,
});

describe('recording a reorganization', () => {
  it('refuses a bad form beside its fields and writes nothing', async () => {
    const editor = await signedIn(`${P}.front.admin`);
    const form = await editor.get('/map/reorganizations/new');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="fromIds"');

    const noResolution = await editor.post('/map/reorganizations', mergeForm(''));
    expect(noResolution.status).toBe(400);
    const html = await noResolution.text();
    expect(html).toMatch(/id="f-resolution-number-error"/);
    expect(html).toContain('28261-01\n28261-02');

    const notAMember = await editor.post(
      '/map/reorganizations',
      mergeForm('7/NQ-HĐND', { intoId: '28249-01' }),
    );
    expect(notAMember.status).toBe(400);
    expect(await notAMember.text()).toMatch(/id="f-intoId-error"/);

    const later = await editor.post(
      '/map/reorganizations',
      mergeForm('8/NQ-HĐND', { effectiveDate: addDays(t.today, 3) }),
    );
    // The map changes on the day it takes effect: a later day is refused beside the date.
    expect(later.status).toBe(409);
    expect(await later.text()).toMatch(/id="f-effectiveDate-error"/);
    expect(await recorded()).toEqual([]);
  });

  it('refuses an organization admin who is no map editor, and writes nothing', async () => {
    const admin = await signedIn(`${P}.farmers`);
    expect((await admin.get('/map/reorganizations/new')).status).toBe(403);
    expect((await admin.post('/map/reorganizations', mergeForm('9/NQ-HĐND'))).status).toBe(403);
    expect(await recorded()).toEqual([]);
  });
});

describe('merging two hamlets and moving the branches', () => {
  let reorganizationId = '';
  let members: string[] = [];

  it('merges them through the form', async () => {
    members = [
      (await admitOk(t, token(`${P}.farmers`), admission({ branchId: 'b-28261-02' }))).id,
      (await admitOk(t, token(`${P}.farmers`), admission({ branchId: 'b-28261-02' }))).id,
    ].sort();
    const editor = await signedIn(`${P}.front.admin`);
    const response = await editor.post('/map/reorganizations', mergeForm('21/NQ-HĐND'));
    expect(response.status, await response.clone().text()).toBe(303);
    expect(response.headers.get('location')).toBe('/map/reorganizations?done=created');
    const [merge, ...others] = await recorded();
    expect(others).toEqual([]);
    expect(merge).toMatchObject({
      kind: 'merge',
      status: 'applied',
      resolution: { number: '21/NQ-HĐND', date: t.today },
      closedUnitIds: ['28261-02'],
      successors: { '28261-02': '28261-01' },
    });
    reorganizationId = merge?.id ?? '';
    const list = await (await editor.get('/map/reorganizations?done=created')).text();
    expect(list).toContain('21/NQ-HĐND');
    expect(list).not.toContain(`/map/reorganizations/${reorganizationId}`);
  });

  it('shows an organization admin what to do with its branches, and refuses others', async () => {
    const admin = await signedIn(`${P}.farmers`);
    const list = await (await admin.get('/map/reorganizations')).text();
    expect(list).toContain(`href="/map/reorganizations/${reorganizationId}"`);
    const page = await admin.get(`/map/reorganizations/${reorganizationId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Chi hội Khóm 2');
    // The hamlet the merge kept, by its name though the merge left it as it was.
    expect(html).toContain('<td>Khóm 1</td>');
    expect(html).toMatch(/<select name="action\.b-28261-02"[^>]*>\s*<option value="merge" selected/);

    const editor = await signedIn(`${P}.front.admin`);
    expect((await editor.post(`/map/reorganizations/${reorganizationId}/apply`, {})).status).toBe(403);
    const followUp = await getJson<FollowUp>(
      t,
      `${REORGS}/${reorganizationId}/branches`,
      token(`${P}.farmers`),
    );
    expect(followUp.status).toBe('not_started');
  });

  it('refuses a made-up action and moves nobody', async () => {
    const admin = await signedIn(`${P}.farmers`);
    const response = await admin.post(`/map/reorganizations/${reorganizationId}/apply`, {
      'action.b-28261-02': 'scatter',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('class="notice error"');
    expect(await currentMembersIn('farmers', 'b-28261-02')).toEqual(members);
  });

  it('applies the branch step through the page', async () => {
    const admin = await signedIn(`${P}.farmers`);
    const response = await admin.post(`/map/reorganizations/${reorganizationId}/apply`, {
      'action.b-28261-02': 'merge',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/map/reorganizations/${reorganizationId}?done=applied`);
    const followUp = await getJson<FollowUp>(
      t,
      `${REORGS}/${reorganizationId}/branches`,
      token(`${P}.farmers`),
    );
    expect(followUp).toMatchObject({ status: 'applied', branchesDone: 1, branchesTotal: 1, membersMoved: 2 });
    expect(await currentMembersIn('farmers', 'b-28261-02')).toEqual([]);
    expect(await currentMembersIn('farmers', 'b-28261-01')).toEqual(expect.arrayContaining(members));

    const html = await (await admin.get(`/map/reorganizations/${reorganizationId}?done=applied`)).text();
    expect(html).toContain('Đã sắp xếp lại chi hội');
    expect(html).not.toContain('<select name="action.');
  });
});

describe('splitting a commune through the form', () => {
  const splitForm = (number: string, hamlets: string) => ({
    kind: 'split',
    'resolution.number': number,
    effectiveDate: t.today,
    fromId: '28249',
    'into.0.name': 'Phường Mỹ Tho Bắc',
    'into.0.type': 'phuong',
    'into.0.code': '99901',
    'into.1.name': 'Phường Mỹ Tho Nam',
    'into.1.type': 'phuong',
    'into.1.code': '99902',
    // Rows left empty are not new units; the merge's fields are not sent for a split.
    'into.2.type': '',
    fromIds: '28261-01',
    hamlets,
  });

  it('refuses a hamlet line that names no new unit beside the field, and writes nothing', async () => {
    const editor = await signedIn(`${P}.front.admin`);
    const form = await (await editor.get('/map/reorganizations/new')).text();
    expect(form).toContain('name="into.3.code"');
    const response = await editor.post('/map/reorganizations', splitForm('31/NQ-HĐND', '28249-01 thứ hai'));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="f-hamlets"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="Phường Mỹ Tho Nam"');
    expect((await recorded()).filter((r) => r.kind === 'split')).toEqual([]);
  });

  it('splits the commune into the rows filled in, its hamlet joining the second', async () => {
    const editor = await signedIn(`${P}.front.admin`);
    const response = await editor.post('/map/reorganizations', splitForm('32/NQ-HĐND', '28249-01 2'));
    expect(response.status, await response.clone().text()).toBe(303);
    const split = (await recorded()).find((r) => r.kind === 'split');
    expect(split).toMatchObject({
      resolution: { number: '32/NQ-HĐND' },
      createdUnitIds: ['99901', '99902', '99902-01'],
      // The hamlet goes on under the second new commune, as its line said.
      successors: { '28249': '99901', '28249-01': '99902-01' },
    });
    const hamlet = await getJson<{ parentId: string }>(t, '/api/v1/units/99902-01', token(`${P}.farmers`));
    expect(hamlet.parentId).toBe('99902');
  });
});
