/**
 * Whose figures a reader reads. The API hands the use cases a way to read any tenant's figures;
 * the use cases choose the tenants their caller may see: an organization its own, the Front the
 * four organizations of its own province and nobody else's.
 */
import { requireFront } from '../../domain/access/tenant-access.ts';
import { ORGANIZATIONS, type Organization, tenantIdOf } from '../../domain/organizations.ts';
import type { Principal } from '../../domain/roles.ts';
import { type TenantId, toTenantId } from '../../domain/tenant-id.ts';
import type { FiguresRepository } from '../../store/repositories/figures.ts';
import type { FiguresSource } from './tenant-figures.ts';

export interface FiguresWorkspace {
  sourceOf(tenant: TenantId): FiguresSource;
}

export interface FrontSources {
  /** The four organizations of the Front's province. */
  readonly organizations: readonly { readonly organization: Organization; readonly source: FiguresSource }[];
  /** The Front's own tenant, for the distinct-person counts. */
  readonly front: FiguresRepository;
}

/** The figures a Front viewer reads: its own province's four organizations and its own tenant. */
export function frontSources(ws: FiguresWorkspace, principal: Principal): FrontSources {
  const province = requireFront(principal);
  return {
    organizations: ORGANIZATIONS.map((organization) => ({
      organization,
      source: ws.sourceOf(toTenantId(tenantIdOf(province, organization))),
    })),
    front: ws.sourceOf(principal.tenantId).figures,
  };
}
