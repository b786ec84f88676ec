/**
 * Target populations per unit and year, as a grid an officer fills for all hamlets of a commune at
 * once. Each row is saved with the same use case as PUT /api/v1/units/{id}/targets/{year}, after
 * every row has passed the API's schema: a grid with one bad cell writes nothing.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireTreeWriter } from '#shared/domain/access/tree-access.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import { setTarget, targetYearSchema } from '#shared/figures/reading/targets.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, targetWorkspace } from '../../http/workspaces.ts';
import { formatCount } from '../components/format.ts';
import { EMPTY_FORM, ErrorSummary, type FormState, Notice } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { scopeUnitId } from '../components/reader-unit.ts';
import { formValues, readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { FiguresNote, GridPicker, TARGETS_PATH, TargetGridTable } from './target-grid.tsx';
import { gridChoices, loadTargetGrid, type TargetGrid } from './target-grid-data.ts';
import { readTargetGrid, staleRows, storedValues, withCurrentValues } from './target-grid-form.ts';

const gridQuerySchema = z.object({
  unitId: z.string().min(1).max(64).optional(),
  year: targetYearSchema.optional(),
  saved: z.coerce.number().int().min(0).optional(),
});

const gridSubmissionSchema = z.object({ unitId: z.string().min(1).max(64), year: targetYearSchema });

const mayChangeTargets = allows(requireTreeWriter);

export function targetPages(_deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(TARGETS_PATH, async (c) => {
      const query = readQuery(c, gridQuerySchema);
      const choices = await gridChoices(c);
      const year = (query.ok && query.data.year) || Number(vietnamToday(c.get('now')).slice(0, 4));
      const unitId = query.ok ? (query.data.unitId ?? scopeUnitId(c.get('principal'))) : undefined;
      const picker: FormState = {
        values: { unitId: unitId ?? '', ...query.values, year: query.values.year || String(year) },
        errors: query.ok ? {} : query.errors,
      };
      if (!unitId) return targetsPage(c, { choices, picker, status: query.ok ? 200 : 400 });
      const grid = await loadTargetGrid(c, unitId, year);
      const saved = query.ok ? query.data.saved : undefined;
      return targetsPage(c, {
        choices,
        picker,
        grid,
        form: { values: storedValues(grid), errors: {} },
        saved,
      });
    })
    .post(TARGETS_PATH, async (c) => {
      const values = await formValues(c);
      const where = gridSubmissionSchema.safeParse(values);
      if (!where.success) throw validationError(where.error, 'body');
      const { unitId, year } = where.data;
      const grid = await loadTargetGrid(c, unitId, year);
      const choices = await gridChoices(c);
      const picker: FormState = { values: { unitId, year: String(year) }, errors: {} };
      const stale = staleRows(grid, values);
      if (stale.length > 0) {
        const form = withCurrentValues(grid, values, stale, uiText['targets.changedMeanwhile']);
        return targetsPage(c, { choices, picker, grid, form, stale: true, status: 412 });
      }
      const form = await readTargetGrid(c, grid, values);
      if (!form.ok) return targetsPage(c, { choices, picker, grid, form, status: 400 });
      let changed = 0;
      for (const row of grid.rows) {
        const input = form.data[row.unit.id];
        if (!input) continue;
        const saved = await setTarget(targetWorkspace(c), changeContext(c), row.unit.id, year, input);
        if (saved.version !== row.target?.version) changed++;
      }
      return c.redirect(
        `${TARGETS_PATH}?unitId=${encodeURIComponent(unitId)}&year=${year}&saved=${changed}`,
        303,
      );
    });
}

interface TargetsPageProps {
  readonly choices: readonly { readonly id: string; readonly name: string }[];
  readonly picker: FormState;
  readonly grid?: TargetGrid;
  readonly form?: FormState;
  readonly saved?: number | undefined;
  readonly stale?: boolean;
  readonly status?: 200 | 400 | 412;
}

function targetsPage(c: Context<AppEnv>, props: TargetsPageProps) {
  const { grid } = props;
  // A unit reached by its address (a hamlet, a district) is offered in the picker too.
  const choices =
    grid && !props.choices.some((unit) => unit.id === grid.unit.id)
      ? [grid.unit, ...props.choices]
      : props.choices;
  return renderPage(
    c,
    {
      title: (view) => (grid ? `${view.t('targets.title')}: ${grid.unit.name}` : view.t('targets.title')),
      status: props.status ?? 200,
    },
    (view) => (
      <>
        <p class="muted">{view.t('targets.intro')}</p>
        <GridPicker view={view} choices={choices} form={props.picker} />
        {grid ? (
          <GridSection view={view} grid={grid} props={props} />
        ) : (
          <p>{view.t('targets.choosePrompt')}</p>
        )}
      </>
    ),
  );
}

const GridSection = ({ view, grid, props }: { view: View; grid: TargetGrid; props: TargetsPageProps }) => {
  const editable = view.principal !== undefined && mayChangeTargets(view.principal);
  const form = props.form ?? EMPTY_FORM;
  return (
    <section aria-labelledby="grid-heading">
      <h2 id="grid-heading">
        {grid.unit.name} · {grid.year}
      </h2>
      {props.saved !== undefined && (
        <Notice kind="ok">
          {view.t('targets.savedCount')} {formatCount(props.saved, view.lang)}
        </Notice>
      )}
      {props.stale && <Notice kind="warn">{view.t('form.staleVersion')}</Notice>}
      {!props.stale && <ErrorSummary view={view} form={form} message={notSaved(view, form)} />}
      {!editable && <p class="notice warn">{view.t('targets.readOnly')}</p>}
      <FiguresNote view={view} grid={grid} />
      {grid.rows.length > 0 ? (
        <TargetGridTable view={view} grid={grid} form={form} editable={editable} />
      ) : (
        <p>{view.t('targets.noUnits')}</p>
      )}
    </section>
  );
};

const notSaved = (view: View, form: FormState) =>
  Object.keys(form.errors).length > 0 ? view.t('targets.notSaved') : undefined;
