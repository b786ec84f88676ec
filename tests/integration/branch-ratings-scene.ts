/**
 * What the branch-rating tests share: province alpha with its branches (b-28261-01, b-28261-02,
 * b-28249-01 and the commune's agency branch b-agency-28261), the officers who rate and approve,
 * a criteria set, and the calls of the ratings API.
 */
import { postJson, provinceWithBranches } from '../setup/members.ts';
import { alphaFarmersOfficers, setUpScene } from '../setup/scene.ts';
import type { TestApp } from '../setup/test-app.ts';

/**
 * Weights 3 + 4 + 2 + 1 = 10, so each point of weight is 10 %: the scores tests expect can be
 * worked out by hand. The standard needs the first two.
 */
export const CRITERIA = {
  criteria: [
    { id: 'sinh-hoat', label: 'Sinh hoạt định kỳ hằng tháng', kind: 'yes_no', weight: 3, required: true },
    {
      id: 'phat-trien',
      label: 'Phát triển hội viên mới',
      kind: 'score',
      max: 10,
      pass: 5,
      weight: 4,
      required: true,
    },
    { id: 'hoi-phi', label: 'Thu nộp hội phí đầy đủ', kind: 'yes_no', weight: 2, required: false },
    { id: 'mo-hinh', label: 'Có mô hình kinh tế tập thể', kind: 'yes_no', weight: 1, required: false },
  ],
  thresholds: { strong: 90, good: 70, average: 50 },
  standardName: 'Chi hội đạt chuẩn',
};

/** Answers scoring 3 + 4 × score / 10 + 2 × hoiPhi + 1 × moHinh, out of 10. */
export const answersOf = (sinhHoat: boolean, score: number, hoiPhi: boolean, moHinh: boolean) => ({
  'sinh-hoat': { met: sinhHoat, note: sinhHoat ? 'Đủ 12 kỳ sinh hoạt' : 'Chỉ 7 kỳ' },
  'phat-trien': { score },
  'hoi-phi': { met: hoiPhi },
  'mo-hinh': { met: moHinh },
});

/** A complete self-assessment: 8.2 of 10, good, the standard met. */
export const SAMPLE_RATING = { answers: answersOf(true, 8, true, false) };

export interface RatingBody {
  id: string;
  branchId: string;
  branchName: string;
  branchKind: string;
  year: number;
  unitId: string;
  unitIds: string[];
  communeId: string | null;
  criteriaVersion: number;
  standardName: string | null;
  answers: Record<string, { met: boolean | null; score: number | null; note: string | null }>;
  scorePercent: number;
  proposedLevel: string;
  standardMet: boolean | null;
  level: string;
  overrideReason: string | null;
  state: string;
  returnReason: string | null;
  unlockReason: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
  version: number;
}

export interface ProgressBody {
  year: number;
  unitId: string;
  branchKinds: string[];
  rows: {
    unitId: string;
    name: string;
    own: boolean;
    branches: number;
    rated: number;
    approved: number;
    missing: number;
  }[];
  total: { branches: number; rated: number; approved: number; missing: number };
}

/**
 * alpha:farmers with a commune officer of Mỹ Tho ('mytho.officer'), one of Đạo Thạnh
 * ('daothanh.officer'), a hamlet officer of Khóm 1 of Mỹ Tho ('khom1.officer'), an officer of the
 * whole province ('province.officer', above every commune), a viewer and b-28261-01's officer.
 */
export async function ratingScene() {
  const officers = [
    ...alphaFarmersOfficers('b-28261-01'),
    { username: 'daothanh.officer', role: 'unit_officer' as const, scope: { unitId: '28249' } },
    { username: 'khom1.officer', role: 'unit_officer' as const, scope: { unitId: '28261-01' } },
    { username: 'province.officer', role: 'unit_officer' as const, scope: { unitId: '82' } },
  ];
  const { t, token } = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    tenants: { 'alpha:farmers': { officers } },
    signIn: ['alpha.farmers', 'alpha.women'],
  });
  const tokens = {
    admin: token('alpha.farmers'),
    officer: token('mytho.officer'),
    otherCommune: token('daothanh.officer'),
    hamletOfficer: token('khom1.officer'),
    aboveCommunes: token('province.officer'),
    viewer: token('alpha.viewer'),
    branchOfficer: token('alpha.branch'),
    /** alpha:women's admin: same province, another organization. */
    otherOrganization: token('alpha.women'),
  };
  return { t, tokens, api: ratingApi(t) };
}

export function ratingApi(t: TestApp) {
  const ratingPath = (branchId: string, year: number | string) =>
    `/api/v1/branches/${branchId}/ratings/${year}`;
  return {
    ratingPath,
    putCriteria: (token: string, year: number | string, kind: string, body: unknown, ifMatch?: string) =>
      t.request(`/api/v1/rating-criteria/${year}/${kind}`, {
        method: 'PUT',
        token,
        json: body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      }),
    readCriteria: (token: string, year: number | string, kind: string) =>
      t.request(`/api/v1/rating-criteria/${year}/${kind}`, { token }),
    save: (token: string, branchId: string, year: number | string, body: unknown, ifMatch?: string) =>
      t.request(ratingPath(branchId, year), {
        method: 'PUT',
        token,
        json: body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      }),
    read: (token: string, branchId: string, year: number | string) =>
      t.request(ratingPath(branchId, year), { token }),
    act: (token: string, branchId: string, year: number | string, action: string, body: unknown = {}) =>
      postJson(t, token, `${ratingPath(branchId, year)}/${action}`, body),
  };
}
