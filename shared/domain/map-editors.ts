/**
 * The platform operator grants an organization's admin the right to edit its province's map, or
 * takes it back. Only an org_admin account of that province can hold it: officers propose
 * hamlets instead, and the Front's staff edit the map by their role. Audited in the account's
 * tenant, so the organization sees who was granted what, and when.
 */
import { z } from 'zod';
import type { AccountRepository } from '../store/repositories/accounts.ts';
import type { ProvinceRepository } from '../store/repositories/provinces.ts';
import { requireRole } from './access/tree-access.ts';
import { auditRecordOf, type ChangeContext } from './audit.ts';
import { DomainError } from './errors.ts';
import { type Permission, permissionSchema } from './roles.ts';
import { provinceOf } from './tenant-id.ts';

export const mapEditorGrantSchema = z
  .object({ provinceId: z.string(), username: z.string(), permissions: z.array(permissionSchema) })
  .meta({ id: 'MapEditorGrant', description: "An account's granted permissions after the change" });
export type MapEditorGrant = z.infer<typeof mapEditorGrantSchema>;

export async function setMapEditor(
  deps: { readonly accounts: AccountRepository; readonly provinces: ProvinceRepository },
  ctx: ChangeContext,
  target: { readonly provinceId: string; readonly username: string },
  granted: boolean,
): Promise<MapEditorGrant> {
  requireRole(ctx.principal, 'platform_admin');
  const { provinceId, username } = target;
  if (!(await deps.provinces.get(provinceId)))
    throw new DomainError('PROVINCE_NOT_FOUND', { id: provinceId });
  const account = await deps.accounts.findByUsername(username);
  if (account?.role !== 'org_admin' || provinceOf(account.tenantId) !== provinceId)
    throw new DomainError('MAP_EDITOR_NOT_GRANTABLE', { username, provinceId });
  const before = account.permissions ?? [];
  const others = before.filter((permission) => permission !== 'map_editor');
  const after: Permission[] = granted ? [...others, 'map_editor'] : others;
  // Granting twice or revoking what was never granted changes nothing and records nothing.
  if (before.includes('map_editor') !== granted) {
    const audit = auditRecordOf(ctx, {
      entityType: 'account',
      action: 'update',
      entityId: account.userId,
      before: { permissions: before },
      after: { permissions: after },
    });
    await deps.accounts.setPermissions(account, after, audit);
  }
  return { provinceId, username, permissions: after };
}
