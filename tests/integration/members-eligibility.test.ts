/**
 * Who may join: each organization's rule checked on admission, a clear NOT_ELIGIBLE naming the
 * rule in both languages, and rules each tenant sets for itself, audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, admission, admit, admitOk, auditOf, provinceWithBranches } from '../setup/members.ts';
import { type Scene, setUpScene } from '../setup/scene.ts';
import { expectProblem, getJson, type TestApp } from '../setup/test-app.ts';

const SETTINGS = '/api/v1/settings/eligibility';
const JOINED = '2024-06-15';

let t: TestApp;
let token: Scene['token'];

beforeAll(async () => {
  ({ t, token } = await setUpScene({
    provinces: ['alpha', 'beta'],
    onboard: provinceWithBranches,
    tenants: {
      'alpha:farmers': {
        officers: [
          { username: 'alpha.farmers.officer', role: 'unit_officer', scope: { unitId: '28261' } },
          { username: 'alpha.farmers.viewer', role: 'viewer', scope: null },
        ],
      },
    },
    signIn: ['alpha.farmers', 'alpha.women', 'alpha.veterans', 'alpha.youth', 'alpha.front', 'beta.farmers'],
  }));
});

/** Born `years` years before JOINED, give or take days: on the birthday itself the years count. */
const bornYearsBefore = (years: number, days = 0) =>
  addDays(`${Number(JOINED.slice(0, 4)) - years}${JOINED.slice(4)}`, days);

const SERVICE = { enlistedOn: '1978-02-01', dischargedOn: '1983-05-01', unit: 'Sư đoàn 330' };

describe('the rules of each organization', () => {
  it('are the charters’ rules until a tenant sets its own', async () => {
    expect(await getJson(t, SETTINGS, token('alpha.farmers'))).toEqual({
      minAge: 18,
      maxAge: null,
      genders: null,
      requiresMilitaryService: false,
    });
    expect(await getJson(t, SETTINGS, token('alpha.women'))).toMatchObject({
      minAge: 18,
      genders: ['female'],
    });
    expect(await getJson(t, SETTINGS, token('alpha.veterans'))).toMatchObject({
      requiresMilitaryService: true,
    });
    expect(await getJson(t, SETTINGS, token('alpha.youth'))).toMatchObject({ minAge: 16, maxAge: 30 });
  });

  it('Youth Union: 16 to 30 at admission, birthdays counting on the day', async () => {
    const youth = token('alpha.youth');
    const body = (birthDate: string, fullName: string) =>
      admission({ fullName, birthDate, joinedAt: JOINED });

    const young = await expectProblem(
      await admit(t, youth, body(bornYearsBefore(16, 1), 'Lý Văn Nhỏ')),
      400,
      'NOT_ELIGIBLE',
    );
    expect(young.detailEn).toBe('Age rule: must be at least 16 when admitted (this person is 15).');
    expect(young.detail).toBe('Quy định về tuổi: phải từ 16 tuổi trở lên khi kết nạp (người này 15 tuổi).');
    expect(young.titleEn).toBe('Not eligible for admission');
    expect(young.errors).toEqual([expect.objectContaining({ path: 'body.birthDate', code: 'not_eligible' })]);
    const old = await expectProblem(
      await admit(t, youth, body(bornYearsBefore(31), 'Lý Văn Lớn')),
      400,
      'NOT_ELIGIBLE',
    );
    expect(old.detailEn).toContain('at most 30');
    expect(old.detail).toContain('không quá 30 tuổi');
    await admitOk(t, youth, body(bornYearsBefore(16), 'Lý Văn Mười Sáu'));
    await admitOk(t, youth, body(bornYearsBefore(31, 1), 'Lý Văn Ba Mươi'));
  });

  it('Women’s Union: women of 18 and over', async () => {
    const women = token('alpha.women');
    const man = await expectProblem(
      await admit(t, women, admission({ fullName: 'Cao Văn Nam', gender: 'male', joinedAt: JOINED })),
      400,
      'NOT_ELIGIBLE',
    );
    expect(man.detailEn).toBe('Gender rule: this organization admits women only.');
    expect(man.detail).toContain('chỉ kết nạp nữ');
    expect(man.errors).toEqual([expect.objectContaining({ path: 'body.gender', code: 'not_eligible' })]);
    const girl = await expectProblem(
      await admit(
        t,
        women,
        admission({
          fullName: 'Cao Thị Nhỏ',
          gender: 'female',
          birthDate: bornYearsBefore(18, 1),
          joinedAt: JOINED,
        }),
      ),
      400,
      'NOT_ELIGIBLE',
    );
    expect(girl.detailEn).toContain('at least 18');
    await admitOk(
      t,
      women,
      admission({
        fullName: 'Cao Thị Mai',
        gender: 'female',
        birthDate: bornYearsBefore(18),
        joinedAt: JOINED,
      }),
    );
  });

  it('Veterans’ Association: military service required', async () => {
    const veterans = token('alpha.veterans');
    const veteran = { fullName: 'Đinh Văn Lính', birthDate: '1958-04-30', joinedAt: JOINED };
    const problem = await expectProblem(await admit(t, veterans, admission(veteran)), 400, 'NOT_ELIGIBLE');
    expect(problem.detailEn).toContain('Military service rule');
    expect(problem.detail).toContain('Quy định về quân ngũ');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.veteranService', code: 'not_eligible' }),
    ]);
    await admitOk(t, veterans, admission({ ...veteran, veteranService: SERVICE }));
  });

  it('Farmers’ Union: 18 and over, whatever the gender', async () => {
    const farmers = token('alpha.farmers');
    await expectProblem(
      await admit(
        t,
        farmers,
        admission({ fullName: 'Mai Văn Trẻ', birthDate: bornYearsBefore(18, 1), joinedAt: JOINED }),
      ),
      400,
      'NOT_ELIGIBLE',
    );
    await admitOk(
      t,
      farmers,
      admission({ fullName: 'Mai Văn Đủ', birthDate: bornYearsBefore(18), joinedAt: JOINED }),
    );
    await admitOk(
      t,
      farmers,
      admission({ fullName: 'Mai Thị Đủ', gender: 'female', birthDate: '1970-01-01', joinedAt: JOINED }),
    );
  });

  it('judges the age on the day of admission, not today', async () => {
    // 17 on the day they joined, older now: still not eligible.
    await expectProblem(
      await admit(
        t,
        token('alpha.farmers'),
        admission({ fullName: 'Mai Văn Sớm', birthDate: '2000-03-01', joinedAt: '2018-02-28' }),
      ),
      400,
      'NOT_ELIGIBLE',
    );
  });
});

describe('a tenant’s own rules', () => {
  it('change what is accepted, for that tenant only, and are audited', async () => {
    // Prepare
    const admin = token('alpha.farmers');
    const nineteen = (fullName: string) =>
      admission({ fullName, birthDate: bornYearsBefore(19), joinedAt: JOINED });
    await admitOk(t, admin, nineteen('Kiều Văn Một'));
    const rules = { minAge: 20, maxAge: 70, genders: null, requiresMilitaryService: false };

    // Act
    const put = await t.request(SETTINGS, { method: 'PUT', token: admin, json: rules });

    // Assess
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual(rules);
    expect(await getJson(t, SETTINGS, admin)).toEqual(rules);
    const refused = await expectProblem(await admit(t, admin, nineteen('Kiều Văn Hai')), 400, 'NOT_ELIGIBLE');
    expect(refused.detailEn).toBe('Age rule: must be at least 20 when admitted (this person is 19).');
    const tooOld = await expectProblem(
      await admit(
        t,
        admin,
        admission({ fullName: 'Kiều Văn Già', birthDate: '1950-01-01', joinedAt: JOINED }),
      ),
      400,
      'NOT_ELIGIBLE',
    );
    expect(tooOld.detailEn).toContain('at most 70');
    await admitOk(
      t,
      admin,
      admission({ fullName: 'Kiều Văn Ba', birthDate: bornYearsBefore(20), joinedAt: JOINED }),
    );
    // Another province's farmers keep the charter's rule.
    await admitOk(t, token('beta.farmers'), nineteen('Kiều Văn Bốn'));
    expect(await getJson(t, SETTINGS, token('beta.farmers'))).toMatchObject({ minAge: 18 });

    const [record, ...older] = await auditOf(t, admin, { entityId: 'eligibility' });
    expect(older).toEqual([]);
    expect(record).toMatchObject({
      action: 'update',
      entityType: 'settings',
      entityId: 'eligibility',
      actor: { username: 'alpha.farmers', role: 'org_admin' },
      before: { minAge: 18, maxAge: null },
      after: { minAge: 20, maxAge: 70 },
      requestId: put.headers.get('x-request-id'),
    });
  });

  it('may open the Youth Union to 35 or the Women’s Union to anyone', async () => {
    const youth = token('alpha.youth');
    const thirtyThree = admission({
      fullName: 'Hà Văn Trưởng',
      birthDate: bornYearsBefore(33),
      joinedAt: JOINED,
    });
    await expectProblem(await admit(t, youth, thirtyThree), 400, 'NOT_ELIGIBLE');
    const put = await t.request(SETTINGS, {
      method: 'PUT',
      token: youth,
      json: { minAge: 16, maxAge: 35, genders: null, requiresMilitaryService: false },
    });
    expect(put.status).toBe(200);
    await admitOk(t, youth, { ...thirtyThree, nationalId: null });

    const women = token('alpha.women');
    const man = admission({ fullName: 'Hà Văn Ủng Hộ', joinedAt: JOINED });
    await expectProblem(await admit(t, women, man), 400, 'NOT_ELIGIBLE');
    const open = { minAge: 18, maxAge: null, genders: ['female', 'male'], requiresMilitaryService: false };
    expect((await t.request(SETTINGS, { method: 'PUT', token: women, json: open })).status).toBe(200);
    await admitOk(t, women, man);
  });

  it('may be set by the organization’s admin only, and only to sensible rules', async () => {
    // Prepare
    const admin = token('alpha.veterans');
    const rules = { minAge: 18, maxAge: null, genders: null, requiresMilitaryService: false };
    const auditBefore = await auditOf(t, admin, { entityId: 'eligibility' });
    const put = (username: string, json: unknown) =>
      t.request(SETTINGS, { method: 'PUT', token: token(username), json });

    // Act & Assess
    await expectProblem(await put('alpha.farmers.officer', rules), 403, 'FORBIDDEN');
    await expectProblem(await put('alpha.farmers.viewer', rules), 403, 'FORBIDDEN');
    await expectProblem(await put('alpha.front', rules), 403, 'FORBIDDEN');
    await expectProblem(await t.request(SETTINGS, { token: token('alpha.front') }), 403, 'FORBIDDEN');
    const upsideDown = await expectProblem(
      await put('alpha.veterans', { ...rules, minAge: 40, maxAge: 30 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(upsideDown.errors).toEqual([expect.objectContaining({ path: 'body.maxAge' })]);
    await expectProblem(await put('alpha.veterans', { ...rules, genders: [] }), 400, 'VALIDATION_FAILED');
    await expectProblem(await put('alpha.veterans', { ...rules, extra: true }), 400, 'VALIDATION_FAILED');
    await expectProblem(await put('alpha.veterans', { minAge: 18 }), 400, 'VALIDATION_FAILED');
    expect(await getJson(t, SETTINGS, admin)).toMatchObject({ requiresMilitaryService: true });
    expect(await auditOf(t, admin, { entityId: 'eligibility' })).toEqual(auditBefore);
  });
});
