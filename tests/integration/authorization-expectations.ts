/**
 * Who each operation of the API is for: the expectation table of the authorization matrix
 * (authorization-matrix.test.ts). Every operation of the OpenAPI document must have an entry
 * here, and every entry an operation, or the matrix fails: a new route cannot ship unclassified.
 *
 * The victim is alpha:farmers; personas are described in authorization-matrix-scene.ts. A persona
 * is either `ok` (2xx, the operation is meant for them), `own` (2xx answered from their own
 * tenant: nothing of the victim's in it, nothing of the victim's changed), or, by default,
 * refused: 401 without a valid token, else 401/403/404 with nothing of the victim's in the body
 * and nothing changed anywhere.
 */
import { PERSONAS, type Persona } from './authorization-matrix-scene.ts';

export interface Expectation {
  /** Who the operation is meant for; 'everyone' when the bearer token plays no part (sign-in). */
  readonly ok: readonly Persona[] | 'everyone';
  /** Who gets their own tenant's answer. */
  readonly own?: readonly Persona[];
  /**
   * Who gets their own tenant's refusal of what they sent (400/422, nothing of the victim's in it,
   * nothing changed): a file naming the victim's branch, checked against the caller's own branches.
   */
  readonly ownRules?: readonly Persona[];
  /** Why, in a few words. */
  readonly why: string;
  /**
   * A refusal inside the victim tenant leaves an audit record (reaching for national ids is worth
   * knowing of): refused calls may add audit records of the victim tenant, and change nothing else.
   */
  readonly refusalAudited?: boolean;
  /**
   * A persona whose expected outcome the product does not give yet, with what is wrong. The
   * matrix still fails for it, naming the bug; it fails too once the bug is gone, to be removed.
   */
  readonly knownBugs?: Partial<Record<Persona, string>>;
}

const SIGNED_IN: readonly Persona[] = PERSONAS.filter((p) => p !== 'anonymous' && p !== 'forged');
/** Personas of the victim tenant whose scope covers the victim's records (a branch officer's own branch). */
const READERS: readonly Persona[] = ['owner', 'viewer', 'branchOfficer'];
/** Who reads a whole unit (the victim's hamlet): not the officer of one of its branches. */
const UNIT_READERS: readonly Persona[] = ['owner', 'viewer'];
const MEMBER_WRITERS: readonly Persona[] = ['owner', 'branchOfficer'];
/**
 * API keys do only what an operation names their scope for: the victim's read key (members:read,
 * figures:read) reads members and figures, its write key (members:write) writes members, nothing
 * else; no key reaches another tenant, and none manages keys.
 */
const MEMBER_READERS_AND_KEY: readonly Persona[] = [...READERS, 'readKey'];
const MEMBER_WRITERS_AND_KEY: readonly Persona[] = [...MEMBER_WRITERS, 'writeKey'];
/** Admins of other organizations, who do the same in their own tenant. */
const OTHER_ADMINS: readonly Persona[] = ['otherProvince', 'otherOrganization', 'mapEditor'];
/**
 * Admins of the victim province's other organizations: the victim's hamlet is on their map too,
 * so they hang their own branches, targets and figures under it.
 */
const NEIGHBOURS: readonly Persona[] = ['otherOrganization', 'mapEditor'];
/** Who edits the victim province's map: its Front's staff, an org admin the operator granted. */
const MAP_EDITORS: readonly Persona[] = ['frontAdmin', 'mapEditor'];
/** Everyone of the victim province, whatever their organization: the map is theirs to read. */
const MAP_READERS: readonly Persona[] = [
  ...READERS,
  'outOfScopeOfficer',
  'otherOrganization',
  'front',
  ...MAP_EDITORS,
];

/**
 * Who manages webhooks in their own tenant: other organizations’ admins, the Front’s staff, and
 * another organization’s key holding webhooks:manage.
 */
const WEBHOOK_MANAGERS: readonly Persona[] = [...OTHER_ADMINS, 'frontAdmin', 'otherKey'];
/** Who manages the victim’s webhooks: its admin, and its key holding webhooks:manage. */
const WEBHOOK_OWNERS: readonly Persona[] = ['owner', 'webhookKey'];

export const EXPECTATIONS: Record<string, Expectation> = {
  'POST /api/v1/auth/token': { ok: 'everyone', why: 'signing in needs no token' },
  'POST /api/v1/auth/refresh': { ok: 'everyone', why: 'the refresh token is the credential' },
  'POST /api/v1/auth/revoke': { ok: 'everyone', why: 'the refresh token is the credential' },
  'GET /.well-known/jwks.json': { ok: 'everyone', why: 'public keys are public' },
  'GET /health': { ok: 'everyone', why: 'the load balancer asks without a token' },
  'GET /api/v1/me': { ok: SIGNED_IN, why: 'everyone signed in reads who they are' },

  'POST /api/v1/platform/provinces': { ok: ['platform'], why: 'onboarding is the operators’ work' },
  'GET /api/v1/platform/provinces/{id}': { ok: ['platform'], why: 'provinces are the operators’ records' },

  'PUT /api/v1/platform/provinces/{id}/map-editors/{username}': {
    ok: ['platform'],
    why: 'the operator grants map editing',
  },
  'DELETE /api/v1/platform/provinces/{id}/map-editors/{username}': {
    ok: ['platform'],
    why: 'the operator takes map editing back',
  },

  'GET /api/v1/units': {
    ok: MAP_READERS,
    own: ['otherProvince', 'otherFront'],
    why: 'the map is the whole province’s; another province lists its own; the platform has none',
  },
  'POST /api/v1/units': {
    ok: MAP_EDITORS,
    why: 'map editors only: the Front’s staff, an org admin granted map_editor',
  },
  'GET /api/v1/units/{id}': { ok: MAP_READERS, why: 'the map is the whole province’s' },
  'PATCH /api/v1/units/{id}': { ok: MAP_EDITORS, why: 'map editors only' },
  'GET /api/v1/units/{id}/audit': { ok: MAP_EDITORS, why: 'the map’s trail is for map editors' },
  'GET /api/v1/units/{id}/targets/{year}': {
    ok: UNIT_READERS,
    why: 'figures of a unit in the reader’s scope (a unit is more than a branch officer’s branch)',
  },
  'PUT /api/v1/units/{id}/targets/{year}': {
    ok: ['owner'],
    own: NEIGHBOURS,
    why: 'targets are set within one’s scope; each organization has its own for a hamlet of the map',
  },

  'POST /api/v1/map/proposals': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'admins and commune officers propose hamlets of their communes; the map is their province’s',
  },
  'GET /api/v1/map/proposals': {
    ok: ['owner', 'viewer', 'outOfScopeOfficer', ...MAP_EDITORS],
    own: OTHER_ADMINS,
    why: 'an organization sees the proposals it made or joined (an officer within their scope); map editors all of the province’s',
  },
  'POST /api/v1/map/proposals/{id}/accept': { ok: MAP_EDITORS, why: 'map editors decide proposals' },
  'POST /api/v1/map/proposals/{id}/reject': { ok: MAP_EDITORS, why: 'map editors decide proposals' },

  'POST /api/v1/map/reorganizations': {
    ok: MAP_EDITORS,
    why: 'map editors only: the Front’s staff, an org admin granted map_editor',
  },
  'GET /api/v1/map/reorganizations': {
    ok: MAP_READERS,
    own: ['otherProvince', 'otherFront'],
    why: 'the map’s reorganizations are the whole province’s; another province lists its own',
  },
  'GET /api/v1/map/reorganizations/{id}/branches': {
    ok: [],
    why: 'an organization admin’s follow-up of a reorganization: the scene has none (404 for everyone)',
  },
  'POST /api/v1/map/reorganizations/{id}/apply': {
    ok: [],
    why: 'an organization admin’s follow-up of a reorganization: the scene has none (404 for everyone)',
  },

  'GET /api/v1/branches': {
    ok: READERS,
    own: [...NEIGHBOURS, 'front', 'frontAdmin'],
    why: 'branches of a unit in the reader’s scope; in the province, one’s own branches of a hamlet of the map',
  },
  'POST /api/v1/branches': {
    ok: ['owner'],
    own: NEIGHBOURS,
    why: 'branches are set up within one’s scope; every organization has its own in a hamlet of the map',
  },
  'GET /api/v1/branches/{id}': { ok: READERS, why: 'a branch in the reader’s scope' },
  'PATCH /api/v1/branches/{id}': { ok: ['owner'], why: 'branches are changed within one’s scope' },
  'GET /api/v1/branches/{id}/groups': { ok: READERS, why: 'a branch in the reader’s scope' },
  'POST /api/v1/branches/{id}/groups': {
    ok: MEMBER_WRITERS,
    why: 'groups are the branch’s own organization: its officer adds them',
  },
  'POST /api/v1/branches/{id}/dissolve': { ok: ['owner'], why: 'dissolving a branch is a tree change' },

  'POST /api/v1/imports': {
    ok: MEMBER_WRITERS_AND_KEY,
    ownRules: NEIGHBOURS,
    why: 'a list admitted into the branches of a unit in the writer’s scope; the neighbours’ own branches there have other names',
  },
  'POST /api/v1/imports/uploads': {
    ok: MEMBER_WRITERS_AND_KEY,
    own: NEIGHBOURS,
    why: 'an upload for the branches of a unit in the writer’s scope; the map’s hamlet is the neighbours’ too, for their own list',
  },
  'POST /api/v1/imports/{id}/start': {
    ok: ['owner'],
    why: 'an uploaded list is started by whoever uploaded it (here the admin); the organization’s admins only follow it',
  },
  'GET /api/v1/imports/template.xlsx': {
    // The template names no record: every writer of members gets their organization's.
    ok: [...MEMBER_WRITERS_AND_KEY, 'outOfScopeOfficer'],
    own: [...OTHER_ADMINS, 'otherKey'],
    why: 'the template is for those who import members; other organizations get their own',
  },
  'GET /api/v1/imports/{id}': {
    ok: ['owner'],
    why: 'an import’s progress is for whoever sent it (here the admin) and the organization’s admins',
  },
  'POST /api/v1/imports/check': {
    ok: MEMBER_WRITERS_AND_KEY,
    own: NEIGHBOURS,
    why: 'a list checked against the branches of a unit in the writer’s scope; the map’s hamlet holds the neighbours’ own branches',
  },
  'POST /api/v1/members': {
    ok: MEMBER_WRITERS_AND_KEY,
    why: 'officers admit into branches in their scope; a key with members:write',
  },
  'GET /api/v1/members': {
    ok: MEMBER_READERS_AND_KEY,
    why: 'members of a branch in the reader’s scope; a key with members:read',
  },
  'GET /api/v1/members/export.csv': {
    ok: READERS,
    why: 'the list of a branch in the reader’s scope, as a file',
  },
  'GET /api/v1/members/export.xlsx': {
    ok: READERS,
    why: 'the list of a branch in the reader’s scope, as a file',
  },
  'POST /api/v1/member-exports': {
    ok: READERS,
    why: 'the list of a branch in the reader’s scope, as a file in the store: decided as the direct export',
  },
  'GET /api/v1/member-exports/{id}': {
    ok: ['owner'],
    why: 'an export’s status and link are for whoever asked for it (here the admin) and the organization’s admins',
  },
  'GET /api/v1/members/coming-of-age': {
    ok: UNIT_READERS,
    own: NEIGHBOURS,
    why: 'members of a unit in the reader’s scope (a unit is more than a branch officer’s branch)',
  },
  'GET /api/v1/members/{id}': {
    ok: MEMBER_READERS_AND_KEY,
    why: 'a member in the reader’s scope; a key with members:read',
  },
  'PATCH /api/v1/members/{id}': {
    ok: MEMBER_WRITERS_AND_KEY,
    why: 'a member in the writer’s scope; a key with members:write',
  },
  'GET /api/v1/members/{id}/history': {
    ok: MEMBER_READERS_AND_KEY,
    why: 'a member in the reader’s scope; a key with members:read',
  },
  'GET /api/v1/members/{id}/national-id': {
    ok: ['owner'],
    refusalAudited: true,
    why: 'the full number is for admins and unit officers in scope, not viewers or branch officers',
  },
  'POST /api/v1/members/{id}/status': {
    ok: MEMBER_WRITERS_AND_KEY,
    why: 'a member in the writer’s scope; a key with members:write',
  },
  'POST /api/v1/members/{id}/transfer': {
    ok: ['owner', 'writeKey'],
    why: 'the destination branch is outside the branch officer’s scope; a key with members:write spans the organization',
  },
  'POST /api/v1/members/{id}/transfer-out': {
    ok: MEMBER_WRITERS_AND_KEY,
    why: 'a member in the writer’s scope; a key with members:write',
  },
  'POST /api/v1/members/{id}/party-introductions': {
    ok: ['owner'],
    why: 'Party membership is sensitive: admins and unit officers in scope, not viewers or branch officers',
  },
  'POST /api/v1/members/{id}/party-introductions/{introductionId}/outcome': {
    ok: ['owner'],
    why: 'Party membership is sensitive: admins and unit officers in scope, not viewers or branch officers',
  },
  'GET /api/v1/branches/{id}/member-ratings/{year}': {
    ok: READERS,
    why: 'the members of a branch in the reader’s scope',
  },
  'PUT /api/v1/branches/{id}/member-ratings/{year}': {
    ok: MEMBER_WRITERS,
    why: 'the members of a branch in the writer’s scope (a branch officer rates their own branch)',
  },
  'POST /api/v1/reviews': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'a year’s member review is opened by the organization admin; other admins open their own',
  },
  'GET /api/v1/reviews/{year}': {
    ok: [...READERS, 'outOfScopeOfficer'],
    why: 'every reader of the organization’s members follows its review; other organizations have none (404)',
  },
  'GET /api/v1/reviews/{year}/progress': {
    ok: UNIT_READERS,
    why: 'progress under a unit in the reader’s scope (a branch officer follows their own sheet)',
  },
  'GET /api/v1/branches/{id}/review/{year}': {
    ok: READERS,
    why: 'the members of a branch in the reader’s scope',
  },
  'POST /api/v1/branches/{id}/review/{year}': {
    ok: MEMBER_WRITERS,
    why: 'the members of a branch in the writer’s scope (a branch officer reviews their own branch)',
  },
  'POST /api/v1/branches/{id}/review/{year}/done': {
    ok: MEMBER_WRITERS,
    why: 'a branch in the writer’s scope declares its review done',
  },
  'POST /api/v1/reviews/{year}/close': {
    ok: ['owner'],
    why: 'the organization admin closes the review; other organizations have none to close (404)',
  },
  'GET /api/v1/party-introductions': {
    ok: ['owner'],
    own: NEIGHBOURS,
    why: 'who was introduced is sensitive: admins and unit officers in scope; other organizations list their own',
  },
  'GET /api/v1/rating-criteria/{year}/{branchKind}': {
    ok: [...READERS, 'outOfScopeOfficer'],
    why: 'every officer of the organization rates by its criteria; other organizations have none that year (404)',
  },
  'PUT /api/v1/rating-criteria/{year}/{branchKind}': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'the criteria are the organization admin’s; other admins configure their own',
  },
  'GET /api/v1/branches/{id}/ratings/{year}': {
    ok: READERS,
    why: 'a branch’s rating, for whoever reads the branch',
  },
  'PUT /api/v1/branches/{id}/ratings/{year}': {
    ok: ['owner'],
    why: 'the self-assessment is the commune’s officer’s or the admin’s, not a viewer’s or the branch’s',
  },
  'POST /api/v1/branches/{id}/ratings/{year}/submit': {
    ok: ['owner'],
    why: 'the self-assessment is the commune’s officer’s or the admin’s, not a viewer’s or the branch’s',
  },
  'POST /api/v1/branches/{id}/ratings/{year}/approve': {
    ok: ['owner'],
    why: 'the level above the commune approves: the admin (the other commune’s officer is not above it)',
  },
  'POST /api/v1/branches/{id}/ratings/{year}/return': {
    ok: ['owner'],
    why: 'the level above the commune returns: the admin (the other commune’s officer is not above it)',
  },
  'POST /api/v1/branches/{id}/ratings/{year}/unlock': {
    ok: ['owner'],
    why: 'unlocking an approved rating is the organization admin’s',
  },
  'GET /api/v1/branch-ratings': {
    ok: UNIT_READERS,
    own: NEIGHBOURS,
    why: 'ratings under a unit in the reader’s scope (a branch officer reads their branch’s alone); other organizations list their own',
  },
  'GET /api/v1/branch-ratings/progress': {
    ok: UNIT_READERS,
    own: NEIGHBOURS,
    why: 'progress under a unit in the reader’s scope; other organizations see their own',
  },
  'GET /api/v1/incoming-transfers': {
    ok: ['owner', 'viewer'],
    own: [...OTHER_ADMINS, 'outOfScopeOfficer', 'branchOfficer'],
    why: 'transfers addressed to no unit are for the organization’s admins; other tenants see theirs',
  },
  'POST /api/v1/incoming-transfers/{id}/accept': {
    ok: ['owner'],
    why: 'transfers addressed to no unit are accepted by the organization’s admins',
  },

  'GET /api/v1/webhooks': {
    ok: WEBHOOK_OWNERS,
    own: WEBHOOK_MANAGERS,
    why: 'an admin manages their organization’s webhooks; the Front’s staff its own',
  },
  'POST /api/v1/webhooks': {
    ok: WEBHOOK_OWNERS,
    own: WEBHOOK_MANAGERS,
    why: 'an admin registers their organization’s endpoints; the Front’s staff, for figures only',
  },
  'GET /api/v1/webhooks/{id}': { ok: WEBHOOK_OWNERS, why: 'the endpoint is the admin’s' },
  'PATCH /api/v1/webhooks/{id}': { ok: WEBHOOK_OWNERS, why: 'the endpoint is the admin’s' },
  'DELETE /api/v1/webhooks/{id}': { ok: WEBHOOK_OWNERS, why: 'the endpoint is the admin’s' },
  'POST /api/v1/webhooks/{id}/rotate-secret': { ok: WEBHOOK_OWNERS, why: 'the secret is the admin’s' },
  'POST /api/v1/webhooks/{id}/test': { ok: WEBHOOK_OWNERS, why: 'the endpoint is the admin’s' },
  'GET /api/v1/webhooks/{id}/deliveries': {
    ok: WEBHOOK_OWNERS,
    why: 'what was sent, with members’ data, is the admin’s to read',
  },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay': {
    ok: WEBHOOK_OWNERS,
    why: 'the endpoint is the admin’s',
  },

  'GET /api/v1/audit': { ok: ['owner'], own: OTHER_ADMINS, why: 'the audit trail is the admin’s' },
  'GET /api/v1/settings/eligibility': {
    ok: [...READERS, 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'every officer admits by the organization’s rules',
  },
  'PUT /api/v1/settings/eligibility': { ok: ['owner'], own: OTHER_ADMINS, why: 'the rules are the admin’s' },
  'POST /api/v1/admin/recount': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an admin recounts their own figures',
  },
  'POST /api/v1/admin/snapshots': {
    ok: ['owner', 'platform'],
    own: OTHER_ADMINS,
    why: 'admins snapshot their own organization, operators a whole province',
  },
  'POST /api/v1/admin/snapshots/{date}/revisions': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an admin corrects their own organization’s snapshot',
  },

  'GET /api/v1/stats': {
    ok: [...UNIT_READERS, 'readKey'],
    own: NEIGHBOURS,
    why: 'figures of a unit in the reader’s scope (a unit is more than a branch officer’s branch); a key with figures:read',
  },

  'POST /api/v1/api-keys': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an organization’s admin creates its keys; no key makes keys, the Front has none',
  },
  'GET /api/v1/api-keys': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'an organization’s admin lists its keys; other admins list their own',
  },
  'GET /api/v1/api-keys/{id}': { ok: ['owner'], why: 'an organization’s admin reads its keys' },
  'DELETE /api/v1/api-keys/{id}': { ok: ['owner'], why: 'an organization’s admin revokes its keys' },
  'GET /api/v1/front/overview': {
    ok: ['front', 'frontAdmin'],
    why: 'the Front of the province, aggregates only',
  },
  'GET /api/v1/front/overview.xlsx': {
    ok: ['front', 'frontAdmin'],
    why: 'the Front of the province, aggregates only',
  },
  'GET /api/v1/front/compare': {
    ok: ['front', 'frontAdmin'],
    why: 'the Front of the province, aggregates only',
  },
  'GET /api/v1/front/compare.xlsx': {
    ok: ['front', 'frontAdmin'],
    why: 'the Front of the province, aggregates only',
  },
};
