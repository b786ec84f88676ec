/**
 * An organization's figures kept by its admin: a snapshot taken for a day (the same use case as
 * POST /api/v1/admin/snapshots — platform operators name the province, as there), a day's
 * snapshot corrected by a new revision with its reason (as POST /api/v1/admin/snapshots/{date}/revisions)
 * and a recount from the members (as POST /api/v1/admin/recount), whose report is shown at once.
 * A refused snapshot or revision writes nothing: the day is checked before anything is copied,
 * and the register's conditional write refuses a day taken (or revised) meanwhile.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { PropsWithChildren } from 'hono/jsx';
import { z } from 'zod';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import type { TenantId } from '#shared/domain/tenant-id.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { snapshotRequestSchema, snapshotRevisionRequestSchema } from '#shared/figures/reading/schemas.ts';
import { reviseSnapshot } from '#shared/figures/reading/snapshot-revisions.ts';
import { requestSnapshot, snapshotSourceOf } from '#shared/figures/reading/snapshots.ts';
import { type RecountReport, recountWorkspaceOf } from '#shared/figures/recount.ts';
import { recountOrganization } from '#shared/figures/recount-organization.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext } from '../../http/workspaces.ts';
import { formatCount, formatDate } from '../components/format.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  SelectField,
  TextAreaField,
  TextField,
} from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import { domainFieldErrors, type FieldErrors, readForm, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';

const FIGURES_PATH = '/settings/figures';
const SNAPSHOT_PATH = `${FIGURES_PATH}/snapshot`;
const RECOUNT_PATH = `${FIGURES_PATH}/recount`;
const REVISION_PATH = `${FIGURES_PATH}/revision`;

const recountSchema = z.object({ apply: z.enum(['no', 'yes']).transform((apply) => apply === 'yes') });
/** The API takes the day in its path; the form sends it beside the reason. */
const revisionFormSchema = snapshotRevisionRequestSchema.extend({ date: z.iso.date() });
/** Revisions and recounts are an organization's own: its admin's. */
const isOrganizationAdmin = allows((principal) => requireRole(principal, 'org_admin'));
const isOperator = allows((principal) => requireRole(principal, 'platform_admin'));

/** Refusals of the day put beside the date field, with their status; the rest are the page's errors. */
const DAY_REFUSALS: Partial<Record<string, 400 | 404 | 409>> = {
  SNAPSHOT_EXISTS: 409,
  DATE_BEFORE_ONBOARDING: 400,
  SNAPSHOT_NOT_FOUND: 404,
};

interface PageState {
  readonly snapshot?: FormState;
  readonly revision?: FormState;
  readonly report?: RecountReport;
  readonly status?: 200 | 400 | 404 | 409;
}

export function figuresAdminPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(FIGURES_PATH, (c) => {
      // The forms read nothing; they are offered to whom the snapshot use case would let through.
      requireRole(c.get('principal'), 'org_admin', 'platform_admin');
      return figuresPage(c, {});
    })
    .post(SNAPSHOT_PATH, (c) =>
      dayForm(c, 'snapshot', snapshotRequestSchema, async (request, tenant) => {
        const result = await requestSnapshot(deps.table, tenant, changeContext(c), request);
        return `snapshot=${result.date}`;
      }),
    )
    .post(REVISION_PATH, (c) =>
      dayForm(c, 'revision', revisionFormSchema, async ({ date, ...request }, tenant) => {
        const source = snapshotSourceOf(deps.table, tenant);
        const revised = await reviseSnapshot(source, tenant, changeContext(c), date, request);
        return `revised=${revised.date}&revision=${revised.revision}`;
      }),
    )
    .post(RECOUNT_PATH, async (c) => {
      const form = await readForm(c, recountSchema);
      if (!form.ok) return figuresPage(c, { status: 400 });
      const table = c.get('tenantTable');
      const report = await recountOrganization(recountWorkspaceOf(table), c.get('principal'), form.data);
      return figuresPage(c, { report });
    });
}

/**
 * A form about a day (a snapshot, a revision): checked, done, and the page said what was done on
 * (`done` is the query of the notice); a refusal of the day comes back beside its field.
 */
async function dayForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  which: 'snapshot' | 'revision',
  schema: S,
  act: (request: z.output<S>, tenant: TenantId) => Promise<string>,
) {
  const form = await readForm(c, schema, withoutEmpty);
  if (!form.ok) return figuresPage(c, { [which]: form, status: 400 });
  try {
    const done = await act(form.data, c.get('tenantTable').tenant);
    return c.redirect(`${FIGURES_PATH}?${done}`, 303);
  } catch (error) {
    const refused = error instanceof DomainError ? refusalOf(error) : null;
    if (!refused) throw error;
    return figuresPage(c, {
      [which]: { values: form.values, errors: refused.errors },
      status: refused.status,
    });
  }
}

/** A day refused (taken already, before onboarding, to come) or a province not named, beside its field. */
function refusalOf(error: DomainError): { errors: FieldErrors; status: 400 | 404 | 409 } | null {
  if (error.code === 'VALIDATION_FAILED') return { errors: domainFieldErrors(error), status: 400 };
  const status = DAY_REFUSALS[error.code];
  if (!status) return null;
  return { errors: { date: errorMessages[error.code].detail(error.params) }, status };
}

function figuresPage(c: Context<AppEnv>, state: PageState) {
  const taken = c.req.query('snapshot');
  const revised = c.req.query('revised');
  return renderPage(
    c,
    { title: (view) => view.t('figuresAdmin.title'), status: state.status ?? 200 },
    (view) => (
      <>
        {taken && (
          <Notice kind="ok">
            {view.t('figuresAdmin.snapshotTaken')} {formatDate(taken)}
          </Notice>
        )}
        {revised && (
          <Notice kind="ok">
            {view.t('figuresAdmin.revised')} {formatDate(revised)} ({view.t('figuresAdmin.revision')}{' '}
            {c.req.query('revision')})
          </Notice>
        )}
        <SnapshotForm view={view} form={state.snapshot ?? EMPTY_FORM} />
        {view.principal && isOrganizationAdmin(view.principal) && (
          <>
            <RevisionForm view={view} form={state.revision ?? EMPTY_FORM} />
            <RecountForm view={view} />
          </>
        )}
        {state.report && <RecountResult view={view} report={state.report} />}
      </>
    ),
  );
}

type FigureForm = 'snapshot' | 'revise' | 'recount';

/** One of the page's forms: its heading and what it does, its refusal, its fields and its button. */
const FormPanel = ({
  view,
  name,
  action,
  form,
  submit,
  children,
}: PropsWithChildren<{
  view: View;
  name: FigureForm;
  action: string;
  form: FormState;
  submit: UiTextKey;
}>) => (
  <section class="panel narrow" aria-labelledby={`${name}-heading`}>
    <h2 id={`${name}-heading`}>{view.t(`figuresAdmin.${name}`)}</h2>
    <p class="muted">{view.t(`figuresAdmin.${name}Intro`)}</p>
    <ErrorSummary view={view} form={form} />
    <PostForm view={view} action={action}>
      {children}
      <div class="actions">
        <button type="submit">{view.t(submit)}</button>
      </div>
    </PostForm>
  </section>
);

const SnapshotForm = ({ view, form }: { view: View; form: FormState }) => (
  <FormPanel
    view={view}
    name="snapshot"
    action={SNAPSHOT_PATH}
    form={form}
    submit="figuresAdmin.takeSnapshot"
  >
    <TextField
      view={view}
      form={form}
      name="date"
      type="date"
      label={view.t('figuresAdmin.date')}
      hint={view.t('figuresAdmin.dateHint')}
    />
    {view.principal && isOperator(view.principal) && (
      <TextField view={view} form={form} name="provinceId" label={view.t('figuresAdmin.province')} required />
    )}
  </FormPanel>
);

const RevisionForm = ({ view, form }: { view: View; form: FormState }) => (
  <FormPanel view={view} name="revise" action={REVISION_PATH} form={form} submit="figuresAdmin.saveRevision">
    <TextField
      view={view}
      form={form}
      name="date"
      type="date"
      label={view.t('figuresAdmin.date')}
      idPrefix="revision"
      required
    />
    <TextAreaField
      view={view}
      form={form}
      name="reason"
      idPrefix="revision"
      label={view.t('figuresAdmin.reason')}
      hint={view.t('figuresAdmin.reasonHint')}
      rows={2}
      required
    />
  </FormPanel>
);

const RecountForm = ({ view }: { view: View }) => (
  <FormPanel
    view={view}
    name="recount"
    action={RECOUNT_PATH}
    form={EMPTY_FORM}
    submit="figuresAdmin.runRecount"
  >
    <SelectField
      view={view}
      form={{ values: { apply: 'no' }, errors: {} }}
      name="apply"
      label={view.t('figuresAdmin.apply')}
      options={[
        { value: 'no', label: view.t('figuresAdmin.apply.no') },
        { value: 'yes', label: view.t('figuresAdmin.apply.yes') },
      ]}
      required
    />
  </FormPanel>
);

const RecountResult = ({ view, report }: { view: View; report: RecountReport }) => {
  const count = (n: number) => formatCount(n, view.lang);
  return (
    <section class="panel" aria-labelledby="recount-result">
      <h2 id="recount-result">{view.t('figuresAdmin.result')}</h2>
      <dl class="facts">
        <dt>{view.t('figuresAdmin.members')}</dt>
        <dd>{count(report.members)}</dd>
        <dt>{view.t('figuresAdmin.branches')}</dt>
        <dd>{count(report.branches)}</dd>
        <dt>{view.t('figuresAdmin.units')}</dt>
        <dd>{count(report.units)}</dd>
      </dl>
      {report.differences.length === 0 ? (
        <Notice kind="ok">{view.t('figuresAdmin.noDifference')}</Notice>
      ) : (
        <>
          <Notice kind={report.applied ? 'ok' : 'warn'}>
            {view.t(report.applied ? 'figuresAdmin.applied' : 'figuresAdmin.notApplied')}
          </Notice>
          <TableWrap label={view.t('figuresAdmin.differences')}>
            <table>
              <caption>{view.t('figuresAdmin.differences')}</caption>
              <thead>
                <tr>
                  <th scope="col">{view.t('figuresAdmin.unit')}</th>
                  <th scope="col">{view.t('figuresAdmin.counter')}</th>
                  <th scope="col" class="num">
                    {view.t('figuresAdmin.stored')}
                  </th>
                  <th scope="col" class="num">
                    {view.t('figuresAdmin.recounted')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.differences.map((difference) => (
                  <tr>
                    <th scope="row">{difference.unitId}</th>
                    <td>{difference.counter}</td>
                    <td class="num">{count(difference.stored)}</td>
                    <td class="num">{count(difference.recounted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
};
