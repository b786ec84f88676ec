/**
 * Onboarding a province: its map down to communes (once, shared by its tenants), one tenant per
 * organization plus the Front, a first administrator for each (the Front's is its read-only
 * viewer) and, when given, the Front's map editor. The demo seed goes through here too.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { Account } from '../store/repositories/accounts.ts';
import type { ProvinceRepository } from '../store/repositories/provinces.ts';
import { DomainError } from './errors.ts';
import { TENANT_KINDS, tenantIdOf } from './organizations.ts';
import type { OnboardProvinceInput, Province } from './provinces.ts';
import type { Role } from './roles.ts';
import { toTenantId } from './tenant-id.ts';
import type { Unit } from './units.ts';

type FirstAdmin = OnboardProvinceInput['admins']['front'];

export async function onboardProvince(
  provinces: ProvinceRepository,
  input: OnboardProvinceInput,
  now = new Date(),
): Promise<Province> {
  const createdAt = now.toISOString();
  const tenants = TENANT_KINDS.map((kind) => ({ tenantId: tenantIdOf(input.id, kind), kind }));
  const province: Province = { id: input.id, code: input.code, name: input.name, tenants, createdAt };
  const firstAccounts: { admin: FirstAdmin; tenantId: string; role: Role }[] = tenants.map(
    ({ tenantId, kind }) => ({
      admin: input.admins[kind],
      tenantId,
      role: kind === 'front' ? 'front_viewer' : 'org_admin',
    }),
  );
  if (input.frontAdmin)
    firstAccounts.push({
      admin: input.frontAdmin,
      tenantId: tenantIdOf(input.id, 'front'),
      role: 'front_admin',
    });
  const accounts: Account[] = await Promise.all(
    firstAccounts.map(
      async ({ admin, tenantId, role }): Promise<Account> => ({
        userId: randomUUID(),
        username: admin.username,
        tenantId: toTenantId(tenantId),
        role,
        scope: null,
        displayName: admin.displayName,
        passwordHash: await hashPassword(admin.password),
        createdAt,
      }),
    ),
  );
  const conflict = await provinces.onboard(province, accounts, provinceUnits(input));
  if (conflict?.kind === 'province') throw new DomainError('PROVINCE_EXISTS', { id: input.id });
  if (conflict?.kind === 'username') throw new DomainError('USERNAME_TAKEN', { username: conflict.username });
  return province;
}

/** The province itself and its communes; hamlets are added to the map later. */
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
