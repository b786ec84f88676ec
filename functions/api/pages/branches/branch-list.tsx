/**
 * GET /branches?unitId=: the branches of a unit (the reader's own unit by default), paged, and
 * for a commune on request those of its hamlets too; the units under it lead further down.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { isUnitInScope, requireTreeWriter } from '#shared/domain/access/tree-access.ts';
import { listBranches } from '#shared/domain/branch-queries.ts';
import type { FullBranch } from '#shared/domain/branches.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { listUnits, readUnit } from '#shared/domain/unit-queries.ts';
import { type FullUnit, isValidOn } from '#shared/domain/units.ts';
import type { AppEnv } from '../../app-env.ts';
import { treeWorkspace } from '../../http/workspaces.ts';
import { Notice } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { Pager } from '../components/pager.tsx';
import { readerUnitId, unitIdFrom } from '../components/reader-unit.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import { parentsOf, UnitPath, unitBranchesHref, unitHref } from '../components/unit-path.tsx';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { kindWord, specialtyWord, statusWord } from './branch-words.ts';
import { branchesAround } from './branches-around.ts';

const PAGE = 50;

interface Row {
  readonly branch: FullBranch;
  readonly unit: FullUnit;
}

export async function branchList(c: Context<AppEnv>) {
  const principal = c.get('principal');
  const ws = treeWorkspace(c);
  const today = vietnamToday(c.get('now'));
  const asked = c.req.query('unitId');
  const unitId = asked ? unitIdFrom(asked) : await readerUnitId(c);
  // The list is asked first: whether the reader may see this unit's branches is its decision.
  const page = await listBranches(ws, principal, { unitId, limit: PAGE, cursor: c.req.query('cursor') });
  const unit = await readUnit(ws, principal, unitId);
  const subtree = unit.level === 'commune' && c.req.query('subtree') === '1';
  const [parents, around, children] = await Promise.all([
    parentsOf(c, principal, unit),
    subtree ? branchesAround(ws, principal, unit, today) : null,
    unit.level === 'hamlet' || subtree
      ? null
      : listUnits(ws, principal, { parentId: unit.id, validOn: today, limit: 200 }),
  ]);
  const rows: Row[] = around
    ? around.flatMap((list) => list.branches.map((branch) => ({ branch, unit: list.unit })))
    : page.items.map((branch) => ({ branch, unit }));
  const view = viewOf(c);
  const canCreate =
    allows(requireTreeWriter)(principal) && isUnitInScope(principal, unit) && isValidOn(unit, today);
  return renderPage(
    c,
    {
      title: `${view.t('branches.ofUnit')}: ${unit.name}`,
      lead: <UnitPath view={view} parents={parents} href={unitBranchesHref} />,
    },
    () => (
      <>
        <p class="actions">
          <a href={unitHref(unit.id)}>{view.t('units.facts')}</a>
          {canCreate && (
            <a class="button" href={`/branches/new?unitId=${encodeURIComponent(unit.id)}`}>
              {view.t('branches.new')}
            </a>
          )}
        </p>
        {unit.level === 'commune' && <SubtreeChoice view={view} unit={unit} subtree={subtree} />}
        {around?.some((list) => list.more) && <Notice kind="warn">{view.t('branches.moreInUnit')}</Notice>}
        <BranchTable view={view} rows={rows} withUnit={subtree} caption={unit.name} />
        {!subtree && <Pager view={view} nextCursor={page.nextCursor} />}
        {children && children.items.length > 0 && (
          <section aria-labelledby="within">
            <h2 id="within">{view.t('branches.unitsWithin')}</h2>
            <ul class="unit-links">
              {children.items.map((child) => (
                <li>
                  <a href={unitBranchesHref(child.id)}>{child.name}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    ),
  );
}

const SubtreeChoice: FC<{ view: View; unit: FullUnit; subtree: boolean }> = ({ view, unit, subtree }) => {
  const choices = [
    { on: !subtree, href: unitBranchesHref(unit.id), label: view.t('branches.thisUnitOnly') },
    { on: subtree, href: `${unitBranchesHref(unit.id)}&subtree=1`, label: view.t('branches.withHamlets') },
  ];
  return (
    <nav class="choice" aria-label={view.t('branches.scopeLabel')}>
      {choices.map((choice) => (
        <a href={choice.href} aria-current={choice.on ? 'page' : undefined}>
          {choice.label}
        </a>
      ))}
    </nav>
  );
};

const BranchTable: FC<{ view: View; rows: readonly Row[]; withUnit: boolean; caption: string }> = ({
  view,
  rows,
  withUnit,
  caption,
}) =>
  rows.length === 0 ? (
    <p class="muted">{view.t('branches.none')}</p>
  ) : (
    <TableWrap label={`${view.t('branches.list')}: ${caption}`}>
      <table class="stacked">
        <caption>
          {view.t('branches.list')}: {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{view.t('branches.name')}</th>
            <th scope="col">{view.t('branches.kind')}</th>
            {withUnit && <th scope="col">{view.t('branches.unit')}</th>}
            <th scope="col">{view.t('branches.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ branch, unit }) => {
            const specialty = specialtyWord(view, branch);
            return (
              <tr>
                <th scope="row">
                  <a href={`/branches/${encodeURIComponent(branch.id)}`}>{branch.name}</a>
                </th>
                <td>
                  {kindWord(view, branch.kind)}
                  {specialty && ` · ${specialty}`}
                </td>
                {withUnit && <td>{unit.name}</td>}
                <td>
                  {branch.status === 'active' ? (
                    statusWord(view, branch)
                  ) : (
                    <span class="badge">{statusWord(view, branch)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
