/**
 * One page operation of the page authorization matrix (page-authorization-matrix.test.ts): who
 * it is for, and a valid request for it against the victim's records. Keys are the operation as
 * the app registers it, `GET /members/:id`; every page route must have exactly one case, in the
 * file of its area, or the matrix fails.
 *
 * Outcomes as a browser sees them: `ok` is a page (2xx) or a redirect somewhere other than
 * signing in (a form that worked); `own` is a page (2xx) of the persona's own tenant with nothing
 * of the victim's in it; anyone else is refused — without a valid session, sent to sign in; signed
 * in, 403 or 404 with nothing of the victim's in it — and nothing changes.
 */

import type { RequestRecipe } from '../authorization-matrix-requests.ts';
import { type Ids, type MatrixScene, PAGE_PERSONAS, type Persona } from '../authorization-matrix-scene.ts';

export interface PageRequest {
  /** Path with its query, e.g. '/members?unitId=28261-07'. */
  readonly path: string;
  /** The fields of a POSTed form (the CSRF token is added by the runner). */
  readonly form?: Record<string, string>;
  /** Files the form sends beside its fields (as multipart/form-data). */
  readonly files?: Record<string, File>;
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
  /**
   * A refusal inside the victim tenant leaves an audit record (reaching for a national id), as in
   * the API matrix: refused calls may add the victim's audit records, and change nothing else.
   */
  readonly refusalAudited?: boolean;
  /**
   * The call uses up the session it is sent with (a refresh rotates its refresh token, signing
   * out revokes its family): it is sent from a session of its own beside the persona's, never
   * from the one every other call starts from.
   */
  readonly usesUpSession?: boolean;
}

export type PageCases = Record<string, PageCase>;

/** Everyone with an account: the personas who sign in through the page form. */
export const SIGNED_IN: readonly Persona[] = PAGE_PERSONAS.filter((p) => p !== 'anonymous' && p !== 'forged');
