/**
 * API keys for integrations, over HTTP against DynamoDB Local: an organization admin creates a
 * key (its secret in that answer only, kept as a hash), the key authenticates as itself, its last
 * use shows in the list (noted at most once a minute), revoked and expired keys are refused, a
 * key does only what its scopes allow and only in its own organization, its writes are audited
 * as the key, and each key is held to a number of requests a minute.
 *
 * The app's clock is the test's: it moves only when a test moves it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { API_KEY_REQUESTS_PER_MINUTE } from '../../shared/auth/api-key-authentication.ts';
import { API_KEY_CACHE_MS, ApiKeyCache } from '../../shared/auth/api-key-cache.ts';
import { hashApiKey } from '../../shared/auth/api-key-secret.ts';
import { logger } from '../../shared/config/logger.ts';
import { type CreatedKey, createKey } from '../setup/api-keys.ts';
import { admission, admit, admitOk, auditOf, patchMember, provinceWithBranches } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, jsonOf, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let token: Scene['token'];
let admin: string;
let now = Date.now();
const MINUTE_MS = 60_000;

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha'],
    onboard: provinceWithBranches,
    clock: () => new Date(now),
    tenants: { 'alpha:farmers': { officers: [{ username: 'alpha.viewer', role: 'viewer', scope: null }] } },
    signIn: ['alpha.farmers', 'alpha.women', 'alpha.front.admin'],
  }));
  admin = token('alpha.farmers');
});

const withKey = (key: CreatedKey, path: string, init: RequestInit & { json?: unknown } = {}) =>
  t.request(path, { ...init, token: key.key });
const listKeys = async () =>
  (await getJson<PageOf<Record<string, unknown>>>(t, '/api/v1/api-keys', admin)).items;
const readKey = (id: string) => getJson<Record<string, unknown>>(t, `/api/v1/api-keys/${id}`, admin);
const revoke = async (id: string) =>
  jsonOf<{ revokedAt: string | null }>(
    await t.request(`/api/v1/api-keys/${id}`, { method: 'DELETE', token: admin }),
  );
const membersOfBranch = '/api/v1/members?branchId=b-28261-01&limit=200';

describe('the key’s life: created, shown once, used, listed with its last use, revoked', () => {
  let key: CreatedKey;

  it('answers the secret once, with a recognisable prefix, and keeps only its hash', async () => {
    key = await createKey(t, admin, ['members:read'], { description: 'Cổng thông tin tỉnh' });
    expect(key.key).toMatch(/^dtk_[\w-]{43}$/);
    expect(key.hint).toBe(key.key.slice(0, 8));
    const stored = await t.deps.table.forTenant('alpha:farmers' as never).get({ pk: 'API_KEYS', sk: key.id });
    expect(JSON.stringify(stored)).not.toContain(key.key);
    expect(stored).toMatchObject({ hash: hashApiKey(key.key), scopes: ['members:read'] });
    for (const shown of [await readKey(key.id), ...(await listKeys())]) {
      expect(shown).not.toHaveProperty('key');
      expect(shown).not.toHaveProperty('hash');
    }
  });

  it('authenticates as the key, and the list shows when it was last used', async () => {
    expect(await readKey(key.id)).toMatchObject({ lastUsedAt: null });
    const me = await jsonOf<Record<string, unknown>>(await withKey(key, '/api/v1/me'));
    expect(me).toMatchObject({ userId: `key:${key.id}`, role: 'api_key', tenantId: 'alpha:farmers' });
    await jsonOf(await withKey(key, membersOfBranch));
    const used = new Date(now).toISOString();
    expect((await listKeys()).find((k) => k.id === key.id)).toMatchObject({ lastUsedAt: used });
  });

  it('notes the last use at most once a minute', async () => {
    const first = (await readKey(key.id)).lastUsedAt;
    now += 30_000;
    await jsonOf(await withKey(key, membersOfBranch));
    expect((await readKey(key.id)).lastUsedAt).toBe(first);
    now += 31_000;
    await jsonOf(await withKey(key, membersOfBranch));
    expect((await readKey(key.id)).lastUsedAt).toBe(new Date(now).toISOString());
  });

  it('refuses a revoked key with 401, and still lists it as revoked', async () => {
    const revoked = await revoke(key.id);
    expect(revoked.revokedAt).toBe(new Date(now).toISOString());
    const problem = await expectProblem(await withKey(key, membersOfBranch), 401, 'UNAUTHENTICATED');
    expect(problem.title).toBeTruthy();
    expect(problem.titleEn).toBeTruthy();
    expect((await listKeys()).find((k) => k.id === key.id)).toMatchObject({ revokedBy: 'alpha.farmers' });
    // Revoking again changes nothing.
    expect((await revoke(key.id)).revokedAt).toBe(revoked.revokedAt);
  });

  it('audits the creation and the revocation with the admin as actor', async () => {
    const actions = (await auditOf(t, admin, { entityId: key.id })).map((r) => [r.action, r.actor.username]);
    expect(actions).toEqual([
      ['revoke', 'alpha.farmers'],
      ['create', 'alpha.farmers'],
    ]);
  });
});

describe('keys that must not authenticate', () => {
  it('refuses an expired key with 401', async () => {
    const key = await createKey(t, admin, ['members:read'], { days: 1 });
    await jsonOf(await withKey(key, membersOfBranch));
    const day = 24 * 60 * MINUTE_MS;
    now += day + 1000;
    const answer = await withKey(key, membersOfBranch);
    // Back to where the scene's access tokens still live, before anything can fail.
    now -= day + 1000;
    await expectProblem(answer, 401, 'UNAUTHENTICATED');
  });

  it('refuses a well-formed key nobody created, and a mangled one', async () => {
    await expectProblem(
      await t.request('/api/v1/me', { token: `dtk_${'A'.repeat(43)}` }),
      401,
      'UNAUTHENTICATED',
    );
    const key = await createKey(t, admin, ['members:read']);
    await expectProblem(await t.request('/api/v1/me', { token: `${key.key}x` }), 401, 'UNAUTHENTICATED');
  });
});

describe('a key does what its scopes allow, in its own organization only', () => {
  let reader: CreatedKey;
  let writer: CreatedKey;
  let member: { id: string; version: number };

  beforeAll(async () => {
    reader = await createKey(t, admin, ['members:read', 'figures:read'], { description: 'Chỉ đọc' });
    writer = await createKey(t, admin, ['members:write'], { description: 'Zalo bot' });
    member = await admitOk(t, admin, admission({ fullName: 'Phạm Văn Đọc' }));
  });

  it('a read key cannot admit nor change a member, and nothing changes', async () => {
    const before = await jsonOf<PageOf<{ id: string }>>(await t.request(membersOfBranch, { token: admin }));
    await expectProblem(
      await admit(t, reader.key, admission({ fullName: 'Không Được Ghi' })),
      403,
      'FORBIDDEN',
    );
    await expectProblem(
      await patchMember(t, reader.key, member.id, { fullName: 'Đổi Tên' }, `"v${member.version}"`),
      403,
      'FORBIDDEN',
    );
    const after = await jsonOf<PageOf<{ id: string }>>(await t.request(membersOfBranch, { token: admin }));
    expect(after.items.map((m) => m.id)).toEqual(before.items.map((m) => m.id));
    expect(await getJson(t, `/api/v1/members/${member.id}`, admin)).toMatchObject({
      fullName: 'Phạm Văn Đọc',
      version: member.version,
    });
  });

  it('a read key reads members, never a national id in full', async () => {
    await jsonOf(await withKey(reader, `/api/v1/members/${member.id}`));
    await expectProblem(await withKey(reader, `/api/v1/members/${member.id}/national-id`), 403, 'FORBIDDEN');
  });

  it('a write key admits, and the audit names the key as the actor', async () => {
    const admitted = await admitOk(
      t,
      writer.key,
      admission({ fullName: 'Lê Thị Tích Hợp', gender: 'female' }),
    );
    const [record] = await auditOf(t, admin, { entityId: admitted.id });
    expect(record?.actor).toEqual({ userId: `key:${writer.id}`, username: 'key:Zalo bot', role: 'api_key' });
    expect((await auditOf(t, admin, { actor: `key:${writer.id}` })).map((r) => r.entityId)).toEqual([
      admitted.id,
    ]);
  });

  it('a write key cannot read members: write does not imply read', async () => {
    await expectProblem(await withKey(writer, membersOfBranch), 403, 'FORBIDDEN');
  });

  it('no key manages keys, nor reaches what no scope names', async () => {
    for (const key of [reader, writer]) {
      await expectProblem(await withKey(key, '/api/v1/api-keys'), 403, 'FORBIDDEN');
      await expectProblem(await withKey(key, '/api/v1/audit?entityId=x'), 403, 'FORBIDDEN');
      await expectProblem(await withKey(key, '/api/v1/units'), 403, 'FORBIDDEN');
    }
  });

  it('a key opens no page of the web admin, as a header or as a session cookie', async () => {
    const asHeader = await withKey(reader, '/members');
    expect([asHeader.status, asHeader.headers.get('location')]).toEqual([303, '/?back=%2Fmembers']);
    const asCookie = await t.request('/members', { headers: { cookie: `session=${reader.key}` } });
    expect([asCookie.status, asCookie.headers.get('location')]).toEqual([
      307,
      '/session/refresh?back=%2Fmembers',
    ]);
  });

  it('logs every request of a key, reads included, as the key', async () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => lines.push(String(chunk)) > 0) as typeof write;
    logger.setLogLevel('INFO');
    try {
      await jsonOf(await withKey(reader, `/api/v1/members/${member.id}`));
    } finally {
      logger.setLogLevel('SILENT');
      process.stdout.write = write;
    }
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.message === 'request');
    expect(logged).toMatchObject({
      path: `/api/v1/members/${member.id}`,
      status: 200,
      actor: `key:${reader.id}`,
    });
  });

  it('a key never reaches another organization’s members', async () => {
    const women = token('alpha.women');
    const theirs = await admitOk(t, women, admission({ fullName: 'Võ Thị Khác', gender: 'female' }));
    await expectProblem(await withKey(reader, `/api/v1/members/${theirs.id}`), 404, 'MEMBER_NOT_FOUND');
  });
});

describe('who manages keys', () => {
  it('only the organization’s admin: a viewer and the Front are refused', async () => {
    const body = {
      description: 'x',
      scopes: ['members:read'],
      validUntil: new Date(now + MINUTE_MS * 60).toISOString(),
    };
    for (const who of [token('alpha.viewer'), token('alpha.front.admin')]) {
      await expectProblem(
        await t.request('/api/v1/api-keys', { method: 'POST', token: who, json: body }),
        403,
        'FORBIDDEN',
      );
      await expectProblem(await t.request('/api/v1/api-keys', { token: who }), 403, 'FORBIDDEN');
    }
  });

  it('another organization’s admin neither sees nor revokes the key', async () => {
    const key = await createKey(t, admin, ['members:read']);
    const women = token('alpha.women');
    expect((await getJson<PageOf<{ id: string }>>(t, '/api/v1/api-keys', women)).items).toEqual([]);
    await expectProblem(
      await t.request(`/api/v1/api-keys/${key.id}`, { method: 'DELETE', token: women }),
      404,
      'API_KEY_NOT_FOUND',
    );
    await jsonOf(await withKey(key, '/api/v1/me'));
  });
});

describe('bad input', () => {
  const create = (body: unknown) =>
    t.request('/api/v1/api-keys', { method: 'POST', token: admin, json: body });
  const inDays = (days: number) => new Date(now + days * 24 * 60 * MINUTE_MS).toISOString();

  it.each([
    ['in the past', -1],
    ['more than a year away', 367],
  ])('refuses an expiry %s, in Vietnamese and English', async (_, days) => {
    const problem = await expectProblem(
      await create({ description: 'Hết hạn', scopes: ['members:read'], validUntil: inDays(days) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([
      {
        path: 'body.validUntil',
        code: 'api_key_expiry',
        message: 'Ngày hết hạn phải sau thời điểm hiện tại và không quá một năm',
        messageEn: 'The expiry must be in the future and at most one year away',
      },
    ]);
  });

  it('refuses an unknown scope, no scope, a missing description and a missing expiry', async () => {
    const problem = await expectProblem(
      await create({ description: '', scopes: ['members:delete'] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      'body.description',
      'body.scopes.0',
      'body.validUntil',
    ]);
    expect(problem.title).toBe('Dữ liệu không hợp lệ');
    expect(problem.titleEn).toBe('Invalid input');
    await expectProblem(
      await create({ description: 'x', scopes: [], validUntil: inDays(1) }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

/**
 * A second process of the API over the same table, as another Lambda instance is: its own copies
 * of the keys in use, the same clock.
 */
function anotherProcess() {
  const app = createApp({ ...t.deps, apiKeyCache: new ApiKeyCache() });
  return (key: CreatedKey, path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${key.key}` } });
}

describe('keys kept in memory for 30 s', () => {
  it('a revocation refuses the key at once where it was made, and within 30 s in other processes', async () => {
    // Prepare
    const key = await createKey(t, admin, ['members:read']);
    const other = anotherProcess();
    await jsonOf(await withKey(key, '/api/v1/me'));
    await jsonOf(await other(key, '/api/v1/me'));

    // Act
    await revoke(key.id);
    const here = await withKey(key, '/api/v1/me');
    const elsewhere = await other(key, '/api/v1/me');
    now += API_KEY_CACHE_MS;
    const elsewhereLater = await other(key, '/api/v1/me');

    // Assess
    await expectProblem(here, 401, 'UNAUTHENTICATED');
    // Its copy, read before the revocation, still holds: proof that a request read no key.
    expect(elsewhere.status).toBe(200);
    await expectProblem(elsewhereLater, 401, 'UNAUTHENTICATED');
  });

  it('two processes noting a last use write it once: the later one finds it noted', async () => {
    // Prepare
    const key = await createKey(t, admin, ['members:read']);
    const other = anotherProcess();
    const start = now;
    await jsonOf(await withKey(key, '/api/v1/me'));
    now = start + 40_000;
    await jsonOf(await other(key, '/api/v1/me'));

    // Act: this process notes a use at 61 s; the other, whose copy says 0 s, tries at 65 s.
    now = start + 61_000;
    await jsonOf(await withKey(key, '/api/v1/me'));
    now = start + 65_000;
    await jsonOf(await other(key, '/api/v1/me'));

    // Assess
    expect((await readKey(key.id)).lastUsedAt).toBe(new Date(start + 61_000).toISOString());
  });
});

describe('requests per key and minute', () => {
  it('answers 429 with Retry-After past the limit, until the next minute', async () => {
    const key = await createKey(t, admin, ['members:read']);
    // The start of a minute of its own, 15 s in: Retry-After is known exactly.
    now = (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS + 15_000;
    for (let sent = 0; sent < API_KEY_REQUESTS_PER_MINUTE; sent += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => withKey(key, '/api/v1/me')));
      expect(batch.map((r) => r.status)).toEqual(batch.map(() => 200));
    }
    const refused = await withKey(key, '/api/v1/me');
    const problem = await expectProblem(refused, 429, 'API_KEY_RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(problem.detail).toContain('45 giây');
    expect(problem.detailEn).toContain('45 seconds');
    // Another key of the organization is not held back by this one.
    await jsonOf(await withKey(await createKey(t, admin, ['members:read']), '/api/v1/me'));
    now += 45_000;
    await jsonOf(await withKey(key, '/api/v1/me'));
  });
});
