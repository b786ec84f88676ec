/**
 * Hamlet ids are drawn from a per-commune sequence, so parallel additions never collide, and
 * hamlets numbered without it (seeded, imported, given by hand) are stepped over. The level
 * rule holds for any parent and type: a property test tries random pairs through the API.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEVEL_OF_TYPE, UNIT_TYPES, type UnitLevel, type UnitType } from '../../shared/domain/units.ts';
import { accessTokens, appWithProvinces } from '../setup/scene.ts';
import { expectProblem, seedUnits, type TestApp, testHamlet } from '../setup/test-app.ts';

let t: TestApp;
let adminToken: string;

const postUnit = (json: unknown) => t.request('/api/v1/units', { method: 'POST', token: adminToken, json });

beforeAll(async () => {
  t = await appWithProvinces(['alpha']);
  [adminToken] = await accessTokens(t, 'alpha.front.admin');
});

describe('hamlet ids under concurrency', () => {
  it('gives 10 parallel additions to a fresh commune the ids 01 to 10', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postUnit({ parentId: '28261', type: 'khom', name: `Khóm ${i + 1}` }),
      ),
    );
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(ids.toSorted()).toEqual(
      Array.from({ length: 10 }, (_, i) => `28261-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('steps over numbers taken without the sequence, still giving 10 distinct ids', async () => {
    await seedUnits(t, 'alpha:farmers', [
      testHamlet('28249-01', '28249', 'Khóm 1'),
      testHamlet('28249-02', '28249', 'Khóm 2'),
      testHamlet('28249-05', '28249', 'Khóm 5'),
    ]);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postUnit({ parentId: '28249', type: 'khom', name: `Khóm mới ${i}` }),
      ),
    );
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(ids).size).toBe(10);
    expect(ids.filter((id) => ['28249-01', '28249-02', '28249-05'].includes(id))).toEqual([]);
    expect(ids.every((id) => /^28249-\d{2,}$/.test(id))).toBe(true);
  });
});

/** The rule as the domain states it, written out apart from the code that enforces it. */
const MAY_SIT_UNDER: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['province', 'district'],
  hamlet: ['commune'],
};

describe('the level rule, for any parent and type', () => {
  // One parent of each level: the province and a commune exist; a district and a hamlet are added.
  const parents: Record<UnitLevel, string> = {
    province: '82',
    district: '870',
    commune: '28261',
    hamlet: '28261-90',
  };
  let codes = 0;
  /** A fresh official code of the level, so no addition fails for a taken id. */
  const codeFor = (level: UnitLevel) => {
    codes++;
    if (level === 'district') return String(100 + codes);
    if (level === 'commune') return String(60000 + codes);
    return level === 'province' ? '99' : null;
  };
  const add = (parentId: string, type: UnitType) =>
    postUnit({
      parentId,
      type,
      name: `Đơn vị ${type}`,
      code: codeFor(LEVEL_OF_TYPE[type]),
      validFrom: '2025-07-01',
    });

  async function expectRuleHeld(
    response: Response,
    level: UnitLevel,
    parentLevel: UnitLevel,
    parentId: string,
  ) {
    if (MAY_SIT_UNDER[level].includes(parentLevel)) {
      const unit = (await response.json()) as { id: string; level: string; parentId: string };
      expect({ status: response.status, level: unit.level, parentId: unit.parentId }).toEqual({
        status: 201,
        level,
        parentId,
      });
      return unit.id;
    }
    const problem = await expectProblem(response, 400, 'UNIT_RULE_VIOLATED');
    expect(problem.errors?.[0]?.code).toBe(level === 'province' ? 'province_root' : 'parent_level');
    return null;
  }

  beforeAll(async () => {
    await postUnit({
      parentId: '82',
      type: 'huyen',
      name: 'Huyện Thử',
      code: '870',
      validFrom: '2025-07-01',
    });
    await postUnit({
      parentId: '28261',
      id: '28261-90',
      type: 'khom',
      name: 'Khóm 90',
      validFrom: '2025-07-01',
    });
  });

  it.each(
    (Object.keys(parents) as UnitLevel[]).flatMap((parentLevel) =>
      UNIT_TYPES.map((type) => ({ parentLevel, type })),
    ),
  )('decides a $type under a $parentLevel by the rule', async ({ parentLevel, type }) => {
    const response = await add(parents[parentLevel], type);

    await expectRuleHeld(response, LEVEL_OF_TYPE[type], parentLevel, parents[parentLevel]);
  });

  it('holds along random paths down from the province', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...UNIT_TYPES), { minLength: 1, maxLength: 4 }),
        async (types) => {
          let parent = { id: '82', level: 'province' as UnitLevel };
          for (const type of types) {
            const level = LEVEL_OF_TYPE[type];
            const id = await expectRuleHeld(await add(parent.id, type), level, parent.level, parent.id);
            if (id) parent = { id, level };
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
