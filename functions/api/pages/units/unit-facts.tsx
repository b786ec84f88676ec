/** What a unit is: name, code, type, when it is in force, its former names and its successor. */
import type { FC } from 'hono/jsx';
import { requireMemberReader } from '#shared/domain/access/member-access.ts';
import { requireOrganization } from '#shared/domain/access/tenant-access.ts';
import { isUnitInScope } from '#shared/domain/access/tree-access.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import { formatDate } from '../components/format.ts';
import { allows } from '../components/navigation.ts';
import { unitBranchesHref, unitHref } from '../components/unit-path.tsx';
import type { View } from '../http/view.ts';
import { unitTypeWord } from './unit-words.ts';

const inForce = (view: View, unit: FullUnit) =>
  `${view.t('units.since')} ${formatDate(unit.validFrom)}${unit.validTo ? ` ${view.t('units.until')} ${formatDate(unit.validTo)}` : ''}`;

/** The links to what hangs under the unit, offered to who may open them (the use cases decide). */
function offers(view: View, unit: FullUnit) {
  const principal = view.principal;
  if (!principal || !allows(requireOrganization)(principal)) return { branches: false, members: false };
  const branchOfficer = principal.scope !== null && 'branchId' in principal.scope;
  const inScope = isUnitInScope(principal, unit);
  return { branches: inScope || branchOfficer, members: inScope && allows(requireMemberReader)(principal) };
}

export const UnitFacts: FC<{ view: View; unit: FullUnit; successor: FullUnit | null }> = ({
  view,
  unit,
  successor,
}) => {
  const links = offers(view, unit);
  return (
    <section class="panel tight" aria-labelledby="facts">
      <h2 id="facts">{view.t('units.facts')}</h2>
      <dl class="facts">
        <dt>{view.t('units.type')}</dt>
        <dd>
          {unitTypeWord(view, unit)}
          {unit.validTo && (
            <>
              {' '}
              <span class="badge">{view.t('units.closed')}</span>
            </>
          )}
        </dd>
        <dt>{view.t('units.code')}</dt>
        <dd>{unit.code ?? view.t('units.noCode')}</dd>
        <dt>{view.t('units.inForce')}</dt>
        <dd>{inForce(view, unit)}</dd>
        {unit.formerNames.length > 0 && (
          <>
            <dt>{view.t('units.formerNames')}</dt>
            <dd>
              <ul class="plain">
                {unit.formerNames.map((former) => (
                  <li>
                    {former.name} ({formatDate(former.validFrom)} – {formatDate(former.validTo)})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {unit.successorId && (
          <>
            <dt>{view.t('units.successor')}</dt>
            <dd>
              <a href={unitHref(unit.successorId)}>{successor?.name ?? unit.successorId}</a>
            </dd>
          </>
        )}
      </dl>
      {(links.branches || links.members) && (
        <p class="actions">
          {links.branches && <a href={unitBranchesHref(unit.id)}>{view.t('units.branchesOf')}</a>}
          {links.members && (
            <a href={`/members?unitId=${encodeURIComponent(unit.id)}`}>{view.t('units.membersOf')}</a>
          )}
        </p>
      )}
    </section>
  );
};
