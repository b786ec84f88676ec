/**
 * GET /branches/:id: a branch with its groups and its first members (the whole list is the
 * members' page), what was done to it (a dissolution's plan), and the actions the reader may
 * take. POST /branches/:id/groups adds a group from the form on this page.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  requireGroupWriter,
  requireTreeWriter,
  requireUnitInScope,
} from '#shared/domain/access/tree-access.ts';
import { createGroup, readBranch } from '#shared/domain/branch-changes.ts';
import { createBranchGroupSchema } from '#shared/domain/branch-groups.ts';
import { listGroups } from '#shared/domain/branch-queries.ts';
import type { FullBranch } from '#shared/domain/branches.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { listMembers } from '#shared/domain/members/member-queries.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { formatCount, formatDate } from '../components/format.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  TextField,
} from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import { parentsOf, UnitPath, unitBranchesHref, unitHref } from '../components/unit-path.tsx';
import { readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { branchReminder } from '../reviews/review-reminder.tsx';
import { branchHref, branchIdParam } from './branch-paths.ts';
import { kindWord, memberStatusWord, specialtyWord, statusWord } from './branch-words.ts';
import { DissolutionFacts } from './dissolution-facts.tsx';
import { SpecialtyField } from './specialty-field.tsx';

const MEMBERS_SHOWN = 20;
const GROUPS_SHOWN = 100;

/** Who may change the branch and how, asked of the rules its use cases apply. */
function actionsFor(view: View, branch: FullBranch, unit: FullUnit) {
  const principal = view.principal;
  const writer =
    principal !== undefined && allows(requireTreeWriter, (p) => requireUnitInScope(p, unit))(principal);
  const groupWriter =
    principal !== undefined && allows((p) => requireGroupWriter(p, branch, unit))(principal);
  return {
    edit: writer && branch.status === 'active',
    dissolve: writer && branch.status !== 'dissolved',
    addGroup: groupWriter && branch.status === 'active',
  };
}

export async function branchDetail(
  c: Context<AppEnv>,
  deps: AppDependencies,
  groupForm: FormState = EMPTY_FORM,
  status: ContentfulStatusCode = 200,
) {
  const principal = c.get('principal');
  const ws = treeWorkspace(c);
  const id = branchIdParam(c);
  const { branch, unit } = await readBranch(ws, principal, id);
  const goesTo = branch.dissolution?.toBranchId;
  const [parents, groups, members, destination, reviewReminder] = await Promise.all([
    parentsOf(c, principal, unit),
    listGroups(ws, principal, id, { limit: GROUPS_SHOWN }),
    listMembers(memberWorkspace(c, deps), principal, { branchId: id, limit: MEMBERS_SHOWN }),
    goesTo
      ? readBranch(ws, principal, goesTo).then(
          ({ branch }) => branch,
          () => null,
        )
      : null,
    branchReminder(c, deps, id),
  ]);
  const view = viewOf(c);
  const actions = actionsFor(view, branch, unit);
  return renderPage(
    c,
    {
      title: branch.name,
      status,
      lead: <UnitPath view={view} parents={[...parents, unit]} href={unitBranchesHref} />,
    },
    () => (
      <>
        <Outcome view={view} c={c} />
        {reviewReminder}
        <BranchFacts view={view} branch={branch} unit={unit} />
        {(actions.edit || actions.dissolve) && (
          <p class="actions">
            {actions.edit && (
              <a class="button secondary" href={branchHref(branch.id, '/edit')}>
                {view.t('branches.edit')}
              </a>
            )}
            {actions.dissolve && (
              <a class="button secondary" href={branchHref(branch.id, '/dissolve')}>
                {view.t(branch.status === 'dissolving' ? 'branches.resume' : 'branches.dissolve')}
              </a>
            )}
          </p>
        )}
        <DissolutionFacts view={view} branch={branch} destination={destination} />
        <section aria-labelledby="groups">
          <h2 id="groups">{view.t('branches.groups')}</h2>
          {groups.items.length === 0 ? (
            <p class="muted">{view.t('branches.noGroups')}</p>
          ) : (
            <ul class="unit-links">
              {groups.items.map((group) => (
                <li>
                  {group.name}
                  {group.economicModel && ` · ${view.t(`branches.model.${group.economicModel}`)}`}
                </li>
              ))}
            </ul>
          )}
          {groups.nextCursor && <p class="muted">{view.t('branches.moreGroups')}</p>}
          {actions.addGroup && <GroupForm view={view} branch={branch} form={groupForm} />}
        </section>
        <section aria-labelledby="members">
          <h2 id="members">{view.t('branches.members')}</h2>
          {members.items.length === 0 ? (
            <p class="muted">{view.t('branches.noMembers')}</p>
          ) : (
            <TableWrap label={`${view.t('branches.members')}: ${branch.name}`}>
              <table>
                <caption>
                  {view.t('branches.members')}: {branch.name}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{view.t('branches.memberName')}</th>
                    <th scope="col">{view.t('branches.birthDate')}</th>
                    <th scope="col">{view.t('branches.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.items.map((member) => (
                    <tr>
                      <th scope="row">
                        <a href={`/members/${encodeURIComponent(member.id)}`}>{member.fullName}</a>
                      </th>
                      <td>{formatDate(member.birthDate)}</td>
                      <td>{memberStatusWord(view, member.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p class="actions">
            <a href={`/members?branchId=${encodeURIComponent(branch.id)}`}>{view.t('branches.allMembers')}</a>
            <a href={branchHref(branch.id, '/member-ratings')}>{view.t('branches.memberRatings')}</a>
            <a href={branchHref(branch.id, `/ratings/${vietnamToday(c.get('now')).slice(0, 4)}`)}>
              {view.t('ratings.branchLink')}
            </a>
          </p>
        </section>
      </>
    ),
  );
}

/** What the request before this one did, said once after its redirect. */
const Outcome: FC<{ view: View; c: Context<AppEnv> }> = ({ view, c }) => {
  const query = (name: string) => c.req.query(name);
  if (query('created')) return <Notice kind="ok">{view.t('branches.created')}</Notice>;
  if (query('saved')) return <Notice kind="ok">{view.t('branches.renamed')}</Notice>;
  if (query('group')) return <Notice kind="ok">{view.t('branches.groupAdded')}</Notice>;
  const moved = Number(query('moved'));
  if (query('moved') !== undefined && Number.isInteger(moved))
    return (
      <Notice kind="ok">
        {view.t(query('resumed') ? 'branches.resumedResult' : 'branches.dissolvedResult')}{' '}
        {formatCount(moved, view.lang)}
      </Notice>
    );
  return null;
};

export const BranchFacts: FC<{ view: View; branch: FullBranch; unit: FullUnit }> = ({
  view,
  branch,
  unit,
}) => {
  const specialty = specialtyWord(view, branch);
  return (
    <section class="panel tight" aria-labelledby="facts">
      <h2 id="facts">{view.t('branches.facts')}</h2>
      <dl class="facts">
        <dt>{view.t('branches.kind')}</dt>
        <dd>
          {kindWord(view, branch.kind)}
          {specialty && ` · ${specialty}`}
        </dd>
        <dt>{view.t('branches.unit')}</dt>
        <dd>
          <a href={unitHref(unit.id)}>{unit.name}</a>
        </dd>
        <dt>{view.t('branches.status')}</dt>
        <dd>
          <span class="badge">{statusWord(view, branch)}</span>
        </dd>
        <dt>{view.t('branches.createdAt')}</dt>
        <dd>{formatDate(branch.createdAt)}</dd>
      </dl>
    </section>
  );
};

const GroupForm: FC<{ view: View; branch: FullBranch; form: FormState }> = ({ view, branch, form }) => (
  <PostForm view={view} action={branchHref(branch.id, '/groups')} class="stack narrow group-form">
    <h3>{view.t('branches.addGroup')}</h3>
    <ErrorSummary view={view} form={form} />
    <TextField view={view} name="name" label={view.t('branches.groupName')} form={form} required />
    {branch.kind === 'professional' && <SpecialtyField view={view} form={form} kind="professional" choose />}
    <div class="actions">
      <button type="submit">{view.t('branches.addGroup')}</button>
    </div>
  </PostForm>
);

/** POST /branches/:id/groups: a refused form comes back beside the branch, nothing written. */
export async function addGroup(c: Context<AppEnv>, deps: AppDependencies) {
  const form = await readForm(c, createBranchGroupSchema);
  if (!form.ok) return branchDetail(c, deps, form, 400);
  const id = branchIdParam(c);
  await createGroup(treeWorkspace(c), changeContext(c), id, form.data);
  return c.redirect(`${branchHref(id)}?group=added#groups`, 303);
}
