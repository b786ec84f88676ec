/**
 * An organization admin's follow-up of a reorganization: its branches in the units the
 * reorganization closed and where their members go, as GET /api/v1/map/reorganizations/{id}/branches
 * shows it, and applying it as POST …/apply does — each branch merged or kept as chosen, the
 * suggestion by default. Applying again finishes a run that stopped half way.
 */
import type { Context } from 'hono';
import type { Message } from '#shared/domain/messages.ts';
import { applyReorganization, reorganizationFollowUp } from '#shared/domain/reorganization-branches.ts';
import { readReorganization } from '#shared/domain/reorganization-changes.ts';
import {
  applyReorganizationSchema,
  type FollowUp,
  type Reorganization,
} from '#shared/domain/reorganizations.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import { ReorganizationRepository } from '#shared/store/repositories/reorganizations.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import {
  changeContext,
  memberWorkspace,
  reorganizationWorkspace,
  treeWorkspace,
} from '../../http/workspaces.ts';
import { formatCount, formatDate } from '../components/format.ts';
import { EMPTY_FORM, ErrorSummary, type FormState, Notice, PostForm } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { type FormValues, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { REORGANIZATIONS_PATH } from './map-paths.ts';

const ACTIONS = ['merge', 'keep'] as const;

/** A refused apply: the form's bad fields, or the use case's sentence. */
interface Refused {
  readonly form: FormState;
  readonly message?: Message;
}
const ACTION_FIELD = 'action.';

export const reorganizationPath = (id: string) => `${REORGANIZATIONS_PATH}/${encodeURIComponent(id)}`;

function followUpWorkspace(c: Context<AppEnv>, deps: AppDependencies) {
  return { ...memberWorkspace(c, deps), reorganizations: new ReorganizationRepository(c.get('tenantTable')) };
}

/** Each branch's chosen action, as the API's `actions`; branches left out follow their suggestion. */
const toInput = (values: FormValues) => ({
  actions: Object.entries(values).flatMap(([name, action]) =>
    name.startsWith(ACTION_FIELD) ? [{ branchId: name.slice(ACTION_FIELD.length), action }] : [],
  ),
});

export function followUpPages(deps: AppDependencies) {
  const show = async (c: Context<AppEnv>, status: FormStatus = 200, refused?: Refused) => {
    const id = c.req.param('id') ?? '';
    const followUp = await reorganizationFollowUp(followUpWorkspace(c, deps), c.get('principal'), id);
    const reorganization = await readReorganization(reorganizationWorkspace(c), c.get('principal'), id);
    const names = await unitNames(c, reorganization, followUp);
    return followUpPage(c, reorganization, followUp, names, status, refused);
  };
  return {
    show: (c: Context<AppEnv>) => show(c),
    apply: async (c: Context<AppEnv>) => {
      const id = c.req.param('id') ?? '';
      const form = await readForm(c, applyReorganizationSchema, toInput);
      if (!form.ok) return show(c, 400, { form });
      try {
        await applyReorganization(followUpWorkspace(c, deps), changeContext(c), id, form.data);
        return c.redirect(`${reorganizationPath(id)}?done=applied`, 303);
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        return show(c, refusal.status, { form: EMPTY_FORM, message: refusal.message });
      }
    },
  };
}

/**
 * The names of the units the steps name: those the reorganization wrote, and the ones it left as
 * they were (the hamlet a merge kept), read from the map.
 */
async function unitNames(c: Context<AppEnv>, reorganization: Reorganization, followUp: FollowUp) {
  const names = new Map(reorganization.changes.map((change) => [change.after.id, change.after.name]));
  const missing = new Set(followUp.steps.map((step) => step.successorUnitId).filter((id) => !names.has(id)));
  for (const id of missing) names.set(id, (await readUnit(treeWorkspace(c), c.get('principal'), id)).name);
  return names;
}

function followUpPage(
  c: Context<AppEnv>,
  reorganization: Reorganization,
  followUp: FollowUp,
  names: ReadonlyMap<string, string>,
  status: FormStatus,
  refused: Refused | undefined,
) {
  const nameOf = (id: string) => names.get(id) ?? id;
  const deciding = followUp.status === 'not_started';
  return renderPage(c, { title: (view) => view.t('map.reorg.followUp'), status }, (view) => (
    <>
      <p>
        <a href={REORGANIZATIONS_PATH}>{view.t('map.reorganizations')}</a>
      </p>
      <p>
        {view.t(`map.kind.${reorganization.kind}`)} · {reorganization.resolution.number} ·{' '}
        {view.t('map.effectiveDate')} {formatDate(reorganization.effectiveDate)}
      </p>
      <p class="muted">{view.t('map.reorg.followUpIntro')}</p>
      {c.req.query('done') === 'applied' && <Notice kind="ok">{view.t('map.reorg.done.applied')}</Notice>}
      {refused && (
        <ErrorSummary
          view={view}
          form={refused.form}
          message={refused.message ? view.say(refused.message) : undefined}
        />
      )}
      <h2>{view.t('map.reorg.progress')}</h2>
      <dl class="facts">
        <dt>{view.t('map.status')}</dt>
        <dd>{view.t(`map.reorg.follow.${followUp.status}`)}</dd>
        <dt>{view.t('map.reorg.branchesDone')}</dt>
        <dd>
          {formatCount(followUp.branchesDone, view.lang)} / {formatCount(followUp.branchesTotal, view.lang)}
        </dd>
        <dt>{view.t('map.reorg.membersMoved')}</dt>
        <dd>{formatCount(followUp.membersMoved, view.lang)}</dd>
      </dl>
      {followUp.steps.length === 0 ? (
        <p class="muted">{view.t('map.reorg.noBranches')}</p>
      ) : (
        <PostForm view={view} action={`${reorganizationPath(reorganization.id)}/apply`}>
          <StepTable view={view} followUp={followUp} nameOf={nameOf} deciding={deciding} />
          {followUp.status !== 'applied' && (
            <div class="actions">
              <button type="submit">{view.t('map.reorg.apply')}</button>
            </div>
          )}
        </PostForm>
      )}
    </>
  ));
}

interface StepTableProps {
  readonly view: View;
  readonly followUp: FollowUp;
  readonly nameOf: (unitId: string) => string;
  /** Before the first run the admin chooses; after it the stored plan is what a re-run finishes. */
  readonly deciding: boolean;
}

const StepTable = ({ view, followUp, nameOf, deciding }: StepTableProps) => (
  <TableWrap label={view.t('map.reorg.followUp')}>
    <table>
      <thead>
        <tr>
          <th scope="col">{view.t('map.reorg.branch')}</th>
          <th scope="col">{view.t('map.reorg.closedUnit')}</th>
          <th scope="col">{view.t('map.reorg.successor')}</th>
          <th scope="col">{view.t('map.reorg.action')}</th>
          <th scope="col">{view.t('map.status')}</th>
        </tr>
      </thead>
      <tbody>
        {followUp.steps.map((step) => (
          <tr>
            <th scope="row">{step.name}</th>
            <td>{nameOf(step.unitId)}</td>
            <td>{nameOf(step.successorUnitId)}</td>
            <td>
              {deciding ? (
                <select
                  name={`${ACTION_FIELD}${step.branchId}`}
                  aria-label={`${view.t('map.reorg.action')}: ${step.name}`}
                >
                  {ACTIONS.map((action) => (
                    <option value={action} selected={action === step.action}>
                      {view.t(`map.reorg.action.${action}`)}
                    </option>
                  ))}
                </select>
              ) : (
                view.t(`map.reorg.action.${step.action}`)
              )}
            </td>
            <td>{view.t(step.done ? 'map.reorg.stepDone' : 'map.reorg.stepPending')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);
