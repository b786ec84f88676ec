/**
 * The Youth Union's coming-of-age list: the members who turn 30 in a year, so their branches can
 * see them off. Someone turning 30 that year is listed; someone a year younger or older is not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { admission, admitOk, provinceWithBranches } from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { getJson, type PageOf, type TestApp } from '../setup/test-app.ts';

let t: TestApp;
let youth: string;
/** Next year: whoever turns 30 then is 28 or 29 today, young enough to be admitted now. */
let year: number;
const ids: Record<'turning30' | 'younger' | 'older' | 'elsewhere', string> = {
  turning30: '',
  younger: '',
  older: '',
  elsewhere: '',
};

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [youth] = await accessTokens(t, 'alpha.youth');
  year = Number(t.today.slice(0, 4)) + 1;
  const admit = async (fullName: string, birthYear: number, branchId = 'b-28261-01') =>
    (await admitOk(t, youth, admission({ fullName, birthDate: `${birthYear}-02-14`, branchId }))).id;
  ids.turning30 = await admit('Lê Thanh Tâm', year - 30);
  ids.younger = await admit('Phan Văn Trẻ', year - 29);
  ids.older = await admit('Võ Thị Lớn', year - 31);
  ids.elsewhere = await admit('Đặng Văn Xa', year - 30, 'b-28249-01');
});

const listed = async (query: string) =>
  (await getJson<PageOf<{ id: string }>>(t, `/api/v1/members/coming-of-age?${query}`, youth)).items.map(
    (member) => member.id,
  );

describe('GET /api/v1/members/coming-of-age', () => {
  it('lists the members turning 30 that year, and nobody a year younger or older', async () => {
    const ofYear = await listed(`year=${year}`);

    expect(ofYear).toEqual(expect.arrayContaining([ids.turning30, ids.elsewhere]));
    expect(ofYear).not.toContain(ids.younger);
    expect(ofYear).not.toContain(ids.older);
  });

  it('lists the younger member the year after, and the older one the year before', async () => {
    expect(await listed(`year=${year + 1}`)).toEqual([ids.younger]);
    expect(await listed(`year=${year - 1}`)).toEqual([ids.older]);
  });

  it('keeps to the unit asked for', async () => {
    expect(await listed(`year=${year}&unitId=28261`)).toEqual([ids.turning30]);
    expect(await listed(`year=${year}&unitId=28249`)).toEqual([ids.elsewhere]);
  });
});
