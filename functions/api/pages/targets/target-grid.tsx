/**
 * The grid an officer fills for all hamlets of a commune: one number cell per unit, labelled by
 * its name, its message right beside it, with the unit's active members and coverage alongside.
 * Readers who may not change targets get the same table without the cells.
 */
import type { FC } from 'hono/jsx';
import { formatCount, formatDate, formatPercent } from '../components/format.ts';
import { type FormState, idOf, PostForm, SelectField, TextField } from '../components/forms.tsx';
import type { View } from '../http/view.ts';
import type { GridRow, TargetGrid } from './target-grid-data.ts';
import { targetField, versionField } from './target-grid-form.ts';

export const TARGETS_PATH = '/targets';

interface GridProps {
  readonly view: View;
  readonly grid: TargetGrid;
  readonly form: FormState;
  readonly editable: boolean;
}

export const TargetGridTable: FC<GridProps> = ({ view, grid, form, editable }) => {
  const table = (
    <div class="table-wrap">
      <table class="target-grid">
        <caption>
          {view.t('targets.caption')} {grid.year}: {grid.unit.name}
        </caption>
        <thead>
          <tr>
            <th scope="col">{view.t('targets.colUnit')}</th>
            <th scope="col" class="num">
              {view.t('targets.colTarget')}
            </th>
            <th scope="col" class="num">
              {view.t('targets.colActive')}
            </th>
            <th scope="col" class="num">
              {view.t('targets.colCoverage')}
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <GridLine
              view={view}
              grid={grid}
              row={row}
              whole={row.unit.id === grid.unit.id}
              form={form}
              editable={editable}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!editable) return table;
  return (
    <PostForm view={view} action={TARGETS_PATH} class="stack">
      <input type="hidden" name="unitId" value={grid.unit.id} />
      <input type="hidden" name="year" value={String(grid.year)} />
      <p class="hint muted" id="targets-hint">
        {view.t('targets.inputHint')}
      </p>
      {table}
      <div class="actions">
        <button type="submit">{view.t('targets.save')}</button>
      </div>
    </PostForm>
  );
};

interface LineProps extends GridProps {
  readonly row: GridRow;
  /** The grid's own unit, whose number speaks for all of it. */
  readonly whole: boolean;
}

const GridLine: FC<LineProps> = ({ view, grid, row, whole, form, editable }) => {
  const name = targetField(row.unit.id);
  const error = form.errors[name];
  const label = whole ? `${row.unit.name} ${view.t('targets.wholeUnit')}` : row.unit.name;
  const coverageShown = grid.figures?.targetYear === grid.year;
  return (
    <tr>
      <th scope="row">{editable ? <label for={idOf(name)}>{label}</label> : label}</th>
      <td class="num">
        {editable ? (
          <div class="field">
            <input
              id={idOf(name)}
              name={name}
              type="text"
              inputmode="numeric"
              autocomplete="off"
              value={form.values[name] ?? ''}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${idOf(name)}-error` : 'targets-hint'}
            />
            <input
              type="hidden"
              name={versionField(row.unit.id)}
              value={form.values[versionField(row.unit.id)]}
            />
            {error && (
              <span class="error" id={`${idOf(name)}-error`}>
                {view.say(error)}
              </span>
            )}
          </div>
        ) : (
          count(view, row.target?.targetPopulation ?? null)
        )}
      </td>
      <td class="num">{row.figures ? count(view, row.figures.members.active) : '—'}</td>
      <td class="num">
        {coverageShown && row.figures?.coverage != null
          ? formatPercent(row.figures.coverage, view.lang)
          : '—'}
      </td>
    </tr>
  );
};

const count = (view: View, n: number | null) => (n === null ? '—' : formatCount(n, view.lang));

/** What the members and coverage beside the targets stand for. */
export const FiguresNote: FC<{ view: View; grid: TargetGrid }> = ({ view, grid }) => {
  if (!grid.figures) return <p class="muted">{view.t('targets.noFigures')}</p>;
  return (
    <p class="muted">
      {view.t('targets.figuresOf')} {formatDate(grid.figures.date)}
      {grid.figures.targetYear !== grid.year &&
        ` · ${view.t('targets.coverageOfYear')} ${grid.figures.targetYear}`}
      {' · '}
      {view.t('targets.topmostHint')}
    </p>
  );
};

interface PickerProps {
  readonly view: View;
  readonly choices: readonly { readonly id: string; readonly name: string }[];
  readonly form: FormState;
}

/** Which unit and year the grid is for: a plain GET form, so a grid has its own address. */
export const GridPicker: FC<PickerProps> = ({ view, choices, form }) => (
  <form method="get" action={TARGETS_PATH} class="filters" aria-label={view.t('targets.pick')}>
    <SelectField
      view={view}
      form={form}
      name="unitId"
      label={view.t('targets.unit')}
      options={choices.map((unit) => ({ value: unit.id, label: unit.name }))}
      empty={choices.length > 1 ? view.t('form.choose') : undefined}
    />
    <TextField view={view} form={form} name="year" label={view.t('targets.year')} inputmode="numeric" />
    <div class="actions">
      <button type="submit" class="secondary">
        {view.t('targets.show')}
      </button>
    </div>
  </form>
);
