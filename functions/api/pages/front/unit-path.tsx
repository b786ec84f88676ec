/** The units above the one on the dashboard (province › commune), each a way back up to its dashboard. */
import type { FC } from 'hono/jsx';
import type { Principal } from '#shared/domain/roles.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import type { TreeWorkspace } from '#shared/domain/unit-workspace.ts';
import type { View } from '../http/view.ts';

export interface UnitLink {
  readonly id: string;
  readonly name: string;
}

/** The unit's ancestors, the province first; the map holds no personal data, the Front reads it. */
export async function unitPath(ws: TreeWorkspace, principal: Principal, unitId: string): Promise<UnitLink[]> {
  const unit = await readUnit(ws, principal, unitId);
  const ancestors = await Promise.all(unit.ancestorIds.map((id) => readUnit(ws, principal, id)));
  return ancestors.map(({ id, name }) => ({ id, name }));
}

const frontHref = (unitId: string) => `/front?unitId=${encodeURIComponent(unitId)}`;

export const UnitPath: FC<{ view: View; path: readonly UnitLink[] }> = ({ view, path }) =>
  path.length === 0 ? null : (
    <nav class="crumbs" aria-label={view.t('front.breadcrumb')}>
      {path.map((unit, i) => (
        <>
          {i > 0 && <span aria-hidden="true"> › </span>}
          <a href={frontHref(unit.id)}>{unit.name}</a>
        </>
      ))}
    </nav>
  );
