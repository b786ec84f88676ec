/**
 * A branch's member review of a year on one page, over the same use cases as
 * /api/v1/branches/{id}/review/{year}: the counts, the sheet as a form for whom may confirm while
 * the campaign is open (as it stands otherwise), and the branch's "done". Every form posts and
 * redirects; a refused one writes nothing and comes back with its message beside the row.
 */
import type { Context } from 'hono';
import { requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import { organizationOf } from '#shared/domain/organizations.ts';
import { branchReviewSheet, confirmMembers, markBranchDone } from '#shared/domain/review/branch-reviews.ts';
import { type BranchReviewSheet, confirmMembersSchema } from '#shared/domain/review/member-review.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, reviewWorkspace } from '../../http/workspaces.ts';
import { branchHref, branchIdParam } from '../branches/branch-paths.ts';
import { formatCount, formatDate } from '../components/format.ts';
import { EMPTY_FORM, Notice, PostForm } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { formValues } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { CampaignFacts, sheetHref, yearParam } from './review-parts.tsx';
import { confirmInput, rowErrors, SheetForm, SheetTable } from './review-sheet-form.tsx';

/** Which of the page's two forms was refused, and how. */
interface Refusal {
  readonly form: 'confirm' | 'done';
  readonly state: RefusedForm;
  readonly status: Exclude<FormStatus, 200>;
}

const OUTCOMES = { saved: 'reviews.saved', done: 'reviews.markedDone' } as const;

export const sheetPage = (c: Context<AppEnv>, deps: AppDependencies) => drawPage(c, deps);

export async function confirmFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const [branchId, year] = [branchIdParam(c), yearParam(c)];
  const ws = reviewWorkspace(c, deps);
  const values = await formValues(c);
  const sheet = await branchReviewSheet(ws, c.get('principal'), branchId, year);
  const { input, rows } = confirmInput(sheet, values);
  if (input.confirm.length === 0 && !input.confirmRest)
    return drawPage(c, deps, {
      form: 'confirm',
      state: { values, errors: {}, message: uiText['reviews.nothingPicked'] },
      status: 400,
    });
  const request = confirmMembersSchema.safeParse(input);
  try {
    // What the API's schema refuses is refused here the same way, beside the member's field.
    if (!request.success) throw validationError(request.error, 'json');
    await confirmMembers(ws, changeContext(c), branchId, year, request.data);
    return c.redirect(`${sheetHref(branchId, year)}?done=saved`, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED') return drawPage(c, deps, stale);
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const state = { values, errors: rowErrors(refusal.errors, rows), message: refusal.message };
    return drawPage(c, deps, { form: 'confirm', state, status: refusal.status });
  }
}

export async function doneFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const [branchId, year] = [branchIdParam(c), yearParam(c)];
  try {
    await markBranchDone(reviewWorkspace(c, deps), changeContext(c), branchId, year);
    return c.redirect(`${sheetHref(branchId, year)}?done=done`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const state = { values: {}, errors: {}, message: refusal.message };
    return drawPage(c, deps, { form: 'done', state, status: refusal.status });
  }
}

/** A member changed since the sheet was drawn: the latest is shown, with why. */
const stale: Refusal = {
  form: 'confirm',
  state: { values: {}, errors: {}, message: errorMessages.PRECONDITION_FAILED.detail({}) },
  status: 412,
};

async function drawPage(c: Context<AppEnv>, deps: AppDependencies, refused?: Refusal) {
  const [branchId, year] = [branchIdParam(c), yearParam(c)];
  const principal = c.get('principal');
  const sheet = await branchReviewSheet(reviewWorkspace(c, deps), principal, branchId, year);
  const open = sheet.campaign.state === 'open';
  const writer = open && allows(requireMemberWriter)(principal);
  const formOf = (name: Refusal['form']) => (refused?.form === name ? refused.state : EMPTY_FORM);
  const outcome = c.req.query('done');
  const here = sheetHref(branchId, year);
  return renderPage(
    c,
    {
      title: (view) => `${view.t('reviews.sheetTitle')} ${year} · ${sheet.branchName}`,
      status: refused?.status ?? 200,
    },
    (view) => (
      <>
        <p class="muted no-print">
          <a href={branchHref(branchId)}>← {sheet.branchName}</a>
        </p>
        {(outcome === 'saved' || outcome === 'done') && (
          <Notice kind="ok">{view.t(OUTCOMES[outcome])}</Notice>
        )}
        {refused?.status === 412 && <Notice kind="warn">{view.t('reviews.stale')}</Notice>}
        <section class="panel tight" aria-labelledby="review-campaign">
          <h2 id="review-campaign">
            {view.t('reviews.campaign')} {year}
          </h2>
          <CampaignFacts view={view} campaign={sheet.campaign} now={c.get('now')} />
        </section>
        <SheetCounts view={view} sheet={sheet} />
        {!open && <Notice kind="warn">{view.t('reviews.sheetClosed')}</Notice>}
        {sheet.members.length === 0 ? (
          <p class="panel">{view.t('reviews.noMembers')}</p>
        ) : writer ? (
          <SheetForm
            view={view}
            sheet={sheet}
            form={formOf('confirm')}
            action={here}
            youth={organizationOf(principal.tenantId) === 'youth'}
          />
        ) : (
          <SheetTable view={view} sheet={sheet} />
        )}
        {writer && !sheet.done && <DoneForm view={view} action={`${here}/done`} form={formOf('done')} />}
      </>
    ),
  );
}

/** The branch's counts: what is left, and what the review found. */
const SheetCounts = ({ view, sheet }: { view: View; sheet: BranchReviewSheet }) => {
  const { counts } = sheet;
  const n = (value: number) => formatCount(value, view.lang);
  const cards = [
    [view.t('reviews.members'), counts.members],
    [view.t('reviews.membersReviewed'), counts.reviewed],
    [view.t('reviews.notReviewed'), counts.members - counts.reviewed],
    [view.t('members.status.active'), counts.active],
    [view.t('members.status.away'), counts.away],
    [view.t('members.status.lapsed'), counts.lapsed],
    [view.t('reviews.count.left'), counts.left],
  ] as const;
  return (
    <>
      {sheet.doneAt && (
        <Notice kind="ok">
          {view.t('reviews.branchDone')} {formatDate(sheet.doneAt)}.
        </Notice>
      )}
      <ul class="cards review-counts">
        {cards.map(([label, value]) => (
          <li class="card">
            <span class="label">{label}</span>
            <span class="value">{n(value)}</span>
          </li>
        ))}
      </ul>
    </>
  );
};

const DoneForm = ({ view, action, form }: { view: View; action: string; form: RefusedForm }) => (
  <PostForm view={view} action={action} class="stack panel narrow">
    <Refused view={view} form={form} />
    <p class="muted">{view.t('reviews.markDoneHint')}</p>
    <div class="actions">
      <button type="submit">{view.t('reviews.markDone')}</button>
    </div>
  </PostForm>
);
