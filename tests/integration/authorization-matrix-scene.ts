/**
 * The scene the authorization matrix plays in: a victim tenant (alpha:farmers) holding records
 * whose ids and names exist nowhere else, the personas who call it, and throwaway copies of
 * those records for the calls that are allowed and change what they touch.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../shared/domain/api-keys/scopes.ts';
import { createKey } from '../setup/api-keys.ts';
import { admission, admitOk, postJson, provinceWithBranches } from '../setup/members.ts';
import { setUpScene } from '../setup/scene.ts';
import { jsonOf, type TestApp, testBranch, testHamlet } from '../setup/test-app.ts';
import { CRITERIA, SAMPLE_RATING } from './branch-ratings-scene.ts';

export const PERSONAS = [
  'anonymous',
  'forged',
  'otherProvince',
  'otherOrganization',
  'front',
  'otherFront',
  'frontAdmin',
  'mapEditor',
  'platform',
  'outOfScopeOfficer',
  'viewer',
  'branchOfficer',
  'owner',
  /** The victim tenant's API keys: members and figures read; members written; webhooks managed. */
  'readKey',
  'writeKey',
  'webhookKey',
  /** Another province's organization's key, holding every scope. */
  'otherKey',
] as const;
export type Persona = (typeof PERSONAS)[number];

/** Personas of other tenants: what they get for a victim's id must not differ from a missing id. */
export const OTHER_TENANTS: readonly Persona[] = [
  'otherProvince',
  'otherOrganization',
  'front',
  'otherFront',
  'frontAdmin',
  'mapEditor',
  'platform',
  'otherKey',
];

/** The victim tenant's own API keys, with the scopes their names say (setUpMatrixScene). */
export const VICTIM_KEYS = ['readKey', 'writeKey', 'webhookKey'] as const satisfies readonly Persona[];
const KEY_PERSONAS = [...VICTIM_KEYS, 'otherKey'] as const satisfies readonly Persona[];
type KeyPersona = (typeof KEY_PERSONAS)[number];
const isKeyPersona = (persona: Persona): persona is KeyPersona =>
  (KEY_PERSONAS as readonly Persona[]).includes(persona);
/** Who the web admin's matrix plays: pages take a session, never an API key. */
export const PAGE_PERSONAS: readonly Persona[] = PERSONAS.filter((persona) => !isKeyPersona(persona));
const KEY_SCOPES: Record<KeyPersona, readonly ApiKeyScope[]> = {
  readKey: ['members:read', 'figures:read'],
  writeKey: ['members:write'],
  webhookKey: ['webhooks:manage'],
  otherKey: API_KEY_SCOPES,
};

/**
 * Personas of the victim's province: the map's units are theirs as much as the victim's, so a
 * hamlet's id and name are no secret to them (mapMarkers), and its existence neither.
 */
export const PROVINCE_MEMBERS: readonly Persona[] = [
  'otherOrganization',
  'front',
  'frontAdmin',
  'mapEditor',
  'outOfScopeOfficer',
  'viewer',
  'branchOfficer',
  'owner',
  ...VICTIM_KEYS,
];

/** Who each persona signs in as; the forged token is the owner's, re-signed by a stranger's key. */
export const USERNAMES: Partial<Record<Persona, string>> = {
  otherProvince: 'beta.farmers',
  otherOrganization: 'alpha.women',
  front: 'alpha.front',
  otherFront: 'beta.front',
  /** The victim province's Front staff: the map's editor by role. */
  frontAdmin: 'alpha.front.admin',
  /** Another organization's admin of the victim province, granted map_editor by the operator. */
  mapEditor: 'alpha.youth',
  platform: 'root.operator',
  outOfScopeOfficer: 'alpha.farmers.daothanh',
  viewer: 'alpha.farmers.viewer',
  branchOfficer: 'alpha.farmers.victim-branch',
  owner: 'alpha.farmers',
};

export const VICTIM_TENANT = 'alpha:farmers';
const VICTIM_UNIT = { id: '28261-07', name: 'Khóm Bảy Riêng' };
const VICTIM_BRANCH = 'b-victim';
const VICTIM_MEMBER = { fullName: 'Trịnh Văn Kín', phone: '0912345678' };
const TRANSFERRED = { fullName: 'Lý Thị Chuyển', phone: '0987654321' };
const VICTIM_KEY = 'Khóa Tích Hợp Riêng';
const VICTIM_WEBHOOK = 'https://hook.alpha-farmers.example/rieng-bay';

/** The ids an operation's request is built from: the victim's, or ids that exist nowhere. */
export interface Ids {
  readonly unit: string;
  readonly branch: string;
  /** A second branch of the victim unit, where transfers and dissolutions send members. */
  readonly toBranch: string;
  readonly member: string;
  readonly transfer: string;
  /** A pending hamlet proposal the owner made in the victim's province. */
  readonly proposal: string;
  readonly province: string;
  /** A refresh token, for the authentication operations (a fresh one per allowed call). */
  readonly refreshToken: string;
  /** The victim member's pending introduction to the Party. */
  readonly introduction: string;
  /** An API key of the victim tenant that no persona uses. */
  readonly apiKey: string;
  /** A webhook endpoint of the victim tenant, and one of its deliveries (a test event). */
  readonly webhook: string;
  readonly delivery: string;
  /** A member list the victim's admin imported. */
  readonly import: string;
  /** A member list the victim's admin exported to a file. */
  readonly memberExport: string;
  /** A member list the victim's admin uploaded to the file store, not yet imported. */
  readonly importUpload: string;
}

export const MISSING_IDS: Ids = {
  unit: '28261-98',
  branch: 'b-nowhere',
  toBranch: 'b-nowhere-2',
  member: '00000000-0000-4000-8000-000000000000',
  transfer: '00000000-0000-4000-8000-000000000001',
  proposal: '00000000-0000-4000-8000-000000000002',
  province: 'nowhere',
  refreshToken: 'x.y.z',
  introduction: '00000000-0000-4000-8000-000000000003',
  apiKey: '00000000-0000-4000-8000-000000000004',
  webhook: '00000000-0000-4000-8000-000000000005',
  delivery: 'msg_000000000AAAAAAAAAAAAAAAA',
  import: 'imp-missing000000000',
  memberExport: 'exp-00000000000000000000',
  importUpload: 'imp-missingupload0000000',
};

export interface MatrixScene {
  readonly t: TestApp;
  readonly ids: Ids;
  /** Text that only the victim's records hold: none of it may reach a refused or other-tenant caller. */
  readonly markers: readonly string[];
  /** Text of the victim's hamlet on the province's map: none of it may reach another province. */
  readonly mapMarkers: readonly string[];
  readonly today: string;
  /** The Authorization header value a persona sends ('' for none). */
  authorization(persona: Persona): string;
  /** A member admitted for one allowed call, in the victim branch. */
  freshMember(): Promise<string>;
  /** A branch set up for one allowed call, in the victim unit. */
  freshBranch(): Promise<string>;
  /** A pending transfer into the victim tenant, for one allowed call. */
  freshTransfer(): Promise<string>;
  /** A pending hamlet proposal of the owner, for one allowed decision on it. */
  freshProposal(): Promise<string>;
  /** A member with a pending introduction to the Party, for one allowed outcome. */
  freshIntroduction(): Promise<{ member: string; introduction: string }>;
  /** The year the victim branch is rated for: the owner configured its residential criteria. */
  readonly ratingYear: string;
  /** A branch of the victim unit with a rating of ratingYear in this state, for one allowed change. */
  freshRating(state: 'draft' | 'submitted' | 'approved'): Promise<string>;
  /** An API key of the victim tenant, for one allowed revocation. */
  freshApiKey(): Promise<string>;
}

export async function setUpMatrixScene(): Promise<MatrixScene> {
  const { t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    onboard: provinceWithBranches,
    tenants: {
      [VICTIM_TENANT]: {
        units: [testHamlet(VICTIM_UNIT.id, '28261', VICTIM_UNIT.name)],
        branches: [
          testBranch(VICTIM_BRANCH, VICTIM_UNIT.id, 'Chi hội Riêng Bảy'),
          testBranch('b-victim-2', VICTIM_UNIT.id, 'Chi hội Riêng Tám'),
        ],
        officers: [
          {
            username: USERNAMES.outOfScopeOfficer as string,
            role: 'unit_officer',
            scope: { unitId: '28249' },
          },
          { username: USERNAMES.viewer as string, role: 'viewer', scope: null },
          {
            username: USERNAMES.branchOfficer as string,
            role: 'branch_officer',
            scope: { branchId: VICTIM_BRANCH },
          },
        ],
      },
    },
    signIn: [
      'alpha.farmers',
      'alpha.women',
      'alpha.front',
      'alpha.front.admin',
      'beta.farmers',
      'beta.front',
      'root.operator',
    ],
  });
  // The grant is in the token's claims: granted before the map editor signs in.
  await jsonOf(
    await t.request(`/api/v1/platform/provinces/alpha/map-editors/${USERNAMES.mapEditor}`, {
      method: 'PUT',
      token: token('root.operator'),
      json: {},
    }),
    200,
    'grant map_editor',
  );
  const mapEditor = (await t.signIn(USERNAMES.mapEditor as string)).access_token;
  const owner = token('alpha.farmers');
  const forged = await forgedLike(owner);
  const today = t.today;

  const admitVictim = async (person: { fullName: string; phone: string }) =>
    (await admitOk(t, owner, admission({ ...person, branchId: VICTIM_BRANCH }))).id;

  /** alpha:women sends one of its members to the victim tenant: an incoming transfer there. */
  const transferIn = async (person: { fullName: string; phone: string }) => {
    const women = token('alpha.women');
    const { id } = await admitOk(
      t,
      women,
      admission({ ...person, gender: 'female', branchId: 'b-28261-01' }),
    );
    await jsonOf(
      await postJson(t, women, `/api/v1/members/${id}/transfer-out`, {
        destination: { tenantId: VICTIM_TENANT, description: 'Hội Nông dân tỉnh alpha' },
        reason: 'Chuyển sang Hội Nông dân',
        effectiveDate: today,
      }),
      200,
      'transfer-out',
    );
    const page = await jsonOf<{ items: { id: string; from: { memberId: string } }[] }>(
      await t.request('/api/v1/incoming-transfers?limit=200', { token: owner }),
    );
    const transfer = page.items.find((item) => item.from.memberId === id);
    if (!transfer) throw new Error('the incoming transfer did not arrive');
    return transfer.id;
  };

  const member = await admitVictim(VICTIM_MEMBER);
  // A target to read: without one, reading it is a 404 for everyone.
  await jsonOf(
    await t.request(`/api/v1/units/${VICTIM_UNIT.id}/targets/2026`, {
      method: 'PUT',
      token: owner,
      json: { targetPopulation: 40 },
    }),
  );
  const transfer = await transferIn(TRANSFERRED);
  const propose = async (name: string) =>
    (
      await jsonOf<{ proposal: { id: string } }>(
        await postJson(t, owner, '/api/v1/map/proposals', { communeId: '28261', name, type: 'ap' }),
        201,
        'POST /api/v1/map/proposals',
      )
    ).proposal.id;
  const proposal = await propose('Ấp Đề Xuất Riêng');
  const nationalId = await jsonOf<{ nationalId: string }>(
    await t.request(`/api/v1/members/${member}/national-id`, { token: owner }),
  );
  const introduce = async (memberId: string) => {
    const introduced = await jsonOf<{ partyIntroductions: { id: string }[] }>(
      await postJson(t, owner, `/api/v1/members/${memberId}/party-introductions`, {
        introducedOn: today,
        decisionNumber: `${memberId.slice(0, 4)}-QĐ/HND`,
      }),
      200,
      'POST /api/v1/members/{id}/party-introductions',
    );
    return introduced.partyIntroductions.at(-1)?.id ?? '';
  };
  const introduction = await introduce(member);
  let serial = 0;
  const ratingYear = today.slice(0, 4);
  await jsonOf(
    await t.request(`/api/v1/rating-criteria/${ratingYear}/residential`, {
      method: 'PUT',
      token: owner,
      json: CRITERIA,
    }),
    201,
    'PUT /api/v1/rating-criteria/{year}/{branchKind}',
  );
  /** Rates a branch and takes its rating to `state`, as the owner. */
  const rate = async (branchId: string, state: 'draft' | 'submitted' | 'approved') => {
    const path = `/api/v1/branches/${branchId}/ratings/${ratingYear}`;
    await jsonOf(
      await t.request(path, { method: 'PUT', token: owner, json: SAMPLE_RATING }),
      201,
      `PUT ${path}`,
    );
    const steps = { draft: [], submitted: ['submit'], approved: ['submit', 'approve'] }[state];
    for (const step of steps)
      await jsonOf(await postJson(t, owner, `${path}/${step}`, {}), 200, `${path}/${step}`);
    return branchId;
  };
  await rate(VICTIM_BRANCH, 'draft');
  const victimKey = await createKey(t, owner, ['members:read'], { description: VICTIM_KEY });
  const keys = {
    ...Object.fromEntries(
      await Promise.all(
        VICTIM_KEYS.map(async (persona) => [persona, (await createKey(t, owner, KEY_SCOPES[persona])).key]),
      ),
    ),
    otherKey: (await createKey(t, token('beta.farmers'), KEY_SCOPES.otherKey)).key,
  } as Record<KeyPersona, string>;

  const scene: MatrixScene = {
    t,
    ids: {
      unit: VICTIM_UNIT.id,
      branch: VICTIM_BRANCH,
      toBranch: 'b-victim-2',
      member,
      transfer,
      proposal,
      province: 'alpha',
      refreshToken: 'x.y.z',
      introduction,
      apiKey: victimKey.id,
      ...(await victimWebhook(t, owner)),
      import: await victimImport(t, owner),
      memberExport: await victimExport(t, owner),
      importUpload: await victimUpload(t, owner),
    },
    mapMarkers: [VICTIM_UNIT.id, VICTIM_UNIT.name],
    markers: [
      VICTIM_BRANCH,
      'Chi hội Riêng',
      member,
      VICTIM_MEMBER.fullName,
      VICTIM_MEMBER.phone,
      nationalId.nationalId,
      transfer,
      TRANSFERRED.fullName,
      TRANSFERRED.phone,
      proposal,
      introduction,
      victimKey.id,
      victimKey.hint,
      VICTIM_KEY,
      VICTIM_WEBHOOK,
    ],
    today,
    authorization(persona) {
      if (persona === 'anonymous') return '';
      if (persona === 'forged') return `Bearer ${forged}`;
      if (persona === 'mapEditor') return `Bearer ${mapEditor}`;
      if (isKeyPersona(persona)) return `Bearer ${keys[persona]}`;
      return `Bearer ${token(USERNAMES[persona] as string)}`;
    },
    freshMember: () =>
      admitVictim({ fullName: 'Trịnh Văn Tạm', phone: `09${String(++serial).padStart(8, '0')}` }),
    async freshBranch() {
      const branch = await jsonOf<{ id: string }>(
        await postJson(t, owner, '/api/v1/branches', {
          name: `Chi hội Tạm ${++serial}`,
          kind: 'residential',
          unitId: VICTIM_UNIT.id,
        }),
        201,
        'POST /api/v1/branches',
      );
      return branch.id;
    },
    freshTransfer: () =>
      transferIn({ fullName: 'Lý Thị Tạm', phone: `08${String(++serial).padStart(8, '0')}` }),
    freshProposal: () => propose(`Ấp Đề Xuất Tạm ${++serial}`),
    async freshIntroduction() {
      const fresh = await admitVictim({
        fullName: 'Lê Văn Ưu Tú',
        phone: `08${String(++serial).padStart(8, '0')}`,
      });
      return { member: fresh, introduction: await introduce(fresh) };
    },
    ratingYear,
    freshRating: async (state) => rate(await scene.freshBranch(), state),
    freshApiKey: async () => (await createKey(t, owner, ['members:read'])).id,
  };
  return scene;
}

/** The owner's own token, same header and claims, signed by a key the app has never seen. */
async function forgedLike(token: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader(decodeProtectedHeader(token) as never)
    .sign(privateKey);
}

/** A unique id for throwaway records (provinces, idempotency keys). */
export const uniqueSuffix = () => randomUUID().slice(0, 8);

/** The owner's webhook endpoint and a delivery of it (a queued test event): what refused callers must not reach. */
/** A one-row list imported by the victim's admin into a branch of its own. */
/** Waits for the file to be written: the worker's writes must not land in a later call's snapshot. */
async function victimExport(t: TestApp, owner: string): Promise<string> {
  const started = await jsonOf<{ id: string }>(
    await t.request('/api/v1/member-exports', {
      method: 'POST',
      token: owner,
      json: { format: 'csv', branchId: VICTIM_BRANCH },
    }),
    202,
    'POST /api/v1/member-exports',
  );
  for (;;) {
    const status = await jsonOf<{ state: string }>(
      await t.request(`/api/v1/member-exports/${started.id}`, { token: owner }),
      200,
      'GET /api/v1/member-exports/{id}',
    );
    if (status.state !== 'running') return started.id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function victimImport(t: TestApp, owner: string): Promise<string> {
  const imported = await jsonOf<{ id: string }>(
    await t.request(`/api/v1/imports?unitId=${VICTIM_UNIT.id}`, {
      method: 'POST',
      token: owner,
      headers: { 'content-type': 'text/csv' },
      body: `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nLã Văn Nhập,Nam,02/03/1985,${VICTIM_BRANCH},01/01/2021\r\n`,
    }),
    201,
    'POST /api/v1/imports',
  );
  return imported.id;
}

/** A one-row list uploaded as the web admin's script sends it: imported at once when started. */
async function victimUpload(t: TestApp, owner: string): Promise<string> {
  const file = new TextEncoder().encode(
    `Họ và tên,Giới tính,Ngày sinh,Chi hội,Ngày vào hội\r\nLã Văn Tải,Nam,02/03/1985,${VICTIM_BRANCH},01/01/2021\r\n`,
  );
  const started = await jsonOf<{
    import: { id: string };
    upload: { url: string; headers: Record<string, string> };
  }>(
    await postJson(t, owner, '/api/v1/imports/uploads', {
      format: 'csv',
      size: file.length,
      unitId: VICTIM_UNIT.id,
    }),
    201,
    'POST /api/v1/imports/uploads',
  );
  const sent = await t.request(started.upload.url, {
    method: 'PUT',
    headers: started.upload.headers,
    body: file,
  });
  if (sent.status !== 200) throw new Error(`the upload was refused: ${sent.status}`);
  return started.import.id;
}

async function victimWebhook(t: TestApp, owner: string): Promise<{ webhook: string; delivery: string }> {
  const endpoint = await jsonOf<{ id: string }>(
    await postJson(t, owner, '/api/v1/webhooks', { url: VICTIM_WEBHOOK, eventTypes: ['member.created'] }),
    201,
    'POST /api/v1/webhooks',
  );
  const delivery = await jsonOf<{ id: string }>(
    await postJson(t, owner, `/api/v1/webhooks/${endpoint.id}/test`, {}),
    202,
    'POST /api/v1/webhooks/{id}/test',
  );
  return { webhook: endpoint.id, delivery: delivery.id };
}
