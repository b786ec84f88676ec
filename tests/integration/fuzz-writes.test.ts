/**
 * Fuzzed writes: for every write operation of the app's own OpenAPI document, fast-check sends
 * random JSON and mutations of a valid body (wrong types, missing and extra fields, huge and
 * negative numbers, impossible dates, NFD, control characters, lone surrogates, 100 KB strings).
 * Never a 5xx; every refusal is problem+json and writes nothing (a digest of the raw table is the
 * same after it). An operation without a valid body in VALID_WRITES fails the test, so a new
 * write route cannot ship unfuzzed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, postJson, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { rawItems } from '../setup/table-digest.ts';
import { getJson, jsonOf, PASSWORD, type PageOf, provinceBody, type TestApp } from '../setup/test-app.ts';
import { CRITERIA, SAMPLE_RATING } from './branch-ratings-scene.ts';

/** Requests per operation; with ~26 operations, about 800 requests (~2 minutes). */
const RUNS_PER_OPERATION = 30;

/**
 * Items a refused request legitimately writes, left out of the digest: failed sign-ins count
 * toward their limits (that is what makes lockout and back-off work), and a refused refresh
 * with a used token revokes its whole family (reuse detection: the thief's copy dies too).
 */
const WRITTEN_ON_REFUSAL = ['signin-failures', 'refresh-family'];

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

interface WriteCall {
  /** Who calls: a username the scene signed in, or '' for no token (auth endpoints). */
  readonly as: string;
  /** The path with ids that exist in the scene. */
  readonly path: string;
  /** A body the operation accepts (as `as`, at least the first time): the seed of mutations. */
  readonly body: unknown;
  /** Headers the operation needs, read fresh before each call (If-Match; a file's content type, its body then sent as text). */
  readonly headers?: () => Promise<Record<string, string>>;
  /** Waits for what a success starts in the background (an export's worker), so its writes land before the next snapshot. */
  readonly settle?: (answer: string) => Promise<void>;
}

let t: TestApp;
let tokens: Record<string, string>;
let validWrites: Record<string, WriteCall>;

/** The ETag of a resource now, for If-Match. */
const ifMatch = (path: string) => async () => {
  const response = await t.request(path, { token: tokens['alpha.farmers'] });
  return { 'if-match': response.headers.get('etag') ?? '"0"' };
};

beforeAll(async () => {
  t = await appWithProvinces(['alpha', 'beta'], provinceWithBranches);
  const users = ['alpha.farmers', 'alpha.front.admin', 'beta.farmers', 'root.operator'] as const;
  const signedIn = await accessTokens(t, ...users);
  tokens = Object.fromEntries(users.map((user, i) => [user, signedIn[i] as string]));
  const farmers = tokens['alpha.farmers'] as string;
  // One member per member write, so one write's success (a transfer out) does not end another's.
  const members: string[] = [];
  for (const fullName of [
    'Phạm Văn Sửa',
    'Phạm Văn Đổi',
    'Phạm Văn Chuyển',
    'Phạm Văn Đi',
    'Phạm Văn Ưu',
    'Phạm Văn Tú',
    'Phạm Văn Xếp',
  ]) {
    members.push((await admitOk(t, farmers, admission({ fullName }))).id);
  }
  // An incoming transfer to accept: a beta farmer moving to alpha.
  const incomer = await admitOk(t, tokens['beta.farmers'] as string, admission({ fullName: 'Lê Thị Đến' }));
  await postJson(t, tokens['beta.farmers'] as string, `/api/v1/members/${incomer.id}/transfer-out`, {
    destination: { tenantId: 'alpha:farmers', description: 'Hội Nông dân tỉnh alpha' },
    reason: 'Chuyển nơi ở',
    effectiveDate: t.today,
  });
  const incoming = await getJson<PageOf<{ id: string }>>(t, '/api/v1/incoming-transfers', farmers);
  // A reorganization for the farmers to follow up: a hamlet without branches moved to the other commune.
  const mapEditor = tokens['alpha.front.admin'] as string;
  const ferry = await postJson(t, mapEditor, '/api/v1/units', {
    parentId: '28261',
    type: 'khom',
    name: 'Khóm Bến Đò',
    validFrom: '2025-07-01',
  });
  const moved = await postJson(t, mapEditor, '/api/v1/map/reorganizations', {
    kind: 'move',
    effectiveDate: t.today,
    resolution: { number: '11/NQ-HĐND' },
    unitId: ((await ferry.json()) as { id: string }).id,
    toCommuneId: '28249',
  });
  const reorganization = ((await moved.json()) as { id: string }).id;
  const refresh = [
    (await t.signIn('alpha.veterans')).refresh_token,
    (await t.signIn('alpha.youth')).refresh_token,
  ];
  const [edit, status, transfer, transferOut, introduce, decide, rated] = members as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // An introduction to the Party waiting for its outcome.
  const introduced = await postJson(t, farmers, `/api/v1/members/${decide}/party-introductions`, {
    introducedOn: t.today,
    decisionNumber: '3-QĐ/HND',
  });
  const introduction = (await jsonOf<{ partyIntroductions: { id: string }[] }>(introduced, 200))
    .partyIntroductions[0]?.id;
  // Branch ratings: criteria of two years, and a rating in each state a change starts from.
  const { answers } = SAMPLE_RATING;
  const rate = async (branch: string, year: number, steps: string[]) => {
    const path = `/api/v1/branches/${branch}/ratings/${year}`;
    await jsonOf(await t.request(path, { method: 'PUT', token: farmers, json: { answers } }), 201, path);
    for (const step of steps) await jsonOf(await postJson(t, farmers, `${path}/${step}`, {}), 200, step);
  };
  for (const year of [2024, 2025]) {
    const path = `/api/v1/rating-criteria/${year}/residential`;
    await jsonOf(await t.request(path, { method: 'PUT', token: farmers, json: CRITERIA }), 201, path);
  }
  await rate('b-28261-01', 2025, []);
  await rate('b-28261-02', 2025, []);
  await rate('b-28249-01', 2025, ['submit']);
  await rate('b-28261-01', 2024, ['submit']);
  await rate('b-28261-02', 2024, ['submit', 'approve']);
  // A member review to close (next year's), so this year's stays open for its fuzzed confirmations.
  const reviewYear = Number(t.today.slice(0, 4));
  await jsonOf(
    await postJson(t, farmers, '/api/v1/reviews', { year: reviewYear + 1, deadline: t.today }),
    201,
  );
  // Two hamlet proposals waiting for the map editor: one to accept, one to reject.
  const [toAccept, toReject] = await Promise.all(
    ['Ấp Chờ Duyệt', 'Ấp Chờ Từ Chối'].map(async (name) => {
      const body = { communeId: '28249', name, type: 'ap' };
      const outcome = await postJson(t, farmers, '/api/v1/map/proposals', body);
      return (await jsonOf<{ proposal: { id: string } }>(outcome, 201)).proposal.id;
    }),
  );

  // An API key to revoke; a webhook endpoint to change, test, replay and rotate, another to delete.
  const apiKey = await jsonOf<{ id: string }>(
    await postJson(t, farmers, '/api/v1/api-keys', {
      description: 'Khóa để thu hồi',
      scopes: ['members:read'],
      validUntil: new Date(Date.parse(`${t.today}T00:00:00Z`) + 30 * 86_400_000).toISOString(),
    }),
    201,
  );
  const hook = await jsonOf<{ id: string }>(
    await postJson(t, farmers, '/api/v1/webhooks', {
      url: 'https://hook.example.org/doanthe',
      eventTypes: ['member.created'],
      description: 'Cổng thông tin tỉnh',
    }),
    201,
  );
  const doomed = await jsonOf<{ id: string }>(
    await postJson(t, farmers, '/api/v1/webhooks', {
      url: 'https://old.example.org/doanthe',
      eventTypes: ['branch.created'],
      description: 'Cổng cũ',
    }),
    201,
  );
  const delivery = await jsonOf<{ id: string }>(
    await postJson(t, farmers, `/api/v1/webhooks/${hook.id}/test`, {}),
    202,
  );
  const file = { 'content-type': 'text/csv' };
  const csv = `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nĐỗ Văn Tệp,Nam,02/03/1985,b-28261-01,01/01/2021\r\n`;
  // A list uploaded to the file store, waiting to be started.
  const uploaded = new TextEncoder().encode(csv.replace('Đỗ Văn Tệp', 'Đỗ Văn Tải'));
  const upload = await jsonOf<{
    import: { id: string };
    upload: { url: string; headers: Record<string, string> };
  }>(
    await postJson(t, farmers, '/api/v1/imports/uploads', {
      format: 'csv',
      size: uploaded.length,
      unitId: '28261',
    }),
    201,
  );
  await t.app.request(upload.upload.url, { method: 'PUT', headers: upload.upload.headers, body: uploaded });
  /** Waits for an import the worker runs to end, so its writes land before the next snapshot. */
  const importEnded = async (id: string) => {
    for (;;) {
      const status = await t.request(`/api/v1/imports/${id}`, { token: farmers });
      if (((await status.json()) as { state: string }).state !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  validWrites = {
    'POST /api/v1/imports': {
      as: 'alpha.farmers',
      path: '/api/v1/imports?unitId=28261',
      body: csv,
      headers: async () => file,
    },
    'POST /api/v1/imports/check': {
      as: 'alpha.farmers',
      path: '/api/v1/imports/check?unitId=28261',
      body: csv,
      headers: async () => file,
    },
    'POST /api/v1/imports/uploads': {
      as: 'alpha.farmers',
      path: '/api/v1/imports/uploads',
      body: { format: 'xlsx', size: 2048, unitId: '28261' },
    },
    'POST /api/v1/imports/{id}/start': {
      as: 'alpha.farmers',
      path: `/api/v1/imports/${upload.import.id}/start`,
      body: {},
      settle: () => importEnded(upload.import.id),
    },
    'POST /api/v1/api-keys': {
      as: 'alpha.farmers',
      path: '/api/v1/api-keys',
      body: {
        description: 'Zalo bot của tỉnh',
        scopes: ['members:read', 'figures:read'],
        validUntil: new Date(Date.parse(`${t.today}T00:00:00Z`) + 90 * 86_400_000).toISOString(),
      },
    },
    'DELETE /api/v1/api-keys/{id}': { as: 'alpha.farmers', path: `/api/v1/api-keys/${apiKey.id}`, body: {} },
    'POST /api/v1/webhooks': {
      as: 'alpha.farmers',
      path: '/api/v1/webhooks',
      body: { url: 'https://portal.example.org/hooks', eventTypes: ['branch.created'], description: 'Cổng' },
    },
    'PATCH /api/v1/webhooks/{id}': {
      as: 'alpha.farmers',
      path: `/api/v1/webhooks/${hook.id}`,
      body: { description: 'Cổng thông tin tỉnh (mới)', eventTypes: ['member.created', 'member.updated'] },
      headers: ifMatch(`/api/v1/webhooks/${hook.id}`),
    },
    'POST /api/v1/webhooks/{id}/rotate-secret': {
      as: 'alpha.farmers',
      path: `/api/v1/webhooks/${hook.id}/rotate-secret`,
      body: {},
    },
    'POST /api/v1/webhooks/{id}/test': {
      as: 'alpha.farmers',
      path: `/api/v1/webhooks/${hook.id}/test`,
      body: {},
    },
    'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay': {
      as: 'alpha.farmers',
      path: `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/replay`,
      body: {},
    },
    'DELETE /api/v1/webhooks/{id}': { as: 'alpha.farmers', path: `/api/v1/webhooks/${doomed.id}`, body: {} },
    'POST /api/v1/auth/token': {
      as: '',
      path: '/api/v1/auth/token',
      body: { username: 'alpha.women', password: PASSWORD },
    },
    'POST /api/v1/auth/refresh': {
      as: '',
      path: '/api/v1/auth/refresh',
      body: { refresh_token: refresh[0] },
    },
    'POST /api/v1/auth/revoke': { as: '', path: '/api/v1/auth/revoke', body: { refresh_token: refresh[1] } },
    'POST /api/v1/platform/provinces': {
      as: 'root.operator',
      path: '/api/v1/platform/provinces',
      body: provinceBody('fuzz', { communes: [{ code: '28300', name: 'Xã Mỹ Hội', type: 'xa' }] }),
    },
    'PUT /api/v1/platform/provinces/{id}/map-editors/{username}': {
      as: 'root.operator',
      path: '/api/v1/platform/provinces/alpha/map-editors/alpha.women',
      body: {},
    },
    'DELETE /api/v1/platform/provinces/{id}/map-editors/{username}': {
      as: 'root.operator',
      path: '/api/v1/platform/provinces/alpha/map-editors/alpha.women',
      body: {},
    },
    'POST /api/v1/map/proposals': {
      as: 'alpha.farmers',
      path: '/api/v1/map/proposals',
      body: { communeId: '28261', name: 'Ấp Đề Xuất', type: 'ap', note: 'Theo nghị quyết số 12' },
    },
    'POST /api/v1/map/proposals/{id}/accept': {
      as: 'alpha.front.admin',
      path: `/api/v1/map/proposals/${toAccept}/accept`,
      body: { name: 'Ấp Chờ Duyệt Mới' },
    },
    'POST /api/v1/map/proposals/{id}/reject': {
      as: 'alpha.front.admin',
      path: `/api/v1/map/proposals/${toReject}/reject`,
      body: { reason: 'Trùng với ấp đã có' },
    },
    'POST /api/v1/units': {
      as: 'alpha.front.admin',
      path: '/api/v1/units',
      body: { parentId: '28261', type: 'khom', name: 'Khóm Mới' },
    },
    'PATCH /api/v1/units/{id}': {
      as: 'alpha.front.admin',
      path: '/api/v1/units/28261-02',
      body: { name: 'Khóm Hai' },
    },
    'POST /api/v1/map/reorganizations': {
      as: 'alpha.front.admin',
      path: '/api/v1/map/reorganizations',
      body: {
        kind: 'rename',
        effectiveDate: t.today,
        resolution: { number: '12/NQ-HĐND', date: '2025-06-30' },
        unitId: '28249',
        name: 'Phường Đạo Thạnh Mới',
      },
    },
    'POST /api/v1/map/reorganizations/{id}/apply': {
      as: 'alpha.farmers',
      path: `/api/v1/map/reorganizations/${reorganization}/apply`,
      body: { actions: [] },
    },
    'POST /api/v1/branches': {
      as: 'alpha.farmers',
      path: '/api/v1/branches',
      body: { name: 'Chi hội trồng lúa', kind: 'professional', unitId: '28261', economicModel: 'rice' },
    },
    'PATCH /api/v1/branches/{id}': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-02',
      body: { name: 'Chi hội Khóm Hai' },
    },
    'POST /api/v1/branches/{id}/groups': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-01/groups',
      body: { name: 'Tổ hội số 1', economicModel: null },
    },
    'POST /api/v1/branches/{id}/dissolve': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28249-01/dissolve',
      body: { toBranchId: 'b-28261-01', reason: 'Sáp nhập khóm', effectiveDate: t.today },
    },
    'POST /api/v1/member-exports': {
      as: 'alpha.farmers',
      path: '/api/v1/member-exports',
      body: { format: 'csv', unitId: '28261' },
      settle: async (answer) => {
        const { id } = JSON.parse(answer) as { id: string };
        for (;;) {
          const status = await t.request(`/api/v1/member-exports/${id}`, { token: tokens['alpha.farmers'] });
          if (((await status.json()) as { state: string }).state !== 'running') return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    },
    'POST /api/v1/members': {
      as: 'alpha.farmers',
      path: '/api/v1/members',
      body: admission({ fullName: 'Trần Văn Mới', nationalId: null, notes: 'Dòng một\nDòng hai' }),
    },
    'PATCH /api/v1/members/{id}': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${edit}`,
      body: { fullName: 'Phạm Văn Sửa Lại', address: 'Ấp 2', phone: '0912345678' },
      headers: ifMatch(`/api/v1/members/${edit}`),
    },
    'POST /api/v1/members/{id}/party-introductions': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${introduce}/party-introductions`,
      body: { introducedOn: t.today, decisionNumber: '12-QĐ/HND', note: 'Xuất sắc hai năm liền' },
    },
    'POST /api/v1/members/{id}/party-introductions/{introductionId}/outcome': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${decide}/party-introductions/${introduction}/outcome`,
      body: { state: 'admitted', decidedOn: t.today, note: 'Quyết định 45-QĐ/ĐU' },
    },
    'PUT /api/v1/rating-criteria/{year}/{branchKind}': {
      as: 'alpha.farmers',
      path: '/api/v1/rating-criteria/2030/residential',
      body: CRITERIA,
    },
    'PUT /api/v1/branches/{id}/ratings/{year}': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-01/ratings/2025',
      body: { answers, level: 'strong', overrideReason: 'Dẫn đầu phong trào thi đua của xã' },
    },
    'POST /api/v1/branches/{id}/ratings/{year}/submit': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-02/ratings/2025/submit',
      body: {},
    },
    'POST /api/v1/branches/{id}/ratings/{year}/approve': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28249-01/ratings/2025/approve',
      body: {},
    },
    'POST /api/v1/branches/{id}/ratings/{year}/return': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-01/ratings/2024/return',
      body: { reason: 'Chưa có biên bản sinh hoạt quý III' },
    },
    'POST /api/v1/branches/{id}/ratings/{year}/unlock': {
      as: 'alpha.farmers',
      path: '/api/v1/branches/b-28261-02/ratings/2024/unlock',
      body: { reason: 'Nhập nhầm điểm tiêu chí' },
    },
    'PUT /api/v1/branches/{id}/member-ratings/{year}': {
      as: 'alpha.farmers',
      path: `/api/v1/branches/b-28261-01/member-ratings/${t.today.slice(0, 4)}`,
      body: { ratings: [{ memberId: rated, level: 'excellent' }] },
    },
    'POST /api/v1/reviews': {
      as: 'alpha.farmers',
      path: '/api/v1/reviews',
      body: { year: reviewYear, deadline: t.today },
    },
    'POST /api/v1/branches/{id}/review/{year}': {
      as: 'alpha.farmers',
      path: `/api/v1/branches/b-28261-01/review/${reviewYear}`,
      body: { confirm: [{ memberId: rated, status: 'active' }], confirmRest: true },
    },
    'POST /api/v1/branches/{id}/review/{year}/done': {
      as: 'alpha.farmers',
      path: `/api/v1/branches/b-28261-01/review/${reviewYear}/done`,
      body: {},
    },
    'POST /api/v1/reviews/{year}/close': {
      as: 'alpha.farmers',
      path: `/api/v1/reviews/${reviewYear + 1}/close`,
      body: {},
    },
    'POST /api/v1/members/{id}/status': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${status}/status`,
      body: { status: 'away', reason: 'Đi làm ăn xa', effectiveDate: t.today, awayPlace: 'Bình Dương' },
    },
    'POST /api/v1/members/{id}/transfer': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${transfer}/transfer`,
      body: { toBranchId: 'b-28261-02', reason: 'Chuyển nơi ở' },
    },
    'POST /api/v1/members/{id}/transfer-out': {
      as: 'alpha.farmers',
      path: `/api/v1/members/${transferOut}/transfer-out`,
      body: {
        destination: { tenantId: null, description: 'Hội Nông dân xã Mỹ Hội' },
        reason: 'Chuyển nơi ở',
        effectiveDate: t.today,
      },
    },
    'POST /api/v1/incoming-transfers/{id}/accept': {
      as: 'alpha.farmers',
      path: `/api/v1/incoming-transfers/${incoming.items[0]?.id}/accept`,
      body: { branchId: 'b-28261-01' },
    },
    'PUT /api/v1/settings/eligibility': {
      as: 'alpha.farmers',
      path: '/api/v1/settings/eligibility',
      body: { minAge: 18, maxAge: null, genders: null, requiresMilitaryService: false },
    },
    'POST /api/v1/admin/recount': {
      as: 'alpha.farmers',
      path: '/api/v1/admin/recount',
      body: { apply: false },
    },
    'PUT /api/v1/units/{id}/targets/{year}': {
      as: 'alpha.farmers',
      path: '/api/v1/units/28261/targets/2025',
      body: { targetPopulation: 1250 },
    },
    'POST /api/v1/admin/snapshots': {
      as: 'alpha.farmers',
      path: '/api/v1/admin/snapshots',
      body: { date: t.today },
    },
    'POST /api/v1/admin/snapshots/{date}/revisions': {
      as: 'alpha.farmers',
      path: `/api/v1/admin/snapshots/${t.today}/revisions`,
      body: { reason: 'Nhập bổ sung hội viên bị sót' },
    },
  };
}, 120_000);

// ——— What fast-check sends ———

const HUGE = 'x'.repeat(100_000);
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u200b',
    '\u202eabc',
    '\u001b[31mred\u001b[0m',
    'line\r\nbreak',
    'lone\ud800',
    '\udfff',
    `A${'\u0301'.repeat(99)}`,
    'Nguyễn Thị Ánh'.normalize('NFD'),
    HUGE,
    'y'.repeat(60_000),
    '../../etc/passwd',
    '{"$ne":null}',
    'alpha:farmers',
    'MEMBER#x',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, -1, 0, 2 ** 53 + 2, -(2 ** 53), 0.5, 1e21, 2025, 120),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileDate = fc.constantFrom(
  '2023-02-30',
  '2023-02-29',
  '0000-01-01',
  '1800-01-01',
  '9999-12-31',
  '2024-13-01',
  '2024-02-29T00:00:00Z',
  '20240101',
  '2024-1-1',
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  hostileDate,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

type Path = (string | number)[];

/** Every place in a JSON value a mutation may touch, the root included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((inner, i) => pathsOf(inner, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([name, inner]) => pathsOf(inner, [...at, name]))];
  return [at];
}

interface Mutation {
  readonly kind: 'set' | 'delete' | 'extra' | 'nfd';
  readonly at: number;
  readonly value: unknown;
  readonly name: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'delete', 'extra', 'nfd'),
  at: fc.nat(),
  value: hostileValue,
  name: fc.oneof(
    fc.constantFrom('role', 'tenantId', '__proto__', 'version', 'id', 'length'),
    fc.string({ maxLength: 8 }),
  ),
});

/** The seed with each mutation applied at the place `at` picks (modulo the places there are). */
function mutate(seed: unknown, mutations: readonly Mutation[]): unknown {
  let body: unknown = structuredClone(seed);
  for (const { kind, at, value: shared, name } of mutations) {
    // fast-check hands out one instance of a constant: a copy, so no body holds another's parts.
    const value = structuredClone(shared);
    if (kind === 'nfd') {
      body = JSON.parse(JSON.stringify(body), (_, v) => (typeof v === 'string' ? v.normalize('NFD') : v));
      continue;
    }
    const paths = pathsOf(body);
    const path = paths[at % paths.length] as Path;
    if (path.length === 0) {
      if (kind === 'extra' && body !== null && typeof body === 'object') put(body, name, value);
      else body = value;
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body);
    const key = path.at(-1) as string | number;
    const container = parent as Record<string | number, unknown>;
    if (kind === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
    } else if (kind === 'extra' && container[key] !== null && typeof container[key] === 'object') {
      put(container[key] as object, name, value);
    } else {
      put(container, key, value);
    }
  }
  return body;
}

/**
 * Sets a field as JSON.parse would, `__proto__` included (an own field, not the prototype).
 * A JSON array has no named fields, so an extra one on an array is one more element instead
 * (a name such as `length` could not be defined on it at all).
 */
function put(target: object, key: string | number, value: unknown): void {
  if (Array.isArray(target) && typeof key === 'string') target.push(value);
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const bodyFor = (seed: unknown) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m) => mutate(seed, m)) },
  );

// ——— The test ———

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

async function writeOperations(): Promise<string[]> {
  const document = (await (await t.request('/openapi.json')).json()) as OpenApiDocument;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => WRITE_METHODS.has(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

async function send(call: WriteCall, method: string, body: unknown): Promise<Response> {
  const headers = (await call.headers?.()) ?? {};
  const token = tokens[call.as] ?? '';
  // A file operation (an import) takes its body as text, whatever the mutation made of it.
  if (headers['content-type'] && headers['content-type'] !== 'application/json') {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    return t.request(call.path, { method, token, body: text, headers });
  }
  return t.request(call.path, { method, token, json: body, headers });
}

describe('every write operation of the OpenAPI document', () => {
  it('has a valid body to fuzz from', async () => {
    const operations = await writeOperations();

    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((operation) => !validWrites[operation])).toEqual([]);
  });

  // In the document's order: the snapshot of today is taken before its revision is asked for.
  it('accepts its valid body, so mutations start from something that works', async () => {
    const refused: string[] = [];
    for (const operation of await writeOperations()) {
      const call = validWrites[operation];
      if (!call) continue;
      const response = await send(call, operation.split(' ')[0] as string, call.body);
      const text = await response.text();
      if (response.status >= 300) refused.push(`${operation}: ${response.status} ${text}`);
      else await call.settle?.(text);
    }

    expect(refused).toEqual([]);
  });

  it(`answers ${RUNS_PER_OPERATION} fuzzed bodies each without a 5xx, refusing with problem+json and writing nothing`, async () => {
    for (const operation of await writeOperations()) {
      const call = validWrites[operation];
      if (!call) continue;
      const method = operation.split(' ')[0] as string;
      let items = await rawItems(t, WRITTEN_ON_REFUSAL);
      await fc.assert(
        fc.asyncProperty(bodyFor(call.body), async (body) => {
          const response = await send(call, method, body);
          const text = await response.text();
          const seen = { operation, status: response.status, body: text.slice(0, 300) };
          expect(seen.status, JSON.stringify(seen)).toBeLessThan(500);
          if (response.status < 400) {
            await call.settle?.(text);
            items = await rawItems(t, WRITTEN_ON_REFUSAL);
            return;
          }
          expect(response.headers.get('content-type'), JSON.stringify(seen)).toMatch(
            /^application\/problem\+json/,
          );
          const after = await rawItems(t, WRITTEN_ON_REFUSAL);
          const changed = [
            ...items.filter((item) => !after.includes(item)).map((item) => `- ${item}`),
            ...after.filter((item) => !items.includes(item)).map((item) => `+ ${item}`),
          ];
          expect(changed, JSON.stringify(seen)).toEqual([]);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
  }, 600_000);
});
