/**
 * A person's fields as the admit and edit forms show them, and the submitted strings shaped into
 * what admitMemberSchema and updateMemberSchema take. Sensitive fields are drawn only for who
 * may write them, military service only in the Veterans' Association.
 */
import type { FC } from 'hono/jsx';
import { seesSensitiveFields } from '#shared/domain/access/member-access.ts';
import { GENDERS, type Member } from '#shared/domain/members/member.ts';
import { organizationOf } from '#shared/domain/organizations.ts';
import type { Principal } from '#shared/domain/roles.ts';
import { type FormState, SelectField, TextField } from '../components/forms.tsx';
import type { FormValues } from '../http/forms.ts';
import type { View } from '../http/view.ts';

/** Which optional parts of the form this reader gets. */
export interface FieldSet {
  readonly sensitive: boolean;
  readonly veterans: boolean;
}

export const fieldSetOf = (principal: Principal): FieldSet => ({
  sensitive: seesSensitiveFields(principal),
  veterans: organizationOf(principal.tenantId) === 'veterans',
});

const REQUIRED = ['fullName', 'gender', 'birthDate', 'joinedAt'] as const;
const OPTIONAL = ['phone', 'cardNumber', 'education', 'occupation', 'address', 'notes'] as const;
const SENSITIVE_TEXT = ['ethnicity', 'religion'] as const;
const SERVICE = ['enlistedOn', 'dischargedOn', 'unit'] as const;

const trimmed = (value: string | undefined) => value?.trim() ?? '';

/**
 * The fields as the schemas take them. An edit sends every field it shows (empty clears an
 * optional one, and is refused for a required one), but the national id only when one is typed:
 * the form cannot show the number it holds.
 */
export function personInput(values: FormValues, set: FieldSet, mode: 'admit' | 'edit') {
  const input: Record<string, unknown> = {};
  const put = (name: string, nullable: boolean) => {
    const value = trimmed(values[name]);
    if (value !== '') input[name] = value;
    else if (mode === 'edit') input[name] = nullable ? null : '';
  };
  for (const name of REQUIRED) put(name, false);
  for (const name of OPTIONAL) put(name, true);
  if (trimmed(values.nationalId) !== '') input.nationalId = trimmed(values.nationalId);
  if (set.sensitive) {
    for (const name of SENSITIVE_TEXT) put(name, true);
    input.partyMember = values.partyMember === 'true';
  }
  if (set.veterans) {
    const service = SERVICE.map((part) => trimmed(values[`veteranService.${part}`]));
    if (service.some((part) => part !== ''))
      input.veteranService = { enlistedOn: service[0], dischargedOn: service[1], unit: service[2] || null };
    else if (mode === 'edit') input.veteranService = null;
  }
  return input;
}

/** A member's current fields as form values, for the edit form. */
export function valuesOf(member: Member): FormValues {
  const text = (value: string | null | undefined) => value ?? '';
  return {
    fullName: member.fullName,
    gender: member.gender,
    birthDate: member.birthDate,
    joinedAt: member.joinedAt,
    phone: text(member.phone),
    cardNumber: text(member.cardNumber),
    education: text(member.education),
    occupation: text(member.occupation),
    address: text(member.address),
    notes: text(member.notes),
    ethnicity: text(member.ethnicity),
    religion: text(member.religion),
    partyMember: String(member.partyMember),
    'veteranService.enlistedOn': text(member.veteranService?.enlistedOn),
    'veteranService.dischargedOn': text(member.veteranService?.dischargedOn),
    'veteranService.unit': text(member.veteranService?.unit),
  };
}

interface PersonFieldsProps {
  readonly view: View;
  readonly form: FormState;
  readonly set: FieldSet;
  /** The masked number the member holds, said beside the field on an edit. */
  readonly nationalIdMasked?: string | null;
}

export const PersonFields: FC<PersonFieldsProps> = ({ view, form, set, nationalIdMasked }) => {
  const text = (name: string, label: Parameters<View['t']>[0], extra: object = {}) => (
    <TextField view={view} form={form} name={name} label={view.t(label)} {...extra} />
  );
  const idHint =
    nationalIdMasked === undefined
      ? view.t('members.field.nationalIdHint')
      : `${view.t('members.field.nationalIdKeep')} ${nationalIdMasked ?? '—'}`;
  return (
    <>
      {text('fullName', 'members.field.fullName', { required: true, autocomplete: 'off' })}
      <SelectField
        view={view}
        form={form}
        name="gender"
        label={view.t('members.field.gender')}
        options={GENDERS.map((gender) => ({ value: gender, label: view.t(`members.gender.${gender}`) }))}
        empty={view.t('form.choose')}
        required
      />
      {text('birthDate', 'members.field.birthDate', { type: 'date', required: true })}
      {text('nationalId', 'members.field.nationalId', { inputmode: 'numeric', hint: idHint })}
      {text('phone', 'members.field.phone', { type: 'tel' })}
      {text('joinedAt', 'members.field.joinedAt', { type: 'date', required: true })}
      {text('cardNumber', 'members.field.cardNumber')}
      {text('education', 'members.field.education')}
      {text('occupation', 'members.field.occupation')}
      {text('address', 'members.field.address')}
      {set.sensitive && (
        <>
          {text('ethnicity', 'members.field.ethnicity')}
          {text('religion', 'members.field.religion')}
          <SelectField
            view={view}
            form={form}
            name="partyMember"
            label={view.t('members.field.partyMember')}
            options={[
              { value: 'false', label: view.t('members.no') },
              { value: 'true', label: view.t('members.yes') },
            ]}
          />
        </>
      )}
      {set.veterans && (
        <>
          {text('veteranService.enlistedOn', 'members.field.enlistedOn', { type: 'date' })}
          {text('veteranService.dischargedOn', 'members.field.dischargedOn', { type: 'date' })}
          {text('veteranService.unit', 'members.field.serviceUnit')}
        </>
      )}
      {text('notes', 'members.field.notes')}
    </>
  );
};
