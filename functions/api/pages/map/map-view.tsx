/**
 * The map page's parts: the pending proposals (with the decision forms for map editors), the
 * proposing form, and the map editors' own changes. Every form is drawn from one `MapForms`, so a
 * refused one comes back with its errors while the others stay empty.
 */
import type { FC } from 'hono/jsx';
import { HAMLET_TYPES, type HamletProposal } from '#shared/domain/map-proposals.ts';
import type { Message } from '#shared/domain/messages.ts';
import type { FullUnit } from '#shared/domain/units.ts';
import { formatDate } from '../components/format.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  type Option,
  PostForm,
  SelectField,
  TextAreaField,
  TextField,
} from '../components/forms.tsx';
import type { View } from '../http/view.ts';
import { MAP_PATH, proposalPath, unitPath } from './map-paths.ts';

/** The form a submission came from, by the record it names, with what was typed and refused. */
export interface MapForms {
  readonly propose?: FormState;
  readonly accept?: { readonly id: string; readonly form: FormState };
  readonly reject?: { readonly id: string; readonly form: FormState };
  readonly add?: FormState;
  readonly rename?: { readonly id: string; readonly form: FormState; readonly stale?: boolean };
  /** The use case's refusal, said above the forms. */
  readonly message?: Message;
}

/** The hamlets a map editor looks at to rename them. */
export interface CommuneHamlets {
  readonly commune: FullUnit;
  readonly hamlets: readonly FullUnit[];
}

const formFor = (entry: { id: string; form: FormState } | undefined, id: string) =>
  entry?.id === id ? entry.form : EMPTY_FORM;

const typeOptions = (view: View, types: readonly string[]): Option[] =>
  types.map((type) => ({
    value: type,
    label: view.t(`units.type.${type as (typeof HAMLET_TYPES)[number]}`),
  }));

const communeOptions = (communes: readonly FullUnit[]): Option[] =>
  communes.map((commune) => ({ value: commune.id, label: commune.name }));

/** In the south hamlets are ấp and khóm: the two a proposal offers. */
const PROPOSED_TYPES = ['ap', 'khom'] as const;

interface ProposalsProps {
  readonly view: View;
  readonly proposals: readonly HamletProposal[];
  readonly communeNames: ReadonlyMap<string, string>;
  readonly mayDecide: boolean;
  readonly forms: MapForms;
}

export const PendingProposals: FC<ProposalsProps> = ({ view, proposals, communeNames, mayDecide, forms }) => (
  <section aria-labelledby="pending">
    <h2 id="pending">{view.t('map.pending')}</h2>
    {proposals.length === 0 && <p class="muted">{view.t('map.noPending')}</p>}
    {proposals.map((proposal) => (
      <article class="panel tight" aria-labelledby={`p-${proposal.id}`}>
        <h3 id={`p-${proposal.id}`}>{proposal.name}</h3>
        <dl class="facts">
          <dt>{view.t('map.commune')}</dt>
          <dd>{communeNames.get(proposal.communeId) ?? proposal.communeId}</dd>
          <dt>{view.t('map.type')}</dt>
          <dd>{view.t(`units.type.${proposal.type}`)}</dd>
          <dt>{view.t('map.proposedBy')}</dt>
          <dd>{proposal.organizations.map((org) => view.t(`front.org.${org}`)).join(', ')}</dd>
          <dt>{view.t('map.proposedOn')}</dt>
          <dd>{formatDate(proposal.createdAt)}</dd>
          {proposal.note && (
            <>
              <dt>{view.t('map.note')}</dt>
              <dd>{proposal.note}</dd>
            </>
          )}
        </dl>
        {mayDecide && <DecisionForms view={view} proposal={proposal} forms={forms} />}
      </article>
    ))}
  </section>
);

const DecisionForms: FC<{ view: View; proposal: HamletProposal; forms: MapForms }> = ({
  view,
  proposal,
  forms,
}) => (
  <div class="map-decisions">
    <PostForm view={view} action={proposalPath(proposal.id, 'accept')}>
      <TextField
        view={view}
        form={formFor(forms.accept, proposal.id)}
        name="name"
        label={view.t('map.acceptName')}
        hint={view.t('map.acceptNameHint')}
        idPrefix={`a-${proposal.id}`}
      />
      <div class="actions">
        <button type="submit">{view.t('map.accept')}</button>
      </div>
    </PostForm>
    <PostForm view={view} action={proposalPath(proposal.id, 'reject')} confirm={view.t('map.rejectConfirm')}>
      <TextField
        view={view}
        form={formFor(forms.reject, proposal.id)}
        name="reason"
        label={view.t('map.reason')}
        idPrefix={`r-${proposal.id}`}
        required
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {view.t('map.reject')}
        </button>
      </div>
    </PostForm>
  </div>
);

export const ProposeForm: FC<{ view: View; communes: readonly FullUnit[]; form: FormState }> = ({
  view,
  communes,
  form,
}) => (
  <section class="panel narrow tight" aria-labelledby="propose">
    <h2 id="propose">{view.t('map.propose')}</h2>
    <PostForm view={view} action={`${MAP_PATH}/proposals`}>
      <HamletFields view={view} communes={communes} form={form} types={PROPOSED_TYPES} prefix="p" />
      <TextAreaField
        view={view}
        form={form}
        name="note"
        label={view.t('map.note')}
        hint={view.t('map.noteHint')}
        rows={3}
        idPrefix="p"
      />
      <div class="actions">
        <button type="submit">{view.t('map.proposeSubmit')}</button>
      </div>
    </PostForm>
  </section>
);

interface HamletFieldsProps {
  readonly view: View;
  readonly communes: readonly FullUnit[];
  readonly form: FormState;
  readonly types: readonly string[];
  readonly prefix: string;
  /** The API names the commune `communeId` in a proposal and `parentId` in a new unit. */
  readonly communeField?: string;
}

const HamletFields: FC<HamletFieldsProps> = ({ view, communes, form, types, prefix, communeField }) => (
  <>
    <SelectField
      view={view}
      form={form}
      name={communeField ?? 'communeId'}
      label={view.t('map.commune')}
      options={communeOptions(communes)}
      empty={communes.length === 1 ? undefined : view.t('map.chooseCommune')}
      idPrefix={prefix}
      required
    />
    <TextField
      view={view}
      form={form}
      name="name"
      label={view.t('map.hamletName')}
      hint={view.t('map.hamletNameHint')}
      idPrefix={prefix}
      required
    />
    <SelectField
      view={view}
      form={form}
      name="type"
      label={view.t('map.type')}
      options={typeOptions(view, types)}
      idPrefix={prefix}
      required
    />
  </>
);

interface EditProps {
  readonly view: View;
  readonly communes: readonly FullUnit[];
  readonly chosen: CommuneHamlets | null;
  readonly forms: MapForms;
}

/** A map editor's own changes: a hamlet added directly, a commune's hamlets renamed. */
export const MapEditing: FC<EditProps> = ({ view, communes, chosen, forms }) => (
  <section aria-labelledby="edit">
    <h2 id="edit">{view.t('map.edit')}</h2>
    <div class="map-edit">
      <div class="panel">
        <h3>{view.t('map.addHamlet')}</h3>
        <PostForm view={view} action={`${MAP_PATH}/units`}>
          <HamletFields
            view={view}
            communes={communes}
            form={forms.add ?? EMPTY_FORM}
            types={HAMLET_TYPES}
            prefix="u"
            communeField="parentId"
          />
          <div class="actions">
            <button type="submit">{view.t('map.add')}</button>
          </div>
        </PostForm>
      </div>
      <div class="panel">
        <h3>{view.t('map.renameHamlets')}</h3>
        <form method="get" action={MAP_PATH} class="stack">
          <SelectField
            view={view}
            form={{ values: { communeId: chosen?.commune.id ?? '' }, errors: {} }}
            name="communeId"
            label={view.t('map.commune')}
            options={communeOptions(communes)}
            empty={view.t('map.chooseCommune')}
            idPrefix="h"
          />
          <div class="actions">
            <button type="submit" class="secondary">
              {view.t('map.showHamlets')}
            </button>
          </div>
        </form>
        {chosen && <HamletRenames view={view} chosen={chosen} forms={forms} />}
      </div>
    </div>
  </section>
);

const HamletRenames: FC<{ view: View; chosen: CommuneHamlets; forms: MapForms }> = ({
  view,
  chosen,
  forms,
}) => (
  <section aria-labelledby="hamlets">
    <h4 id="hamlets">
      {view.t('map.hamletsOf')} {chosen.commune.name}
    </h4>
    {chosen.hamlets.length === 0 && <p class="muted">{view.t('map.noHamlets')}</p>}
    <ul class="map-hamlets">
      {chosen.hamlets.map((hamlet) => {
        const mine = forms.rename?.id === hamlet.id ? forms.rename : undefined;
        // A stale rename shows what is stored now, with the version to save over it.
        const form = mine && !mine.stale ? mine.form : { values: { name: hamlet.name }, errors: {} };
        return (
          <li>
            <PostForm view={view} action={unitPath(hamlet.id)} class="filters">
              <input type="hidden" name="version" value={String(hamlet.version)} />
              <TextField
                view={view}
                form={form}
                name="name"
                label={`${hamlet.name} (${hamlet.id})`}
                idPrefix={`n-${hamlet.id}`}
                required
              />
              <div class="actions">
                <button type="submit" class="secondary">
                  {view.t('map.rename')}
                </button>
              </div>
            </PostForm>
            {mine?.stale && <p class="notice warn">{view.t('form.staleVersion')}</p>}
          </li>
        );
      })}
    </ul>
  </section>
);

export const Refusal: FC<{ view: View; forms: MapForms }> = ({ view, forms }) => {
  const refused =
    forms.propose ?? forms.add ?? forms.accept?.form ?? forms.reject?.form ?? forms.rename?.form;
  return refused || forms.message ? (
    <ErrorSummary
      view={view}
      form={refused ?? EMPTY_FORM}
      message={forms.message ? view.say(forms.message) : undefined}
    />
  ) : null;
};
