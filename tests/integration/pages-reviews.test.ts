/**
 * The member review pages over HTTP: the admin opens a year's campaign from its form (a past
 * deadline refused beside its field, nothing written); a branch's sheet confirms the ticked
 * members, refuses a change without a reason beside that member's field writing nothing, takes a
 * change with the rest at once, and is declared done; /reviews shows the progress by unit and the
 * branches left with their sheets, /home and the branch's page remind what is missing; the
 * admin closes the campaign only once the box is ticked, after which the sheet takes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchReviewSheet, ReviewProgress } from '../../shared/domain/review/member-review.ts';
import { eventually, WAITS } from '../setup/eventually.ts';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { getJson, startStreamPollerFor, type TestApp } from '../setup/test-app.ts';
import { pageHtml, signedIn } from './page-scene.ts';

type Sheet = BranchReviewSheet;
type Progress = ReviewProgress;

const ADMIN = 'rv.farmers';
const OFFICER = 'rv.officer';
const VIEWER = 'rv.viewer';
const BRANCH_OFFICER = 'rv.branch';
const BRANCH = 'b-28261-01';

let t: TestApp;
let token: (username: string) => string;
let poller: Awaited<ReturnType<typeof startStreamPollerFor>>;
let year: number;
let sheetPath: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['rv'],
    onboard: provinceWithBranches,
    tenants: {
      'rv:farmers': {
        officers: [
          { username: OFFICER, role: 'unit_officer', scope: { unitId: '28261' } },
          { username: VIEWER, role: 'viewer', scope: null },
          { username: BRANCH_OFFICER, role: 'branch_officer', scope: { branchId: 'b-28261-02' } },
        ],
      },
    },
    signIn: [ADMIN],
  }));
  poller = await startStreamPollerFor(t);
  year = Number(t.today.slice(0, 4));
  sheetPath = `/branches/${BRANCH}/review/${year}`;
  for (const fullName of ['Lê Văn Cường', 'Nguyễn Thị Ánh', 'Trần Văn Bảo', 'Phan Văn Dũng'])
    ids[fullName] = (await admitOk(t, token(ADMIN), admission({ fullName }))).id;
  await admitOk(t, token(ADMIN), admission({ fullName: 'Võ Văn Bên', branchId: 'b-28261-02' }));
}, 120_000);

afterAll(async () => {
  await poller?.stop();
});

const sheet = () => getJson<Sheet>(t, `/api/v1${sheetPath}`, token(ADMIN));
const row = (s: Sheet, name: string) => s.members.find((member) => member.fullName === name);
const id = (name: string) => ids[name] as string;

describe('the campaign of a year', () => {
  it('refuses a deadline already past beside its field, opening nothing', async () => {
    const admin = await signedIn(t, ADMIN);
    const html = await pageHtml(admin, `/reviews?year=${year}`);
    expect(html).toContain('Tổ chức chưa mở đợt rà soát năm này.');
    expect(html).toContain('method="post" action="/reviews"');

    const refused = await admin.post('/reviews', { year: String(year), deadline: `${year - 1}-12-01` });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="open-deadline"[^>]*aria-invalid="true"/);
    expect((await t.request(`/api/v1/reviews/${year}`, { token: token(ADMIN) })).status).toBe(404);
  });

  it('is opened by the admin’s form, and not offered to an officer', async () => {
    const officer = await signedIn(t, OFFICER);
    expect(await pageHtml(officer, `/reviews?year=${year}`)).not.toContain('method="post" action="/reviews"');
    expect((await officer.post('/reviews', { year: String(year), deadline: t.today })).status).toBe(403);

    const admin = await signedIn(t, ADMIN);
    const opened = await admin.post('/reviews', { year: String(year), deadline: t.today });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/reviews?year=${year}&done=opened`);
    const html = await pageHtml(admin, `/reviews?year=${year}&done=opened`);
    expect(html).toContain('Đã mở đợt rà soát.');
    expect(html).toContain('Đang mở');
    expect(html).toContain(`action="/reviews/${year}/close"`);
  });
});

describe('a branch’s sheet', () => {
  it('lists the members in name order, each with a box and a change folded away', async () => {
    const officer = await signedIn(t, OFFICER);
    const html = await pageHtml(officer, sheetPath);
    const names = ['Nguyễn Thị Ánh', 'Trần Văn Bảo', 'Lê Văn Cường', 'Phan Văn Dũng'];
    const at = names.map((name) => html.indexOf(name));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain(`name="pick.${id('Lê Văn Cường')}"`);
    expect(html).toContain(`name="status.${id('Lê Văn Cường')}"`);
    expect(html).toContain('Xác nhận các hội viên đã chọn');
    expect(html).toContain('Xác nhận tất cả hội viên chưa rà soát');
    expect(html).toContain('Hoàn thành rà soát chi hội');
  });

  it('confirms the ticked members as they stand', async () => {
    const officer = await signedIn(t, OFFICER);
    const saved = await officer.post(sheetPath, {
      [`pick.${id('Lê Văn Cường')}`]: 'yes',
      [`pick.${id('Nguyễn Thị Ánh')}`]: 'yes',
      action: 'selected',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${sheetPath}?done=saved`);
    const after = await sheet();
    expect(after.members.filter((m) => m.reviewed).map((m) => m.fullName)).toEqual([
      'Nguyễn Thị Ánh',
      'Lê Văn Cường',
    ]);
    const html = await pageHtml(officer, `${sheetPath}?done=saved`);
    expect(html).toContain('Đã ghi kết quả rà soát.');
    // A reviewed member has nothing left to tick.
    expect(html).not.toContain(`name="pick.${id('Lê Văn Cường')}"`);
  });

  it('refuses a change without a reason beside the member’s field, writing nothing', async () => {
    const officer = await signedIn(t, OFFICER);
    const before = await sheet();
    const refused = await officer.post(sheetPath, {
      [`pick.${id('Phan Văn Dũng')}`]: 'yes',
      [`status.${id('Trần Văn Bảo')}`]: 'lapsed',
      action: 'selected',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(new RegExp(`id="r-reason-${id('Trần Văn Bảo')}"[^>]*aria-invalid="true"`));
    expect(html).toContain('Bắt buộc khi thay đổi tình trạng hội viên');
    // What was typed stays: the change's status and the ticked box.
    expect(html).toMatch(new RegExp(`name="pick.${id('Phan Văn Dũng')}"[^>]*checked`));
    expect(await sheet()).toEqual(before);
  });

  it('puts a member’s own rule refusing a change beside that member’s row, in the API and on the page', async () => {
    const before = await sheet();
    const change = {
      status: 'lapsed',
      reason: 'Không sinh hoạt 6 tháng',
      effectiveDate: `${year + 1}-01-01`,
    };
    const response = await t.request(`/api/v1${sheetPath}`, {
      method: 'POST',
      token: token(ADMIN),
      json: {
        confirm: [
          { memberId: id('Lê Văn Cường'), status: 'active' },
          { memberId: id('Phan Văn Dũng'), ...change },
        ],
      },
    });
    const problem = (await response.json()) as { code: string; errors: { path: string; code: string }[] };
    expect(problem.code).toBe('EFFECTIVE_DATE_OUT_OF_RANGE');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.confirm.1.effectiveDate', code: 'out_of_range' }),
    ]);

    const officer = await signedIn(t, OFFICER);
    const refused = await officer.post(sheetPath, {
      [`status.${id('Phan Văn Dũng')}`]: change.status,
      [`reason.${id('Phan Văn Dũng')}`]: change.reason,
      [`effectiveDate.${id('Phan Văn Dũng')}`]: change.effectiveDate,
      action: 'selected',
    });
    expect(refused.status).toBe(response.status);
    expect(await refused.text()).toMatch(
      new RegExp(`id="r-effectiveDate-${id('Phan Văn Dũng')}"[^>]*aria-invalid="true"`),
    );
    expect(await sheet()).toEqual(before);
  });

  it('takes a change with the rest confirmed at once, the change an ordinary status change', async () => {
    const officer = await signedIn(t, OFFICER);
    const saved = await officer.post(sheetPath, {
      [`status.${id('Trần Văn Bảo')}`]: 'away',
      [`awayPlace.${id('Trần Văn Bảo')}`]: 'Bình Dương',
      [`reason.${id('Trần Văn Bảo')}`]: 'Đi làm công ty từ tháng 9',
      action: 'rest',
    });
    expect(saved.status).toBe(303);
    const after = await sheet();
    expect(after.counts).toMatchObject({ members: 4, reviewed: 4, away: 1 });
    expect(row(after, 'Trần Văn Bảo')).toMatchObject({
      status: 'away',
      awayPlace: 'Bình Dương',
      reviewed: true,
    });
    const member = await getJson<{ status: string }>(
      t,
      `/api/v1/members/${id('Trần Văn Bảo')}`,
      token(ADMIN),
    );
    expect(member.status).toBe('away');
  });

  it('is declared done, after which it offers no "done" again', async () => {
    const officer = await signedIn(t, OFFICER);
    const done = await officer.post(`${sheetPath}/done`, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${sheetPath}?done=done`);
    expect((await sheet()).done).toBe(true);
    const html = await pageHtml(officer, `${sheetPath}?done=done`);
    expect(html).toContain('Chi hội đã hoàn thành rà soát.');
    expect(html).not.toContain(`action="${sheetPath}/done"`);
  });

  it('refuses "done" while members are left, saying how many', async () => {
    const officer = await signedIn(t, OFFICER);
    const refused = await officer.post(`/branches/b-28261-02/review/${year}/done`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Còn 1 hội viên của chi hội chưa được rà soát');
  });

  it('shows a viewer the sheet without a form, and refuses the viewer’s confirmation', async () => {
    const viewer = await signedIn(t, VIEWER);
    const html = await pageHtml(viewer, `/branches/b-28261-02/review/${year}`);
    expect(html).toContain('Võ Văn Bên');
    expect(html).not.toContain('name="pick.');
    const refused = await viewer.post(`/branches/b-28261-02/review/${year}`, { action: 'rest' });
    expect(refused.status).toBe(403);
  });
});

describe('progress and reminders', () => {
  it(
    'lists through the API the branches not done under a commune, the one started with its counts',
    WAITS,
    async () => {
      const progress = await eventually(
        () => getJson<Progress>(t, `/api/v1/reviews/${year}/progress?unitId=28261`, token(OFFICER)),
        (p) => p.total.members === 5,
      );
      expect(progress.total).toEqual({ branches: 3, done: 1, missing: 2, members: 5, reviewed: 4 });
      expect(progress.branchesLeft).toEqual([
        {
          branchId: 'b-agency-28261',
          name: 'Chi đoàn cơ quan phường',
          unitId: '28261',
          unitName: 'Phường Mỹ Tho',
          members: null,
          reviewed: 0,
        },
        {
          branchId: 'b-28261-02',
          name: 'Chi hội Khóm 2',
          unitId: '28261-02',
          unitName: 'Khóm 2',
          members: null,
          reviewed: 0,
        },
      ]);
      // The province lists its own branches only: the communes are drilled into.
      const province = await getJson<Progress>(t, `/api/v1/reviews/${year}/progress`, token(ADMIN));
      expect(province.branchesLeft).toEqual([]);
    },
  );

  it(
    'shows the progress by unit, a unit’s drill-down, and the branches left with their sheets',
    WAITS,
    async () => {
      const admin = await signedIn(t, ADMIN);
      const html = await pageHtml(admin, `/reviews?year=${year}`);
      expect(html).toContain('Tiến độ rà soát theo đơn vị');
      expect(html).toContain(`href="/reviews?year=${year}&amp;unitId=28261"`);
      expect(html).toContain('Chọn một đơn vị trong bảng tiến độ');

      const commune = await pageHtml(admin, `/reviews?year=${year}&unitId=28261`);
      expect(commune).toContain(`href="/branches/b-28261-02/review/${year}"`);
      expect(commune).toContain('Chi đoàn cơ quan phường');
      expect(commune).not.toContain(`href="${sheetPath}"`);
      expect(commune).toContain('Chưa bắt đầu');
      expect(commune).not.toContain('Chọn một đơn vị trong bảng tiến độ');
    },
  );

  it('shows a branch’s officer their own branch and the way to its sheet, not the units’ progress', async () => {
    const officer = await signedIn(t, BRANCH_OFFICER);
    const html = await pageHtml(officer, '/reviews');
    expect(html).toContain('Chi hội của bạn: Chi hội Khóm 2');
    expect(html).toContain(`href="/branches/b-28261-02/review/${year}"`);
    expect(html).toContain('0 / 1 đã rà soát');
    expect(html).not.toContain('Tiến độ rà soát theo đơn vị');
  });

  it('reminds the unit officer on /home and on the branch’s page of what is missing', async () => {
    const officer = await signedIn(t, OFFICER);
    const home = await pageHtml(officer, '/home');
    expect(home).toContain('Nhắc việc: đợt rà soát hội viên năm');
    expect(home).toMatch(/2 chi hội chưa hoàn thành trên tổng số 3/);
    const branch = await pageHtml(officer, '/branches/b-28261-02');
    expect(branch).toContain('1 hội viên chưa rà soát');
    expect(branch).toContain(`href="/branches/b-28261-02/review/${year}"`);
    expect(await pageHtml(officer, `/branches/${BRANCH}`)).toContain('Chi hội đã hoàn thành rà soát ngày');
  });
});

describe('closing the campaign', () => {
  it('needs the box ticked, then closes it; the sheet takes nothing more', async () => {
    const admin = await signedIn(t, ADMIN);
    const unticked = await admin.post(`/reviews/${year}/close`, {});
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Hãy đánh dấu ô xác nhận để kết thúc đợt rà soát');
    expect((await getJson<{ state: string }>(t, `/api/v1/reviews/${year}`, token(ADMIN))).state).toBe('open');

    const closed = await admin.post(`/reviews/${year}/close`, { agree: 'yes' });
    expect(closed.status).toBe(303);
    expect((await getJson<{ state: string }>(t, `/api/v1/reviews/${year}`, token(ADMIN))).state).toBe(
      'closed',
    );
    const html = await pageHtml(admin, `/branches/b-28261-02/review/${year}`);
    expect(html).toContain('Đợt rà soát đã kết thúc');
    expect(html).not.toContain('name="pick.');
    expect(await pageHtml(admin, '/home')).not.toContain('Nhắc việc');
  });
});
