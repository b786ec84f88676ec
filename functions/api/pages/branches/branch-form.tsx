/**
 * Setting up a branch (GET/POST /branches/new?unitId=) and changing one (GET/POST
 * /branches/:id/edit, carrying the version it was read at). Both forms check with the API's
 * schemas and write through its use cases; a refused form comes back with what was typed and
 * nothing written, and an edit someone else beat shows the current values to review.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requireTreeWriter, requireUnitInScope } from '#shared/domain/access/tree-access.ts';
import { createBranch, readBranch, updateBranch } from '#shared/domain/branch-changes.ts';
import {
  BRANCH_KINDS,
  BRANCH_UNIT_LEVELS,
  createBranchSchema,
  type FullBranch,
  updateBranchSchema,
} from '#shared/domain/branches.ts';
import { DomainError } from '#shared/domain/errors.ts';
import type { Message } from '#shared/domain/messages.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import type { AppEnv } from '../../app-env.ts';
import { changeContext, treeWorkspace } from '../../http/workspaces.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  PostForm,
  SelectField,
  TextField,
} from '../components/forms.tsx';
import { unitIdFrom } from '../components/reader-unit.ts';
import { parentsOf, UnitPath, unitBranchesHref } from '../components/unit-path.tsx';
import { domainFieldErrors, type FormValues, formVersion, readForm, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { viewOf } from '../http/view.ts';
import { branchHref, branchIdParam } from './branch-paths.ts';
import { kindOptions } from './branch-words.ts';
import { SpecialtyField } from './specialty-field.tsx';

/** A refusal worth a sentence above the form: one about the unit, which is no field of it. */
interface Refusal {
  readonly form: FormState;
  readonly message?: Message;
}

/** A use case's refusal of the submitted fields, or the error to show as a page. */
function refusalOf(error: unknown, values: FormValues): Refusal {
  if (!(error instanceof DomainError) || error.fields.length === 0) throw error;
  const errors = domainFieldErrors(error);
  const unitRule = error.code === 'BRANCH_RULE_VIOLATED';
  return {
    form: { values, errors },
    ...(unitRule && { message: errorMessages[error.code].detail(error.params) }),
  };
}

// ——— Setting up ———

function newBranchPage(
  c: Context<AppEnv>,
  unit: FullUnit,
  parents: FullUnit[],
  refusal: Refusal,
  status: ContentfulStatusCode = 200,
) {
  const view = viewOf(c);
  const { form, message } = refusal;
  const kinds = BRANCH_KINDS.filter((kind) => BRANCH_UNIT_LEVELS[kind].includes(unit.level));
  return renderPage(
    c,
    {
      title: `${view.t('branches.newIn')} ${unit.name}`,
      status,
      lead: <UnitPath view={view} parents={[...parents, unit]} href={unitBranchesHref} />,
    },
    () => (
      <PostForm view={view} action="/branches/new" class="stack narrow">
        <ErrorSummary view={view} form={form} message={message && view.say(message)} />
        <input type="hidden" name="unitId" value={unit.id} />
        <TextField view={view} name="name" label={view.t('branches.name')} form={form} required />
        <SelectField
          view={view}
          name="kind"
          label={view.t('branches.kind')}
          hint={view.t('branches.kindHint')}
          form={form}
          options={kindOptions(view, kinds)}
          required
        />
        {kinds.includes('professional') && (
          <SpecialtyField view={view} form={form} kind="professional" hinted choose />
        )}
        {kinds.includes('agency') && <SpecialtyField view={view} form={form} kind="agency" hinted choose />}
        <div class="actions">
          <button type="submit">{view.t('branches.new')}</button>
          <a href={unitBranchesHref(unit.id)}>{view.t('form.cancel')}</a>
        </div>
      </PostForm>
    ),
  );
}

/** The unit to set a branch up in, offered only to who may (the rules createBranch applies). */
async function unitToSetUpIn(c: Context<AppEnv>, unitId: string) {
  const principal = c.get('principal');
  const unit = await readUnit(treeWorkspace(c), principal, unitIdFrom(unitId));
  requireTreeWriter(principal);
  requireUnitInScope(principal, unit);
  return { unit, parents: await parentsOf(c, principal, unit) };
}

export async function newBranchForm(c: Context<AppEnv>) {
  const { unit, parents } = await unitToSetUpIn(c, c.req.query('unitId') ?? '');
  return newBranchPage(c, unit, parents, { form: EMPTY_FORM });
}

export async function createBranchFromForm(c: Context<AppEnv>) {
  const submitted = await readForm(c, createBranchSchema);
  const { unit, parents } = await unitToSetUpIn(c, submitted.values.unitId ?? '');
  if (!submitted.ok) return newBranchPage(c, unit, parents, { form: submitted }, 400);
  try {
    const branch = await createBranch(treeWorkspace(c), changeContext(c), submitted.data);
    return c.redirect(`${branchHref(branch.id)}?created=1`, 303);
  } catch (error) {
    return newBranchPage(c, unit, parents, refusalOf(error, submitted.values), 400);
  }
}

// ——— Changing ———

const valuesOf = (branch: FullBranch): FormValues => ({
  name: branch.name,
  economicModel: branch.economicModel ?? '',
  agencyType: branch.agencyType ?? '',
  version: String(branch.version),
});

interface EditState extends Refusal {
  readonly stale?: boolean;
}

async function editPage(c: Context<AppEnv>, state: EditState | null, status: ContentfulStatusCode = 200) {
  const principal = c.get('principal');
  const { branch, unit } = await readBranch(treeWorkspace(c), principal, branchIdParam(c));
  // The rules updateBranch applies: the form is for who may send it.
  requireTreeWriter(principal);
  requireUnitInScope(principal, unit);
  if (branch.status !== 'active') throw new DomainError('BRANCH_CLOSED', { id: branch.id });
  const parents = await parentsOf(c, principal, unit);
  const view = viewOf(c);
  // A stale edit shows what is stored now, with the version to save over it.
  const form: FormState = state && !state.stale ? state.form : { values: valuesOf(branch), errors: {} };
  return renderPage(
    c,
    {
      title: `${view.t('branches.editTitle')}: ${branch.name}`,
      status,
      lead: <UnitPath view={view} parents={[...parents, unit]} href={unitBranchesHref} />,
    },
    () => (
      <PostForm view={view} action={branchHref(branch.id, '/edit')} class="stack narrow">
        {state?.stale ? (
          <div class="notice warn" role="alert">
            {view.t('form.staleVersion')}
          </div>
        ) : (
          <ErrorSummary view={view} form={form} message={state?.message && view.say(state.message)} />
        )}
        <input type="hidden" name="version" value={form.values.version ?? String(branch.version)} />
        <TextField view={view} name="name" label={view.t('branches.name')} form={form} required />
        {(branch.kind === 'professional' || branch.kind === 'agency') && (
          <SpecialtyField view={view} form={form} kind={branch.kind} />
        )}
        <div class="actions">
          <button type="submit">{view.t('form.save')}</button>
          <a href={branchHref(branch.id)}>{view.t('form.cancel')}</a>
        </div>
      </PostForm>
    ),
  );
}

export const editBranchForm = (c: Context<AppEnv>) => editPage(c, null);

export async function updateBranchFromForm(c: Context<AppEnv>) {
  const id = branchIdParam(c);
  // The name is sent even when emptied, so the schema says what is wrong with it.
  const submitted = await readForm(c, updateBranchSchema, ({ version: _, name = '', ...rest }) => ({
    ...withoutEmpty(rest),
    name,
  }));
  if (!submitted.ok) return editPage(c, { form: submitted }, 400);
  try {
    await updateBranch(treeWorkspace(c), changeContext(c), id, submitted.data, formVersion(submitted.values));
    return c.redirect(`${branchHref(id)}?saved=1`, 303);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
      return editPage(c, { form: EMPTY_FORM, stale: true }, 412);
    return editPage(c, refusalOf(error, submitted.values), 400);
  }
}
