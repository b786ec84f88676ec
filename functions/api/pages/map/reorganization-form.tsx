/**
 * Recording a reorganization by resolution (map editors): merge, split, rename, new code or move,
 * as POST /api/v1/map/reorganizations takes it and checked by its schema. A split's new units are
 * rows of the form (empty rows are not sent), and a commune split says which new unit each hamlet
 * joins, one line per hamlet. The map changes on saving; a refusal writes nothing.
 */
import type { Context } from 'hono';
import { requireMapEditor } from '#shared/domain/access/map-access.ts';
import type { Message } from '#shared/domain/messages.ts';
import { reorganize } from '#shared/domain/reorganization-changes.ts';
import { reorganizeSchema } from '#shared/domain/reorganizations.ts';
import { UNIT_TYPES } from '#shared/domain/units.ts';
import type { AppEnv } from '../../app-env.ts';
import { changeContext, reorganizationWorkspace } from '../../http/workspaces.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  PostForm,
  SelectField,
  TextAreaField,
  TextField,
} from '../components/forms.tsx';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { type FieldErrors, type FormValues, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { REORGANIZATIONS_PATH } from './map-paths.ts';

const FORM_KINDS = ['merge', 'split', 'rename', 'recode', 'move'] as const;
/** What each kind sends besides the kind, the dates and the resolution. */
const FIELDS_OF: Record<string, readonly string[]> = {
  merge: ['fromIds', 'intoId'],
  split: ['fromId', 'into', 'hamlets'],
  rename: ['unitId', 'name'],
  recode: ['unitId', 'code'],
  move: ['unitId', 'toCommuneId'],
};
/** Rows for a split's new units: resolutions of the province split a unit in two or three. */
const NEW_UNIT_ROWS = 4;
const NEW_UNIT_FIELDS = ['name', 'type', 'code'] as const;
const newUnitField = (row: number, field: string) => `into.${row}.${field}`;

type Text = (name: string) => string | undefined;

/** The split's rows that were filled in, as the API's `into`; the rest were left for another day. */
function newUnits(text: Text) {
  return Array.from({ length: NEW_UNIT_ROWS }, (_, row) =>
    Object.fromEntries(NEW_UNIT_FIELDS.map((field) => [field, text(newUnitField(row, field))])),
  ).filter((unit) => unit.name !== undefined || unit.code !== undefined);
}

/**
 * `28261-03 2` lines: the hamlet and the number of the new unit it joins, counted from 1 as the
 * form's rows are; the API counts from 0. A line that is not so is sent as typed, for the schema
 * to refuse beside the field.
 */
function hamletPlaces(raw: string | undefined) {
  const lines = (raw ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return undefined;
  return Object.fromEntries(
    lines.map((line) => {
      const [hamlet = '', place = ''] = line.split(/[\s,;:=]+/);
      return [hamlet, /^\d{1,2}$/.test(place) ? Number(place) - 1 : line];
    }),
  );
}

/** The form's strings shaped as an API client would send them: only the fields its kind takes. */
function toInput(values: FormValues): unknown {
  const text: Text = (name) => values[name]?.trim() || undefined;
  const input: Record<string, unknown> = {
    kind: text('kind'),
    effectiveDate: text('effectiveDate'),
    resolution: { number: text('resolution.number'), date: text('resolution.date') },
  };
  for (const name of FIELDS_OF[values.kind ?? ''] ?? [])
    input[name] =
      name === 'fromIds'
        ? (values.fromIds ?? '').split(/[\s,;]+/).filter((id) => id !== '')
        : name === 'into'
          ? newUnits(text)
          : name === 'hamlets'
            ? hamletPlaces(values.hamlets)
            : text(name);
  return input;
}

/** The schema names a hamlet's line by the hamlet (`hamlets.28261-03`): the form has one field for them all. */
function onFormFields(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path.startsWith('hamlets.') ? 'hamlets' : path,
      message,
    ]),
  );
}

export function newReorganizationPage(c: Context<AppEnv>) {
  requireMapEditor(c.get('principal'));
  return formPage(c, EMPTY_FORM);
}

export async function createReorganization(c: Context<AppEnv>) {
  const form = await readForm(c, reorganizeSchema, toInput);
  if (!form.ok) return formPage(c, { values: form.values, errors: onFormFields(form.errors) }, 400);
  try {
    await reorganize(reorganizationWorkspace(c), changeContext(c), form.data);
    return c.redirect(`${REORGANIZATIONS_PATH}?done=created`, 303);
  } catch (error) {
    const refusal = refusalOf(error, { REORGANIZATION_NOT_IN_FORCE: 'effectiveDate' });
    if (!refusal) throw error;
    return formPage(c, { values: form.values, errors: refusal.errors }, refusal.status, refusal.message);
  }
}

function formPage(c: Context<AppEnv>, form: FormState, status: FormStatus = 200, message?: Message) {
  return renderPage(c, { title: (view) => view.t('map.reorg.new'), status }, (view) => (
    <>
      <p>
        <a href={REORGANIZATIONS_PATH}>{view.t('map.reorganizations')}</a>
      </p>
      <p class="muted">{view.t('map.reorg.newIntro')}</p>
      <ErrorSummary view={view} form={form} message={message ? view.say(message) : undefined} />
      <PostForm view={view} action={REORGANIZATIONS_PATH}>
        <SelectField
          view={view}
          name="kind"
          label={view.t('map.kind')}
          form={form}
          required
          options={FORM_KINDS.map((kind) => ({ value: kind, label: view.t(`map.kind.${kind}`) }))}
        />
        <TextField
          view={view}
          name="resolution.number"
          label={view.t('map.reorg.resolutionNumber')}
          form={form}
          required
        />
        <TextField
          view={view}
          name="resolution.date"
          label={view.t('map.reorg.resolutionDate')}
          form={form}
          type="date"
        />
        <TextField
          view={view}
          name="effectiveDate"
          label={view.t('map.effectiveDate')}
          form={form}
          type="date"
          required
        />
        <fieldset>
          <legend>{view.t('map.kind.merge')}</legend>
          <TextAreaField
            view={view}
            name="fromIds"
            label={view.t('map.reorg.fromIds')}
            hint={view.t('map.reorg.fromIdsHint')}
            form={form}
            rows={3}
          />
          <TextField
            view={view}
            name="intoId"
            label={view.t('map.reorg.intoId')}
            hint={view.t('map.reorg.intoIdHint')}
            form={form}
          />
        </fieldset>
        <fieldset>
          <legend>{view.t('map.kind.split')}</legend>
          <TextField
            view={view}
            name="fromId"
            label={view.t('map.reorg.fromId')}
            hint={view.t('map.reorg.fromIdHint')}
            form={form}
          />
          {Array.from({ length: NEW_UNIT_ROWS }, (_, row) => (
            <fieldset class="row-fields">
              <legend>
                {view.t('map.reorg.newUnit')} {row + 1}
              </legend>
              <TextField
                view={view}
                name={newUnitField(row, 'name')}
                label={view.t('map.reorg.newUnitName')}
                form={form}
              />
              <SelectField
                view={view}
                name={newUnitField(row, 'type')}
                label={view.t('units.type')}
                form={form}
                empty={view.t('form.choose')}
                options={UNIT_TYPES.map((type) => ({ value: type, label: view.t(`units.type.${type}`) }))}
              />
              <TextField
                view={view}
                name={newUnitField(row, 'code')}
                label={view.t('map.reorg.newUnitCode')}
                form={form}
              />
            </fieldset>
          ))}
          <TextAreaField
            view={view}
            name="hamlets"
            label={view.t('map.reorg.hamlets')}
            hint={view.t('map.reorg.hamletsHint')}
            form={form}
            rows={3}
          />
        </fieldset>
        <fieldset>
          <legend>{view.t('map.reorg.oneUnit')}</legend>
          <TextField
            view={view}
            name="unitId"
            label={view.t('map.reorg.unitId')}
            hint={view.t('map.reorg.unitIdHint')}
            form={form}
          />
          <TextField view={view} name="name" label={view.t('map.reorg.name')} form={form} />
          <TextField view={view} name="code" label={view.t('map.reorg.code')} form={form} />
          <TextField
            view={view}
            name="toCommuneId"
            label={view.t('map.reorg.toCommuneId')}
            hint={view.t('map.reorg.toCommuneIdHint')}
            form={form}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{view.t('map.reorg.save')}</button>
        </div>
      </PostForm>
    </>
  ));
}
