/**
 * The province's reorganizations (merges, splits, renames by resolution), newest first, as
 * GET /api/v1/map/reorganizations lists them: every member of the province reads them. Read
 * only here; making one stays with the API.
 */
import type { Context } from 'hono';
import { listReorganizations } from '#shared/domain/reorganization-changes.ts';
import type { Reorganization } from '#shared/domain/reorganizations.ts';
import type { AppEnv } from '../../app-env.ts';
import { reorganizationWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { MAP_PATH } from './map-paths.ts';

const PAGE = 50;

export async function reorganizationList(c: Context<AppEnv>) {
  const page = await listReorganizations(reorganizationWorkspace(c), c.get('principal'), {
    limit: PAGE,
    cursor: c.req.query('cursor'),
  });
  return renderPage(c, { title: (view) => view.t('map.reorganizations') }, (view) => (
    <>
      <p>
        <a href={MAP_PATH}>{view.t('map.backToMap')}</a>
      </p>
      {page.items.length === 0 ? (
        <p class="muted">{view.t('map.noReorganizations')}</p>
      ) : (
        <ReorganizationTable view={view} items={page.items} />
      )}
      <Pager view={view} nextCursor={page.nextCursor} />
    </>
  ));
}

const ReorganizationTable = ({ view, items }: { view: View; items: readonly Reorganization[] }) => (
  <TableWrap label={view.t('map.reorganizations')}>
    <table>
      <thead>
        <tr>
          <th scope="col">{view.t('map.effectiveDate')}</th>
          <th scope="col">{view.t('map.kind')}</th>
          <th scope="col">{view.t('map.resolution')}</th>
          <th scope="col">{view.t('map.unitsChanged')}</th>
          <th scope="col">{view.t('map.status')}</th>
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
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);
