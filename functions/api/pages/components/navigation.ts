/**
 * The main navigation: an entry is shown to whoever the access rule of its use cases lets in,
 * asked of the same functions the use cases call, so the menu cannot promise what a page refuses.
 */
import { canEditMap, requireProvinceMember } from '#shared/domain/access/map-access.ts';
import {
  incomingTransferReach,
  requireMemberReader,
  requireSensitiveReader,
} from '#shared/domain/access/member-access.ts';
import { requireFront, requireOrganization } from '#shared/domain/access/tenant-access.ts';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { organizationOf } from '#shared/domain/organizations.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { requireStatsReader } from '#shared/figures/reading/stats.ts';
import { requireTargetReader } from '#shared/figures/reading/targets.ts';

export interface NavItem {
  readonly href: string;
  readonly label: UiTextKey;
  readonly shownTo: (principal: Principal) => boolean;
}

/** Whether every one of the access rules lets the principal through (the rules refuse by throwing). */
export function allows(...rules: ((principal: Principal) => unknown)[]): (principal: Principal) => boolean {
  return (principal) => {
    try {
      for (const rule of rules) rule(principal);
      return true;
    } catch {
      return false;
    }
  };
}

const isPlatformAdmin = (principal: Principal) => principal.role === 'platform_admin';

const isOrgAdmin = (principal: Principal) => requireRole(principal, 'org_admin');
const isYouthUnion = (principal: Principal) => organizationOf(principal.tenantId) === 'youth';

/** Each area's entry; an area's pages own the rule of their entry. */
export const NAVIGATION: readonly NavItem[] = [
  { href: '/home', label: 'nav.home', shownTo: allows(requireStatsReader) },
  { href: '/units', label: 'nav.units', shownTo: allows(requireOrganization) },
  { href: '/branches', label: 'nav.branches', shownTo: allows(requireOrganization) },
  { href: '/members', label: 'nav.members', shownTo: allows(requireMemberReader) },
  {
    href: '/transfers',
    label: 'nav.transfers',
    shownTo: (p) => allows(requireMemberReader)(p) && incomingTransferReach(p) !== null,
  },
  {
    href: '/coming-of-age',
    label: 'nav.comingOfAge',
    shownTo: (p) => isYouthUnion(p) && allows(requireMemberReader)(p),
  },
  { href: '/party', label: 'nav.party', shownTo: allows(requireSensitiveReader) },
  {
    href: '/ratings',
    label: 'nav.ratings',
    // listRatings' rule (ratingUnitOf): an organization's admins, unit officers and viewers.
    shownTo: allows(requireProvinceMember, requireOrganization, (p) =>
      requireRole(p, 'org_admin', 'unit_officer', 'viewer'),
    ),
  },
  // readCampaign's rule: whoever reads the members; a branch's officer finds their own branch there.
  { href: '/reviews', label: 'nav.reviews', shownTo: allows(requireMemberReader) },
  {
    href: '/targets',
    label: 'nav.targets',
    shownTo: allows(requireTargetReader),
  },
  {
    href: '/settings',
    label: 'nav.settings',
    shownTo: allows(requireOrganization, isOrgAdmin),
  },
  {
    href: '/audit',
    label: 'nav.audit',
    shownTo: allows(requireOrganization, isOrgAdmin),
  },
  { href: '/front', label: 'nav.front', shownTo: allows(requireFront) },
  {
    href: '/map',
    label: 'nav.map',
    // listProposals' rule: map editors, and an organization's admins, officers and viewers.
    shownTo: (p) =>
      allows(requireProvinceMember)(p) &&
      (canEditMap(p) ||
        allows(requireOrganization, (q) => requireRole(q, 'org_admin', 'unit_officer', 'viewer'))(p)),
  },
  { href: '/platform', label: 'nav.platform', shownTo: isPlatformAdmin },
];

/** Where a principal lands after signing in: the first page the navigation offers them. */
export function homeOf(principal: Principal): string {
  return NAVIGATION.find((item) => item.shownTo(principal))?.href ?? '/home';
}
