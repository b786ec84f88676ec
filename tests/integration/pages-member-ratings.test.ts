/**
 * A branch's member ratings in the web admin over HTTP: every row not yet rated filled at once,
 * the few that differ set one by one; a tampered level refused beside its row with nothing
 * written; a viewer reads the sheet without a form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk } from '../setup/members.ts';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { membersPageScene } from './members-page-scene.ts';
import { signedIn as signedInAs } from './page-scene.ts';

let t: TestApp;
let token: (username: string) => string;
let hoa: string;
let lan: string;
let year: string;

const ADMIN = 'pr.farmers';
const VIEWER = 'pr.viewer';
const SHEET = '/branches/b-28261-01/member-ratings';

beforeAll(async () => {
  ({ t, token, hoa } = await membersPageScene('pr', [{ username: VIEWER, role: 'viewer', scope: null }], []));
  lan = (await admitOk(t, token(ADMIN), admission({ fullName: 'Phạm Thị Lan', gender: 'female' }))).id;
  year = t.today.slice(0, 4);
});

const levels = async () =>
  Object.fromEntries(
    (
      await getJson<{ members: { memberId: string; level: string | null }[] }>(
        t,
        `/api/v1/branches/b-28261-01/member-ratings/${year}`,
        token(ADMIN),
      )
    ).members.map((m) => [m.memberId, m.level]),
  );

describe('the member ratings sheet', () => {
  it('refuses a level that is not one, beside its row, writing nothing', async () => {
    const admin = await signedInAs(t, ADMIN);
    const page = await admin.get(`${SHEET}?year=${year}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`name="level.${hoa}"`);
    expect(html).toContain('Chưa xếp loại');

    const refused = await admin.post(SHEET, { year, [`level.${lan}`]: 'great', fillEmpty: 'good' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(new RegExp(`id="rating-level-${lan}"[^>]*aria-invalid="true"`));
    expect(await levels()).toEqual({ [hoa]: null, [lan]: null });
  });

  it('fills every row not yet rated and sets the one that differs', async () => {
    const admin = await signedInAs(t, ADMIN);
    const saved = await admin.post(SHEET, { year, [`level.${lan}`]: 'excellent', fillEmpty: 'good' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${SHEET}?year=${year}&done=1`);
    expect(await levels()).toEqual({ [hoa]: 'good', [lan]: 'excellent' });
    const shown = await (await admin.get(`${SHEET}?year=${year}&done=1`)).text();
    expect(shown).toContain('Đã lưu xếp loại hội viên.');
  });

  it('shows a viewer the sheet without a form', async () => {
    const viewer = await signedInAs(t, VIEWER);
    const html = await (await viewer.get(`${SHEET}?year=${year}`)).text();
    expect(html).toContain('Hoàn thành xuất sắc nhiệm vụ');
    expect(html).not.toContain('name="fillEmpty"');
    expect((await viewer.post(SHEET, { year, [`level.${hoa}`]: 'fulfilled' })).status).toBe(403);
    expect((await levels())[hoa]).toBe('good');
  });
});
