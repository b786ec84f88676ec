/**
 * The province's administrative map: pending hamlet proposals, proposing one, and for map editors
 * deciding them and changing the map directly. Same use cases and schemas as
 * /api/v1/map/proposals and /api/v1/units; every form posts back here with a notice (post/redirect/get).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { canEditMap } from '#shared/domain/access/map-access.ts';
import { requireOrganization } from '#shared/domain/access/tenant-access.ts';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { DomainError } from '#shared/domain/errors.ts';
import {
  acceptProposal,
  listProposals,
  proposeHamlet,
  rejectProposal,
} from '#shared/domain/map-proposal-changes.ts';
import {
  acceptProposalSchema,
  proposeHamletSchema,
  rejectProposalSchema,
} from '#shared/domain/map-proposals.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { createUnit, updateUnit } from '#shared/domain/unit-changes.ts';
import { listUnits, readUnit } from '#shared/domain/unit-queries.ts';
import { createUnitSchema, type FullUnit, updateUnitSchema } from '#shared/domain/units.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, mapWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { EMPTY_FORM, Notice } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { Pager } from '../components/pager.tsx';
import { provinceUnitId, scopeUnitId, unitIdFrom } from '../components/reader-unit.ts';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { filled, formVersion, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { MAP_PATH, REORGANIZATIONS_PATH } from './map-paths.ts';
import {
  type CommuneHamlets,
  MapEditing,
  type MapForms,
  PendingProposals,
  ProposeForm,
  Refusal,
} from './map-view.tsx';
import { followUpPages } from './reorganization-follow-up.tsx';
import { createReorganization, newReorganizationPage } from './reorganization-form.tsx';
import { reorganizationList } from './reorganization-list.tsx';

const PROPOSALS_PAGE = 50;
/** A province has a few hundred communes at most; a commune, a few dozen hamlets. */
const UNITS_PAGE = 500;
const DONE = ['proposed', 'joined', 'exists', 'accepted', 'rejected', 'added', 'renamed'] as const;
type Done = (typeof DONE)[number];

/** Who proposes hamlets: an organization's admins and unit officers (proposeHamlet's rule). */
const mayPropose = allows((p) => requireRole(p, 'org_admin', 'unit_officer'), requireOrganization);

export function mapPages(deps: AppDependencies) {
  const followUp = followUpPages(deps);
  return new Hono<AppEnv>()
    .get(MAP_PATH, (c) => mapPage(c, {}, { communeId: c.req.query('communeId') }))
    .get(REORGANIZATIONS_PATH, reorganizationList)
    .get(`${REORGANIZATIONS_PATH}/new`, newReorganizationPage)
    .post(REORGANIZATIONS_PATH, createReorganization)
    .get(`${REORGANIZATIONS_PATH}/:id`, followUp.show)
    .post(`${REORGANIZATIONS_PATH}/:id/apply`, followUp.apply)
    .post(`${MAP_PATH}/proposals`, async (c) => {
      const form = await readForm(c, proposeHamletSchema);
      if (!form.ok) return mapPage(c, { propose: form }, { status: 400 });
      try {
        const outcome = await proposeHamlet(mapWorkspace(c), changeContext(c), form.data);
        return done(c, outcome.status);
      } catch (error) {
        const refusal = refused(error, { UNIT_EXISTS: 'name' });
        return mapPage(
          c,
          { propose: { values: form.values, errors: refusal.errors }, message: refusal.message },
          { status: refusal.status },
        );
      }
    })
    .post(`${MAP_PATH}/proposals/:id/accept`, async (c) => {
      const id = c.req.param('id');
      const form = await readForm(c, acceptProposalSchema);
      if (!form.ok) return mapPage(c, { accept: { id, form } }, { status: 400 });
      try {
        await acceptProposal(mapWorkspace(c), changeContext(c), id, form.data);
        return done(c, 'accepted');
      } catch (error) {
        const refusal = refused(error, { UNIT_EXISTS: 'name' });
        return mapPage(
          c,
          { accept: { id, form: { values: form.values, errors: refusal.errors } }, message: refusal.message },
          { status: refusal.status },
        );
      }
    })
    .post(`${MAP_PATH}/proposals/:id/reject`, async (c) => {
      const id = c.req.param('id');
      const form = await readForm(c, rejectProposalSchema);
      if (!form.ok) return mapPage(c, { reject: { id, form } }, { status: 400 });
      try {
        await rejectProposal(mapWorkspace(c), changeContext(c), id, form.data);
        return done(c, 'rejected');
      } catch (error) {
        const refusal = refused(error);
        return mapPage(
          c,
          { reject: { id, form: { values: form.values, errors: refusal.errors } }, message: refusal.message },
          { status: refusal.status },
        );
      }
    })
    .post(`${MAP_PATH}/units`, async (c) => {
      const form = await readForm(c, createUnitSchema, (values) =>
        filled(values, ['parentId', 'type', 'name']),
      );
      if (!form.ok) return mapPage(c, { add: form }, { status: 400 });
      try {
        const unit = await createUnit(treeWorkspace(c), changeContext(c), form.data);
        return done(c, 'added', unit.parentId);
      } catch (error) {
        const refusal = refused(error, { UNIT_EXISTS: 'name' });
        return mapPage(
          c,
          { add: { values: form.values, errors: refusal.errors }, message: refusal.message },
          { status: refusal.status },
        );
      }
    })
    .post(`${MAP_PATH}/units/:id`, async (c) => {
      const id = unitIdFrom(c.req.param('id'));
      const form = await readForm(c, updateUnitSchema, (values) => filled(values, ['name']));
      const { values } = form;
      const communeOf = async () => (await readUnit(treeWorkspace(c), c.get('principal'), id)).parentId;
      if (!form.ok)
        return mapPage(c, { rename: { id, form } }, { status: 400, communeId: await communeOf() });
      try {
        const unit = await updateUnit(treeWorkspace(c), changeContext(c), id, form.data, formVersion(values));
        return done(c, 'renamed', unit.parentId);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
          return mapPage(
            c,
            { rename: { id, form: { values, errors: {} }, stale: true } },
            { status: 412, communeId: await communeOf() },
          );
        const refusal = refused(error, { UNIT_EXISTS: 'name' });
        return mapPage(
          c,
          { rename: { id, form: { values, errors: refusal.errors } }, message: refusal.message },
          { status: refusal.status, communeId: await communeOf() },
        );
      }
    });
}

/** A refusal the form shows; anything else (403, 404, a fault) goes on to the error page. */
function refused(error: unknown, fieldOf: Parameters<typeof refusalOf>[1] = {}) {
  const refusal = refusalOf(error, fieldOf);
  if (!refusal) throw error;
  return refusal;
}

function done(c: Context<AppEnv>, what: Done, communeId?: string | null) {
  const query = new URLSearchParams({ done: what });
  if (communeId) query.set('communeId', communeId);
  return c.redirect(`${MAP_PATH}?${query}`, 303);
}

interface PageOptions {
  readonly status?: FormStatus;
  /** The commune whose hamlets a map editor is looking at. */
  readonly communeId?: string | null | undefined;
}

async function mapPage(c: Context<AppEnv>, forms: MapForms, options: PageOptions) {
  const principal = c.get('principal');
  const today = vietnamToday(c.get('now'));
  // The use case decides who reads the page: its refusal is the page's.
  const proposals = await listProposals(mapWorkspace(c), principal, {
    status: 'pending',
    limit: PROPOSALS_PAGE,
    cursor: c.req.query('cursor'),
  });
  const mayEdit = canEditMap(principal);
  const communes = await communesOf(c, principal, today);
  const chosen = mayEdit && options.communeId ? await hamletsOf(c, options.communeId, today) : null;
  const communeNames = new Map(communes.map((commune) => [commune.id, commune.name]));
  const doneWord = DONE.find((word) => word === c.req.query('done'));
  return renderPage(c, { title: (view) => view.t('map.title'), status: options.status ?? 200 }, (view) => (
    <>
      <p class="muted">{view.t('map.intro')}</p>
      <p>
        <a href={REORGANIZATIONS_PATH}>{view.t('map.reorganizations')}</a>
      </p>
      {doneWord && <Notice kind="ok">{view.t(`map.done.${doneWord}`)}</Notice>}
      <Refusal view={view} forms={forms} />
      <PendingProposals
        view={view}
        proposals={proposals.items}
        communeNames={communeNames}
        mayDecide={mayEdit}
        forms={forms}
      />
      <Pager view={view} nextCursor={proposals.nextCursor} />
      {mayPropose(principal) && communes.length > 0 && (
        <ProposeForm view={view} communes={communes} form={forms.propose ?? EMPTY_FORM} />
      )}
      {mayEdit && <MapEditing view={view} communes={communes} chosen={chosen} forms={forms} />}
    </>
  ));
}

/** The communes the reader proposes in: their own when their scope is one, else the province's. */
async function communesOf(c: Context<AppEnv>, principal: Principal, today: string): Promise<FullUnit[]> {
  const ws = treeWorkspace(c);
  const own = scopeUnitId(principal);
  const top = own ? await readUnit(ws, principal, own) : null;
  if (top?.level === 'commune') return [top];
  const parentId = top?.id ?? (await provinceUnitId(c, today));
  const children = await listUnits(ws, principal, { parentId, validOn: today, limit: UNITS_PAGE });
  return children.items.filter((unit) => unit.level === 'commune');
}

async function hamletsOf(c: Context<AppEnv>, communeId: string, today: string): Promise<CommuneHamlets> {
  const ws = treeWorkspace(c);
  const principal = c.get('principal');
  const commune = await readUnit(ws, principal, unitIdFrom(communeId));
  const children = await listUnits(ws, principal, {
    parentId: commune.id,
    validOn: today,
    limit: UNITS_PAGE,
  });
  return { commune, hamlets: children.items.filter((unit) => unit.level === 'hamlet') };
}
