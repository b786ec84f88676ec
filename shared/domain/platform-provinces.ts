/**
 * The platform operator's work over the API: onboarding a province and reading one back. The demo
 * seed and scripts onboard as the system itself, through onboardProvince directly.
 */
import type { ProvinceRepository } from '../store/repositories/provinces.ts';
import { requireRole } from './access/tree-access.ts';
import { DomainError } from './errors.ts';
import { onboardProvince } from './onboard-province.ts';
import type { OnboardProvinceInput, Province } from './provinces.ts';
import type { Principal } from './roles.ts';

export function onboardProvinceByOperator(
  provinces: ProvinceRepository,
  principal: Principal,
  input: OnboardProvinceInput,
  now: Date,
): Promise<Province> {
  requireRole(principal, 'platform_admin');
  return onboardProvince(provinces, input, now);
}

export async function readProvince(
  provinces: ProvinceRepository,
  principal: Principal,
  id: string,
): Promise<Province> {
  requireRole(principal, 'platform_admin');
  const province = await provinces.get(id);
  if (!province) throw new DomainError('PROVINCE_NOT_FOUND', { id });
  return province;
}

/** Every province on the platform with its tenants, for the operator's list (a few dozen at most). */
export async function listProvinces(
  provinces: ProvinceRepository,
  principal: Principal,
): Promise<Province[]> {
  requireRole(principal, 'platform_admin');
  const listed = await provinces.list();
  const found = await Promise.all(listed.map((summary) => provinces.get(summary.id)));
  return found.filter((province): province is Province => province !== undefined);
}
