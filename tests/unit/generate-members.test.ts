/**
 * The demo and benchmark member generator: repeatable, and plausible enough that every member
 * could be admitted through the API.
 */
import { describe, expect, it } from 'vitest';
import {
  type GeneratedMember,
  type GenerateMembersOptions,
  type GeneratorOrganization,
  generateMembers,
} from '../../functions/local/demo/generate-members.ts';
import { ageOn, checkEligibility, DEFAULT_ELIGIBILITY } from '../../shared/domain/members/eligibility.ts';
import { admitMemberSchema } from '../../shared/domain/members/member.ts';
import { checkNationalId } from '../../shared/domain/national-id.ts';

const TODAY = '2026-03-15';
const ORGANIZATIONS: GeneratorOrganization[] = ['farmers', 'women', 'veterans', 'youth'];
const BRANCHES: GenerateMembersOptions['branches'] = Array.from({ length: 60 }, (_, i) => ({
  id: `b-${i}`,
  unitId: `u-${i % 20}`,
  kind: i % 10 === 0 ? 'professional' : i % 15 === 1 ? 'agency' : 'residential',
  ...(i % 2 === 0 ? { place: `ấp Tân Hòa ${i}, xã Tân Hòa` } : {}),
}));

function generate(organization: GeneratorOrganization, count: number, seed = 2020): GeneratedMember[] {
  return [
    ...generateMembers({
      organization,
      branches: BRANCHES,
      count,
      seed,
      today: TODAY,
      provinceName: 'Tỉnh Đồng Tháp',
    }),
  ];
}

const samples = Object.fromEntries(ORGANIZATIONS.map((org) => [org, generate(org, 20_000)])) as Record<
  GeneratorOrganization,
  GeneratedMember[]
>;

const share = (members: GeneratedMember[], test: (m: GeneratedMember) => boolean) =>
  members.filter(test).length / members.length;
const currentStatus = (m: GeneratedMember) => m.history.at(-1)?.status ?? 'active';

describe('generateMembers', () => {
  it('gives the same members for the same seed, and others for another seed', () => {
    expect(generate('youth', 300, 7)).toEqual(generate('youth', 300, 7));
    expect(generate('youth', 300, 8)).not.toEqual(generate('youth', 300, 7));
  });

  it('yields exactly the count asked for', () => {
    expect(generate('farmers', 0)).toHaveLength(0);
    expect(generate('farmers', 1234)).toHaveLength(1234);
  });

  it('refuses to place members when there is no branch', () => {
    const run = () =>
      generateMembers({
        organization: 'women',
        branches: [],
        count: 1,
        seed: 1,
        today: TODAY,
        provinceName: 'x',
      }).next();

    expect(run).toThrow(RangeError);
  });

  it.each(ORGANIZATIONS)('gives %s members that the API would admit under the default rules', (org) => {
    const branchIds = new Set(BRANCHES.map((b) => b.id));
    for (const member of samples[org].slice(0, 3000)) {
      const { history: _, ...input } = member;
      expect(admitMemberSchema.safeParse(input).error).toBeUndefined();
      expect(() => checkEligibility(DEFAULT_ELIGIBILITY[org], member, member.joinedAt)).not.toThrow();
    }
    expect(samples[org].filter((m) => m.joinedAt > TODAY || !branchIds.has(m.branchId))).toEqual([]);
  });

  it('gives the Youth Union members admitted at 16 to 30, most under 31 today, some turning 30 this year', () => {
    const youth = samples.youth;
    const admissionAges = new Set(youth.map((m) => ageOn(m.birthDate, m.joinedAt)));

    expect(Math.min(...admissionAges)).toBe(16);
    expect(Math.max(...admissionAges)).toBe(30);

    expect(share(youth, (m) => ageOn(m.birthDate, TODAY) < 31)).toBeGreaterThan(0.85);
    expect(youth.some((m) => m.birthDate.startsWith('1996-') && m.birthDate.slice(5) > TODAY.slice(5))).toBe(
      true,
    );
  });

  it('lets only Youth Union members past 30 come of age', () => {
    const graduated = ORGANIZATIONS.flatMap((org) =>
      samples[org].filter((m) => currentStatus(m) === 'graduated').map((m) => [org, m] as const),
    );

    expect(graduated.length).toBeGreaterThan(0);
    for (const [org, m] of graduated) {
      expect(org).toBe('youth');
      expect(ageOn(m.birthDate, m.history.at(-1)?.effectiveDate ?? '')).toBeGreaterThanOrEqual(30);
    }
  });

  it("gives the Women's Union only women", () => {
    expect(samples.women.every((m) => m.gender === 'female')).toBe(true);
  });

  it('gives farmers mostly aged 30 to 70', () => {
    expect(
      share(samples.farmers, (m) => ageOn(m.birthDate, TODAY) >= 30 && ageOn(m.birthDate, TODAY) <= 70),
    ).toBeGreaterThan(0.75);
  });

  it('gives veterans mostly aged 45 to 80, admitted after a plausible military service', () => {
    const veterans = samples.veterans;

    expect(
      share(veterans, (m) => ageOn(m.birthDate, TODAY) >= 45 && ageOn(m.birthDate, TODAY) <= 80),
    ).toBeGreaterThan(0.75);
    const implausible = veterans.filter((m) => {
      const service = m.veteranService;
      return (
        !service ||
        ageOn(m.birthDate, service.enlistedOn) < 18 ||
        service.enlistedOn >= service.dischargedOn ||
        service.dischargedOn >= m.joinedAt
      );
    });

    expect(implausible).toEqual([]);
    for (const org of ['farmers', 'women', 'youth'] as const) {
      expect(samples[org].every((m) => m.veteranService === null)).toBe(true);
    }
  });

  it('gives national ids that fit the person, unique within a run, mostly registered in Đồng Tháp or Tiền Giang', () => {
    for (const org of ORGANIZATIONS) {
      const members = samples[org];
      expect(members.filter((m) => checkNationalId(m.nationalId, m) !== null)).toEqual([]);
      expect(new Set(members.map((m) => m.nationalId)).size).toBe(members.length);
      expect(share(members, (m) => ['087', '082'].includes(m.nationalId.slice(0, 3)))).toBeGreaterThan(0.85);
    }
  });

  it('never gives two organizations the same national id', () => {
    const all = ORGANIZATIONS.flatMap((org) => samples[org].map((m) => m.nationalId));

    expect(new Set(all).size).toBe(all.length);
  });

  it('dates each history after admission, in order, and not after today', () => {
    const outOfOrder = ORGANIZATIONS.flatMap((org) => samples[org]).filter((m) => {
      const dates = [m.joinedAt, ...m.history.map((change) => change.effectiveDate)];
      return (
        dates.some((date, i) => i > 0 && date <= (dates[i - 1] as string)) || (dates.at(-1) as string) > TODAY
      );
    });

    expect(outOfOrder).toEqual([]);
  });

  it('ends a history at a status that ends the membership, and says where away members went', () => {
    const ending = new Set(['transferred_out', 'removed', 'deceased', 'graduated']);
    const changes = ORGANIZATIONS.flatMap((org) => samples[org]);

    expect(changes.filter((m) => m.history.slice(0, -1).some((change) => ending.has(change.status)))).toEqual(
      [],
    );
    expect(
      changes.filter((m) =>
        m.history.some((change) => (change.status === 'away') !== (change.awayPlace !== undefined)),
      ),
    ).toEqual([]);
  });

  it('gives most members the active status and every other status to a few', () => {
    for (const org of ORGANIZATIONS) {
      const members = samples[org];
      const statuses = ['away', 'lapsed', 'transferred_out', 'removed', 'deceased'];

      // Youth lists keep those who came of age, and many young people work away.
      expect(share(members, (m) => currentStatus(m) === 'active')).toBeGreaterThan(
        org === 'youth' ? 0.6 : 0.8,
      );
      for (const status of statuses) expect(members.some((m) => currentStatus(m) === status)).toBe(true);
      expect(share(members, (m) => currentStatus(m) === 'away')).toBeLessThan(0.2);
    }
    expect(share(samples.youth, (m) => currentStatus(m) === 'graduated')).toBeGreaterThan(0.03);
  });

  it('draws family names with their known shares', () => {
    const members = [...samples.farmers, ...samples.women];
    const familyShare = (family: string) => share(members, (m) => m.fullName.split(' ')[0] === family);

    expect(familyShare('Nguyễn')).toBeGreaterThan(0.37);
    expect(familyShare('Nguyễn')).toBeLessThan(0.395);
    expect(familyShare('Trần')).toBeGreaterThan(0.1);
    expect(familyShare('Trần')).toBeLessThan(0.12);
    expect(familyShare('Lê')).toBeGreaterThan(0.087);
    expect(familyShare('Lê')).toBeLessThan(0.103);
    expect(familyShare('Huỳnh')).toBeGreaterThan(familyShare('Hoàng'));
  });

  it('writes phones as 10-digit mobile numbers and card numbers as text', () => {
    const members = ORGANIZATIONS.flatMap((org) => samples[org]);
    const phones = members.flatMap((m) => (m.phone ? [m.phone] : []));

    expect(phones.length / members.length).toBeGreaterThan(0.8);
    expect(
      phones.filter((phone) => !/^0(3[2-9]|5[2689]|7[06-9]|8[1-689]|9[0-46-9])\d{7}$/.test(phone)),
    ).toEqual([]);
    expect(members.some((m) => m.cardNumber?.startsWith('0'))).toBe(true);
  });

  it('addresses members where their branch is', () => {
    const member = samples.farmers.find((m) => m.address && m.branchId === 'b-0');

    expect(member?.address).toMatch(/^(Số|Tổ) \d+, ấp Tân Hòa 0, xã Tân Hòa, tỉnh Đồng Tháp$/);
  });

  // Not a timing test: a few seconds alone, the time limit only stops a hang on a busy machine.
  it('streams the benchmark province, 531,467 members, with unique national ids', {
    timeout: 120_000,
  }, () => {
    const ids = new Set<string>();
    let count = 0;

    for (const m of generateMembers({
      organization: 'farmers',
      branches: BRANCHES,
      count: 531_467,
      seed: 531_467,
      today: TODAY,
      provinceName: 'Tỉnh Đồng Tháp',
    })) {
      ids.add(m.nationalId);
      count += 1;
    }

    expect(count).toBe(531_467);
    expect(ids.size).toBe(531_467);
  });
});
