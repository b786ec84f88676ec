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
