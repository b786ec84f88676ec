/**
 * The filters of a year's list (introductions to the Party, branch ratings, who comes of age): the
 * year, the unit among those the reader may choose, and — where the list has one — a state. A GET
 * form: the list's address says what it shows.
 */
import type { FC } from 'hono/jsx';
import type { View } from '../http/view.ts';
import { type FormState, type Option, SelectField } from './forms.tsx';

interface YearFiltersProps {
  readonly view: View;
  readonly action: string;
  readonly form: FormState;
  readonly years: readonly number[];
  readonly yearLabel: string;
  readonly units: readonly Option[];
  readonly unitLabel: string;
  readonly states?: { readonly label: string; readonly options: readonly Option[] };
  readonly submit: string;
}

export const YearFilters: FC<YearFiltersProps> = ({ view, action, form, years, units, states, ...words }) => (
  <form method="get" action={action} class="filters panel">
    <SelectField
      view={view}
      form={form}
      name="year"
      label={words.yearLabel}
      options={years.map((option) => ({ value: String(option), label: String(option) }))}
    />
    {units.length > 0 && (
      <SelectField
        view={view}
        form={form}
        name="unitId"
        label={words.unitLabel}
        options={units}
        empty={view.t('form.all')}
      />
    )}
    {states && (
      <SelectField
        view={view}
        form={form}
        name="state"
        label={states.label}
        options={states.options}
        empty={view.t('form.all')}
      />
    )}
    <button type="submit">{words.submit}</button>
  </form>
);

/** The years a list offers: this year and `back` before it, and the one asked for if older. */
export function yearsBack(thisYear: number, back: number, asked: number): number[] {
  const years = Array.from({ length: back + 1 }, (_, i) => thisYear - i);
  if (!years.includes(asked)) years.push(asked);
  return years;
}
