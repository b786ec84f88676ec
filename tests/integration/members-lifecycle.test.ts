/**
 * A membership's life over HTTP: status changes with their rules, the history they leave, what a
 * refused change leaves (nothing), and a property-based run of random requests against a model.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  admission,
  admitOk,
  auditOf,
  historyOf,
  listedIds,
  patchMember,
  postJson,
  provinceWithBranches,
  userIdOf,
} from '../setup/members.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { expectProblem, getJson, type TestApp } from '../setup/test-app.ts';

interface MemberBody {
  id: string;
  status: string;
  statusSince: string;
  awayPlace: string | null;
  version: number;
  branchId: string;
}

let t: TestApp;
let farmers: string;
let youth: string;
let today: string;
let year: number;

beforeAll(async () => {
  t = await appWithProvinces(['alpha'], provinceWithBranches);
  [farmers, youth] = await accessTokens(t, 'alpha.farmers', 'alpha.youth');
  today = t.today;
  year = Number(today.slice(0, 4));
});

const statusOf = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(t, token, `/api/v1/members/${id}/status`, body, headers);

/** A youth member admitted five years ago, born so they turn `ageThisYear` this year. */
function youthAdmission(ageThisYear: number, fullName = 'Lê Thanh Tâm') {
  return admission({
    fullName,
    birthDate: `${year - ageThisYear}-03-10`,
    joinedAt: `${year - 5}-01-15`,
  });
}

describe('status changes', () => {
  it('records each change as an event with its date, reason and who made it', async () => {
    // Prepare
    const member = await admitOk<MemberBody>(
      t,
      farmers,
      admission({ fullName: 'Võ Thị Hạnh', joinedAt: '2020-01-15' }),
    );
    const userId = await userIdOf(t, farmers);

    // Act
    const away = await statusOf(farmers, member.id, {
      status: 'away',
      reason: 'Đi làm công nhân',
      effectiveDate: '2023-02-01',
      awayPlace: 'KCN Tân Tạo, TP. Hồ Chí Minh',
    });
    const back = await statusOf(farmers, member.id, {
      status: 'active',
      reason: 'Về địa phương',
      effectiveDate: '2024-06-30',
      awayPlace: 'ignored when not away',
    });

    // Assess
    expect(away.status).toBe(200);
    expect(await away.json()).toMatchObject({
      status: 'away',
      statusSince: '2023-02-01',
      awayPlace: 'KCN Tân Tạo, TP. Hồ Chí Minh',
      version: 2,
    });
    expect(back.status).toBe(200);
    expect(back.headers.get('etag')).toBe('"v3"');
    expect(await back.json()).toMatchObject({ status: 'active', statusSince: '2024-06-30', awayPlace: null });
    const history = await historyOf(t, farmers, member.id);
    expect(
      history.map(({ type, status, effectiveDate, reason, awayPlace }) => ({
        type,
        status,
        effectiveDate,
        reason,
        awayPlace,
      })),
    ).toEqual([
      { type: 'admitted', status: 'active', effectiveDate: '2020-01-15', reason: null, awayPlace: null },
      {
        type: 'status_changed',
        status: 'away',
        effectiveDate: '2023-02-01',
        reason: 'Đi làm công nhân',
        awayPlace: 'KCN Tân Tạo, TP. Hồ Chí Minh',
      },
      {
        type: 'status_changed',
        status: 'active',
        effectiveDate: '2024-06-30',
        reason: 'Về địa phương',
        awayPlace: null,
      },
    ]);
    for (const event of history) expect(event.recordedBy).toEqual({ userId, username: 'alpha.farmers' });
  });

  it('needs the place when a member goes away', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Đặng Văn Lộc' }));
    const problem = await expectProblem(
      await statusOf(farmers, member.id, { status: 'away', reason: 'Đi làm ăn xa', effectiveDate: today }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'body.awayPlace', code: 'required_when_away' }),
    ]);
  });

  it('accepts an effective date from the day the current status began to today, and refuses others with 400', async () => {
    // Prepare
    const member = await admitOk(
      t,
      farmers,
      admission({ fullName: 'Huỳnh Văn Phúc', joinedAt: '2021-05-05' }),
    );
    const change = (status: string, effectiveDate: string) =>
      statusOf(farmers, member.id, { status, reason: 'Kiểm tra', effectiveDate, awayPlace: 'Cần Thơ' });

    // Act & Assess
    const before = await expectProblem(
      await change('lapsed', '2021-05-04'),
      400,
      'EFFECTIVE_DATE_OUT_OF_RANGE',
    );
    expect(before.detailEn).toContain('2021-05-05');
    expect(before.errors).toEqual([
      expect.objectContaining({ path: 'body.effectiveDate', code: 'out_of_range' }),
    ]);
    await expectProblem(await change('lapsed', addDays(today, 1)), 400, 'EFFECTIVE_DATE_OUT_OF_RANGE');
    expect((await change('lapsed', '2021-05-05')).status).toBe(200);
    // The new status began on 2021-05-05: a change may take effect that same day, not the day before.
    await expectProblem(await change('away', '2021-05-04'), 400, 'EFFECTIVE_DATE_OUT_OF_RANGE');
    expect((await change('away', today)).status).toBe(200);
    await expectProblem(await change('active', addDays(today, -1)), 400, 'EFFECTIVE_DATE_OUT_OF_RANGE');
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'away',
      statusSince: today,
      version: 3,
    });
  });

  it('refuses a transition the table does not allow with 409, and leaves the member and the audit trail alone', async () => {
    // Prepare
    const admin = farmers;
    const member = await admitOk(t, farmers, admission({ fullName: 'Phan Văn Quý' }));
    const sameStatus = await statusOf(farmers, member.id, {
      status: 'active',
      reason: 'Lặp lại',
      effectiveDate: today,
    });
    await expectProblem(sameStatus, 409, 'INVALID_STATUS_TRANSITION');
    const removed = await statusOf(farmers, member.id, {
      status: 'removed',
      reason: 'Xóa tên',
      effectiveDate: today,
    });
    expect(removed.status).toBe(200);
    const auditBefore = await auditOf(t, admin, { entityId: member.id });
    const historyBefore = await historyOf(t, farmers, member.id);

    // Act
    const problem = await expectProblem(
      await statusOf(farmers, member.id, { status: 'active', reason: 'Sinh hoạt lại', effectiveDate: today }),
      409,
      'INVALID_STATUS_TRANSITION',
    );

    // Assess
    expect(problem.detailEn).toContain('"removed"');
    expect(problem.detail).toContain('"removed"');
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'removed',
      version: 2,
    });
    expect(await historyOf(t, farmers, member.id)).toEqual(historyBefore);
    expect(await auditOf(t, admin, { entityId: member.id })).toEqual(auditBefore);
  });

  it('sends transfers out of the organization to /transfer-out', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Tô Văn Sang' }));
    await expectProblem(
      await statusOf(farmers, member.id, {
        status: 'transferred_out',
        reason: 'Chuyển đi',
        effectiveDate: today,
      }),
      400,
      'USE_TRANSFER_OUT',
    );
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'active',
      version: 1,
    });
  });

  it('graduates Youth Union members turning 30 this year, and nobody else', async () => {
    // Prepare
    const turning30 = await admitOk(t, youth, youthAdmission(30, 'Lê Thanh Tâm'));
    const older = await admitOk(t, youth, youthAdmission(31, 'Lê Thanh Tú'));
    const younger = await admitOk(t, youth, youthAdmission(29, 'Lê Thanh Trúc'));
    const farmer = await admitOk(
      t,
      farmers,
      admission({ fullName: 'Lê Văn Thành', birthDate: `${year - 30}-01-01`, joinedAt: `${year - 5}-01-01` }),
    );
    const graduate = (token: string, id: string) =>
      statusOf(token, id, { status: 'graduated', reason: 'Trưởng thành Đoàn', effectiveDate: today });

    // Act & Assess
    const ok = await graduate(youth, turning30.id);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'graduated', statusSince: today });
    expect((await graduate(youth, older.id)).status).toBe(200);
    const tooYoung = await expectProblem(await graduate(youth, younger.id), 409, 'CANNOT_GRADUATE');
    expect(tooYoung.detailEn).toContain('29');
    await expectProblem(await graduate(farmers, farmer.id), 409, 'CANNOT_GRADUATE');
    // A graduate has left the Union's lists, and is no longer among those coming of age this year.
    expect(await listedIds(t, youth, 'branchId=b-28261-01')).not.toContain(turning30.id);
    expect(await listedIds(t, youth, 'status=graduated')).toContain(turning30.id);
    const comingOfAge = await getJson<{ items: { id: string }[] }>(
      t,
      `/api/v1/members/coming-of-age?year=${year}`,
      youth,
    );
    expect(comingOfAge.items.map((m) => m.id)).not.toContain(turning30.id);
  });

  it('ends a membership for good: an ended member is neither edited nor moved', async () => {
    // Prepare
    const member = await admitOk(t, farmers, admission({ fullName: 'Trương Văn Út' }));
    await statusOf(farmers, member.id, { status: 'deceased', reason: 'Từ trần', effectiveDate: today });

    // Act & Assess
    await expectProblem(
      await patchMember(t, farmers, member.id, { occupation: 'Làm vườn' }, '"v2"'),
      409,
      'MEMBERSHIP_ENDED',
    );
    await expectProblem(
      await postJson(t, farmers, `/api/v1/members/${member.id}/transfer`, { toBranchId: 'b-28261-02' }),
      409,
      'MEMBERSHIP_ENDED',
    );
    await expectProblem(
      await postJson(t, farmers, `/api/v1/members/${member.id}/transfer-out`, {
        destination: { description: 'Nơi khác' },
        reason: 'Chuyển đi',
        effectiveDate: today,
      }),
      409,
      'INVALID_STATUS_TRANSITION',
    );
    expect(await listedIds(t, farmers, 'branchId=b-28261-01')).not.toContain(member.id);
    expect(await listedIds(t, farmers, 'status=deceased')).toContain(member.id);
    expect(await getJson(t, `/api/v1/members/${member.id}`, farmers)).toMatchObject({
      status: 'deceased',
      version: 2,
    });
  });

  it('takes an optional If-Match: 412 when stale, applied when current', async () => {
    const member = await admitOk(t, farmers, admission({ fullName: 'Lâm Văn Vũ' }));
    const body = { status: 'lapsed', reason: 'Bỏ sinh hoạt', effectiveDate: today };
    await expectProblem(
      await statusOf(farmers, member.id, body, { 'if-match': '"v7"' }),
      412,
      'PRECONDITION_FAILED',
    );
    await expectProblem(
      await statusOf(farmers, member.id, body, { 'if-match': 'not-an-etag' }),
      412,
      'PRECONDITION_FAILED',
    );
    expect(await historyOf(t, farmers, member.id)).toHaveLength(1);
    const ok = await statusOf(farmers, member.id, body, { 'if-match': '"v1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"v2"');
  });
});

// ——— Random sequences of requests against a model of the rules ———

const ALLOWED: Record<string, readonly string[]> = {
  active: ['away', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  away: ['active', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'],
  lapsed: ['active', 'away', 'transferred_out', 'removed', 'deceased', 'graduated'],
};
const STATUSES = ['active', 'away', 'lapsed', 'transferred_out', 'removed', 'deceased', 'graduated'] as const;
const WHEN = ['before', 'same', 'between', 'today', 'future'] as const;

interface Step {
  readonly status: (typeof STATUSES)[number];
  readonly when: (typeof WHEN)[number];
  readonly withPlace: boolean;
}

function dateFor(when: Step['when'], since: string, today: string): string {
  switch (when) {
    case 'before':
      return addDays(since, -1);
    case 'same':
      return since;
    case 'between':
      return addDays(since, Math.floor((Date.parse(today) - Date.parse(since)) / 86_400_000 / 2));
    case 'today':
      return today;
    case 'future':
      return addDays(today, 1);
  }
}

/** The status code the rules give a request, and the state after it. */
function expected(
  state: { status: string; since: string },
  request: { status: string; effectiveDate: string; withPlace: boolean },
  birthYear: number,
  today: string,
): number {
  if (request.status === 'transferred_out') return 400;
  if (!(ALLOWED[state.status] ?? []).includes(request.status)) return 409;
  if (request.effectiveDate < state.since || request.effectiveDate > today) return 400;
  if (request.status === 'away' && !request.withPlace) return 400;
  // Only those turning 30 (or older) in the year the change takes effect come of age.
  if (request.status === 'graduated' && Number(request.effectiveDate.slice(0, 4)) - birthYear < 30)
    return 409;
  return 200;
}

describe('random status requests over HTTP', () => {
  it('are accepted or refused as the model says, and the member and its history end where the model ends', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(
          fc.record({
            status: fc.constantFrom(...STATUSES),
            when: fc.constantFrom(...WHEN),
            withPlace: fc.boolean(),
          }),
          { minLength: 1, maxLength: 7 },
        ),
        async (turns30, steps) => {
          // Prepare: a fresh youth member, who may or may not come of age this year.
          serial++;
          const birthYear = year - (turns30 ? 30 : 25);
          const member = await admitOk<MemberBody>(
            t,
            youth,
            youthAdmission(turns30 ? 30 : 25, `Nguyễn Văn Mẫu ${serial}`),
          );
          let state = { status: 'active', since: member.statusSince };
          const accepted: { status: string; effectiveDate: string }[] = [];

          // Act & Assess, step by step
          for (const step of steps) {
            const effectiveDate = dateFor(step.when, state.since, today);
            const body = {
              status: step.status,
              reason: `Bước ${accepted.length + 1}`,
              effectiveDate,
              ...(step.withPlace && { awayPlace: 'Bình Dương' }),
            };
            const want = expected(state, { ...step, effectiveDate }, birthYear, today);
            const response = await statusOf(youth, member.id, body);
            expect({ step, status: response.status }).toEqual({ step, status: want });
            if (want === 200) {
              state = { status: step.status, since: effectiveDate };
              accepted.push({ status: step.status, effectiveDate });
            }
          }

          // Assess the end state
          const final = await getJson<MemberBody>(t, `/api/v1/members/${member.id}`, youth);
          expect(final).toMatchObject({
            status: state.status,
            statusSince: state.since,
            version: 1 + accepted.length,
            awayPlace: state.status === 'away' ? 'Bình Dương' : null,
          });
          const history = await historyOf(t, youth, member.id);
          expect(history.slice(1).map(({ status, effectiveDate }) => ({ status, effectiveDate }))).toEqual(
            accepted,
          );
          expect(history.slice(1).every((event) => event.type === 'status_changed')).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });
});
