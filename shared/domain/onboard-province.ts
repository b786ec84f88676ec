/**
 * Onboarding a province: its unit tree down to communes, one tenant per organization plus the
 * Front, and a first administrator for each. The demo seed goes through here too.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { Account } from '../store/repositories/accounts.ts';
import type { ProvinceRepository } from '../store/repositories/provinces.ts';
import { DomainError } from './errors.ts';
import { TENANT_KINDS, tenantIdOf } from './organizations.ts';
import type { OnboardProvinceInput, Province } from './provinces.ts';
import { toTenantId } from './tenant-id.ts';
import type { Unit } from './units.ts';

export async function onboardProvince(
  provinces: ProvinceRepository,
  input: OnboardProvinceInput,
  now = new Date(),
): Promise<Province> {
  const createdAt = now.toISOString();
  const tenants = TENANT_KINDS.map((kind) => ({ tenantId: tenantIdOf(input.id, kind), kind }));
  const province: Province = { id: input.id, code: input.code, name: input.name, tenants, createdAt };
  const accounts: Account[] = await Promise.all(
    tenants.map(async ({ tenantId, kind }) => {
      const admin = input.admins[kind];
      return {
        userId: randomUUID(),
        username: admin.username,
        tenantId: toTenantId(tenantId),
        role: kind === 'front' ? 'front_viewer' : 'org_admin',
        scope: null,
        displayName: admin.displayName,
        passwordHash: await hashPassword(admin.password),
        createdAt,
      } satisfies Account;
    }),
  );
  const conflict = await provinces.onboard(province, accounts, provinceUnits(input));
  if (conflict?.kind === 'province') throw new DomainError('PROVINCE_EXISTS', { id: input.id });
  if (conflict?.kind === 'username') throw new DomainError('USERNAME_TAKEN', { username: conflict.username });
  return province;
}

/** The province itself and its communes; hamlets are added by the organizations later. */
function provinceUnits(input: OnboardProvinceInput): Unit[] {
  const province: Unit = {
    id: input.code,
    parentId: null,
    ancestorIds: [],
    level: 'province',
    type: 'tinh',
    code: input.code,
    name: input.name,
    validFrom: input.validFrom,
    validTo: null,
  };
  return [
    province,
    ...input.communes.map(
      (commune): Unit => ({
        id: commune.code,
        parentId: province.id,
        ancestorIds: [province.id],
        level: 'commune',
        type: commune.type,
        code: commune.code,
        name: commune.name,
        validFrom: input.validFrom,
        validTo: null,
      }),
    ),
  ];
}
