/**
 * An organization's figures kept by its admin: a snapshot taken for a day (the same use case as
 * POST /api/v1/admin/snapshots — platform operators name the province, as there) and a recount
 * from the members (as POST /api/v1/admin/recount), whose report is shown at once. A refused
 * snapshot writes nothing: the day is checked before anything is copied, and a day already taken
 * is refused by the register's conditional write.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import { snapshotRequestSchema } from '#shared/figures/reading/schemas.ts';
import { requestSnapshot } from '#shared/figures/reading/snapshots.ts';
import type { RecountReport } from '#shared/figures/recount.ts';
import { recountOrganization } from '#shared/figures/recount-organization.ts';
import { AggregateRepository } from '#shared/store/repositories/aggregates.ts';
import { BranchRepository } from '#shared/store/repositories/branches.ts';
import { UnitRepository } from '#shared/store/repositories/units.ts';
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

const recountSchema = z.object({ apply: z.enum(['no', 'yes']).transform((apply) => apply === 'yes') });
const mayRecount = allows((principal) => requireRole(principal, 'org_admin'));
const isOperator = allows((principal) => requireRole(principal, 'platform_admin'));

/** Refusals of the day put beside the date field; the rest are the page's errors. */
const DAY_REFUSALS = new Set(['SNAPSHOT_EXISTS', 'DATE_BEFORE_ONBOARDING']);

interface PageState {
  readonly snapshot?: FormState;
  readonly report?: RecountReport;
  readonly status?: 200 | 400 | 409;
}

export function figuresAdminPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(FIGURES_PATH, (c) => {
      // The forms read nothing; they are offered to whom the snapshot use case would let through.
      requireRole(c.get('principal'), 'org_admin', 'platform_admin');
      return figuresPage(c, {});
    })
    .post(SNAPSHOT_PATH, async (c) => {
      const form = await readForm(c, snapshotRequestSchema, withoutEmpty);
      if (!form.ok) return figuresPage(c, { snapshot: form, status: 400 });
      try {
        const tenant = c.get('tenantTable').tenant;
        const result = await requestSnapshot(deps.table, tenant, changeContext(c), form.data);
        return c.redirect(`${FIGURES_PATH}?snapshot=${result.date}`, 303);
      } catch (error) {
        const refused = error instanceof DomainError ? refusalOf(error) : null;
        if (!refused) throw error;
        return figuresPage(c, {
          snapshot: { values: form.values, errors: refused.errors },
          status: refused.status,
        });
      }
    })
    .post(RECOUNT_PATH, async (c) => {
      const form = await readForm(c, recountSchema);
      if (!form.ok) return figuresPage(c, { status: 400 });
      const table = c.get('tenantTable');
      const report = await recountOrganization(
        {
          units: new UnitRepository(table),
          branches: new BranchRepository(table),
          aggregates: new AggregateRepository(table),
        },
        c.get('principal'),
        form.data,
      );
      return figuresPage(c, { report });
    });
}

/** A day refused (taken already, before onboarding, to come) or a province not named, beside its field. */
function refusalOf(error: DomainError): { errors: FieldErrors; status: 400 | 409 } | null {
  if (error.code === 'VALIDATION_FAILED') return { errors: domainFieldErrors(error), status: 400 };
  if (!DAY_REFUSALS.has(error.code)) return null;
  const date = errorMessages[error.code].detail(error.params);
  return { errors: { date }, status: error.code === 'SNAPSHOT_EXISTS' ? 409 : 400 };
}

function figuresPage(c: Context<AppEnv>, state: PageState) {
  const taken = c.req.query('snapshot');
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
        <SnapshotForm view={view} form={state.snapshot ?? EMPTY_FORM} />
        {view.principal && mayRecount(view.principal) && <RecountForm view={view} />}
        {state.report && <RecountResult view={view} report={state.report} />}
      </>
    ),
  );
}

const SnapshotForm = ({ view, form }: { view: View; form: FormState }) => (
  <section class="panel narrow" aria-labelledby="snapshot-heading">
    <h2 id="snapshot-heading">{view.t('figuresAdmin.snapshot')}</h2>
    <p class="muted">{view.t('figuresAdmin.snapshotIntro')}</p>
    <ErrorSummary view={view} form={form} />
    <PostForm view={view} action={SNAPSHOT_PATH}>
      <TextField
        view={view}
        form={form}
        name="date"
        type="date"
        label={view.t('figuresAdmin.date')}
        hint={view.t('figuresAdmin.dateHint')}
      />
      {view.principal && isOperator(view.principal) && (
        <TextField
          view={view}
          form={form}
          name="provinceId"
          label={view.t('figuresAdmin.province')}
          required
        />
      )}
      <div class="actions">
        <button type="submit">{view.t('figuresAdmin.takeSnapshot')}</button>
      </div>
    </PostForm>
  </section>
);

const RecountForm = ({ view }: { view: View }) => (
  <section class="panel narrow" aria-labelledby="recount-heading">
    <h2 id="recount-heading">{view.t('figuresAdmin.recount')}</h2>
    <p class="muted">{view.t('figuresAdmin.recountIntro')}</p>
    <PostForm view={view} action={RECOUNT_PATH}>
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
      <div class="actions">
        <button type="submit">{view.t('figuresAdmin.runRecount')}</button>
      </div>
    </PostForm>
  </section>
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
