/**
 * Roles and scopes: who may act, and on which part of the unit tree.
 */
import { z } from 'zod';
import type { ApiKeyScope } from './api-keys/scopes.ts';
import type { TenantId } from './tenant-id.ts';

export const ROLES = [
  'platform_admin',
  'org_admin',
  'unit_officer',
  'branch_officer',
  'viewer',
  'front_viewer',
  'front_admin',
  'api_key',
] as const;

export const roleSchema = z.enum(ROLES).meta({
  description:
    "platform_admin: onboards provinces; org_admin: a whole organization of a province; unit_officer: a subtree of units; branch_officer: one branch; viewer: read-only; front_viewer: the Front, aggregates only; front_admin: the Front's provincial staff, aggregates only and the province's map; api_key: an integration's API key, only what its scopes allow",
});
export type Role = z.infer<typeof roleSchema>;

/** Rights granted to an account beside its role: map_editor lets an organization's admin edit the province's map. */
export const PERMISSIONS = ['map_editor'] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

/** Where in the tree a principal may act; absent for roles that span their whole tenant. */
export const scopeSchema = z
  .union([z.strictObject({ unitId: z.string() }), z.strictObject({ branchId: z.string() })])
  .nullable();
export type Scope = z.infer<typeof scopeSchema>;

/** Who is calling, as established by a verified access token. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly tenantId: TenantId;
  readonly role: Role;
  readonly scope: Scope;
  readonly permissions: readonly Permission[];
  /** An API key's scopes (role api_key only): what the key may do, nothing else. */
  readonly apiKeyScopes?: readonly ApiKeyScope[];
}
