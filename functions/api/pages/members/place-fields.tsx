/**
 * Choosing where a member goes: who spans the organization first picks a unit with a plain GET
 * form (no script needed), which brings that unit's branches into the branch field.
 */
import type { FC } from 'hono/jsx';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { type FormState, type Option, SelectField } from '../components/forms.tsx';
import type { View } from '../http/view.ts';

interface UnitPickerProps {
  readonly view: View;
  /** The page drawn again with the chosen unit. */
  readonly action: string;
  readonly name: string;
  readonly value: string;
  readonly label: UiTextKey;
  readonly units: readonly Option[];
  /** A first, empty choice, for when no unit is chosen yet. */
  readonly choose?: boolean;
  readonly class?: string;
}

export const UnitPicker: FC<UnitPickerProps> = ({
  view,
  action,
  name,
  value,
  label,
  units,
  choose,
  ...rest
}) => (
  <form method="get" action={action} class={rest.class ?? 'filters panel'}>
    <SelectField
      view={view}
      form={{ values: { [name]: value }, errors: {} }}
      name={name}
      label={view.t(label)}
      options={units}
      empty={choose ? view.t('form.choose') : undefined}
    />
    <button type="submit" class="secondary">
      {view.t('members.admit.showBranches')}
    </button>
  </form>
);

/** The branch a member joins, among those of the chosen unit. */
export const BranchField: FC<{
  view: View;
  form: FormState;
  branches: readonly Option[];
  idPrefix?: string;
}> = ({ view, form, branches, idPrefix }) => (
  <SelectField
    view={view}
    form={form}
    idPrefix={idPrefix}
    name="branchId"
    label={view.t('members.field.branch')}
    options={branches}
    empty={view.t('form.choose')}
    hint={branches.length === 0 ? view.t('members.admit.chooseUnitFirst') : undefined}
    required
  />
);
