/**
 * A unit's place in the tree, as breadcrumbs from the province down: each parent a link, so a
 * reader climbs back up. The units' pages link to units, the branches' pages to their branches,
 * the Front's dashboard to its own view of each unit.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { Principal } from '#shared/domain/roles.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import type { AppEnv } from '../../app-env.ts';
import { treeWorkspace } from '../../http/workspaces.ts';
import type { View } from '../http/view.ts';

/** The unit's parents, the province first. */
export function parentsOf(c: Context<AppEnv>, principal: Principal, unit: FullUnit): Promise<FullUnit[]> {
  const ws = treeWorkspace(c);
  return Promise.all(unit.ancestorIds.map((id) => readUnit(ws, principal, id)));
}

export const unitHref = (unitId: string) => `/units/${encodeURIComponent(unitId)}`;
export const unitBranchesHref = (unitId: string) => `/branches?unitId=${encodeURIComponent(unitId)}`;

interface PathProps {
  readonly view: View;
  readonly parents: readonly Pick<FullUnit, 'id' | 'name'>[];
  /** The last crumb, the page itself (not a link). */
  readonly here?: string;
  readonly href?: (unitId: string) => string;
  /** What the trail is called, in the words of the area showing it. */
  readonly label?: UiTextKey;
}

export const UnitPath: FC<PathProps> = ({ view, parents, here, href = unitHref, label = 'units.path' }) =>
  parents.length > 0 || here ? (
    <nav class="crumbs" aria-label={view.t(label)}>
      <ol>
        {parents.map((unit) => (
          <li>
            <a href={href(unit.id)}>{unit.name}</a>
          </li>
        ))}
        {here && <li aria-current="page">{here}</li>}
      </ol>
    </nav>
  ) : null;
