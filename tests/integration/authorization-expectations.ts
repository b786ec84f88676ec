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
/** Admins of other organizations, who do the same in their own tenant. */
const OTHER_ADMINS: readonly Persona[] = ['otherProvince', 'otherOrganization'];
/** Everyone outside the victim tenant who holds a tenant of their own. */
const OUTSIDERS: readonly Persona[] = [...OTHER_ADMINS, 'front', 'otherFront', 'platform'];

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
    ok: [...READERS, 'outOfScopeOfficer', 'otherOrganization', 'front'],
    own: ['otherProvince', 'otherFront'],
    why: 'the map is the whole province’s; another province lists its own; the platform has none',
  },
  'POST /api/v1/units': {
    ok: [],
    why: 'map editors only (front_admin, an org admin granted map_editor): no persona is one',
  },
  'GET /api/v1/units/{id}': {
    ok: [...READERS, 'outOfScopeOfficer', 'otherOrganization', 'front'],
    why: 'the map is the whole province’s',
  },
  'PATCH /api/v1/units/{id}': { ok: [], why: 'map editors only: no persona is one' },
  'GET /api/v1/units/{id}/audit': { ok: [], why: 'the map’s trail is for map editors' },
  'GET /api/v1/units/{id}/targets/{year}': {
    ok: UNIT_READERS,
    why: 'figures of a unit in the reader’s scope (a unit is more than a branch officer’s branch)',
  },
  'PUT /api/v1/units/{id}/targets/{year}': { ok: ['owner'], why: 'targets are set within one’s scope' },

  'POST /api/v1/map/proposals': {
    ok: ['owner'],
    own: OTHER_ADMINS,
    why: 'admins and commune officers propose hamlets of their communes; the map is their province’s',
  },
  'GET /api/v1/map/proposals': {
    ok: ['owner', 'viewer', 'outOfScopeOfficer'],
    own: OTHER_ADMINS,
    why: 'an organization sees the proposals it made or joined (an officer within their scope)',
  },
  'POST /api/v1/map/proposals/{id}/accept': {
    ok: [],
    why: 'map editors only (front_admin, an org_admin granted map_editor): no persona here is one',
  },
  'POST /api/v1/map/proposals/{id}/reject': {
    ok: [],
    why: 'map editors only (front_admin, an org_admin granted map_editor): no persona here is one',
  },

  'GET /api/v1/branches': { ok: READERS, why: 'branches of a unit in the reader’s scope' },
  'POST /api/v1/branches': { ok: ['owner'], why: 'branches are set up within one’s scope' },
  'GET /api/v1/branches/{id}': { ok: READERS, why: 'a branch in the reader’s scope' },
  'PATCH /api/v1/branches/{id}': { ok: ['owner'], why: 'branches are changed within one’s scope' },
  'GET /api/v1/branches/{id}/groups': { ok: READERS, why: 'a branch in the reader’s scope' },
  'POST /api/v1/branches/{id}/groups': {
    ok: MEMBER_WRITERS,
    why: 'groups are the branch’s own organization: its officer adds them',
  },
  'POST /api/v1/branches/{id}/dissolve': { ok: ['owner'], why: 'dissolving a branch is a tree change' },

  'POST /api/v1/members': { ok: MEMBER_WRITERS, why: 'officers admit into branches in their scope' },
  'GET /api/v1/members': { ok: READERS, why: 'members of a branch in the reader’s scope' },
  'GET /api/v1/members/coming-of-age': {
    ok: UNIT_READERS,
    why: 'members of a unit in the reader’s scope (a unit is more than a branch officer’s branch)',
  },
  'GET /api/v1/members/{id}': { ok: READERS, why: 'a member in the reader’s scope' },
  'PATCH /api/v1/members/{id}': { ok: MEMBER_WRITERS, why: 'a member in the writer’s scope' },
  'GET /api/v1/members/{id}/history': { ok: READERS, why: 'a member in the reader’s scope' },
  'GET /api/v1/members/{id}/national-id': {
    ok: ['owner'],
    refusalAudited: true,
    why: 'the full number is for admins and unit officers in scope, not viewers or branch officers',
  },
  'POST /api/v1/members/{id}/status': { ok: MEMBER_WRITERS, why: 'a member in the writer’s scope' },
  'POST /api/v1/members/{id}/transfer': {
    ok: ['owner'],
    why: 'the destination branch is outside the branch officer’s scope',
  },
  'POST /api/v1/members/{id}/transfer-out': { ok: MEMBER_WRITERS, why: 'a member in the writer’s scope' },
  'GET /api/v1/incoming-transfers': {
    ok: ['owner', 'viewer'],
    own: [...OTHER_ADMINS, 'outOfScopeOfficer', 'branchOfficer'],
    why: 'transfers addressed to no unit are for the organization’s admins; other tenants see theirs',
  },
  'POST /api/v1/incoming-transfers/{id}/accept': {
    ok: ['owner'],
    why: 'transfers addressed to no unit are accepted by the organization’s admins',
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
    ok: UNIT_READERS,
    why: 'figures of a unit in the reader’s scope (a unit is more than a branch officer’s branch)',
  },
  'GET /api/v1/front/overview': { ok: ['front'], why: 'the Front of the province, aggregates only' },
  'GET /api/v1/front/overview.xlsx': { ok: ['front'], why: 'the Front of the province, aggregates only' },
  'GET /api/v1/front/compare': { ok: ['front'], why: 'the Front of the province, aggregates only' },
  'GET /api/v1/front/compare.xlsx': { ok: ['front'], why: 'the Front of the province, aggregates only' },
};
