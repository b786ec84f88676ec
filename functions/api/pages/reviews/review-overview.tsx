/**
 * GET /reviews: a year's member review — the campaign (state, deadline), its progress by unit
 * with a drill-down into a unit's children, and the branches not done there, each leading to its
 * sheet (the same use cases as GET /api/v1/reviews/{year} and …/progress). A branch's officer
 * sees their own branch instead. The admin opens a year's campaign (POST /reviews) and closes
 * an open one (POST /reviews/:year/close) after ticking that they mean it: a confirm step that
 * needs no script. A refused form writes nothing and comes back with its message.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { branchReviewSheet } from '#shared/domain/review/branch-reviews.ts';
import { openReviewSchema, reviewYearSchema } from '#shared/domain/review/member-review.ts';
import {
  closeCampaign,
  currentCampaign,
  openCampaign,
  readCampaign,
  reviewableYears,
} from '#shared/domain/review/review-campaigns.ts';
import { reviewProgress } from '#shared/domain/review/review-progress.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, reviewWorkspace } from '../../http/workspaces.ts';
import {
  AgreeForm,
  agreed,
  EMPTY_FORM,
  Notice,
  notAgreed,
  PostForm,
  SelectField,
  TextField,
} from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { YearFilters, yearsBack } from '../components/year-filters.tsx';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { formValues, readForm, readQuery, typedNumber, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { unitChoices } from '../members/member-places.ts';
import { CampaignFacts, reviewsHref, thisYear, yearParam } from './review-parts.tsx';
import { BranchesLeft, OwnBranch, Progress } from './review-progress-parts.tsx';

const querySchema = z.object({
  year: reviewYearSchema.optional(),
  unitId: z.string().min(1).max(64).optional(),
});

/** The years offered: next year's review can be opened in December, and the last few read back. */
const YEARS_BACK = 3;

const isAdmin = allows((p) => requireRole(p, 'org_admin'));

/** A refused open or close form, and the year it was about. */
interface Refusal {
  readonly form: 'open' | 'close';
  readonly year: number | undefined;
  readonly state: RefusedForm;
  readonly status: Exclude<FormStatus, 200 | 412>;
}

const orNone = (error: unknown) => {
  if (error instanceof DomainError && error.code === 'REVIEW_NOT_FOUND') return undefined;
  throw error;
};

export async function reviewsPage(c: Context<AppEnv>, deps: AppDependencies, refused?: Refusal) {
  const principal = c.get('principal');
  const now = c.get('now');
  const ws = reviewWorkspace(c, deps);
  const query = readQuery(c, querySchema);
  const asked = query.ok ? query.data : {};
  // The reader's right to the review is the use case's to refuse first.
  const current = await currentCampaign(ws, principal, now);
  const year = refused?.year ?? asked.year ?? current?.year ?? thisYear(c);
  const scope = principal.scope;
  const branchId = scope && 'branchId' in scope ? scope.branchId : undefined;
  // Progress is asked even without a campaign: it refuses a unit outside the reader's scope.
  const [campaign, progress, ownSheet, units] = await Promise.all([
    readCampaign(ws, principal, year).catch(orNone),
    branchId ? undefined : reviewProgress(ws, principal, year, asked.unitId, now).catch(orNone),
    branchId ? branchReviewSheet(ws, principal, branchId, year).catch(orNone) : undefined,
    unitChoices(c, query.values.unitId),
  ]);
  const admin = isAdmin(principal);
  const filters = {
    values: { ...query.values, year: String(year) },
    errors: query.ok ? {} : query.errors,
  };
  const done = c.req.query('done');
  return renderPage(
    c,
    { title: (view) => view.t('reviews.title'), status: refused?.status ?? (query.ok ? 200 : 400) },
    (view) => (
      <>
        <YearFilters
          view={view}
          action="/reviews"
          form={filters}
          years={yearsBack(thisYear(c) + 1, YEARS_BACK + 1, year)}
          yearLabel={view.t('reviews.year')}
          units={branchId ? [] : units}
          unitLabel={view.t('reviews.unit')}
          submit={view.t('reviews.show')}
        />
        <Refused view={view} form={query.ok ? EMPTY_FORM : filters} />
        {(done === 'opened' || done === 'closed') && (
          <Notice kind="ok">{view.t(done === 'opened' ? 'reviews.opened' : 'reviews.closed')}</Notice>
        )}
        <section class="panel tight" aria-labelledby="campaign">
          <h2 id="campaign">
            {view.t('reviews.campaign')} {year}
          </h2>
          {refused?.form === 'close' && <Refused view={view} form={refused.state} />}
          {campaign ? (
            <CampaignFacts view={view} campaign={campaign} now={now} />
          ) : (
            <p>{view.t('reviews.none')}</p>
          )}
          {admin && campaign?.state === 'open' && (
            <CloseForm
              view={view}
              year={year}
              form={refused?.form === 'close' ? refused.state : EMPTY_FORM}
            />
          )}
        </section>
        {admin && (!campaign || refused?.form === 'open') && (
          <OpenForm
            view={view}
            years={reviewableYears(now)}
            form={refused?.form === 'open' ? refused.state : { values: { year: String(year) }, errors: {} }}
          />
        )}
        {ownSheet && <OwnBranch view={view} sheet={ownSheet} />}
        {progress && <Progress view={view} progress={progress} />}
        {progress && <BranchesLeft view={view} progress={progress} />}
      </>
    ),
  );
}

const OpenForm = ({ view, years, form }: { view: View; years: readonly number[]; form: RefusedForm }) => (
  <section aria-labelledby="open-review">
    <h2 id="open-review">{view.t('reviews.open')}</h2>
    <PostForm view={view} action="/reviews" class="stack panel narrow">
      <Refused view={view} form={form} />
      <p class="muted">{view.t('reviews.openHint')}</p>
      <SelectField
        view={view}
        form={form}
        idPrefix="open"
        name="year"
        label={view.t('reviews.year')}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
        required
      />
      <TextField
        view={view}
        form={form}
        idPrefix="open"
        name="deadline"
        type="date"
        label={view.t('reviews.deadline')}
        required
      />
      <div class="actions">
        <button type="submit">{view.t('reviews.open')}</button>
      </div>
    </PostForm>
  </section>
);

const CloseForm = ({ view, year, form }: { view: View; year: number; form: RefusedForm }) => (
  <AgreeForm
    view={view}
    action={`/reviews/${year}/close`}
    form={form}
    idPrefix="close"
    agree={view.t('reviews.closeAgree')}
    submit={view.t('reviews.close')}
  />
);

/** POST /reviews: the admin opens a year's campaign with its deadline. */
export async function openFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const form = await readForm(c, openReviewSchema, (values) => ({
    ...withoutEmpty(values),
    year: typedNumber(values.year),
  }));
  const typed = reviewYearSchema.safeParse(form.values.year);
  const refused = (state: RefusedForm, status: Refusal['status']) =>
    reviewsPage(c, deps, { form: 'open', year: typed.success ? typed.data : undefined, state, status });
  if (!form.ok) return refused(form, 400);
  try {
    await openCampaign(reviewWorkspace(c, deps), changeContext(c), form.data);
    return c.redirect(`${reviewsHref(form.data.year)}&done=opened`, 303);
  } catch (error) {
    const refusal = refusalOf(error, { REVIEW_EXISTS: 'year' });
    if (!refusal) throw error;
    return refused({ values: form.values, errors: refusal.errors, message: refusal.message }, refusal.status);
  }
}

/** POST /reviews/:year/close: closed once the admin has ticked that they mean it. */
export async function closeFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const year = yearParam(c);
  const values = await formValues(c);
  const refused = (state: RefusedForm, status: Refusal['status']) =>
    reviewsPage(c, deps, { form: 'close', year, state, status });
  if (!agreed(values))
    return refused({ values, errors: notAgreed(uiText['reviews.closeAgreeMissing']) }, 400);
  try {
    await closeCampaign(reviewWorkspace(c, deps), changeContext(c), year);
    return c.redirect(`${reviewsHref(year)}&done=closed`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return refused({ values, errors: refusal.errors, message: refusal.message }, refusal.status);
  }
}
