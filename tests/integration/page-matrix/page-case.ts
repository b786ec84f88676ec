/**
 * One page operation of the page authorization matrix (page-authorization-matrix.test.ts): who
 * it is for, and a valid request for it against the victim's records. Keys are the operation as
 * the app registers it, `GET /members/:id`; every page route must have exactly one case, in the
 * file of its area, or the matrix fails.
 */

import type { RequestRecipe } from '../authorization-matrix-requests.ts';
import type { Ids, MatrixScene, Persona } from '../authorization-matrix-scene.ts';

export interface PageRequest {
  /** Path with its query, e.g. '/members?unitId=28261-07'. */
  readonly path: string;
  /** The fields of a POSTed form (the CSRF token is added by the runner). */
  readonly form?: Record<string, string>;
}

export interface PageCase {
  /** Who the page is meant for; 'everyone' for the sign-in pages. */
  readonly ok: readonly Persona[] | 'everyone';
  /** Who gets a page of their own tenant, with nothing of the victim's in it. */
  readonly own?: readonly Persona[];
  readonly why: string;
  readonly build: (ids: Ids, scene: MatrixScene, persona: Persona) => PageRequest;
  /** Throwaway records for an allowed call that changes what it touches, as in the API matrix. */
  readonly fresh?: RequestRecipe['fresh'];
}

export type PageCases = Record<string, PageCase>;
