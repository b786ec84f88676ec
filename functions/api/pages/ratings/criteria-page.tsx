/**
 * A year's criteria set for a kind of branch, over the same use cases as
 * /api/v1/rating-criteria/{year}/{branchKind}: read by everyone of the organization, set up by its
 * admin as rows (with a few empty ones to add), the level thresholds and the standard's name.
 * Once a submitted rating uses the set it no longer changes: the form gives way to a notice, and
 * a save that races it is refused (409) beside the form, writing nothing.
 */
import type { Context } from 'hono';
import { requireOrganization } from '#shared/domain/access/tenant-access.ts';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { type BranchKind, branchKindSchema } from '#shared/domain/branches.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import {
  type CriteriaSet,
  ratingYearSchema,
  saveCriteriaSetSchema,
} from '#shared/domain/ratings/criteria.ts';
import { readCriteriaSet, saveCriteriaSet } from '#shared/domain/ratings/criteria-changes.ts';
import type { AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, ratingWorkspace } from '../../http/workspaces.ts';
import { kindWord } from '../branches/branch-words.ts';
import { Notice } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { type FieldErrors, type FormValues, formValues, formVersion } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { RefusedForm } from '../members/member-parts.tsx';
import { CriteriaForm, CriteriaTable } from './criteria-form.tsx';

const EMPTY_ROWS = 3;

export const criteriaHref = (year: number, kind: BranchKind) => `/ratings/criteria/${year}/${kind}`;

export const isCriteriaAdmin = allows(requireOrganization, (p) => requireRole(p, 'org_admin'));

function paramsOf(c: Context<AppEnv>): { year: number; kind: BranchKind } {
  const year = ratingYearSchema.safeParse(c.req.param('year'));
  const kind = branchKindSchema.safeParse(c.req.param('kind'));
  if (!year.success || !kind.success)
    throw new DomainError('RATING_CRITERIA_NOT_FOUND', {
      year: c.req.param('year') ?? '',
      kind: c.req.param('kind') ?? '',
    });
  return { year: year.data, kind: kind.data };
}

export const criteriaPage = (c: Context<AppEnv>) => drawPage(c);

export async function saveCriteriaFromForm(c: Context<AppEnv>) {
  const { year, kind } = paramsOf(c);
  const values = await formValues(c);
  const { input, rowOf } = criteriaInput(values);
  const request = saveCriteriaSetSchema.safeParse(input);
  try {
    if (!request.success) throw validationError(request.error, 'json');
    await saveCriteriaSet(
      ratingWorkspace(c),
      changeContext(c),
      year,
      kind,
      request.data,
      formVersion(values),
    );
    return c.redirect(`${criteriaHref(year, kind)}?done=1`, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
      return drawPage(c, { values, errors: {}, message: errorMessages.PRECONDITION_FAILED.detail({}) }, 412);
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return drawPage(
      c,
      { values, errors: toRows(refusal.errors, rowOf), message: refusal.message },
      refusal.status,
    );
  }
}

/** The set as an API client would send it: rows with neither id nor label are left out. */
function criteriaInput(values: FormValues): { input: unknown; rowOf: number[] } {
  const rowOf: number[] = [];
  const criteria: Record<string, unknown>[] = [];
  for (let row = 0; values[`criteria.${row}.kind`] !== undefined; row++) {
    const get = (name: string) => values[`criteria.${row}.${name}`]?.trim() ?? '';
    if (!get('id') && !get('label')) continue;
    const kind = get('kind');
    rowOf.push(row);
    criteria.push({
      id: get('id'),
      label: get('label'),
      kind,
      weight: number(get('weight')),
      required: get('required') === 'yes',
      ...(kind === 'score' ? { max: number(get('max')), pass: number(get('pass')) } : {}),
    });
  }
  const standardName = values.standardName?.trim();
  return {
    input: {
      criteria,
      thresholds: {
        strong: number(values['thresholds.strong'] ?? ''),
        good: number(values['thresholds.good'] ?? ''),
        average: number(values['thresholds.average'] ?? ''),
      },
      standardName: standardName ? standardName : null,
    },
    rowOf,
  };
}

/** A number as typed (a comma for the decimal point too); anything else for the schema to refuse. */
const number = (text: string): unknown =>
  text === '' ? undefined : /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;

/** The schema names a criterion by its place among those sent; the form, by its row. */
function toRows(errors: FieldErrors, rowOf: readonly number[]): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const match = /^criteria\.(\d+)(\..*)?$/.exec(path);
      if (!match) return [path, message];
      return [`criteria.${rowOf[Number(match[1])] ?? match[1]}${match[2] ?? ''}`, message];
    }),
  );
}

function setValues(set: CriteriaSet | undefined): FormValues {
  if (!set) return {};
  const values: FormValues = {
    version: String(set.version),
    'thresholds.strong': String(set.thresholds.strong),
    'thresholds.good': String(set.thresholds.good),
    'thresholds.average': String(set.thresholds.average),
    standardName: set.standardName ?? '',
  };
  set.criteria.forEach((criterion, row) => {
    values[`criteria.${row}.id`] = criterion.id;
    values[`criteria.${row}.label`] = criterion.label;
    values[`criteria.${row}.kind`] = criterion.kind;
    values[`criteria.${row}.weight`] = String(criterion.weight);
    values[`criteria.${row}.required`] = criterion.required ? 'yes' : 'no';
    if (criterion.kind === 'score') {
      values[`criteria.${row}.max`] = String(criterion.max);
      values[`criteria.${row}.pass`] = String(criterion.pass);
    }
  });
  return values;
}

async function drawPage(c: Context<AppEnv>, refused?: RefusedForm, status: FormStatus = refused ? 400 : 200) {
  const { year, kind } = paramsOf(c);
  const principal = c.get('principal');
  const admin = isCriteriaAdmin(principal);
  const read = readCriteriaSet(ratingWorkspace(c), principal, year, kind);
  // A set not set up yet is the admin's to create; to everyone else it is not found.
  const set = admin
    ? await read.catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'RATING_CRITERIA_NOT_FOUND') return undefined;
        throw error;
      })
    : await read;
  const form = refused ?? { values: setValues(set), errors: {} };
  const rows = Math.max(
    (set?.criteria.length ?? 0) + EMPTY_ROWS,
    ...Object.keys(form.values).map((name) => Number(/^criteria\.(\d+)\./.exec(name)?.[1] ?? -1) + 1),
  );
  return renderPage(
    c,
    {
      title: (view) => `${view.t('ratings.criteriaTitle')} ${year} · ${kindWord(view, kind)}`,
      status,
    },
    (view) => (
      <>
        <p class="muted no-print">
          <a href={`/ratings?year=${year}`}>← {view.t('ratings.title')}</a>
        </p>
        {c.req.query('done') && <Notice kind="ok">{view.t('ratings.criteriaSaved')}</Notice>}
        {!set && <Notice kind="warn">{view.t('ratings.criteriaNone')}</Notice>}
        {set?.locked && <Notice kind="warn">{view.t('ratings.criteriaLocked')}</Notice>}
        {/* A refused save keeps its form, with why, even once the set is in use. */}
        {admin && (!set?.locked || refused) ? (
          <CriteriaForm view={view} form={form} rows={rows} action={criteriaHref(year, kind)} />
        ) : (
          set && <CriteriaTable view={view} set={set} />
        )}
      </>
    ),
  );
}
