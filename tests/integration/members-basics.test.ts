/** Admitting, reading and editing members over HTTP, with ETags and the national id protected. */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admit, admitOk, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { expectProblem, getJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
});

describe('admission', () => {
  it('creates a member, answers 201 with an ETag and a Location, and masks the national id', async () => {
    const body = admission({ fullName: 'Trần Thị Bích', gender: 'female', birthDate: '1990-02-03' });
    const response = await admit(t, farmers, body);
    expect(response.status).toBe(201);
    const member = (await response.json()) as Record<string, unknown>;
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('location')).toBe(`/api/v1/members/${member.id}`);
    expect(member).toMatchObject({
      fullName: 'Trần Thị Bích',
      branchId: 'b-28261-01',
      unitId: '28261-01',
      status: 'active',
      nationalIdMasked: `*********${String(body.nationalId).slice(-3)}`,
    });
    expect(JSON.stringify(member)).not.toContain(String(body.nationalId));
    const read = await t.request(`/api/v1/members/${member.id}`, { token: farmers });
    expect(read.headers.get('etag')).toBe('"v1"');
    expect(await read.json()).toEqual(member);
  });

  it('refuses a national id already held by another member with 409, enforced by the table', async () => {
    const first = admission({ fullName: 'Lê Văn Cường' });
    await admitOk(t, farmers, first);
    const twin = admission({ fullName: 'Lê Văn Cường Hai', nationalId: first.nationalId });
    await expectProblem(await admit(t, farmers, twin), 409, 'NATIONAL_ID_TAKEN');
  });

  it('checks the structure of the national id against gender and birth year', async () => {
    const body = admission({ gender: 'female', fullName: 'Phạm Thị Dung', birthDate: '1985-01-01' });
    const male = admission({ gender: 'male', birthDate: '1985-01-01' });
    const problem = await expectProblem(
      await admit(t, farmers, { ...body, nationalId: male.nationalId }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.nationalId', code: 'national_id_gender_century' }),
    ]);
  });
});

describe('editing', () => {
  it('needs If-Match, answers 412 when stale and bumps the ETag when applied', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Võ Văn Em' }));
    const path = `/api/v1/members/${member.id}`;
    await expectProblem(
      await t.request(path, { method: 'PATCH', token: farmers, json: { occupation: 'Trồng lúa' } }),
      428,
      'PRECONDITION_REQUIRED',
    );
    const ok = await t.request(path, {
      method: 'PATCH',
      token: farmers,
      json: { occupation: 'Trồng lúa' },
      headers: { 'if-match': '"v1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"v2"');
    await expectProblem(
      await t.request(path, {
        method: 'PATCH',
        token: farmers,
        json: { occupation: 'Nuôi cá' },
        headers: { 'if-match': '"v1"' },
      }),
      412,
      'PRECONDITION_FAILED',
    );
    expect(await getJson(t, path, farmers)).toMatchObject({ occupation: 'Trồng lúa', version: 2 });
  });
});
