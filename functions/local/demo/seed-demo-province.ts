/**
 * The demo province a newcomer sees after `npm start`: today's Đồng Tháp (code 82, its 102
 * communes), onboarded through the same code as the platform API, then given generated hamlets
 * (once, in the province's map) and, for each organization, a residential branch per hamlet plus
 * some professional and agency branches. Hamlets have no public list, so their names are generated, deterministically.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Branch } from '#shared/domain/branches.ts';
import { createMissingAccounts } from '#shared/domain/create-accounts.ts';
import { onboardProvince } from '#shared/domain/onboard-province.ts';
import { ORGANIZATIONS, type Organization, TENANT_KINDS, tenantIdOf } from '#shared/domain/organizations.ts';
import type { OnboardProvinceInput } from '#shared/domain/provinces.ts';
import type { Role } from '#shared/domain/roles.ts';
import { PLATFORM_TENANT, toTenantId } from '#shared/domain/tenant-id.ts';
import type { Unit } from '#shared/domain/units.ts';
import { AccountRepository } from '#shared/store/repositories/accounts.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
import type { Table } from '#shared/store/table.ts';
import { seedDemoHistory } from './demo-history.ts';

export const DEMO_PASSWORD = 'doanthe-demo';
export const DEMO_PROVINCE_ID = 'dong-thap';

interface CommuneList {
  province: { code: string; name: string; validFrom: string };
  communes: OnboardProvinceInput['communes'];
}

const communeList = JSON.parse(
  readFileSync(new URL('./dong-thap-communes.json', import.meta.url), 'utf8'),
) as CommuneList;

/** The commune whose officers the demo signs in as: the provincial capital's ward. */
const DEMO_COMMUNE_NAME = 'Phường Mỹ Tho';

export const DEMO_COMMUNE: { readonly code: string; readonly name: string } = (() => {
  const commune = communeList.communes.find((c) => c.name === DEMO_COMMUNE_NAME) ?? communeList.communes[0];
  if (!commune) throw new Error('The demo commune list is empty');
  return { code: commune.code, name: commune.name };
})();

export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly tenantId: string;
  readonly scope: string;
}

export async function seedDemoProvince(table: Table): Promise<{ created: boolean; accounts: DemoAccount[] }> {
  const provinces = new ProvinceRepository(table);
  const accounts = demoAccounts(DEMO_COMMUNE.code, DEMO_COMMUNE.name);
  if (await provinces.get(DEMO_PROVINCE_ID)) return { created: false, accounts };

  // Everything else first, with fixed ids and skip-if-present accounts, so that a start that
  // crashed half-way simply redoes it; onboarding the province is the commit point.
  // The hamlets go once into the province's map; every organization hangs its residential
  // branches under those same hamlets.
  const hamlets = generateHamlets(communeList.province.code);
  await new UnitRepository(table.forProvinceMap(DEMO_PROVINCE_ID)).putMany(hamlets);
  // The old wards merged in 2025 and their 2024 year-end, for the comparison across the reorganization.
  await seedDemoHistory(table, DEMO_PROVINCE_ID);
  await Promise.all(
    ORGANIZATIONS.map(async (org) => {
      const tenant = table.forTenant(toTenantId(tenantIdOf(DEMO_PROVINCE_ID, org)));
      await new BranchRepository(tenant).putMany(generateBranches(org, hamlets));
    }),
  );
  await createPlatformAdmin(table);
  await createCommuneOfficers(table, DEMO_COMMUNE.code);
  await onboardProvince(provinces, {
    id: DEMO_PROVINCE_ID,
    code: communeList.province.code,
    name: communeList.province.name,
    validFrom: communeList.province.validFrom,
    communes: communeList.communes,
    admins: Object.fromEntries(
      TENANT_KINDS.map((kind) => [
        kind,
        {
          username: kind === 'front' ? 'front.viewer' : `${kind}.admin`,
          password: DEMO_PASSWORD,
          displayName: `Quản trị demo (${kind})`,
        },
      ]),
    ) as OnboardProvinceInput['admins'],
    frontAdmin: {
      username: 'front.admin',
      password: DEMO_PASSWORD,
      displayName: 'Ban Thường trực MTTQ tỉnh (demo)',
    },
  });
  return { created: true, accounts };
}

function demoAccounts(communeCode: string, communeName: string): DemoAccount[] {
  return [
    { username: 'platform.admin', role: 'platform_admin', tenantId: PLATFORM_TENANT, scope: '—' },
    ...TENANT_KINDS.map((kind) => ({
      username: kind === 'front' ? 'front.viewer' : `${kind}.admin`,
      role: (kind === 'front' ? 'front_viewer' : 'org_admin') as Role,
      tenantId: tenantIdOf(DEMO_PROVINCE_ID, kind),
      scope: communeList.province.name,
    })),
    {
      username: 'front.admin',
      role: 'front_admin',
      tenantId: tenantIdOf(DEMO_PROVINCE_ID, 'front'),
      scope: communeList.province.name,
    },
    ...ORGANIZATIONS.map((org) => ({
      username: `${org}.mytho`,
      role: 'unit_officer' as Role,
      tenantId: tenantIdOf(DEMO_PROVINCE_ID, org),
      scope: `${communeName} (${communeCode})`,
    })),
  ];
}

async function createPlatformAdmin(table: Table): Promise<void> {
  await createMissingAccounts(new AccountRepository(table), [
    {
      username: 'platform.admin',
      password: DEMO_PASSWORD,
      tenantId: PLATFORM_TENANT,
      role: 'platform_admin',
      scope: null,
      displayName: 'Vận hành nền tảng (demo)',
    },
  ]);
}

async function createCommuneOfficers(table: Table, communeCode: string): Promise<void> {
  await createMissingAccounts(
    new AccountRepository(table),
    ORGANIZATIONS.map((org) => ({
      username: `${org}.mytho`,
      password: DEMO_PASSWORD,
      tenantId: toTenantId(tenantIdOf(DEMO_PROVINCE_ID, org)),
      role: 'unit_officer' as Role,
      scope: { unitId: communeCode },
      displayName: `Cán bộ phường Mỹ Tho (${org})`,
    })),
  );
}

const HAMLET_WORDS = [
  'An',
  'Bình',
  'Hòa',
  'Phú',
  'Tân',
  'Thạnh',
  'Long',
  'Mỹ',
  'Hưng',
  'Lợi',
  'Thuận',
  'Đông',
  'Tây',
  'Trung',
  'Hội',
  'Phước',
];

/** 4 to 8 hamlets a commune: "Ấp Tân Hòa" in a xã, "Khóm 3" in a phường. */
function generateHamlets(provinceCode: string): Unit[] {
  return communeList.communes.flatMap((commune) => {
    const random = seededRandom(Number(commune.code));
    const count = 4 + Math.floor(random() * 5);
    const names = new Set<string>();
    while (names.size < count) {
      names.add(
        commune.type === 'phuong'
          ? `Khóm ${names.size + 1}`
          : `Ấp ${pick(HAMLET_WORDS, random)} ${pick(HAMLET_WORDS, random)}`.replace(/ (\S+) \1$/, ' $1'),
      );
    }
    return [...names].map(
      (name, index): Unit => ({
        id: `${commune.code}-${String(index + 1).padStart(2, '0')}`,
        parentId: commune.code,
        ancestorIds: [provinceCode, commune.code],
        level: 'hamlet',
        type: commune.type === 'phuong' ? 'khom' : 'ap',
        code: null,
        name,
        validFrom: communeList.province.validFrom,
        validTo: null,
      }),
    );
  });
}

const BRANCH_PREFIX: Record<Organization, string> = {
  farmers: 'Chi hội Nông dân',
  women: 'Chi hội Phụ nữ',
  veterans: 'Chi hội Cựu chiến binh',
  youth: 'Chi đoàn',
};

const PROFESSIONAL: Record<Organization, { model: Branch['economicModel']; name: string }[]> = {
  farmers: [
    { model: 'rice', name: 'Chi hội Nông dân nghề nghiệp trồng lúa' },
    { model: 'fruit', name: 'Chi hội Nông dân nghề nghiệp cây ăn trái' },
    { model: 'aquaculture', name: 'Chi hội Nông dân nghề nghiệp nuôi thủy sản' },
  ],
  women: [{ model: 'trade', name: 'Chi hội Phụ nữ nghề nghiệp buôn bán' }],
  veterans: [{ model: 'livestock', name: 'Chi hội Cựu chiến binh nghề nghiệp chăn nuôi' }],
  youth: [{ model: 'services', name: 'Chi đoàn thanh niên khởi nghiệp dịch vụ' }],
};

function generateBranches(org: Organization, hamlets: Unit[]): Branch[] {
  const createdAt = new Date().toISOString();
  const branch = (
    name: string,
    kind: Branch['kind'],
    unitId: string,
    economicModel: Branch['economicModel'] = null,
  ) => ({
    id: `b-${createHash('sha256').update(`${org}|${unitId}|${name}`).digest('hex').slice(0, 24)}`,
    name,
    kind,
    unitId,
    economicModel,
    createdAt,
  });
  const residential = hamlets.map((h) =>
    branch(
      `${BRANCH_PREFIX[org]} ${h.name.replace(/^(Ấp|Khóm)/, (w) => w.toLowerCase())}`,
      'residential',
      h.id,
    ),
  );
  const byCommune = communeList.communes.flatMap((commune, index) => {
    const professional = PROFESSIONAL[org]
      .filter((_, i) => (index + i) % 3 === 0 && commune.type === 'xa')
      .map((p) =>
        branch(`${p.name} ${commune.name.replace(/^Xã /, 'xã ')}`, 'professional', commune.code, p.model),
      );
    const agency =
      org === 'youth' ? [branch(`Chi đoàn cơ quan UBND ${commune.name}`, 'agency', commune.code)] : [];
    return [...professional, ...agency];
  });
  return [...residential, ...byCommune];
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
