/**
 * The main navigation: an entry is shown to whoever the access rule of its use cases lets in,
 * asked of the same functions the use cases call, so the menu cannot promise what a page refuses.
 */
import { requireMemberReader } from '#shared/domain/access/member-access.ts';
import { requireFront, requireOrganization } from '#shared/domain/access/tenant-access.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';

export interface NavItem {
  readonly href: string;
  readonly label: UiTextKey;
  readonly shownTo: (principal: Principal) => boolean;
}

/** Whether an access rule lets the principal through (the rules refuse by throwing). */
export function allows(rule: (principal: Principal) => unknown): (principal: Principal) => boolean {
  return (principal) => {
    try {
      rule(principal);
      return true;
    } catch {
      return false;
    }
  };
}

const isPlatformAdmin = (principal: Principal) => principal.role === 'platform_admin';

export const NAVIGATION: readonly NavItem[] = [
  { href: '/home', label: 'nav.home', shownTo: allows(requireOrganization) },
  { href: '/members', label: 'nav.members', shownTo: allows(requireMemberReader) },
  { href: '/front', label: 'nav.front', shownTo: allows(requireFront) },
  { href: '/platform', label: 'nav.platform', shownTo: isPlatformAdmin },
];

/** Where a principal lands after signing in: the first page the navigation offers them. */
export function homeOf(principal: Principal): string {
  return NAVIGATION.find((item) => item.shownTo(principal))?.href ?? '/home';
}
