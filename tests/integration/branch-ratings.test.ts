/**
 * Branch ratings over HTTP: the admin configures the criteria, the commune's officer scores a
 * branch (the weighted score proposes the level; another level needs a reason) and submits it,
 * the level above returns or approves it, the admin unlocks it, audited. Every refusal names its
 * code and writes nothing, read back to be sure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditOf } from '../setup/members.ts';
import { expectProblem, jsonOf, type TestApp } from '../setup/test-app.ts';
import { answersOf, CRITERIA, type RatingBody, ratingScene } from './branch-ratings-scene.ts';

interface CriteriaBody {
  year: number;
  branchKind: string;
  locked: boolean;
  version: number;
  standardName: string | null;
  criteria: { id: string }[];
}

let t: TestApp;
let api: Awaited<ReturnType<typeof ratingScene>>['api'];
let admin: string;
let officer: string;
let otherCommune: string;
let hamletOfficer: string;
let aboveCommunes: string;
let viewer: string;
let branchOfficer: string;
let otherOrganization: string;

const YEAR = 2025;
const BRANCH = 'b-28261-01';

beforeAll(async () => {
  const scene = await ratingScene();
  ({ t, api } = scene);
  ({ admin, officer, otherCommune, hamletOfficer, aboveCommunes, viewer, branchOfficer, otherOrganization } =
    scene.tokens);
}, 120_000);

/** The rating as stored now, for checking that a refusal changed nothing. */
const current = async (branchId = BRANCH, year = YEAR) =>
  jsonOf<RatingBody>(await api.read(admin, branchId, year), 200, 'read the rating');

describe('criteria sets', () => {
  it('are configured by the organization’s admin and read by everyone of the organization', async () => {
    const created = await api.putCriteria(admin, YEAR, 'residential', CRITERIA);
    const set = await jsonOf<CriteriaBody>(created, 201);
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(set).toMatchObject({ year: YEAR, branchKind: 'residential', locked: false, version: 1 });
    expect(set.criteria.map((c) => c.id)).toEqual(['sinh-hoat', 'phat-trien', 'hoi-phi', 'mo-hinh']);

    for (const reader of [viewer, branchOfficer, officer])
      expect(await jsonOf<CriteriaBody>(await api.readCriteria(reader, YEAR, 'residential'))).toEqual(set);
    // The same set again changes nothing.
    expect(
      (await jsonOf<CriteriaBody>(await api.putCriteria(admin, YEAR, 'residential', CRITERIA))).version,
    ).toBe(1);

    await expectProblem(await api.putCriteria(officer, YEAR, 'residential', CRITERIA), 403, 'FORBIDDEN');
    await expectProblem(await api.readCriteria(admin, YEAR, 'agency'), 404, 'RATING_CRITERIA_NOT_FOUND');
    // Another organization has its own sets: none this year.
    await expectProblem(
      await api.readCriteria(otherOrganization, YEAR, 'residential'),
      404,
      'RATING_CRITERIA_NOT_FOUND',
    );
    const audit = await auditOf(t, admin, { entityId: `rating-criteria-${YEAR}-residential` });
    expect(audit.map((record) => [record.action, record.entityType])).toEqual([
      ['create', 'rating_criteria'],
    ]);
  });

  it('refuses a set that does not hold together, naming each field', async () => {
    const [first, second] = CRITERIA.criteria;
    const bad = {
      ...CRITERIA,
      criteria: [first, { ...second, pass: 11 }, { ...first, label: 'Trùng mã' }],
      thresholds: { strong: 70, good: 70, average: 80 },
    };
    const problem = await expectProblem(
      await api.putCriteria(admin, 2026, 'residential', bad),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['body.criteria.1.pass', 'pass_above_max'],
        ['body.criteria.2.id', 'duplicate_id'],
        ['body.thresholds.good', 'threshold_order'],
        ['body.thresholds.average', 'threshold_order'],
      ]),
    );
    const noRequired = { ...CRITERIA, criteria: CRITERIA.criteria.map((c) => ({ ...c, required: false })) };
    const standard = await expectProblem(
      await api.putCriteria(admin, 2026, 'residential', noRequired),
      400,
      'VALIDATION_FAILED',
    );
    expect(standard.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.standardName', 'standard_without_required'],
    ]);
    await expectProblem(await api.readCriteria(admin, 2026, 'residential'), 404, 'RATING_CRITERIA_NOT_FOUND');
  });
});

describe('a branch’s self-assessment', () => {
  it('proposes the level from the weighted score by the thresholds, and meets the standard when every required criterion is met', async () => {
    const created = await api.save(officer, BRANCH, YEAR, { answers: answersOf(true, 8, true, false) });
    const rating = await jsonOf<RatingBody>(created, 201);
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(rating).toMatchObject({
      branchId: BRANCH,
      branchKind: 'residential',
      year: YEAR,
      unitId: '28261-01',
      unitIds: ['82', '28261', '28261-01'],
      communeId: '28261',
      standardName: 'Chi hội đạt chuẩn',
      // 3 + 4 × 0.8 + 2 = 8.2 of 10.
      scorePercent: 82,
      proposedLevel: 'good',
      level: 'good',
      standardMet: true,
      state: 'draft',
      version: 1,
    });
    expect(rating.answers['sinh-hoat']).toEqual({ met: true, score: null, note: 'Đủ 12 kỳ sinh hoạt' });

    // 3 + 4 × 0.75 + 2 + 1 = 9 of 10: exactly the strong threshold.
    const strong = await jsonOf<RatingBody>(
      await api.save(officer, BRANCH, YEAR, { answers: answersOf(true, 7.5, true, true) }),
    );
    expect([strong.scorePercent, strong.proposedLevel, strong.version]).toEqual([90, 'strong', 2]);
    // 4 × 0.4 + 2 + 1 = 4.6: weak, and a required criterion missed.
    const weak = await jsonOf<RatingBody>(
      await api.save(hamletOfficer, BRANCH, YEAR, { answers: answersOf(false, 4, true, true) }),
    );
    expect([weak.scorePercent, weak.proposedLevel, weak.level, weak.standardMet]).toEqual([
      46,
      'weak',
      'weak',
      false,
    ]);

    expect(await jsonOf<RatingBody>(await api.read(branchOfficer, BRANCH, YEAR))).toEqual(weak);
    expect(await jsonOf<RatingBody>(await api.read(viewer, BRANCH, YEAR))).toEqual(weak);
    await expectProblem(await api.read(admin, 'b-28261-02', YEAR), 404, 'RATING_NOT_FOUND');
  });

  it('refuses another level than the proposed one without a reason, and keeps it with one', async () => {
    const before = await current();
    const refused = await expectProblem(
      await api.save(officer, BRANCH, YEAR, { answers: answersOf(false, 4, true, true), level: 'average' }),
      400,
      'RATING_OVERRIDE_NEEDS_REASON',
    );
    expect(refused.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.overrideReason', 'required_for_override'],
    ]);
    expect(await current()).toEqual(before);

    const overridden = await jsonOf<RatingBody>(
      await api.save(officer, BRANCH, YEAR, {
        answers: answersOf(false, 4, true, true),
        level: 'average',
        overrideReason: 'Khóm bị ngập kéo dài, không tổ chức sinh hoạt được',
      }),
    );
    expect([overridden.proposedLevel, overridden.level, overridden.overrideReason]).toEqual([
      'weak',
      'average',
      'Khóm bị ngập kéo dài, không tổ chức sinh hoạt được',
    ]);
    // The proposed level needs no reason, and keeps none.
    const proposed = await jsonOf<RatingBody>(
      await api.save(officer, BRANCH, YEAR, {
        answers: answersOf(true, 8, true, false),
        level: 'good',
        overrideReason: 'x',
      }),
    );
    expect([proposed.level, proposed.overrideReason]).toEqual(['good', null]);
  });

  it('refuses answers that do not fit the criteria, writing nothing', async () => {
    const before = await current();
    const problem = await expectProblem(
      await api.save(officer, BRANCH, YEAR, {
        answers: { 'sinh-hoat': { score: 3 }, 'phat-trien': { score: 11 }, 'khong-co': { met: true } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([
      ['body.answers.sinh-hoat.score', 'answer_kind'],
      ['body.answers.phat-trien.score', 'out_of_range'],
      ['body.answers.khong-co', 'unknown_criterion'],
    ]);
    await expectProblem(
      await api.save(officer, BRANCH, YEAR, { answers: {} }, '"v1"'),
      412,
      'PRECONDITION_FAILED',
    );
    await expectProblem(
      await api.save(officer, BRANCH, 2019, { answers: {} }),
      404,
      'RATING_CRITERIA_NOT_FOUND',
    );
    expect(await current()).toEqual(before);
    await expectProblem(await api.read(admin, BRANCH, 2019), 404, 'RATING_NOT_FOUND');
  });
});

describe('submitting, returning and approving', () => {
  it('submits only a rating with every criterion answered', async () => {
    const partial = {
      'sinh-hoat': { met: true },
      'hoi-phi': { met: false, note: null },
      'mo-hinh': { note: 'Đang xây dựng' },
    };
    await jsonOf(await api.save(officer, 'b-28261-02', YEAR, { answers: partial }), 201);
    const incomplete = await expectProblem(
      await api.act(officer, 'b-28261-02', YEAR, 'submit'),
      409,
      'RATING_INCOMPLETE',
    );
    expect(incomplete.detail).toContain('phat-trien, mo-hinh');
    expect((await current('b-28261-02')).state).toBe('draft');
  });

  it('sends the rating to the level above, which returns it with a reason; the officer reworks and resubmits it', async () => {
    const before = await current();
    const submitted = await jsonOf<RatingBody>(await api.act(officer, BRANCH, YEAR, 'submit'));
    expect(submitted).toMatchObject({
      state: 'submitted',
      submittedBy: 'mytho.officer',
      version: before.version + 1,
    });
    await expectProblem(
      await api.save(officer, BRANCH, YEAR, { answers: answersOf(true, 10, true, true) }),
      409,
      'RATING_NOT_EDITABLE',
    );
    // The commune's own officer is not the level above it.
    await expectProblem(await api.act(officer, BRANCH, YEAR, 'approve'), 403, 'FORBIDDEN');
    await expectProblem(
      await api.act(officer, BRANCH, YEAR, 'return', { reason: 'Tự trả' }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(await api.act(admin, BRANCH, YEAR, 'return', {}), 400, 'VALIDATION_FAILED');
    expect(await current()).toEqual(submitted);

    const returned = await jsonOf<RatingBody>(
      await api.act(admin, BRANCH, YEAR, 'return', { reason: 'Thiếu biên bản sinh hoạt quý III' }),
    );
    expect(returned).toMatchObject({
      state: 'returned',
      returnReason: 'Thiếu biên bản sinh hoạt quý III',
      decidedBy: 'alpha.farmers',
    });
    const reworked = await jsonOf<RatingBody>(
      await api.save(officer, BRANCH, YEAR, { answers: answersOf(true, 9, true, true) }),
    );
    expect([reworked.state, reworked.scorePercent, reworked.level]).toEqual(['returned', 96, 'strong']);
    const resubmitted = await jsonOf<RatingBody>(await api.act(officer, BRANCH, YEAR, 'submit'));
    expect([resubmitted.state, resubmitted.returnReason]).toEqual(['submitted', null]);
  });

  it('is approved by an officer above the commune, and then locked', async () => {
    const approved = await jsonOf<RatingBody>(await api.act(aboveCommunes, BRANCH, YEAR, 'approve'));
    expect(approved).toMatchObject({ state: 'approved', decidedBy: 'province.officer' });
    await expectProblem(
      await api.save(officer, BRANCH, YEAR, { answers: answersOf(false, 0, false, false) }),
      409,
      'RATING_NOT_EDITABLE',
    );
    await expectProblem(
      await api.save(admin, BRANCH, YEAR, { answers: answersOf(false, 0, false, false) }),
      409,
      'RATING_NOT_EDITABLE',
    );
    await expectProblem(await api.act(officer, BRANCH, YEAR, 'submit'), 409, 'RATING_INVALID_TRANSITION');
    await expectProblem(
      await api.act(admin, BRANCH, YEAR, 'return', { reason: 'Xem lại' }),
      409,
      'RATING_INVALID_TRANSITION',
    );
    expect(await current()).toEqual(approved);
  });

  it('is unlocked by the admin alone, with a reason, audited', async () => {
    const approved = await current();
    await expectProblem(
      await api.act(officer, BRANCH, YEAR, 'unlock', { reason: 'Sửa điểm' }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await api.act(aboveCommunes, BRANCH, YEAR, 'unlock', { reason: 'Sửa điểm' }),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await api.act(admin, BRANCH, YEAR, 'unlock', { reason: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await current()).toEqual(approved);

    const unlocked = await jsonOf<RatingBody>(
      await api.act(admin, BRANCH, YEAR, 'unlock', { reason: 'Nhập nhầm điểm phát triển hội viên' }),
    );
    expect(unlocked).toMatchObject({
      state: 'draft',
      unlockReason: 'Nhập nhầm điểm phát triển hội viên',
      decidedBy: null,
    });
    const audit = await auditOf(t, admin, { entityId: unlocked.id });
    expect(audit.map((record) => `${record.actor.username} ${record.action}`)).toEqual([
      'alpha.farmers rating_unlock',
      'province.officer rating_approve',
      'mytho.officer rating_submit',
      'mytho.officer update',
      'alpha.farmers rating_return',
      'mytho.officer rating_submit',
      'mytho.officer update',
      'mytho.officer update',
      'khom1.officer update',
      'mytho.officer update',
      'mytho.officer create',
    ]);
    expect(audit[0]?.entityType).toBe('branch_rating');
    expect(audit[0]?.before).toMatchObject({ state: 'approved' });
    expect(audit[0]?.after).toMatchObject({
      state: 'draft',
      unlockReason: 'Nhập nhầm điểm phát triển hội viên',
    });
    // A draft again: the officer edits it.
    await jsonOf(await api.save(officer, BRANCH, YEAR, { answers: answersOf(true, 9, true, false) }));
  });
});

describe('a criteria set in use', () => {
  it('refuses changes once a rating of it was submitted', async () => {
    const before = await jsonOf<CriteriaBody>(await api.readCriteria(admin, YEAR, 'residential'));
    expect(before.locked).toBe(true);
    const changed = { ...CRITERIA, thresholds: { strong: 85, good: 65, average: 45 } };
    await expectProblem(
      await api.putCriteria(admin, YEAR, 'residential', changed),
      409,
      'RATING_CRITERIA_IN_USE',
    );
    expect(await jsonOf<CriteriaBody>(await api.readCriteria(admin, YEAR, 'residential'))).toEqual(before);
  });

  it('refuses to submit a draft scored by an earlier version of the set, until it is saved again', async () => {
    await jsonOf(await api.putCriteria(admin, 2026, 'residential', CRITERIA), 201);
    await jsonOf(
      await api.save(officer, 'b-28261-02', 2026, { answers: answersOf(true, 6, true, true) }),
      201,
    );
    const changed = { ...CRITERIA, thresholds: { strong: 95, good: 85, average: 55 } };
    const revised = await api.putCriteria(admin, 2026, 'residential', changed, '"v1"');
    expect((await jsonOf<CriteriaBody>(revised)).version).toBe(2);

    const draft = await current('b-28261-02', 2026);
    await expectProblem(await api.act(officer, 'b-28261-02', 2026, 'submit'), 409, 'RATING_CRITERIA_CHANGED');
    expect(await current('b-28261-02', 2026)).toEqual(draft);
    expect((await jsonOf<CriteriaBody>(await api.readCriteria(admin, 2026, 'residential'))).locked).toBe(
      false,
    );

    // 3 + 2.4 + 2 + 1 = 8.4: good by the first thresholds, average by the new ones.
    expect([draft.scorePercent, draft.level]).toEqual([84, 'good']);
    const rescored = await jsonOf<RatingBody>(
      await api.save(officer, 'b-28261-02', 2026, { answers: answersOf(true, 6, true, true) }),
    );
    expect([rescored.criteriaVersion, rescored.level]).toEqual([2, 'average']);
    expect((await jsonOf<RatingBody>(await api.act(officer, 'b-28261-02', 2026, 'submit'))).state).toBe(
      'submitted',
    );
  });
});

describe('scope', () => {
  it('keeps officers, viewers and branch officers to what is theirs, writing nothing', async () => {
    const before = await current();
    const answers = { answers: answersOf(true, 10, true, true) };
    await expectProblem(await api.read(otherCommune, BRANCH, YEAR), 403, 'FORBIDDEN');
    await expectProblem(await api.save(otherCommune, BRANCH, YEAR, answers), 403, 'FORBIDDEN');
    await expectProblem(await api.act(otherCommune, BRANCH, YEAR, 'submit'), 403, 'FORBIDDEN');
    await expectProblem(await api.save(viewer, BRANCH, YEAR, answers), 403, 'FORBIDDEN');
    await expectProblem(await api.save(branchOfficer, BRANCH, YEAR, answers), 403, 'FORBIDDEN');
    await expectProblem(await api.act(branchOfficer, BRANCH, YEAR, 'submit'), 403, 'FORBIDDEN');
    // A hamlet's officer rates their own hamlet's branches only.
    await expectProblem(await api.save(hamletOfficer, 'b-28261-02', YEAR, answers), 403, 'FORBIDDEN');
    await expectProblem(await api.read(branchOfficer, 'b-28261-02', YEAR), 403, 'FORBIDDEN');
    // Another organization's branch of the same id is its own, unrated.
    await expectProblem(await api.read(otherOrganization, BRANCH, YEAR), 404, 'RATING_NOT_FOUND');
    expect(await current()).toEqual(before);
  });
});
