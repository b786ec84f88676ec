/** Page matrix cases of the audit pages. */
import type { PageCases } from './page-case.ts';

export const auditCases: PageCases = {
  'GET /audit': {
    ok: ['owner'],
    own: ['otherProvince', 'otherOrganization', 'mapEditor'],
    why: 'the audit trail is the admin’s (GET /api/v1/audit); other admins read their own tenant’s, where the record has none',
    build: (ids) => ({ path: `/audit?entityId=${ids.member}` }),
  },
};
