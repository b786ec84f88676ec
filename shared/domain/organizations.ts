/**
 * The four mass organizations and the Front, and how a tenant id is made from them.
 * A tenant is one organization (or the Front) in one province: `dong-thap:youth`.
 */
export const ORGANIZATIONS = ['farmers', 'women', 'veterans', 'youth'] as const;
export type Organization = (typeof ORGANIZATIONS)[number];

/** The Front is a principal of its own, beside the four organizations. */
export const TENANT_KINDS = [...ORGANIZATIONS, 'front'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

export function tenantIdOf(provinceId: string, kind: TenantKind): string {
  return `${provinceId}:${kind}`;
}

/** The organization a tenant is, or null for the Front and the platform. */
export function organizationOf(tenant: string): Organization | null {
  const kind = tenant.slice(tenant.indexOf(':') + 1);
  return (ORGANIZATIONS as readonly string[]).includes(kind) ? (kind as Organization) : null;
}
