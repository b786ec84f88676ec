/**
 * Idempotency-Key on every member POST: one effect however often a request is retried, the same
 * answer each time (status, body, ETag) marked as a replay, a key reused for another request
 * refused, and concurrent twins settled on one effect.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admission,
  admitOk,
  auditOf,
  historyOf,
  listedIds,
  postJson,
  provinceWithBranches,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { createTestApp, expectProblem, getJson, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;
let betaFarmers: string;
let today: string;
let keys = 0;

beforeAll(async () => {
  t = await appWithProvinces(['alpha', 'beta'], provinceWithBranches);
  [farmers, betaFarmers] = await accessTokens(t, 'alpha.farmers', 'beta.farmers');
  today = t.today;
});

const newKey = () => `test-key-${++keys}-${Date.now()}`;

interface Answer {
  status: number;
  etag: string | null;
  location: string | null;
  replayed: string | null;
  contentType: string | null;
  text: string;
  body: Record<string, unknown>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    location: response.headers.get('location'),
    replayed: response.headers.get('idempotent-replayed'),
    contentType: response.headers.get('content-type'),
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** The same answer, byte for byte, apart from the replay mark. */
const sameAnswer = (a: Answer) => ({
  status: a.status,
  etag: a.etag,
  location: a.location,
  contentType: a.contentType,
  text: a.text,
});

/** Sends the same POST twice with one key and checks the second is the first replayed. */
async function twice(token: string, path: string, body: unknown): Promise<Answer> {
  const key = newKey();
  const first = await answer(await postJson(t, token, path, body, { 'idempotency-key': key }));
  const second = await answer(await postJson(t, token, path, body, { 'idempotency-key': key }));
  expect(first.replayed).toBeNull();
  expect(second.replayed).toBe('true');
  expect(sameAnswer(second)).toEqual(sameAnswer(first));
  return first;
}

/** Members of the tenant holding this national id: searching by the full number finds at most one. */
async function holders(token: string, nationalId: string): Promise<string[]> {
  return (await getJson<PageOf<{ id: string }>>(t, `/api/v1/members?q=${nationalId}`, token)).items.map(
    (m) => m.id,
  );
}

describe('Idempotency-Key', () => {
  it('admits once however often the admission is retried', async () => {
    // Prepare
    const body = admission({ fullName: 'Âu Văn Lặp', branchId: 'b-28261-02' });
    const before = await listedIds(t, farmers, 'branchId=b-28261-02');

    // Act
    const first = await twice(farmers, '/api/v1/members', body);

    // Assess
    expect(first).toMatchObject({ status: 201, etag: '"v1"', body: { fullName: 'Âu Văn Lặp' } });
    const after = await listedIds(t, farmers, 'branchId=b-28261-02');
    expect(after.filter((id) => !before.includes(id))).toEqual([first.body.id]);
    expect(await auditOf(t, farmers, { entityId: first.body.id as string })).toHaveLength(1);
  });

  it('replays the first answer even after the member changed since', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Âu Văn Cũ' }));
    const path = `/api/v1/members/${member.id}/status`;
    const body = { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: today };
    const key = newKey();
    const first = await answer(await postJson(t, farmers, path, body, { 'idempotency-key': key }));
    const back = await postJson(t, farmers, path, {
      status: 'active',
      reason: 'Trở lại',
      effectiveDate: today,
    });
    expect(back.status).toBe(200);
    const replay = await answer(await postJson(t, farmers, path, body, { 'idempotency-key': key }));
    expect(replay.replayed).toBe('true');
    expect(sameAnswer(replay)).toEqual(sameAnswer(first));
    expect(replay.body).toMatchObject({ status: 'lapsed', version: 2 });
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'active',
      version: 3,
    });
    expect((await historyOf(t, farmers, member.id)).map((e) => e.status)).toEqual([
      'active',
      'lapsed',
      'active',
    ]);
  });

  it('changes a status, moves, and transfers out once each', async () => {
    // Prepare
    const member = await admitOk(
      t,
      farmers,
      admission({ fullName: 'Âu Văn Ba Lần', joinedAt: '2020-02-02' }),
    );
    const base = `/api/v1/members/${member.id}`;

    // Act & Assess
    const away = await twice(farmers, `${base}/status`, {
      status: 'away',
      reason: 'Đi làm',
      effectiveDate: today,
      awayPlace: 'Bình Dương',
    });
    expect(away).toMatchObject({ status: 200, etag: '"v2"', body: { status: 'away' } });
    const moved = await twice(farmers, `${base}/transfer`, { toBranchId: 'b-28249-01' });
    expect(moved).toMatchObject({ status: 200, etag: '"v3"', body: { branchId: 'b-28249-01' } });
    const out = await twice(farmers, `${base}/transfer-out`, {
      destination: { tenantId: 'beta:farmers', description: 'Beta' },
      reason: 'Chuyển tỉnh',
      effectiveDate: today,
    });
    expect(out).toMatchObject({ status: 200, etag: '"v4"', body: { status: 'transferred_out' } });
    expect((await historyOf(t, farmers, member.id)).map((e) => e.type)).toEqual([
      'admitted',
      'status_changed',
      'transferred',
      'transferred_out',
    ]);
    expect(await auditOf(t, farmers, { entityId: member.id })).toHaveLength(4);
    const pending = await getJson<PageOf<{ id: string; from: { memberId: string } }>>(
      t,
      '/api/v1/incoming-transfers',
      betaFarmers,
    );
    const mine = pending.items.filter((p) => p.from.memberId === member.id);
    expect(mine).toHaveLength(1);

    // Accepting once too
    const accepted = await twice(betaFarmers, `/api/v1/incoming-transfers/${mine[0]?.id}/accept`, {
      branchId: 'b-28261-01',
    });
    expect(accepted).toMatchObject({ status: 201, etag: '"v1"', body: { fullName: 'Âu Văn Ba Lần' } });
    expect(await listedIds(t, betaFarmers, 'q=Âu Văn Ba Lần')).toEqual([accepted.body.id]);
  });

  it('refuses the same key for a different request with 422, changing nothing', async () => {
    // Prepare
    const key = newKey();
    const body = admission({ fullName: 'Âu Văn Khóa' });
    const first = await postJson(t, farmers, '/api/v1/members', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const member = (await first.json()) as { id: string };
    const other = admission({ fullName: 'Âu Văn Khác' });

    // Act & Assess
    await expectProblem(
      await postJson(t, farmers, '/api/v1/members', other, { 'idempotency-key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    // The same key on another endpoint is another request too.
    const lapse = { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: today };
    await expectProblem(
      await postJson(t, farmers, `/api/v1/members/${member.id}/status`, lapse, { 'idempotency-key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await holders(farmers, String(other.nationalId))).toEqual([]);
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({ version: 1 });
  });

  it('does not remember a refused request: the same key may then carry a corrected one', async () => {
    const key = newKey();
    const tooYoung = admission({ fullName: 'Âu Văn Sửa', birthDate: '2010-01-01', joinedAt: '2024-01-01' });
    await expectProblem(
      await postJson(
        t,
        farmers,
        '/api/v1/members',
        { ...tooYoung, nationalId: null },
        { 'idempotency-key': key },
      ),
      400,
      'NOT_ELIGIBLE',
    );
    const fixed = admission({ fullName: 'Âu Văn Sửa', birthDate: '1990-01-01' });
    const response = await postJson(t, farmers, '/api/v1/members', fixed, { 'idempotency-key': key });
    expect(response.status).toBe(201);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps keys per user: another user’s identical key is another request', async () => {
    const key = newKey();
    const mine = await postJson(t, farmers, '/api/v1/members', admission({ fullName: 'Âu Văn Của Tôi' }), {
      'idempotency-key': key,
    });
    const theirs = await postJson(
      t,
      betaFarmers,
      '/api/v1/members',
      admission({ fullName: 'Âu Văn Của Họ' }),
      {
        'idempotency-key': key,
      },
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a key that is not 1–255 printable characters', async () => {
    for (const key of ['', 'x'.repeat(256), 'two words']) {
      const body = admission({ fullName: 'Âu Văn Sai Khóa' });
      const response = await postJson(t, farmers, '/api/v1/members', body, { 'idempotency-key': key });
      await expectProblem(response, 400, 'INVALID_IDEMPOTENCY_KEY');
      expect(await holders(farmers, String(body.nationalId))).toEqual([]);
    }
  });
});

describe('concurrent retries with one key', () => {
  it('admit exactly one member, and all ten get the same answer', async () => {
    // Prepare
    const key = newKey();
    const body = admission({ fullName: 'Âu Văn Mười', branchId: 'b-agency-28261' });
    const before = await listedIds(t, farmers, 'branchId=b-agency-28261');

    // Act
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        answer(await postJson(t, farmers, '/api/v1/members', body, { 'idempotency-key': key })),
      ),
    );

    // Assess
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const [first, ...rest] = answers;
    for (const other of rest) expect(sameAnswer(other)).toEqual(sameAnswer(first as Answer));
    expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
    const added = (await listedIds(t, farmers, 'branchId=b-agency-28261')).filter(
      (id) => !before.includes(id),
    );
    expect(added).toEqual([first?.body.id]);
    expect(await holders(farmers, String(body.nationalId))).toEqual([first?.body.id]);
  });

  it('without a national id too: one member, ten identical answers', async () => {
    const key = newKey();
    const body = admission({ fullName: 'Âu Văn Không Số', branchId: 'b-agency-28261', nationalId: null });
    const before = await listedIds(t, farmers, 'branchId=b-agency-28261');
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        answer(await postJson(t, farmers, '/api/v1/members', body, { 'idempotency-key': key })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(sameAnswer(a)))).size).toBe(1);
    const added = (await listedIds(t, farmers, 'branchId=b-agency-28261')).filter(
      (id) => !before.includes(id),
    );
    expect(added).toHaveLength(1);
  });

  it('change a status exactly once', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Âu Văn Đồng Thời' }));
    const key = newKey();
    const body = { status: 'away', reason: 'Đi làm', effectiveDate: today, awayPlace: 'Long An' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        answer(
          await postJson(t, farmers, `/api/v1/members/${member.id}/status`, body, { 'idempotency-key': key }),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(sameAnswer(a)))).size).toBe(1);
    expect(await historyOf(t, farmers, member.id)).toHaveLength(2);
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'away',
      version: 2,
    });
  });
});

describe('what counts as the same request', () => {
  it('replays a retry that sends the same fields in another order, or its text decomposed (NFD)', async () => {
    // Prepare
    const body = admission({ fullName: 'Âu Văn Thứ Tự', address: 'Ấp Mỹ Hòa' });
    const reordered = Object.fromEntries(
      Object.entries({ ...body, address: 'Ấp Mỹ Hòa'.normalize('NFD') }).reverse(),
    );
    const key = newKey();
    const first = await answer(
      await postJson(t, farmers, '/api/v1/members', body, { 'idempotency-key': key }),
    );

    // Act
    const retry = await answer(
      await postJson(t, farmers, '/api/v1/members', reordered, { 'idempotency-key': key }),
    );

    // Assess
    expect(first.status).toBe(201);
    expect(retry.replayed).toBe('true');
    expect(sameAnswer(retry)).toEqual(sameAnswer(first));
  });
});

describe('an expired idempotency key', () => {
  it('is a new key, even before DynamoDB’s time to live has deleted its record', async () => {
    // Prepare: an app whose clock the test moves past the key's 24 hours.
    let ahead = 0;
    const clocked = await createTestApp({ clock: () => new Date(Date.now() + ahead) });
    await provinceWithBranches(clocked, 'gamma');
    const key = newKey();
    const admitWithKey = async (fullName: string) => {
      const token = (await clocked.signIn('gamma.farmers')).access_token;
      return answer(
        await postJson(clocked, token, '/api/v1/members', admission({ fullName }), {
          'idempotency-key': key,
        }),
      );
    };
    const first = await admitWithKey('Âu Văn Hôm Qua');

    // Act
    ahead = 24 * 60 * 60 * 1000 + 1000;
    const later = await admitWithKey('Âu Văn Hôm Nay');

    // Assess
    expect(first.status).toBe(201);
    expect(later).toMatchObject({ status: 201, replayed: null, body: { fullName: 'Âu Văn Hôm Nay' } });
    expect(later.body.id).not.toBe(first.body.id);
  });
});
