/**
 * Introductions to the Party in the web admin over HTTP: recorded and answered from the member's
 * page (a refused form writes nothing and comes back beside its field), listed by year at /party
 * — and neither the section, the list nor the menu entry shown to whom the use cases refuse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getJson, type TestApp } from '../setup/test-app.ts';
import { membersPageScene } from './members-page-scene.ts';
import { signedIn as signedInAs } from './page-scene.ts';

let t: TestApp;
let token: (username: string) => string;
let hoa: string;

const ADMIN = 'py.farmers';
const VIEWER = 'py.viewer';

beforeAll(async () => {
  ({ t, token, hoa } = await membersPageScene('py', [{ username: VIEWER, role: 'viewer', scope: null }], []));
});

const signedIn = (username: string) => signedInAs(t, username);

const html = async (response: Response, status = 200) => {
  const text = await response.text();
  expect(response.status, text.slice(0, 2000)).toBe(status);
  return text;
};

const introductionsOf = async (id: string) =>
  (
    await getJson<{ partyMember: boolean; partyIntroductions: { id: string; state: string }[] }>(
      t,
      `/api/v1/members/${id}`,
      token(ADMIN),
    )
  ).partyIntroductions;

describe('the member’s Party section', () => {
  it('refuses an introduction without its decision beside the field, writing nothing', async () => {
    const admin = await signedIn(ADMIN);
    const page = await html(await admin.get(`/members/${hoa}`));
    expect(page).toContain('Chưa được giới thiệu cho Đảng.');
    expect(page).toContain(`action="/members/${hoa}/party-introductions"`);

    const refused = await admin.post(`/members/${hoa}/party-introductions`, {
      introducedOn: t.today,
      decisionNumber: '',
      note: 'Gương mẫu',
    });
    const text = await html(refused, 400);
    expect(text).toMatch(/id="party-decisionNumber"[^>]*aria-invalid="true"/);
    expect(text).toContain('value="Gương mẫu"');
    expect(await introductionsOf(hoa)).toEqual([]);
  });

  it('records the introduction, then its outcome, once', async () => {
    const admin = await signedIn(ADMIN);
    const introduced = await admin.post(`/members/${hoa}/party-introductions`, {
      introducedOn: t.today,
      decisionNumber: '15-QĐ/HND',
    });
    expect(introduced.status).toBe(303);
    expect(introduced.headers.get('location')).toBe(`/members/${hoa}`);
    const [pending] = await introductionsOf(hoa);
    expect(pending?.state).toBe('pending');

    const page = await html(await admin.get(`/members/${hoa}`));
    expect(page).toContain('Đang chờ xem xét');
    expect(page).toContain(`action="/members/${hoa}/party-introductions/${pending?.id}/outcome"`);
    // While it is pending, no second introduction is offered.
    expect(page).not.toContain(`action="/members/${hoa}/party-introductions"`);

    const outcome = `/members/${hoa}/party-introductions/${pending?.id}/outcome`;
    const early = await admin.post(outcome, { state: 'admitted', decidedOn: '2020-01-01' });
    expect(await html(early, 400)).toMatch(/id="outcome-decidedOn"[^>]*aria-invalid="true"/);
    expect((await introductionsOf(hoa))[0]?.state).toBe('pending');

    expect((await admin.post(outcome, { state: 'admitted', decidedOn: t.today })).status).toBe(303);
    const member = await getJson<{ partyMember: boolean }>(t, `/api/v1/members/${hoa}`, token(ADMIN));
    expect(member.partyMember).toBe(true);
    const after = await html(await admin.get(`/members/${hoa}`));
    expect(after).toContain('Được kết nạp');
    expect(after).not.toContain('/outcome"');

    const twice = await admin.post(outcome, { state: 'withdrawn', decidedOn: t.today });
    expect(await html(twice, 409)).toContain('không sửa được');
  });
});

describe('the year’s list', () => {
  it('lists who was introduced, each leading to the member', async () => {
    const admin = await signedIn(ADMIN);
    const home = await html(await admin.get('/members'));
    expect(home).toContain('href="/party"');
    const list = await html(await admin.get(`/party?year=${t.today.slice(0, 4)}&state=admitted`));
    expect(list).toContain(`href="/members/${hoa}"`);
    expect(list).toContain('Nguyễn Thị Hoa');
    expect(list).toContain('Khóm 1');
    const none = await html(await admin.get(`/party?year=${t.today.slice(0, 4)}&state=withdrawn`));
    expect(none).toContain('Không có ai được giới thiệu trong năm.');
    expect(await html(await admin.get('/party?year=abc'), 400)).toContain('aria-invalid="true"');
  });

  it('shows a viewer neither the list, nor the section, nor the entry', async () => {
    const viewer = await signedIn(VIEWER);
    expect((await viewer.get('/party')).status).toBe(403);
    const page = await html(await viewer.get(`/members/${hoa}`));
    expect(page).not.toContain('Giới thiệu cho Đảng');
    expect(page).not.toContain('href="/party"');
    const refused = await viewer.post(`/members/${hoa}/party-introductions`, {
      introducedOn: t.today,
      decisionNumber: '1',
    });
    expect(refused.status).toBe(403);
  });
});
