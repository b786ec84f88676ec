/**
 * A branch's rating of a year on one page, over the same use cases as
 * /api/v1/branches/{id}/ratings/{year}: the self-assessment form while it may be changed, the
 * result once saved, and each change of state as its own form for whom the use case lets make it
 * (asked of rating-access.ts). Every form posts and redirects; a refused one writes nothing.
 */
import type { Context } from 'hono';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import {
  type BranchRating,
  type RatingState,
  ratingReasonSchema,
  saveRatingSchema,
} from '#shared/domain/ratings/branch-rating.ts';
import { ratingYearSchema } from '#shared/domain/ratings/criteria.ts';
import { readCriteriaSet } from '#shared/domain/ratings/criteria-changes.ts';
import { requireApprover, requireSelfAssessor } from '#shared/domain/ratings/rating-access.ts';
import {
  approveRating,
  type RatingRef,
  returnRating,
  saveRating,
  submitRating,
  unlockRating,
} from '#shared/domain/ratings/rating-changes.ts';
import { getRating } from '#shared/domain/ratings/rating-queries.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, ratingWorkspace } from '../../http/workspaces.ts';
import { branchHref, branchIdParam } from '../branches/branch-paths.ts';
import { EMPTY_FORM, Notice, PostForm, TextAreaField } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { formValues, formVersion, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { criteriaHref, isCriteriaAdmin } from './criteria-page.tsx';
import { RatingForm, ratingValues, saveInput } from './rating-form.tsx';
import { AnswersTable, RatingSummary, ratingHref } from './rating-parts.tsx';

const EDITABLE: readonly RatingState[] = ['draft', 'returned'];
const ACTIONS = ['submit', 'approve', 'return', 'unlock'] as const;
type Action = (typeof ACTIONS)[number];

/** Which of the page's forms was refused, and how. */
interface Refusal {
  readonly form: 'save' | Action;
  readonly state: RefusedForm;
  readonly status: Exclude<FormStatus, 200>;
}

function refOf(c: Context<AppEnv>): RatingRef {
  const branchId = branchIdParam(c);
  const year = ratingYearSchema.safeParse(c.req.param('year'));
  if (!year.success) throw new DomainError('RATING_NOT_FOUND', { branchId, year: c.req.param('year') ?? '' });
  return { branchId, year: year.data };
}

const orNone =
  <T,>(code: string) =>
  (error: unknown): T | undefined => {
    if (error instanceof DomainError && error.code === code) return undefined;
    throw error;
  };

export const ratingPage = (c: Context<AppEnv>) => drawPage(c, refOf(c));

export async function saveFromForm(c: Context<AppEnv>) {
  const ref = refOf(c);
  const ws = ratingWorkspace(c);
  const principal = c.get('principal');
  const { branch } = await readBranch(ws, principal, ref.branchId);
  const set = await readCriteriaSet(ws, principal, ref.year, branch.kind);
  const values = await formValues(c);
  const request = saveRatingSchema.safeParse(saveInput(set.criteria, values));
  try {
    // What the API's schema refuses is refused here the same way, beside its field.
    if (!request.success) throw validationError(request.error, 'json');
    await saveRating(ws, changeContext(c), ref, request.data, formVersion(values));
    return c.redirect(ratingHref(ref.branchId, ref.year, '?done=save'), 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
      return drawPage(c, ref, stale('save'));
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return drawPage(c, ref, {
      form: 'save',
      state: { values, errors: refusal.errors, message: refusal.message },
      status: refusal.status,
    });
  }
}

export async function actFromForm(c: Context<AppEnv>, action: Action) {
  const ref = refOf(c);
  const ws = ratingWorkspace(c);
  const ctx = changeContext(c);
  const values = await formValues(c);
  const version = formVersion(values);
  try {
    if (action === 'submit') await submitRating(ws, ctx, ref, version);
    else if (action === 'approve') await approveRating(ws, ctx, ref, version);
    else {
      const reason = ratingReasonSchema.safeParse(withoutEmpty({ reason: values.reason ?? '' }));
      if (!reason.success) throw validationError(reason.error, 'json');
      await (action === 'return' ? returnRating : unlockRating)(ws, ctx, ref, reason.data, version);
    }
    return c.redirect(ratingHref(ref.branchId, ref.year, `?done=${action}`), 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
      return drawPage(c, ref, stale(action));
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return drawPage(c, ref, {
      form: action,
      state: { values, errors: refusal.errors, message: refusal.message },
      status: refusal.status,
    });
  }
}

/** Someone changed the rating since the page was drawn: the latest is shown, with why. */
const stale = (form: Refusal['form']): Refusal => ({
  form,
  state: { values: {}, errors: {}, message: errorMessages.PRECONDITION_FAILED.detail({}) },
  status: 412,
});

/** What this reader may do with the rating as it stands, asked of the use cases' own rules. */
function mayDo(principal: Principal, unit: Parameters<typeof requireApprover>[1], rating?: BranchRating) {
  const assessor = allows(requireSelfAssessor)(principal);
  const approver = allows((p) => requireApprover(p, unit))(principal);
  const state = rating?.state;
  return {
    edit: assessor && (state === undefined || EDITABLE.includes(state)),
    submit: assessor && state !== undefined && EDITABLE.includes(state),
    approve: approver && state === 'submitted',
    return: approver && state === 'submitted',
    unlock: allows((p) => requireRole(p, 'org_admin'))(principal) && state === 'approved',
  };
}

async function drawPage(c: Context<AppEnv>, ref: RatingRef, refused?: Refusal) {
  const ws = ratingWorkspace(c);
  const principal = c.get('principal');
  const { branch, unit } = await readBranch(ws, principal, ref.branchId);
  const rating = await getRating(ws, principal, ref).catch(orNone<BranchRating>('RATING_NOT_FOUND'));
  const kind = rating?.branchKind ?? branch.kind;
  const set = await readCriteriaSet(ws, principal, ref.year, kind).catch(
    orNone<Awaited<ReturnType<typeof readCriteriaSet>>>('RATING_CRITERIA_NOT_FOUND'),
  );
  const may = mayDo(principal, unit, rating);
  const formOf = (name: Refusal['form']): RefusedForm =>
    refused?.form === name && refused.status !== 412 ? refused.state : EMPTY_FORM;
  const saveForm: RefusedForm =
    refused?.form === 'save' && refused.status !== 412
      ? refused.state
      : { ...EMPTY_FORM, values: ratingValues(rating) };
  const done = c.req.query('done');
  const here = ratingHref(ref.branchId, ref.year);
  return renderPage(
    c,
    {
      title: (view) => `${view.t('ratings.ratingTitle')} ${ref.year} · ${branch.name}`,
      status: refused?.status ?? 200,
    },
    (view) => (
      <>
        <p class="muted no-print">
          <a href={branchHref(branch.id)}>← {branch.name}</a>
        </p>
        {done && (ACTIONS as readonly string[]).concat('save').includes(done) && (
          <Notice kind="ok">
            {view.t(done === 'save' ? 'ratings.saved' : (`ratings.done.${done}` as 'ratings.done.submit'))}
          </Notice>
        )}
        {refused?.status === 412 && <Notice kind="warn">{view.t('ratings.stale')}</Notice>}
        {rating ? (
          <section aria-labelledby="rating-summary">
            <h2 id="rating-summary">{view.t('ratings.summary')}</h2>
            <RatingSummary view={view} rating={rating} />
          </section>
        ) : (
          <p class="panel">{view.t('ratings.notRated')}</p>
        )}
        {!set && (
          <Notice kind="warn">
            {view.t('ratings.noCriteria')}{' '}
            {isCriteriaAdmin(principal) && (
              <a href={criteriaHref(ref.year, kind)}>{view.t('ratings.setUpCriteria')}</a>
            )}
          </Notice>
        )}
        {set && (
          <section aria-labelledby="rating-criteria">
            <h2 id="rating-criteria">
              {may.edit ? view.t('ratings.selfAssessment') : view.t('ratings.criteria')}
            </h2>
            {may.edit ? (
              <RatingForm view={view} set={set} form={saveForm} action={here} />
            ) : (
              <AnswersTable view={view} set={set} rating={rating} />
            )}
          </section>
        )}
        {rating && (may.submit || may.approve || may.return || may.unlock) && (
          <section aria-labelledby="rating-actions">
            <h2 id="rating-actions">{view.t('ratings.actions')}</h2>
            <div class="rating-actions">
              {may.submit && (
                <ActionForm view={view} rating={rating} action="submit" form={formOf('submit')} here={here} />
              )}
              {may.approve && (
                <ActionForm
                  view={view}
                  rating={rating}
                  action="approve"
                  form={formOf('approve')}
                  here={here}
                />
              )}
              {may.return && (
                <ActionForm view={view} rating={rating} action="return" form={formOf('return')} here={here} />
              )}
              {may.unlock && (
                <ActionForm view={view} rating={rating} action="unlock" form={formOf('unlock')} here={here} />
              )}
            </div>
          </section>
        )}
      </>
    ),
  );
}

const CONFIRMS: Partial<Record<Action, 'ratings.submitConfirm' | 'ratings.approveConfirm'>> = {
  submit: 'ratings.submitConfirm',
  approve: 'ratings.approveConfirm',
};

/** One change of state: its button, and a reason where the change needs one. */
const ActionForm = ({
  view,
  rating,
  action,
  form,
  here,
}: {
  view: View;
  rating: BranchRating;
  action: Action;
  form: RefusedForm;
  here: string;
}) => {
  const confirm = CONFIRMS[action];
  return (
    <PostForm
      view={view}
      action={`${here}/${action}`}
      confirm={confirm && view.t(confirm)}
      class="stack panel"
    >
      <Refused view={view} form={form} />
      <input type="hidden" name="version" value={String(rating.version)} />
      {(action === 'return' || action === 'unlock') && (
        <TextAreaField
          view={view}
          form={form}
          name="reason"
          label={view.t(action === 'return' ? 'ratings.returnReason' : 'ratings.unlockReason')}
          idPrefix={action}
          rows={2}
          required
        />
      )}
      <div class="actions">
        <button type="submit">{view.t(`ratings.${action}`)}</button>
      </div>
    </PostForm>
  );
};
