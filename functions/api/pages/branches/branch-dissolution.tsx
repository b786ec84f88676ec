/**
 * Dissolving a branch (GET/POST /branches/:id/dissolve). The page draws the plan — every current
 * member with where they go: one destination for all, or one of their own — from the active
 * branches around it (its unit's, and its commune's and hamlets' for a hamlet's branch). The use
 * case stores the plan before moving anyone, so a dissolution cut short shows its stored plan and
 * what is left, and submitting again finishes it.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requireTreeWriter, requireUnitInScope } from '#shared/domain/access/tree-access.ts';
import { readBranch } from '#shared/domain/branch-changes.ts';
import type { FullBranch } from '#shared/domain/branches.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { dissolveBranch, dissolveBranchSchema } from '#shared/domain/members/dissolve-branch.ts';
import type { MemberSummary } from '#shared/domain/members/member.ts';
import { listMembers } from '#shared/domain/members/member-queries.ts';
import type { Principal } from '#shared/domain/roles.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import { everyPage } from '#shared/paging.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { formatCount } from '../components/format.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  type Option,
  PostForm,
  SelectField,
  TextField,
} from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { parentsOf, UnitPath, unitBranchesHref } from '../components/unit-path.tsx';
import { domainFieldErrors, type FormValues, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { BranchFacts } from './branch-detail.tsx';
import { branchHref, branchIdParam } from './branch-paths.ts';
import { memberStatusWord } from './branch-words.ts';
import { branchesAround } from './branches-around.ts';
import { DissolutionFacts } from './dissolution-facts.tsx';

const MOVE = 'move.';
const PAGE = 200;

/** Every current member of the branch, a page at a time (a dissolution moves at most 5.000). */
function currentMembers(c: Context<AppEnv>, deps: AppDependencies, branchId: string) {
  const ws = memberWorkspace(c, deps);
  return everyPage((cursor) => listMembers(ws, c.get('principal'), { branchId, limit: PAGE, cursor }));
}

/** Where members may go: the active branches around this one that the reader may list. */
async function destinationsOf(
  c: Context<AppEnv>,
  principal: Principal,
  branch: FullBranch,
  unit: FullUnit,
  parents: readonly FullUnit[],
): Promise<Option[]> {
  const around = unit.level === 'hamlet' ? (parents.at(-1) ?? unit) : unit;
  const lists = await branchesAround(treeWorkspace(c), principal, around, vietnamToday(c.get('now')), true);
  return lists.flatMap((list) =>
    list.branches
      .filter((each) => each.status === 'active' && each.id !== branch.id)
      .map((each) => ({ value: each.id, label: `${each.name} — ${list.unit.name}` })),
  );
}

async function dissolutionPage(
  c: Context<AppEnv>,
  deps: AppDependencies,
  form: FormState = EMPTY_FORM,
  status: ContentfulStatusCode = 200,
) {
  const principal = c.get('principal');
  const ws = treeWorkspace(c);
  const { branch, unit } = await readBranch(ws, principal, branchIdParam(c));
  // The rules dissolveBranch applies: the plan is drawn for who may carry it out.
  requireTreeWriter(principal);
  requireUnitInScope(principal, unit);
  if (branch.status === 'dissolved') return c.redirect(branchHref(branch.id), 303);
  const parents = await parentsOf(c, principal, unit);
  const [members, destinations] = await Promise.all([
    currentMembers(c, deps, branch.id),
    branch.status === 'active' ? destinationsOf(c, principal, branch, unit, parents) : [],
  ]);
  const view = viewOf(c);
  return renderPage(
    c,
    {
      title: `${view.t('branches.dissolveTitle')}: ${branch.name}`,
      status,
      lead: <UnitPath view={view} parents={[...parents, unit]} href={unitBranchesHref} />,
    },
    () => (
      <>
        <BranchFacts view={view} branch={branch} unit={unit} />
        {branch.status === 'dissolving' ? (
          <Resume view={view} branch={branch} remaining={members.length} />
        ) : destinations.length === 0 ? (
          <Notice kind="warn">{view.t('branches.noDestinations')}</Notice>
        ) : (
          <Plan view={view} branch={branch} members={members} destinations={destinations} form={form} />
        )}
        <p>
          <a href={branchHref(branch.id)}>{view.t('form.cancel')}</a>
        </p>
      </>
    ),
  );
}

const Resume: FC<{ view: View; branch: FullBranch; remaining: number }> = ({ view, branch, remaining }) => (
  <>
    <Notice kind="warn">
      {view.t('branches.dissolving')} {formatCount(remaining, view.lang)}
    </Notice>
    <DissolutionFacts view={view} branch={branch} destination={null} />
    <PostForm view={view} action={branchHref(branch.id, '/dissolve')}>
      {/* The stored plan is what a re-run follows; these only make the request well-formed. */}
      <input type="hidden" name="reason" value={branch.dissolution?.reason ?? ''} />
      {branch.dissolution?.toBranchId && (
        <input type="hidden" name="toBranchId" value={branch.dissolution.toBranchId} />
      )}
      <div class="actions">
        <button type="submit" class="danger">
          {view.t('branches.resume')}
        </button>
      </div>
    </PostForm>
  </>
);

interface PlanProps {
  readonly view: View;
  readonly branch: FullBranch;
  readonly members: readonly MemberSummary[];
  readonly destinations: readonly Option[];
  readonly form: FormState;
}

const Plan: FC<PlanProps> = ({ view, branch, members, destinations, form }) => (
  <PostForm
    view={view}
    action={branchHref(branch.id, '/dissolve')}
    confirm={view.t('branches.confirmDissolve')}
  >
    <p>{view.t('branches.dissolveIntro')}</p>
    <ErrorSummary view={view} form={form} />
    <SelectField
      view={view}
      name="toBranchId"
      label={view.t('branches.defaultDestination')}
      hint={view.t('branches.defaultDestinationHint')}
      form={form}
      options={destinations}
      empty={view.t('branches.noDefault')}
    />
    {members.length > 0 && (
      <TableWrap label={view.t('branches.plan')}>
        <table class="stacked">
          <caption>{view.t('branches.plan')}</caption>
          <thead>
            <tr>
              <th scope="col">{view.t('branches.memberName')}</th>
              <th scope="col">{view.t('branches.status')}</th>
              <th scope="col">{view.t('branches.destination')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const chosen = form.values[`${MOVE}${member.id}`] ?? '';
              return (
                <tr>
                  <th scope="row">{member.fullName}</th>
                  <td>{memberStatusWord(view, member.status)}</td>
                  <td>
                    <select
                      name={`${MOVE}${member.id}`}
                      aria-label={`${view.t('branches.destinationOf')} ${member.fullName}`}
                      aria-invalid={form.errors.moves ? 'true' : undefined}
                    >
                      <option value="">{view.t('branches.sameAsDefault')}</option>
                      {destinations.map((option) => (
                        <option value={option.value} selected={option.value === chosen}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    )}
    {form.errors.moves && <p class="error">{view.say(form.errors.moves)}</p>}
    <TextField view={view} name="reason" label={view.t('branches.reason')} form={form} required />
    <TextField
      view={view}
      name="effectiveDate"
      type="date"
      label={view.t('branches.effectiveDate')}
      hint={view.t('branches.effectiveDateHint')}
      form={form}
    />
    <div class="actions">
      <button type="submit" class="danger">
        {view.t('branches.dissolve')}
      </button>
    </div>
  </PostForm>
);

/** The form's fields as the use case's request: a member's own destination is `move.<memberId>`. */
function requestOf(values: FormValues) {
  const moves = Object.entries(values)
    .filter(([name, branchId]) => name.startsWith(MOVE) && branchId !== '')
    .map(([name, toBranchId]) => ({ memberId: name.slice(MOVE.length), toBranchId }));
  return {
    ...(values.toBranchId && { toBranchId: values.toBranchId }),
    moves,
    reason: values.reason ?? '',
    ...(values.effectiveDate && { effectiveDate: values.effectiveDate }),
  };
}

export const dissolutionForm = (c: Context<AppEnv>, deps: AppDependencies) => dissolutionPage(c, deps);

export async function dissolveFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const submitted = await readForm(c, dissolveBranchSchema, requestOf);
  if (!submitted.ok) return dissolutionPage(c, deps, submitted, 400);
  const id = branchIdParam(c);
  try {
    const result = await dissolveBranch(memberWorkspace(c, deps), changeContext(c), id, submitted.data);
    return c.redirect(`${branchHref(id)}?moved=${result.moved}${result.resumed ? '&resumed=1' : ''}`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.fields.length === 0) throw error;
    return dissolutionPage(c, deps, { values: submitted.values, errors: domainFieldErrors(error) }, 400);
  }
}
