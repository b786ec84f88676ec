/**
 * Tenant ids are the first part of every key. A branded type keeps a raw string from a path
 * or a body from ever being used as one: the only ways in are parsing a verified token's claim
 * and the constants below.
 */
export type TenantId = string & { readonly __brand: 'TenantId' };

/** Platform-wide items (provinces, sign-in names, rate-limit windows) live under this tenant. */
export const PLATFORM_TENANT = 'platform' as TenantId;

const TENANT_PATTERN = /^(platform|[a-z0-9]+(?:-[a-z0-9]+)*:(farmers|women|veterans|youth|front))$/;

export function toTenantId(value: string): TenantId {
  if (!TENANT_PATTERN.test(value)) throw new Error(`Not a tenant id: ${JSON.stringify(value)}`);
  return value as TenantId;
}

/**
 * The province a tenant belongs to: the slug before `:`, shared by its four organizations and
 * its Front. The platform belongs to no province; asking for its province is a bug.
 */
export function provinceOf(tenant: TenantId): string {
  const separator = tenant.indexOf(':');
  if (separator < 0) throw new Error(`The tenant ${tenant} belongs to no province`);
  return tenant.slice(0, separator);
}

/**
 * The partition of a province's administrative map. It is not a tenant any principal can hold
 * (toTenantId refuses it), but it is keyed like one, so the store's TenantTable serves it.
 */
export function mapPartitionOf(provinceId: string): TenantId {
  return `${provinceId}:map` as TenantId;
}
