/**
 * If-Match is compared strongly (RFC 9110 §13.1.1): a weak tag names a representation that is
 * only equivalent, never the exact version a write must be based on, so it never matches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, patchMember, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { expectProblem, getJson, patchJson, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let farmers: string;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers] = await accessTokens(t, 'alpha.farmers');
});

describe('a write with a weak If-Match', () => {
  it('is PRECONDITION_FAILED for a member edit even when the weak tag names the current version', async () => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ fullName: 'Lê Văn Yếu' }));

    // Act
    const response = await patchMember(t, farmers, member.id, { occupation: 'Trồng lúa' }, 'W/"v1"');

    // Assess
    await expectProblem(response, 412, 'PRECONDITION_FAILED');
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      occupation: null,
      version: 1,
    });
  });

  it('is PRECONDITION_FAILED for a branch edit even when the weak tag names the current version', async () => {
    // Prepare
    const path = '/api/v1/branches/b-28261-01';
    const { version } = await getJson<{ version: number }>(t, path, farmers);

    // Act
    const response = await patchJson(t, farmers, path, { name: 'Chi hội đổi tên' }, `W/"v${version}"`);

    // Assess
    await expectProblem(response, 412, 'PRECONDITION_FAILED');
    expect(await getJson(t, path, farmers)).toMatchObject({ version });
  });

  it('applies when the same version is named by its strong tag (control)', async () => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ fullName: 'Lê Văn Mạnh' }));

    // Act
    const response = await patchMember(t, farmers, member.id, { occupation: 'Trồng lúa' }, '"v1"');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"v2"');
  });
});
