/**
 * The branch-rating pages over HTTP: the commune's officer fills the self-assessment (a score
 * above its max and a level overridden without a reason refused beside their fields, nothing
 * written), saves and submits it; the level above returns it with a reason, then approves it; the
 * admin unlocks it. Each form is offered only to whom its use case allows, and a persona refused
 * by the use case is refused the page's form too. The year's list shows the progress and links.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, type TestApp } from '../setup/test-app.ts';
import { CRITERIA, type RatingBody, ratingScene } from './branch-ratings-scene.ts';
import { pageHtml, signedIn } from './page-scene.ts';

let t: TestApp;
let api: Awaited<ReturnType<typeof ratingScene>>['api'];
let adminToken: string;

const BRANCH = 'b-28261-01';
const YEAR = 2025;
const PAGE = `/branches/${BRANCH}/ratings/${YEAR}`;

beforeAll(async () => {
  const scene = await ratingScene();
  ({ t, api } = scene);
  adminToken = scene.tokens.admin;
}, 120_000);

/** The rating as the API reads it; undefined while there is none. */
const stored = async (): Promise<RatingBody | undefined> => {
  const response = await api.read(adminToken, BRANCH, YEAR);
  if (response.status === 404) return undefined;
  return jsonOf<RatingBody>(response, 200, 'read the rating');
};

const FILLED = {
  'answers.sinh-hoat.met': 'yes',
  'answers.sinh-hoat.note': 'Đủ 12 kỳ sinh hoạt',
  'answers.phat-trien.score': '8',
  'answers.hoi-phi.met': 'yes',
  'answers.mo-hinh.met': 'no',
};

describe('a branch’s rating of a year', () => {
  it('says so when no criteria are set for the year and the branch’s kind', async () => {
    const officer = await signedIn(t, 'mytho.officer');
    const html = await pageHtml(officer, PAGE);
    expect(html).toContain('Chưa có bộ tiêu chí đánh giá năm này');
    expect(html).not.toContain('name="answers.');
  });

  it('refuses a score above its max and an override without reason, keeping what was typed and writing nothing', async () => {
    await jsonOf(await api.putCriteria(adminToken, YEAR, 'residential', CRITERIA), 201);
    const officer = await signedIn(t, 'mytho.officer');
    const html = await pageHtml(officer, PAGE);
    expect(html).toContain('Sinh hoạt định kỳ hằng tháng');
    expect(html).toMatch(/name="answers\.phat-trien\.score"[^>]*max="10"/);
    expect(html).toContain('name="answers.sinh-hoat.met"');

    const tooHigh = await officer.post(PAGE, { ...FILLED, 'answers.phat-trien.score': '12' });
    expect(tooHigh.status).toBe(400);
    const refused = await tooHigh.text();
    expect(refused).toMatch(/id="f-answers-phat-trien-score"[^>]*value="12"[^>]*aria-invalid="true"/);
    expect(refused).toContain('Đủ 12 kỳ sinh hoạt');

    const noReason = await officer.post(PAGE, { ...FILLED, level: 'strong' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/id="f-overrideReason"[^>]*aria-invalid="true"/);
    expect(await stored()).toBeUndefined();
  });

  it('saves the commune officer’s draft, showing the proposed level and score', async () => {
    const officer = await signedIn(t, 'mytho.officer');
    const saved = await officer.post(PAGE, FILLED);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${PAGE}?done=save`);
    const rating = await stored();
    expect(rating).toMatchObject({ state: 'draft', level: 'good', scorePercent: 82 });
    expect(rating?.answers['sinh-hoat']).toEqual({ met: true, score: null, note: 'Đủ 12 kỳ sinh hoạt' });

    const html = await pageHtml(officer, `${PAGE}?done=save`);
    expect(html).toContain('Đã lưu bản tự đánh giá.');
    expect(html).toContain('82,00 %');
    expect(html).toContain('Khá');
    expect(html).toContain(`action="${PAGE}/submit"`);
    // The commune's officer is not the level above: no approving their own.
    expect(html).not.toContain(`action="${PAGE}/approve"`);
  });

  it('shows a viewer the answers without a form, and refuses the viewer’s save', async () => {
    const viewer = await signedIn(t, 'alpha.viewer');
    const html = await pageHtml(viewer, PAGE);
    expect(html).toContain('Đủ 12 kỳ sinh hoạt');
    expect(html).not.toContain('name="answers.');
    expect(html).not.toContain(`action="${PAGE}/submit"`);
    const before = await stored();
    expect((await viewer.post(PAGE, { ...FILLED, 'answers.mo-hinh.met': 'yes' })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses the page to an officer of another commune', async () => {
    const other = await signedIn(t, 'daothanh.officer');
    expect([403, 404]).toContain((await other.get(PAGE)).status);
  });

  it('is submitted by the officer, returned with a reason and approved by the level above, unlocked by the admin', async () => {
    const officer = await signedIn(t, 'mytho.officer');
    const version = String((await stored())?.version);
    expect((await officer.post(`${PAGE}/submit`, { version })).status).toBe(303);
    expect((await stored())?.state).toBe('submitted');

    const above = await signedIn(t, 'province.officer');
    const page = await pageHtml(above, PAGE);
    expect(page).toContain(`action="${PAGE}/approve"`);
    expect(page).toContain(`action="${PAGE}/return"`);
    expect(page).not.toContain(`action="${PAGE}/unlock"`);
    const submitted = await stored();
    const noReason = await above.post(`${PAGE}/return`, { version: String(submitted?.version), reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/id="return-reason"[^>]*aria-invalid="true"/);
    expect(await stored()).toEqual(submitted);

    const returned = await above.post(`${PAGE}/return`, {
      version: String(submitted?.version),
      reason: 'Thiếu biên bản sinh hoạt quý III',
    });
    expect(returned.status).toBe(303);
    expect(await stored()).toMatchObject({
      state: 'returned',
      returnReason: 'Thiếu biên bản sinh hoạt quý III',
    });
    expect(await pageHtml(officer, PAGE)).toContain('Thiếu biên bản sinh hoạt quý III');

    expect(
      (await officer.post(`${PAGE}/submit`, { version: String((await stored())?.version) })).status,
    ).toBe(303);
    expect((await above.post(`${PAGE}/approve`, { version: String((await stored())?.version) })).status).toBe(
      303,
    );
    expect((await stored())?.state).toBe('approved');

    const admin = await signedIn(t, 'alpha.farmers');
    const approved = await pageHtml(admin, PAGE);
    expect(approved).toContain('Đã duyệt');
    expect(approved).not.toContain('name="answers.');
    expect(approved).toContain(`action="${PAGE}/unlock"`);
    const unlocked = await admin.post(`${PAGE}/unlock`, {
      version: String((await stored())?.version),
      reason: 'Nhập nhầm điểm',
    });
    expect(unlocked.status).toBe(303);
    expect(await stored()).toMatchObject({ state: 'draft', unlockReason: 'Nhập nhầm điểm' });
  });

  it('refuses an action on a version someone else changed, showing the latest', async () => {
    const officer = await signedIn(t, 'mytho.officer');
    const before = await stored();
    const stale = await officer.post(`${PAGE}/submit`, { version: String((before?.version ?? 0) - 1) });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain('vừa được người khác thay đổi');
    expect(await stored()).toEqual(before);
  });
});

describe('the year’s ratings', () => {
  it('shows the progress by commune and each rating with a link to it', async () => {
    const admin = await signedIn(t, 'alpha.farmers');
    const html = await pageHtml(admin, `/ratings?year=${YEAR}`);
    expect(html).toContain('href="/ratings"');
    expect(html).toContain('Tiến độ đánh giá theo đơn vị');
    expect(html).toMatch(/Mỹ Tho/);
    expect(html).toContain(`href="${PAGE}"`);
    expect(html).toContain('Nháp');

    const approvedOnly = await pageHtml(admin, `/ratings?year=${YEAR}&state=approved`);
    expect(approvedOnly).not.toContain(`href="${PAGE}"`);
    expect(approvedOnly).toContain('Không có bản đánh giá nào.');
  });

  it('is refused to a branch officer, who has no menu entry for it', async () => {
    const branchOfficer = await signedIn(t, 'alpha.branch');
    expect((await branchOfficer.get(`/ratings?year=${YEAR}`)).status).toBe(403);
    expect(await pageHtml(branchOfficer, `/branches/${BRANCH}`)).not.toContain('href="/ratings"');
  });
});

describe('a year’s criteria set', () => {
  const SET = '/ratings/criteria/2024/residential';
  const readSet = async () => {
    const response = await api.readCriteria(adminToken, 2024, 'residential');
    return response.status === 404 ? undefined : jsonOf<{ version: number; criteria: unknown[] }>(response);
  };
  const ROWS = {
    'criteria.0.kind': 'yes_no',
    'criteria.1.id': 'sinh-hoat',
    'criteria.1.label': 'Sinh hoạt định kỳ hằng tháng',
    'criteria.1.kind': 'yes_no',
    'criteria.1.weight': '3',
    'criteria.1.required': 'yes',
    'criteria.2.id': 'phat-trien',
    'criteria.2.label': 'Phát triển hội viên mới',
    'criteria.2.kind': 'score',
    'criteria.2.max': '10',
    'criteria.2.pass': '5',
    'criteria.2.weight': '4',
    'criteria.2.required': 'no',
    'thresholds.strong': '90',
    'thresholds.good': '70',
    'thresholds.average': '50',
    standardName: 'Chi hội đạt chuẩn',
  };

  it('is offered to the admin to set up where there is none, and not found by a viewer', async () => {
    const admin = await signedIn(t, 'alpha.farmers');
    expect(await pageHtml(admin, `/branches/${BRANCH}/ratings/2024`)).toContain(`href="${SET}"`);
    const html = await pageHtml(admin, SET);
    expect(html).toContain('Chưa có bộ tiêu chí này');
    expect(html).toContain('name="criteria.0.id"');
    const viewer = await signedIn(t, 'alpha.viewer');
    expect((await viewer.get(SET)).status).toBe(404);
  });

  it('refuses a pass mark above the max beside its row, keeping the rows and writing nothing', async () => {
    const admin = await signedIn(t, 'alpha.farmers');
    const refused = await admin.post(SET, { ...ROWS, 'criteria.2.pass': '12' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/id="f-criteria-2-pass"[^>]*value="12"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="Phát triển hội viên mới"');
    expect(await readSet()).toBeUndefined();
  });

  it('is saved by the admin, skipping empty rows; a viewer reads it without a form and is refused its save', async () => {
    const admin = await signedIn(t, 'alpha.farmers');
    const saved = await admin.post(SET, ROWS);
    expect(saved.status).toBe(303);
    expect(await readSet()).toMatchObject({
      version: 1,
      criteria: [
        { id: 'sinh-hoat', kind: 'yes_no', weight: 3, required: true },
        { id: 'phat-trien', kind: 'score', max: 10, pass: 5, weight: 4, required: false },
      ],
    });
    const viewer = await signedIn(t, 'alpha.viewer');
    const html = await pageHtml(viewer, SET);
    expect(html).toContain('Phát triển hội viên mới');
    expect(html).not.toContain('name="criteria.0.id"');
    expect((await viewer.post(SET, { ...ROWS, 'criteria.1.weight': '9' })).status).toBe(403);
    expect((await readSet())?.version).toBe(1);
  });

  it('is shown read-only once a submitted rating uses it, and a save is refused beside the form', async () => {
    const admin = await signedIn(t, 'alpha.farmers');
    const used = `/ratings/criteria/${YEAR}/residential`;
    const html = await pageHtml(admin, used);
    expect(html).toContain('không sửa được nữa');
    expect(html).not.toContain('name="criteria.0.id"');
    const refused = await admin.post(used, { ...ROWS, version: '1' });
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(page).toContain('name="criteria.0.id"');
    expect(page).toContain('role="alert"');
  });
});
