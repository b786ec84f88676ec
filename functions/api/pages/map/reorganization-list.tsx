/**
 * The province's reorganizations (merges, splits, renames by resolution), newest first, as
 * GET /api/v1/map/reorganizations lists them: every member of the province reads them. Read
 * here; recording one is reorganization-form.tsx, an organization's follow-up reorganization-follow-up.tsx.
 */
import type { Context } from 'hono';
import { canEditMap } from '#shared/domain/access/map-access.ts';
import { requireOrganization } from '#shared/domain/access/tenant-access.ts';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { listReorganizations } from '#shared/domain/reorganization-changes.ts';
import type { Reorganization } from '#shared/domain/reorganizations.ts';
import type { AppEnv } from '../../app-env.ts';
import { reorganizationWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { Notice } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { Pager } from '../components/pager.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { MAP_PATH, REORGANIZATIONS_PATH } from './map-paths.ts';
import { reorganizationPath } from './reorganization-follow-up.tsx';

/** Who follows a reorganization up for their branches: an organization's admin (the use case's rule). */
const followsUpBranches = allows((p) => requireRole(p, 'org_admin'), requireOrganization);

const PAGE = 50;

export async function reorganizationList(c: Context<AppEnv>) {
  const page = await listReorganizations(reorganizationWorkspace(c), c.get('principal'), {
    limit: PAGE,
    cursor: c.req.query('cursor'),
  });
  const principal = c.get('principal');
  const followsUp = followsUpBranches(principal);
  return renderPage(c, { title: (view) => view.t('map.reorganizations') }, (view) => (
    <>
      <p>
        <a href={MAP_PATH}>{view.t('map.backToMap')}</a>
      </p>
      {c.req.query('done') === 'created' && <Notice kind="ok">{view.t('map.reorg.done.created')}</Notice>}
      {canEditMap(principal) && (
        <p>
          <a href={`${REORGANIZATIONS_PATH}/new`}>{view.t('map.reorg.new')}</a>
        </p>
      )}
      {page.items.length === 0 ? (
        <p class="muted">{view.t('map.noReorganizations')}</p>
      ) : (
        <ReorganizationTable view={view} items={page.items} followsUp={followsUp} />
      )}
      <Pager view={view} nextCursor={page.nextCursor} />
    </>
  ));
}

interface TableProps {
  readonly view: View;
  readonly items: readonly Reorganization[];
  /** An organization's admin: each row links to what the organization does with its branches. */
  readonly followsUp: boolean;
}

const ReorganizationTable = ({ view, items, followsUp }: TableProps) => (
  <TableWrap label={view.t('map.reorganizations')}>
    <table>
      <thead>
        <tr>
          <th scope="col">{view.t('map.effectiveDate')}</th>
          <th scope="col">{view.t('map.kind')}</th>
          <th scope="col">{view.t('map.resolution')}</th>
          <th scope="col">{view.t('map.unitsChanged')}</th>
          <th scope="col">{view.t('map.status')}</th>
          {followsUp && <th scope="col">{view.t('map.reorg.followUp')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr>
            <td>{formatDate(item.effectiveDate)}</td>
            <td>{view.t(`map.kind.${item.kind}`)}</td>
            <td>
              {item.resolution.number}
              {item.resolution.date && ` (${formatDate(item.resolution.date)})`}
            </td>
            <td>{item.changes.map((change) => change.after.name).join(', ')}</td>
            <td>{view.t(`map.status.${item.status}`)}</td>
            {followsUp && (
              <td>
                <a href={reorganizationPath(item.id)}>
                  {view.t('map.reorg.followUp')}: {item.resolution.number}
                </a>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);
