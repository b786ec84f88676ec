/**
 * A valid request for every operation of the API, built from ids: the victim's, ids that exist
 * nowhere, or throwaway records for an allowed call that changes what it touches. Valid, so a
 * refusal is about who asks and never about a bad body.
 */
import { onboardTestProvince, PASSWORD, provinceBody } from '../setup/test-app.ts';
import { type Ids, type MatrixScene, type Persona, uniqueSuffix } from './authorization-matrix-scene.ts';
import { CRITERIA, SAMPLE_RATING } from './branch-ratings-scene.ts';

export interface MatrixRequest {
  /** Path with its query, e.g. '/api/v1/branches?unitId=28261-07'. */
  readonly path: string;
  /** JSON, or a file as text (an import's CSV) sent with the content type its headers name. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface RequestRecipe {
  readonly build: (ids: Ids, scene: MatrixScene, persona: Persona) => MatrixRequest;
  /**
   * For an allowed call that changes or uses up what it touches: throwaway records to call on,
   * so the victim's own records stay as they were for the operations after it.
   */
  readonly fresh?: (scene: MatrixScene, persona: Persona) => Promise<Partial<Ids>>;
}

const member = (ids: Ids, tail = '') => `/api/v1/members/${ids.member}${tail}`;
const once = () => ({ 'idempotency-key': `matrix-${uniqueSuffix()}` });
const freshMember = async (scene: MatrixScene) => ({ member: await scene.freshMember() });
/** Refresh tokens are single use: each call gets its own, from a bystander (beta:youth). */
const freshRefreshToken = async (scene: MatrixScene) => ({
  refreshToken: (await scene.t.signIn('beta.youth')).refresh_token,
});
const freshIntroduction = async (scene: MatrixScene) => await scene.freshIntroduction();
const freshBranch = async (scene: MatrixScene) => ({ branch: await scene.freshBranch() });
/** A rating changes state once: each allowed change gets a branch whose rating is in the state it starts from. */
const freshRating = (state: 'draft' | 'submitted' | 'approved') => async (scene: MatrixScene) => ({
  branch: await scene.freshRating(state),
});
const rating = (ids: Ids, scene: MatrixScene, tail = '') =>
  `/api/v1/branches/${ids.branch}/ratings/${scene.ratingYear}${tail}`;
/** The year of a member review, `offset` from the scene's: this year's is reviewed, the next one opened, last year's closed. */
const reviewYear = (scene: MatrixScene, offset = 0) => Number(scene.today.slice(0, 4)) + offset;
/** Opens the victim's review of a year as its admin, unless it is open already (409). */
const openReview =
  (offset = 0) =>
  async (scene: MatrixScene) => {
    await scene.t.request('/api/v1/reviews', {
      method: 'POST',
      headers: { authorization: scene.authorization('owner') },
      json: { year: reviewYear(scene, offset), deadline: scene.today },
    });
    return {};
  };
const review = (ids: Ids, scene: MatrixScene, tail = '') =>
  `/api/v1/branches/${ids.branch}/review/${reviewYear(scene)}${tail}`;
/** A proposal is decided once: each allowed decision gets its own. */
const freshProposal = async (scene: MatrixScene) => ({ proposal: await scene.freshProposal() });

const webhook = (ids: Ids, tail = '') => `/api/v1/webhooks/${ids.webhook}${tail}`;
/** An endpoint is deleted once: each allowed deletion gets its own, registered by the owner. */
const freshWebhook = async (scene: MatrixScene) => {
  const response = await scene.t.request('/api/v1/webhooks', {
    method: 'POST',
    headers: { authorization: scene.authorization('owner') },
    json: { url: 'https://hook.example.org/throwaway', eventTypes: ['member.created'] },
  });
  return { webhook: ((await response.json()) as { id: string }).id };
};

export const REQUESTS: Record<string, RequestRecipe> = {
  // Authentication itself: the caller's bearer token plays no part.
  'POST /api/v1/auth/token': {
    build: () => ({ path: '/api/v1/auth/token', body: { username: 'beta.youth', password: PASSWORD } }),
  },
  'POST /api/v1/auth/refresh': {
    build: (ids) => ({ path: '/api/v1/auth/refresh', body: { refresh_token: ids.refreshToken } }),
    fresh: freshRefreshToken,
  },
  'POST /api/v1/auth/revoke': {
    build: (ids) => ({ path: '/api/v1/auth/revoke', body: { refresh_token: ids.refreshToken } }),
    fresh: freshRefreshToken,
  },
  'GET /.well-known/jwks.json': { build: () => ({ path: '/.well-known/jwks.json' }) },
  'GET /health': { build: () => ({ path: '/health' }) },
  'GET /api/v1/me': { build: () => ({ path: '/api/v1/me' }) },

  'POST /api/v1/platform/provinces': {
    build: () => ({ path: '/api/v1/platform/provinces', body: provinceBody(`gamma-${uniqueSuffix()}`) }),
  },
  'GET /api/v1/platform/provinces/{id}': {
    build: (ids) => ({ path: `/api/v1/platform/provinces/${ids.province}` }),
  },

  // A bystander of the victim province: the grant changes nothing the other calls rely on.
  'PUT /api/v1/platform/provinces/{id}/map-editors/{username}': {
    build: (ids) => ({
      path: `/api/v1/platform/provinces/${ids.province}/map-editors/alpha.veterans`,
      body: {},
    }),
  },
  'DELETE /api/v1/platform/provinces/{id}/map-editors/{username}': {
    build: (ids) => ({ path: `/api/v1/platform/provinces/${ids.province}/map-editors/alpha.veterans` }),
  },

  'GET /api/v1/units': { build: () => ({ path: '/api/v1/units?parentId=28261' }) },
  'POST /api/v1/units': {
    build: () => ({
      path: '/api/v1/units',
      body: { parentId: '28261', type: 'khom', name: `Khóm Mới ${uniqueSuffix()}` },
    }),
  },
  'GET /api/v1/units/{id}': { build: (ids) => ({ path: `/api/v1/units/${ids.unit}` }) },
  'PATCH /api/v1/units/{id}': {
    build: (ids) => ({ path: `/api/v1/units/${ids.unit}`, body: { name: 'Khóm Đổi Tên' } }),
  },
  'GET /api/v1/units/{id}/audit': { build: (ids) => ({ path: `/api/v1/units/${ids.unit}/audit` }) },
  'GET /api/v1/units/{id}/targets/{year}': {
    build: (ids) => ({ path: `/api/v1/units/${ids.unit}/targets/2026` }),
  },
  'PUT /api/v1/units/{id}/targets/{year}': {
    build: (ids) => ({ path: `/api/v1/units/${ids.unit}/targets/2026`, body: { targetPopulation: 321 } }),
  },

  'POST /api/v1/map/proposals': {
    build: () => ({
      path: '/api/v1/map/proposals',
      body: { communeId: '28261', name: `Ấp Mới ${uniqueSuffix()}`, type: 'ap' },
    }),
  },
  'GET /api/v1/map/proposals': { build: () => ({ path: '/api/v1/map/proposals?status=pending' }) },
  'POST /api/v1/map/proposals/{id}/accept': {
    build: (ids) => ({ path: `/api/v1/map/proposals/${ids.proposal}/accept`, body: {} }),
    fresh: freshProposal,
  },
  'POST /api/v1/map/proposals/{id}/reject': {
    build: (ids) => ({
      path: `/api/v1/map/proposals/${ids.proposal}/reject`,
      body: { reason: 'Không có ấp này' },
    }),
    fresh: freshProposal,
  },

  'POST /api/v1/map/reorganizations': {
    build: () => ({
      path: '/api/v1/map/reorganizations',
      body: {
        kind: 'rename',
        effectiveDate: '2025-07-01',
        resolution: { number: `${uniqueSuffix()}/NQ-HĐND` },
        unitId: '28261',
        // The name it has: the resolution is recorded, the victim's unit left as it is.
        name: 'Phường Mỹ Tho',
      },
    }),
  },
  'GET /api/v1/map/reorganizations': { build: () => ({ path: '/api/v1/map/reorganizations' }) },
  'GET /api/v1/map/reorganizations/{id}/branches': {
    build: () => ({ path: '/api/v1/map/reorganizations/00000000-0000-4000-8000-000000000003/branches' }),
  },
  'POST /api/v1/map/reorganizations/{id}/apply': {
    build: () => ({
      path: '/api/v1/map/reorganizations/00000000-0000-4000-8000-000000000003/apply',
      body: {},
    }),
  },

  'GET /api/v1/branches': { build: (ids) => ({ path: `/api/v1/branches?unitId=${ids.unit}` }) },
  'POST /api/v1/branches': {
    build: (ids) => ({
      path: '/api/v1/branches',
      body: { name: `Chi hội Mới ${uniqueSuffix()}`, kind: 'residential', unitId: ids.unit },
    }),
  },
  'GET /api/v1/branches/{id}': { build: (ids) => ({ path: `/api/v1/branches/${ids.branch}` }) },
  'PATCH /api/v1/branches/{id}': {
    build: (ids) => ({ path: `/api/v1/branches/${ids.branch}`, body: { name: 'Chi hội Đổi Tên' } }),
    fresh: freshBranch,
  },
  'GET /api/v1/branches/{id}/groups': { build: (ids) => ({ path: `/api/v1/branches/${ids.branch}/groups` }) },
  'POST /api/v1/branches/{id}/groups': {
    build: (ids) => ({
      path: `/api/v1/branches/${ids.branch}/groups`,
      body: { name: `Tổ ${uniqueSuffix()}` },
    }),
  },
  'POST /api/v1/branches/{id}/dissolve': {
    build: (ids) => ({
      path: `/api/v1/branches/${ids.branch}/dissolve`,
      body: { toBranchId: ids.toBranch, reason: 'Sáp nhập' },
      headers: once(),
    }),
    fresh: freshBranch,
  },

  'POST /api/v1/imports': {
    build: (ids) => ({
      path: `/api/v1/imports?unitId=${ids.unit}`,
      body: `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nĐỗ Văn Nhập,Nam,02/03/1985,${ids.branch},01/01/2021\r\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/v1/imports/uploads': {
    build: (ids) => ({
      path: '/api/v1/imports/uploads',
      body: { format: 'csv', size: 120, unitId: ids.unit },
    }),
  },
  'POST /api/v1/imports/{id}/start': {
    build: (ids) => ({ path: `/api/v1/imports/${ids.importUpload}/start`, body: {} }),
  },
  'GET /api/v1/imports/template.xlsx': { build: () => ({ path: '/api/v1/imports/template.xlsx' }) },
  'GET /api/v1/imports/{id}': { build: (ids) => ({ path: `/api/v1/imports/${ids.import}` }) },
  'POST /api/v1/imports/check': {
    build: (ids) => ({
      path: `/api/v1/imports/check?unitId=${ids.unit}`,
      body: `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nĐỗ Văn Mới,Nam,02/03/1985,${ids.branch},01/01/2021\r\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/v1/members': {
    build: (ids) => ({
      path: '/api/v1/members',
      body: {
        fullName: 'Đỗ Văn Mới',
        gender: 'male',
        birthDate: '1985-03-02',
        joinedAt: '2021-01-01',
        branchId: ids.branch,
      },
      headers: once(),
    }),
  },
  'GET /api/v1/members': { build: (ids) => ({ path: `/api/v1/members?branchId=${ids.branch}` }) },
  'GET /api/v1/members/export.csv': {
    build: (ids) => ({ path: `/api/v1/members/export.csv?branchId=${ids.branch}` }),
  },
  'GET /api/v1/members/export.xlsx': {
    build: (ids) => ({ path: `/api/v1/members/export.xlsx?branchId=${ids.branch}` }),
  },
  'POST /api/v1/member-exports': {
    build: (ids) => ({ path: '/api/v1/member-exports', body: { format: 'csv', branchId: ids.branch } }),
  },
  'GET /api/v1/member-exports/{id}': {
    build: (ids) => ({ path: `/api/v1/member-exports/${ids.memberExport}` }),
  },
  'GET /api/v1/members/coming-of-age': {
    // The victim member was born in 1980: 30 in 2010.
    build: (ids) => ({ path: `/api/v1/members/coming-of-age?year=2010&unitId=${ids.unit}` }),
  },
  'GET /api/v1/members/{id}': { build: (ids) => ({ path: member(ids) }) },
  'PATCH /api/v1/members/{id}': {
    build: (ids) => ({
      path: member(ids),
      body: { occupation: 'Đổi nghề' },
      headers: { 'if-match': '"v1"' },
    }),
    fresh: freshMember,
  },
  'GET /api/v1/members/{id}/history': { build: (ids) => ({ path: member(ids, '/history') }) },
  'GET /api/v1/members/{id}/national-id': { build: (ids) => ({ path: member(ids, '/national-id') }) },
  'POST /api/v1/members/{id}/status': {
    build: (ids, scene) => ({
      path: member(ids, '/status'),
      body: { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: scene.today },
      headers: once(),
    }),
    fresh: freshMember,
  },
  'POST /api/v1/members/{id}/party-introductions': {
    build: (ids, scene) => ({
      path: member(ids, '/party-introductions'),
      body: { introducedOn: scene.today, decisionNumber: '7-QĐ/HND' },
      headers: once(),
    }),
    fresh: freshMember,
  },
  'POST /api/v1/members/{id}/party-introductions/{introductionId}/outcome': {
    build: (ids, scene) => ({
      path: member(ids, `/party-introductions/${ids.introduction}/outcome`),
      body: { state: 'admitted', decidedOn: scene.today },
      headers: once(),
    }),
    fresh: freshIntroduction,
  },
  'GET /api/v1/branches/{id}/member-ratings/{year}': {
    build: (ids, scene) => ({
      path: `/api/v1/branches/${ids.branch}/member-ratings/${scene.today.slice(0, 4)}`,
    }),
  },
  'PUT /api/v1/branches/{id}/member-ratings/{year}': {
    build: (ids, scene) => ({
      path: `/api/v1/branches/${ids.branch}/member-ratings/${scene.today.slice(0, 4)}`,
      body: { ratings: [{ memberId: ids.member, level: 'good' }] },
    }),
    fresh: freshMember,
  },
  'POST /api/v1/reviews': {
    build: (_ids, scene) => ({
      path: '/api/v1/reviews',
      body: { year: reviewYear(scene, 1), deadline: scene.today },
    }),
  },
  'GET /api/v1/reviews/{year}': {
    build: (_ids, scene) => ({ path: `/api/v1/reviews/${reviewYear(scene)}` }),
    fresh: openReview(),
  },
  'GET /api/v1/reviews/{year}/progress': {
    build: (ids, scene) => ({ path: `/api/v1/reviews/${reviewYear(scene)}/progress?unitId=${ids.unit}` }),
    fresh: openReview(),
  },
  'GET /api/v1/branches/{id}/review/{year}': {
    build: (ids, scene) => ({ path: review(ids, scene) }),
    fresh: openReview(),
  },
  'POST /api/v1/branches/{id}/review/{year}': {
    build: (ids, scene) => ({
      path: review(ids, scene),
      body: { confirm: [{ memberId: ids.member, status: 'active' }] },
    }),
    fresh: async (scene) => ({ ...(await openReview()(scene)), member: await scene.freshMember() }),
  },
  'POST /api/v1/branches/{id}/review/{year}/done': {
    build: (ids, scene) => ({ path: review(ids, scene, '/done'), body: {} }),
    // Done only once every member is reviewed: the admin confirms the rest just before.
    fresh: async (scene) => {
      await openReview()(scene);
      await scene.t.request(review(scene.ids, scene), {
        method: 'POST',
        headers: { authorization: scene.authorization('owner') },
        json: { confirmRest: true },
      });
      return {};
    },
  },
  'POST /api/v1/reviews/{year}/close': {
    build: (_ids, scene) => ({ path: `/api/v1/reviews/${reviewYear(scene, -1)}/close`, body: {} }),
    fresh: openReview(-1),
  },
  'GET /api/v1/party-introductions': {
    build: (ids, scene) => ({
      path: `/api/v1/party-introductions?year=${scene.today.slice(0, 4)}&unitId=${ids.unit}`,
    }),
  },
  'POST /api/v1/members/{id}/transfer': {
    build: (ids) => ({ path: member(ids, '/transfer'), body: { toBranchId: ids.toBranch }, headers: once() }),
    fresh: freshMember,
  },
  'POST /api/v1/members/{id}/transfer-out': {
    build: (ids, scene) => ({
      path: member(ids, '/transfer-out'),
      body: { destination: { description: 'Nơi khác' }, reason: 'Chuyển đi', effectiveDate: scene.today },
      headers: once(),
    }),
    fresh: freshMember,
  },
  'GET /api/v1/rating-criteria/{year}/{branchKind}': {
    build: (_ids, scene) => ({ path: `/api/v1/rating-criteria/${scene.ratingYear}/residential` }),
  },
  'PUT /api/v1/rating-criteria/{year}/{branchKind}': {
    // Another year than the scene's: its set is locked once the allowed calls submit ratings.
    build: () => ({ path: '/api/v1/rating-criteria/2024/residential', body: CRITERIA }),
  },
  'GET /api/v1/branches/{id}/ratings/{year}': { build: (ids, scene) => ({ path: rating(ids, scene) }) },
  'PUT /api/v1/branches/{id}/ratings/{year}': {
    build: (ids, scene) => ({ path: rating(ids, scene), body: SAMPLE_RATING }),
    fresh: freshBranch,
  },
  'POST /api/v1/branches/{id}/ratings/{year}/submit': {
    build: (ids, scene) => ({ path: rating(ids, scene, '/submit'), body: {} }),
    fresh: freshRating('draft'),
  },
  'POST /api/v1/branches/{id}/ratings/{year}/approve': {
    build: (ids, scene) => ({ path: rating(ids, scene, '/approve'), body: {} }),
    fresh: freshRating('submitted'),
  },
  'POST /api/v1/branches/{id}/ratings/{year}/return': {
    build: (ids, scene) => ({ path: rating(ids, scene, '/return'), body: { reason: 'Thiếu biên bản' } }),
    fresh: freshRating('submitted'),
  },
  'POST /api/v1/branches/{id}/ratings/{year}/unlock': {
    build: (ids, scene) => ({ path: rating(ids, scene, '/unlock'), body: { reason: 'Nhập nhầm điểm' } }),
    fresh: freshRating('approved'),
  },
  'GET /api/v1/branch-ratings': {
    build: (ids, scene) => ({ path: `/api/v1/branch-ratings?year=${scene.ratingYear}&unitId=${ids.unit}` }),
  },
  'GET /api/v1/branch-ratings/progress': {
    build: (ids, scene) => ({
      path: `/api/v1/branch-ratings/progress?year=${scene.ratingYear}&unitId=${ids.unit}`,
    }),
  },
  'GET /api/v1/incoming-transfers': { build: () => ({ path: '/api/v1/incoming-transfers' }) },
  'POST /api/v1/incoming-transfers/{id}/accept': {
    build: (ids) => ({
      path: `/api/v1/incoming-transfers/${ids.transfer}/accept`,
      body: { branchId: ids.branch },
      headers: once(),
    }),
    fresh: async (scene) => ({ transfer: await scene.freshTransfer() }),
  },

  'GET /api/v1/audit': { build: (ids) => ({ path: `/api/v1/audit?entityId=${ids.member}` }) },
  'GET /api/v1/webhooks': { build: () => ({ path: '/api/v1/webhooks' }) },
  // An aggregate event, so the Front's staff may register it in their own tenant.
  'POST /api/v1/webhooks': {
    build: () => ({
      path: '/api/v1/webhooks',
      body: { url: 'https://hook.example.org/matrix', eventTypes: ['snapshot.taken'] },
    }),
  },
  'GET /api/v1/webhooks/{id}': { build: (ids) => ({ path: webhook(ids) }) },
  // A fresh endpoint per allowed change, so each names the version it was made at, as for members.
  'PATCH /api/v1/webhooks/{id}': {
    build: (ids) => ({
      path: webhook(ids),
      body: { description: 'Đổi mô tả' },
      headers: { 'if-match': '"v1"' },
    }),
    fresh: freshWebhook,
  },
  'DELETE /api/v1/webhooks/{id}': { build: (ids) => ({ path: webhook(ids) }), fresh: freshWebhook },
  'POST /api/v1/webhooks/{id}/rotate-secret': {
    build: (ids) => ({ path: webhook(ids, '/rotate-secret'), body: {} }),
    fresh: freshWebhook,
  },
  'POST /api/v1/webhooks/{id}/test': { build: (ids) => ({ path: webhook(ids, '/test'), body: {} }) },
  'GET /api/v1/webhooks/{id}/deliveries': { build: (ids) => ({ path: webhook(ids, '/deliveries') }) },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay': {
    build: (ids) => ({ path: webhook(ids, `/deliveries/${ids.delivery}/replay`), body: {} }),
  },
  'GET /api/v1/settings/eligibility': { build: () => ({ path: '/api/v1/settings/eligibility' }) },
  'PUT /api/v1/settings/eligibility': {
    build: () => ({
      path: '/api/v1/settings/eligibility',
      body: { minAge: 18, maxAge: null, genders: null, requiresMilitaryService: false },
    }),
  },
  'POST /api/v1/admin/recount': { build: () => ({ path: '/api/v1/admin/recount', body: { apply: true } }) },
  'POST /api/v1/admin/snapshots': {
    // Operators name a province (the victim's when refused, a throwaway one when allowed); admins
    // snapshot their own organization. A day is snapshotted once: today, the onboarding day.
    build: (ids, scene, persona) => ({
      path: '/api/v1/admin/snapshots',
      body: { date: scene.today, ...(persona === 'platform' && { provinceId: ids.province }) },
    }),
    fresh: async (scene, persona) => {
      if (persona !== 'platform') return {};
      const province = `snap-${uniqueSuffix()}`;
      await onboardTestProvince(scene.t, province);
      return { province };
    },
  },
  'POST /api/v1/admin/snapshots/{date}/revisions': {
    // Today's snapshot exists by then: the calls of the snapshot operation, which come first, took it.
    build: (_ids, scene) => ({
      path: `/api/v1/admin/snapshots/${scene.today}/revisions`,
      body: { reason: 'Nhập bổ sung hội viên bị sót' },
    }),
  },

  'GET /api/v1/stats': { build: (ids) => ({ path: `/api/v1/stats?unitId=${ids.unit}` }) },

  'POST /api/v1/api-keys': {
    build: (_, scene) => ({
      path: '/api/v1/api-keys',
      body: {
        description: 'Khóa của ma trận',
        scopes: ['members:read'],
        // A month from the scene's day: in the future whenever the matrix runs.
        validUntil: new Date(Date.parse(`${scene.today}T00:00:00+07:00`) + 30 * 86_400_000).toISOString(),
      },
    }),
  },
  'GET /api/v1/api-keys': { build: () => ({ path: '/api/v1/api-keys' }) },
  'GET /api/v1/api-keys/{id}': { build: (ids) => ({ path: `/api/v1/api-keys/${ids.apiKey}` }) },
  'DELETE /api/v1/api-keys/{id}': {
    build: (ids) => ({ path: `/api/v1/api-keys/${ids.apiKey}` }),
    fresh: async (scene) => ({ apiKey: await scene.freshApiKey() }),
  },
  'GET /api/v1/front/overview': { build: (ids) => ({ path: `/api/v1/front/overview?unitId=${ids.unit}` }) },
  'GET /api/v1/front/overview.xlsx': {
    build: (ids) => ({ path: `/api/v1/front/overview.xlsx?unitId=${ids.unit}` }),
  },
  'GET /api/v1/front/compare': {
    build: (ids, scene) => ({
      path: `/api/v1/front/compare?unitId=${ids.unit}&from=2025-07-01&to=${scene.today}`,
    }),
  },
  'GET /api/v1/front/compare.xlsx': {
    build: (ids, scene) => ({
      path: `/api/v1/front/compare.xlsx?unitId=${ids.unit}&from=2025-07-01&to=${scene.today}`,
    }),
  },
};
