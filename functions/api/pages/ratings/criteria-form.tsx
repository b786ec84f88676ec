/**
 * A criteria set on its page: as a table for whoever reads it, as rows of fields for the admin who
 * sets it up (field names are the API's paths by row, `criteria.<row>.weight`).
 */
import type { CriteriaSet } from '#shared/domain/ratings/criteria.ts';
import { RATING_LEVELS } from '#shared/domain/ratings/criteria.ts';
import { PostForm, SelectField, TextField } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';

const ROW_FIELDS = ['id', 'label', 'kind', 'max', 'pass', 'weight', 'required'] as const;

export const CriteriaTable = ({ view, set }: { view: View; set: CriteriaSet }) => (
  <>
    <TableWrap label={view.t('ratings.criteriaTitle')}>
      <table>
        <caption>{view.t('ratings.criteriaTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{view.t('ratings.criterionId')}</th>
            <th scope="col">{view.t('ratings.criterionLabel')}</th>
            <th scope="col">{view.t('ratings.criterionKind')}</th>
            <th scope="col" class="num">
              {view.t('ratings.criterionWeight')}
            </th>
            <th scope="col">{view.t('ratings.criterionRequired')}</th>
          </tr>
        </thead>
        <tbody>
          {set.criteria.map((criterion) => (
            <tr>
              <td>{criterion.id}</td>
              <th scope="row">{criterion.label}</th>
              <td>
                {view.t(`ratings.kind.${criterion.kind}`)}
                {criterion.kind === 'score' &&
                  ` · ${view.t('ratings.passAt')} ${criterion.pass}/${criterion.max}`}
              </td>
              <td class="num">{criterion.weight}</td>
              <td>{view.t(criterion.required ? 'ratings.yes' : 'ratings.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
    <dl class="facts panel">
      {RATING_LEVELS.filter((level) => level !== 'weak').map((level) => (
        <>
          <dt>{view.t(`ratings.level.${level}`)}</dt>
          <dd>≥ {set.thresholds[level as 'strong' | 'good' | 'average']} %</dd>
        </>
      ))}
      {set.standardName && (
        <>
          <dt>{view.t('ratings.standardName')}</dt>
          <dd>{set.standardName}</dd>
        </>
      )}
    </dl>
  </>
);

export const CriteriaForm = ({
  view,
  form,
  rows,
  action,
}: {
  view: View;
  form: RefusedForm;
  rows: number;
  action: string;
}) => (
  <PostForm view={view} action={action}>
    <Refused view={view} form={form} />
    {form.values.version && <input type="hidden" name="version" value={form.values.version} />}
    <p class="hint">{view.t('ratings.criteriaRowsHint')}</p>
    {Array.from({ length: rows }, (_, row) => (
      <fieldset class="criterion-row">
        <legend>
          {view.t('ratings.criterionNumber')} {row + 1}
        </legend>
        {ROW_FIELDS.map((part) => {
          const name = `criteria.${row}.${part}`;
          if (part === 'kind')
            return (
              <SelectField
                view={view}
                form={form}
                name={name}
                label={view.t('ratings.criterionKind')}
                options={(['yes_no', 'score'] as const).map((kind) => ({
                  value: kind,
                  label: view.t(`ratings.kind.${kind}`),
                }))}
              />
            );
          if (part === 'required')
            return (
              <SelectField
                view={view}
                form={form}
                name={name}
                label={view.t('ratings.criterionRequired')}
                options={[
                  { value: 'no', label: view.t('ratings.no') },
                  { value: 'yes', label: view.t('ratings.yes') },
                ]}
              />
            );
          const labels = {
            id: 'ratings.criterionId',
            label: 'ratings.criterionLabel',
            max: 'ratings.criterionMax',
            pass: 'ratings.criterionPass',
            weight: 'ratings.criterionWeight',
          } as const;
          return (
            <TextField
              view={view}
              form={form}
              name={name}
              label={view.t(labels[part])}
              inputmode={part === 'id' || part === 'label' ? undefined : 'numeric'}
            />
          );
        })}
      </fieldset>
    ))}
    <fieldset class="threshold-row">
      <legend>{view.t('ratings.thresholds')}</legend>
      {(['strong', 'good', 'average'] as const).map((level) => (
        <TextField
          view={view}
          form={form}
          name={`thresholds.${level}`}
          label={view.t(`ratings.level.${level}`)}
          inputmode="numeric"
          required
        />
      ))}
    </fieldset>
    <TextField view={view} form={form} name="standardName" label={view.t('ratings.standardName')} />
    <div class="actions">
      <button type="submit">{view.t('ratings.saveCriteria')}</button>
    </div>
  </PostForm>
);
