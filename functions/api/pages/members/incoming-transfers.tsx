/**
 * Incoming transfers: people another organization of the platform transferred to this one, waiting
 * to be admitted into one of its branches. Each is accepted with its own small form; an accepted
 * transfer becomes a member, whose page the reader is taken to.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { incomingTransferReach, requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { acceptTransfer } from '#shared/domain/members/admission.ts';
import { listIncomingTransfers } from '#shared/domain/members/incoming-transfers.ts';
import { acceptTransferSchema, type IncomingTransferView } from '#shared/domain/members/transfers.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { type Option, PostForm, TextField } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { Pager } from '../components/pager.tsx';
import { scopeUnitId } from '../components/reader-unit.ts';
import { type Refusal, refusalOf } from '../http/form-refusal.ts';
import { filled, readForm, readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from './member-parts.tsx';
import { branchChoices, unitChoices } from './member-places.ts';
import { BranchField, UnitPicker } from './place-fields.tsx';
import { changeOnce, OnceKey } from './submit-once.tsx';

const TRANSFERS_PER_PAGE = 20;

const transfersQuerySchema = z.object({
  unitId: z.string().max(64).optional(),
  cursor: z.string().max(4096).optional(),
});

export function incomingTransferPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get('/transfers', (c) => transfersPage(c, deps))
    .post('/transfers/:id/accept', async (c) => {
      const id = c.req.param('id');
      const form = await readForm(c, acceptTransferSchema, (values) =>
        filled(values, ['branchId', 'joinedAt']),
      );
      if (!form.ok) return transfersPage(c, deps, { id, form: { values: form.values, errors: form.errors } });
      try {
        const ws = memberWorkspace(c, deps);
        const location = await changeOnce(c, form.values, (call) =>
          acceptTransfer(ws, changeContext(c), id, form.data, call),
        );
        return c.redirect(location, 303);
      } catch (error) {
        const refusal = refusalOf(error, {
          BRANCH_CLOSED: 'branchId',
          TRANSFER_ALREADY_ACCEPTED: 'branchId',
        });
        if (!refusal) throw error;
        const form_ = { values: form.values, errors: refusal.errors, message: refusal.message };
        return transfersPage(c, deps, { id, form: form_, status: refusal.status });
      }
    });
}

/** A refused acceptance, drawn again on its transfer. */
interface SentBack {
  readonly id: string;
  readonly form: RefusedForm;
  readonly status?: Refusal['status'];
}

async function transfersPage(c: Context<AppEnv>, deps: AppDependencies, sentBack?: SentBack) {
  const principal = c.get('principal');
  const query = readQuery(c, transfersQuerySchema);
  const { unitId, cursor } = query.ok ? query.data : {};
  const page = await listIncomingTransfers(memberWorkspace(c, deps), principal, {
    limit: TRANSFERS_PER_PAGE,
    cursor,
  });
  const accepting = allows(requireMemberWriter)(principal) && incomingTransferReach(principal) !== null;
  const scope = principal.scope;
  const fallbackUnit = unitId ?? scopeUnitId(principal);
  // Transfers addressed to one unit are placed in its branches; the others where the reader chose.
  const choices = new Map<string | undefined, Promise<Option[]>>();
  const branchesFor = (transfer: IncomingTransferView) => {
    const place = transfer.destinationUnitId ?? fallbackUnit;
    if (!choices.has(place)) choices.set(place, branchChoices(c, place));
    return choices.get(place) as Promise<Option[]>;
  };
  const [branches, units] = await Promise.all([
    accepting ? Promise.all(page.items.map(branchesFor)) : Promise.resolve([]),
    accepting && scope === null && page.items.some((transfer) => !transfer.destinationUnitId)
      ? unitChoices(c, unitId)
      : Promise.resolve([]),
  ]);
  const today = vietnamToday(c.get('now'));
  return renderPage(
    c,
    { title: (view) => view.t('transfers.title'), status: sentBack?.status ?? (sentBack ? 400 : 200) },
    (view) => (
      <>
        <p class="muted">{view.t('transfers.intro')}</p>
        {units.length > 0 && (
          <UnitPicker
            view={view}
            action="/transfers"
            name="unitId"
            value={unitId ?? ''}
            label="transfers.unit"
            units={units}
            choose
          />
        )}
        {page.items.length === 0 && <p class="panel">{view.t('transfers.none')}</p>}
        {page.items.map((transfer, index) => (
          <Transfer
            view={view}
            transfer={transfer}
            branches={accepting ? (branches[index] ?? []) : undefined}
            form={sentBack?.id === transfer.id ? sentBack.form : { values: { joinedAt: today }, errors: {} }}
          />
        ))}
        <Pager view={view} nextCursor={page.nextCursor} />
      </>
    ),
  );
}

const Transfer = ({
  view,
  transfer,
  branches,
  form,
}: {
  view: View;
  transfer: IncomingTransferView;
  /** The branches it may go to; undefined for who may not accept it. */
  branches: readonly Option[] | undefined;
  form: RefusedForm;
}) => {
  const person = transfer.person;
  const heading = `transfer-${transfer.id}`;
  return (
    <section class="panel member-section" aria-labelledby={heading}>
      <h2 id={heading}>{person.fullName}</h2>
      <dl class="facts">
        <dt>{view.t('members.field.birthDate')}</dt>
        <dd>{formatDate(person.birthDate)}</dd>
        <dt>{view.t('members.field.gender')}</dt>
        <dd>{view.t(`members.gender.${person.gender}`)}</dd>
        <dt>{view.t('members.field.nationalId')}</dt>
        <dd>{person.nationalIdMasked ?? '—'}</dd>
        <dt>{view.t('transfers.from')}</dt>
        <dd>{transfer.from.tenantId}</dd>
        <dt>{view.t('members.field.reason')}</dt>
        <dd>{transfer.reason}</dd>
        <dt>{view.t('members.field.effectiveDate')}</dt>
        <dd>{formatDate(transfer.effectiveDate)}</dd>
      </dl>
      {branches && (
        <PostForm view={view} action={`/transfers/${transfer.id}/accept`}>
          <Refused view={view} form={form} />
          <OnceKey values={form.values} />
          <BranchField view={view} form={form} branches={branches} idPrefix={heading} />
          <TextField
            view={view}
            form={form}
            idPrefix={heading}
            name="joinedAt"
            type="date"
            label={view.t('members.field.joinedAt')}
          />
          <div class="actions">
            <button type="submit">{view.t('transfers.accept')}</button>
          </div>
        </PostForm>
      )}
    </section>
  );
};
