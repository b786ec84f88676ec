/**
 * The choice that makes a kind of branch specific: a professional branch's (or group's) economic
 * model, an agency branch's type of agency. A residential branch has none.
 */
import type { FC } from 'hono/jsx';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { type FormState, type Option, SelectField } from '../components/forms.tsx';
import type { View } from '../http/view.ts';
import { agencyOptions, modelOptions } from './branch-words.ts';

interface Specialty {
  readonly name: string;
  readonly label: UiTextKey;
  readonly hint: UiTextKey;
  readonly options: (view: View) => Option[];
}

const SPECIALTIES: Record<'professional' | 'agency', Specialty> = {
  professional: {
    name: 'economicModel',
    label: 'branches.economicModel',
    hint: 'branches.economicModelHint',
    options: modelOptions,
  },
  agency: {
    name: 'agencyType',
    label: 'branches.agencyType',
    hint: 'branches.agencyTypeHint',
    options: agencyOptions,
  },
};

interface SpecialtyProps {
  readonly view: View;
  readonly form: FormState;
  readonly kind: keyof typeof SPECIALTIES;
  /** Explained, where a branch is set up and its kind still chosen. */
  readonly hinted?: boolean;
  /** Left unchosen until the reader picks one (an edit keeps the stored one instead). */
  readonly choose?: boolean;
}

export const SpecialtyField: FC<SpecialtyProps> = ({ view, form, kind, hinted, choose }) => {
  const specialty = SPECIALTIES[kind];
  return (
    <SelectField
      view={view}
      name={specialty.name}
      label={view.t(specialty.label)}
      hint={hinted ? view.t(specialty.hint) : undefined}
      form={form}
      options={specialty.options(view)}
      empty={choose ? view.t('form.choose') : undefined}
    />
  );
};
