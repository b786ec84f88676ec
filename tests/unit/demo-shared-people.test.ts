/**
 * Women who are farmers too, in the demo: paired with real generated farmers, admissible, each
 * farmer once, and the same pairs on every run (a resumed import must not change its people).
 */
import { describe, expect, it } from 'vitest';
import {
  type GeneratedMember,
  type GeneratorOrganization,
  generateMembers,
} from '../../functions/local/demo/generate-members.ts';
import { withFarmersAmongWomen } from '../../functions/local/demo/shared-people.ts';
import { checkEligibility, DEFAULT_ELIGIBILITY } from '../../shared/domain/members/eligibility.ts';
import { checkNationalId } from '../../shared/domain/national-id.ts';

const TODAY = '2026-03-15';
const BRANCHES = Array.from({ length: 12 }, (_, i) => ({
  id: `b-${i}`,
  unitId: `u-${i}`,
  kind: 'residential' as const,
}));

const generate = (organization: GeneratorOrganization, count: number) =>
  generateMembers({
    organization,
    branches: BRANCHES,
    count,
    seed: 2020,
    today: TODAY,
    provinceName: 'Tỉnh Đồng Tháp',
  });

function women(count: number): GeneratedMember[] {
  return [...withFarmersAmongWomen(generate('women', count), generate('farmers', count)[Symbol.iterator]())];
}

const current = (m: GeneratedMember) =>
  ['active', 'away', 'lapsed'].includes(m.history.at(-1)?.status ?? 'active');

describe('farmers among the women', () => {
  it('makes up to one current woman in three a current female farmer, each farmer once', () => {
    const farmers = new Map([...generate('farmers', 3000)].map((f) => [f.nationalId, f]));
    const paired = women(3000).filter((w) => farmers.has(w.nationalId));
    const currentWomen = women(3000).filter(current).length;

    // As many as there are female farmers of the right age to pair with: about a quarter here.
    expect(paired.length).toBeGreaterThan(currentWomen * 0.2);
    expect(paired.length).toBeLessThanOrEqual(Math.ceil(currentWomen / 3));
    expect(new Set(paired.map((w) => w.nationalId)).size).toBe(paired.length);
    for (const woman of paired) {
      const farmer = farmers.get(woman.nationalId) as GeneratedMember;
      expect({ name: woman.fullName, born: woman.birthDate, gender: woman.gender }).toEqual({
        name: farmer.fullName,
        born: farmer.birthDate,
        gender: 'female',
      });
      expect(current(farmer) && current(woman)).toBe(true);
    }
  });

  it('leaves every woman admissible, and pairs the same people on every run', () => {
    const run = women(2000);
    for (const woman of run) {
      expect(checkNationalId(woman.nationalId, woman)).toBeNull();
      expect(() => checkEligibility(DEFAULT_ELIGIBILITY.women, woman, woman.joinedAt)).not.toThrow();
    }
    expect(women(2000)).toEqual(run);
  });
});
