/**
 * The units and branches a members page offers to choose from, read through the same use cases
 * as the units and branches pages, so a reader is offered only what their scope holds: an
 * organization-wide reader picks a commune (and then its hamlets), a unit officer their own unit
 * and the hamlets below it, a branch officer their branch alone.
 */
import type { Context } from 'hono';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { listBranches } from '#shared/domain/branch-queries.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { listUnits, readUnit } from '#shared/domain/unit-queries.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import type { AppEnv } from '../../app-env.ts';
import { choicesWorkspace } from '../../http/workspaces.ts';
import type { Option } from '../components/forms.tsx';

/** More hamlets than a commune has, more branches than a unit holds: one page is all of them. */
const ALL = 500;

const BELOW = '\u2003';

function childrenOf(c: Context<AppEnv>, parentId: string): Promise<FullUnit[]> {
  const validOn = vietnamToday(c.get('now'));
  return listUnits(choicesWorkspace(c), c.get('principal'), { parentId, validOn, limit: ALL }).then(
    (page) => page.items,
  );
}

/** A unit followed by the units below it, indented. */
const withChildren = (unit: FullUnit, children: readonly FullUnit[]): Option[] => [
  { value: unit.id, label: unit.name },
  ...children.map((child) => ({ value: child.id, label: `${BELOW}${child.name}` })),
];

/**
 * The units a list may be narrowed to. `chosen` opens its commune: the communes stay one line
 * each, the chosen one's hamlets follow it.
 */
export async function unitChoices(c: Context<AppEnv>, chosen?: string): Promise<Option[]> {
  const principal = c.get('principal');
  const ws = choicesWorkspace(c);
  const scope = principal.scope;
  if (scope && 'branchId' in scope) return [];
  if (scope) {
    const [own, below] = await Promise.all([
      readUnit(ws, principal, scope.unitId),
      childrenOf(c, scope.unitId),
    ]);
    return withChildren(own, below);
  }
  const province = (await listUnits(ws, principal, { limit: 1 })).items[0];
  if (!province) return [];
  const communes = await childrenOf(c, province.id);
  const open = chosen ? await openCommune(c, communes, chosen) : undefined;
  return communes.flatMap((commune) =>
    commune.id === open?.id
      ? withChildren(commune, open.hamlets)
      : [{ value: commune.id, label: commune.name }],
  );
}

async function openCommune(c: Context<AppEnv>, communes: readonly FullUnit[], chosen: string) {
  let commune = communes.find((unit) => unit.id === chosen);
  if (!commune) {
    // A hamlet was chosen: its commune opens. A unit that does not exist opens nothing here;
    // the list's use case says what is wrong with it.
    const unit = await readUnit(choicesWorkspace(c), c.get('principal'), chosen).catch(() => undefined);
    commune = communes.find((candidate) => candidate.id === unit?.parentId);
  }
  return commune && { id: commune.id, hamlets: await childrenOf(c, commune.id) };
}

/**
 * The open branches of a unit and, for a commune, of its hamlets, labelled with their unit when
 * there are several; a branch officer's own branch wherever they look.
 */
export async function branchChoices(c: Context<AppEnv>, unitId: string | undefined): Promise<Option[]> {
  const principal = c.get('principal');
  const ws = choicesWorkspace(c);
  const scope = principal.scope;
  if (scope && 'branchId' in scope) {
    const { branch } = await readBranch(ws, principal, scope.branchId);
    return [{ value: branch.id, label: branch.name }];
  }
  if (!unitId) return [];
  const [unit, below] = await Promise.all([readUnit(ws, principal, unitId), childrenOf(c, unitId)]);
  const units = unit.level === 'commune' ? [unit, ...below] : [unit];
  const pages = await Promise.all(
    units.map((place) => listBranches(ws, principal, { unitId: place.id, limit: ALL })),
  );
  return pages.flatMap((page, index) =>
    page.items
      .filter((branch) => branch.status === 'active')
      .map((branch) => ({
        value: branch.id,
        label: units.length > 1 ? `${units[index]?.name} · ${branch.name}` : branch.name,
      })),
  );
}
