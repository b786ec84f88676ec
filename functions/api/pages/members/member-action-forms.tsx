/**
 * What a writer may do to a current member, each a form of its own on the member's page: change
 * the status (with reason and date), move to another branch, transfer out of the organization.
 * A form sent back refused is drawn open, with what was typed.
 */
import type { FC, PropsWithChildren } from 'hono/jsx';
import { canFollow } from '#shared/domain/members/lifecycle.ts';
import { MEMBER_STATUSES, type Member } from '#shared/domain/members/member.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { type Option, PostForm, SelectField, TextField } from '../components/forms.tsx';
import type { View } from '../http/view.ts';
import type { PartyForm } from '../party/party-section.tsx';
import { Refused, type RefusedForm } from './member-parts.tsx';
import { UnitPicker } from './place-fields.tsx';
import { memberPath, OnceKey } from './submit-once.tsx';

export const MEMBER_ACTIONS = ['status', 'move', 'transferOut'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];
/** The forms sent back refused, by action: the member's own and the Party section's. */
export type ActionForms = Partial<Record<MemberAction | PartyForm, RefusedForm>>;

interface ActionsProps {
  readonly view: View;
  readonly member: Member;
  readonly forms: ActionForms;
  readonly moveBranches: readonly Option[];
  /** Communes to look for a branch in, for who spans the organization. */
  readonly moveUnits: readonly Option[];
  readonly moveUnit: string;
  readonly today: string;
  /** Only the Youth Union's members come of age (graduate). */
  readonly youth: boolean;
}

export const MemberActions: FC<ActionsProps> = (props) => {
  const { view, member, forms, today } = props;
  const form = (action: MemberAction, defaults: Record<string, string>): RefusedForm =>
    forms[action] ?? { values: defaults, errors: {} };
  const action = (path: string) => `${memberPath(member)}/${path}`;
  const move = form('move', { effectiveDate: today });
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{view.t('members.actions.title')}</h2>
      <p class="actions">
        <a class="button secondary" href={action('edit')}>
          {view.t('members.edit.title')}
        </a>
      </p>
      <Action view={view} title="members.status.change" open={!!forms.status}>
        <StatusForm
          view={view}
          member={member}
          youth={props.youth}
          form={form('status', { effectiveDate: today })}
          action={action('status')}
        />
      </Action>
      {(props.moveBranches.length > 0 || props.moveUnits.length > 0) && (
        <Action view={view} title="members.move.title" open={!!forms.move}>
          {props.moveUnits.length > 0 && (
            <UnitPicker
              view={view}
              action={memberPath(member)}
              name="moveUnit"
              value={props.moveUnit}
              label="members.move.unit"
              units={props.moveUnits}
              class="filters"
            />
          )}
          <PostForm view={view} action={action('move')}>
            <Refused view={view} form={move} />
            <OnceKey values={move.values} />
            <SelectField
              view={view}
              form={move}
              idPrefix="move"
              name="toBranchId"
              label={view.t('members.move.to')}
              options={props.moveBranches}
              empty={view.t('form.choose')}
              required
            />
            <ReasonAndDate view={view} form={move} idPrefix="move" />
            <div class="actions">
              <button type="submit">{view.t('members.move.submit')}</button>
            </div>
          </PostForm>
        </Action>
      )}
      <Action view={view} title="members.transferOut.title" open={!!forms.transferOut}>
        <TransferOutForm
          view={view}
          form={form('transferOut', { effectiveDate: today })}
          action={action('transfer-out')}
        />
      </Action>
    </section>
  );
};

const Action: FC<PropsWithChildren<{ view: View; title: UiTextKey; open: boolean }>> = ({
  view,
  title,
  open,
  children,
}) => (
  <details class="panel" open={open}>
    <summary>{view.t(title)}</summary>
    {children}
  </details>
);

/** Why and from when: every change to a member says both. */
const ReasonAndDate: FC<{ view: View; form: RefusedForm; idPrefix: string; required?: boolean }> = ({
  view,
  form,
  idPrefix,
  required,
}) => (
  <>
    <TextField
      view={view}
      form={form}
      idPrefix={idPrefix}
      name="reason"
      label={view.t('members.field.reason')}
      required={required}
    />
    <TextField
      view={view}
      form={form}
      idPrefix={idPrefix}
      name="effectiveDate"
      type="date"
      label={view.t('members.field.effectiveDate')}
      required={required}
    />
  </>
);

const StatusForm: FC<{ view: View; member: Member; youth: boolean; form: RefusedForm; action: string }> = ({
  view,
  member,
  youth,
  form,
  action,
}) => {
  const options = MEMBER_STATUSES.filter(
    (status) =>
      status !== 'transferred_out' && canFollow(member.status, status) && (status !== 'graduated' || youth),
  ).map((status) => ({ value: status, label: view.t(`members.status.${status}`) }));
  return (
    <PostForm view={view} action={action}>
      <Refused view={view} form={form} />
      <OnceKey values={form.values} />
      <SelectField
        view={view}
        form={form}
        idPrefix="status"
        name="status"
        label={view.t('members.status.new')}
        options={options}
        empty={view.t('form.choose')}
        required
      />
      <ReasonAndDate view={view} form={form} idPrefix="status" required />
      <TextField
        view={view}
        form={form}
        idPrefix="status"
        name="awayPlace"
        label={view.t('members.field.awayPlace')}
        hint={view.t('members.field.awayPlaceHint')}
      />
      <div class="actions">
        <button type="submit">{view.t('members.status.submit')}</button>
      </div>
    </PostForm>
  );
};

const TransferOutForm: FC<{ view: View; form: RefusedForm; action: string }> = ({ view, form, action }) => (
  <PostForm view={view} action={action} confirm={view.t('members.transferOut.confirm')}>
    <Refused view={view} form={form} />
    <OnceKey values={form.values} />
    <TextField
      view={view}
      form={form}
      idPrefix="out"
      name="destination.description"
      label={view.t('members.transferOut.description')}
      hint={view.t('members.transferOut.descriptionHint')}
      required
    />
    <TextField
      view={view}
      form={form}
      idPrefix="out"
      name="destination.tenantId"
      label={view.t('members.transferOut.tenant')}
      hint={view.t('members.transferOut.tenantHint')}
    />
    <TextField
      view={view}
      form={form}
      idPrefix="out"
      name="destination.unitId"
      label={view.t('members.transferOut.unit')}
      hint={view.t('members.transferOut.unitHint')}
    />
    <ReasonAndDate view={view} form={form} idPrefix="out" required />
    <div class="actions">
      <button type="submit" class="danger">
        {view.t('members.transferOut.submit')}
      </button>
    </div>
  </PostForm>
);
