/** The provinces on the platform, each with its five tenants (four organizations and the Front). */
import type { FC } from 'hono/jsx';
import { vietnamToday } from '#shared/domain/dates.ts';
import type { TenantKind } from '#shared/domain/organizations.ts';
import type { Province } from '#shared/domain/provinces.ts';
import { formatDate } from '../components/format.ts';
import { Notice } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import { provincePath } from './map-editors.tsx';
import { ONBOARD_PATH } from './onboarding-form.tsx';

const tenantName = (view: View, kind: TenantKind) =>
  view.t(kind === 'front' ? 'platform.kind.front' : `front.org.${kind}`);

export const ProvinceList: FC<{
  view: View;
  provinces: readonly Province[];
  onboarded?: Province | undefined;
}> = ({ view, provinces, onboarded }) => (
  <>
    {onboarded && (
      <Notice kind="ok">
        {view.t('platform.onboarded')} {onboarded.name}
      </Notice>
    )}
    <p class="actions">
      <a class="button" href={ONBOARD_PATH}>
        {view.t('platform.onboard')}
      </a>
    </p>
    {provinces.length === 0 ? (
      <p class="panel">{view.t('platform.none')}</p>
    ) : (
      <TableWrap label={view.t('platform.caption')}>
        <table>
          <caption>{view.t('platform.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{view.t('platform.province')}</th>
              <th scope="col">{view.t('platform.id')}</th>
              <th scope="col">{view.t('platform.code')}</th>
              <th scope="col">{view.t('platform.tenants')}</th>
              <th scope="col">{view.t('platform.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {provinces.map((province) => (
              <tr>
                <th scope="row">{province.name}</th>
                <td>
                  {province.id}{' '}
                  <a href={provincePath(province.id)}>
                    {view.t('platform.mapEditors.link')} {province.name}
                  </a>
                </td>
                <td>{province.code}</td>
                <td>
                  <ul class="tenant-list">
                    {province.tenants.map((tenant) => (
                      <li>
                        {tenantName(view, tenant.kind)} <span class="badge">{tenant.tenantId}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{formatDate(vietnamToday(new Date(province.createdAt)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    )}
  </>
);
