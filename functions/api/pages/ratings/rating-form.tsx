/**
 * The self-assessment as a form: each criterion a fieldset (yes/no as a select, a score as a
 * number up to its max, a note), then the level — the score's, or another with its reason. Field
 * names are the API's paths (`answers.<id>.score`), so its refusals land beside the fields.
 */
import type { FC } from 'hono/jsx';
import type { BranchRating } from '#shared/domain/ratings/branch-rating.ts';
import type { CriteriaSet, Criterion } from '#shared/domain/ratings/criteria.ts';
import { RATING_LEVELS } from '#shared/domain/ratings/criteria.ts';
import { idOf, PostForm, SelectField, TextAreaField } from '../components/forms.tsx';
import type { FormValues } from '../http/forms.ts';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { criterionHint } from './rating-parts.tsx';

const field = (id: string, part: 'met' | 'score' | 'note') => `answers.${id}.${part}`;

/** What an API client would send for these fields: criteria left empty are left out. */
export function saveInput(criteria: readonly Criterion[], values: FormValues): unknown {
  const answers: Record<string, Record<string, unknown>> = {};
  for (const criterion of criteria) {
    const answer: Record<string, unknown> = {};
    const note = values[field(criterion.id, 'note')]?.trim();
    if (criterion.kind === 'yes_no') {
      const met = values[field(criterion.id, 'met')];
      if (met === 'yes' || met === 'no') answer.met = met === 'yes';
      else if (met) answer.met = met; // anything else, for the schema to refuse
    } else {
      const score = values[field(criterion.id, 'score')]?.trim();
      if (score) answer.score = /^\d+([.,]\d+)?$/.test(score) ? Number(score.replace(',', '.')) : score;
    }
    if (note) answer.note = note;
    if (Object.keys(answer).length > 0) answers[criterion.id] = answer;
  }
  const level = values.level?.trim();
  const overrideReason = values.overrideReason?.trim();
  return {
    answers,
    ...(level ? { level } : {}),
    ...(overrideReason ? { overrideReason } : {}),
  };
}

/** The form's values drawn from a saved rating (or empty, before the first save). */
export function ratingValues(rating: BranchRating | undefined): FormValues {
  if (!rating) return {};
  const values: FormValues = { version: String(rating.version) };
  for (const [id, answer] of Object.entries(rating.answers)) {
    if (answer.met !== null) values[field(id, 'met')] = answer.met ? 'yes' : 'no';
    if (answer.score !== null) values[field(id, 'score')] = String(answer.score);
    if (answer.note) values[field(id, 'note')] = answer.note;
  }
  if (rating.level !== rating.proposedLevel) values.level = rating.level;
  if (rating.overrideReason) values.overrideReason = rating.overrideReason;
  return values;
}

export const RatingForm: FC<{
  view: View;
  set: CriteriaSet;
  form: RefusedForm;
  action: string;
}> = ({ view, set, form, action }) => (
  <PostForm view={view} action={action}>
    <Refused view={view} form={form} />
    {form.values.version && <input type="hidden" name="version" value={form.values.version} />}
    {set.criteria.map((criterion) => (
      <fieldset>
        <legend>{criterion.label}</legend>
        <span class="hint">{criterionHint(view, criterion)}</span>
        {criterion.kind === 'yes_no' ? (
          <SelectField
            view={view}
            form={form}
            name={field(criterion.id, 'met')}
            label={view.t('ratings.met')}
            options={[
              { value: 'yes', label: view.t('ratings.yes') },
              { value: 'no', label: view.t('ratings.no') },
            ]}
            empty={view.t('ratings.notAnswered')}
          />
        ) : (
          <ScoreField view={view} form={form} criterion={criterion} />
        )}
        <TextAreaField
          view={view}
          form={form}
          name={field(criterion.id, 'note')}
          label={view.t('ratings.note')}
          rows={2}
        />
      </fieldset>
    ))}
    <SelectField
      view={view}
      form={form}
      name="level"
      label={view.t('ratings.level')}
      options={RATING_LEVELS.map((level) => ({ value: level, label: view.t(`ratings.level.${level}`) }))}
      empty={view.t('ratings.followScore')}
    />
    <TextAreaField
      view={view}
      form={form}
      name="overrideReason"
      label={view.t('ratings.overrideReason')}
      hint={view.t('ratings.overrideHint')}
      rows={2}
    />
    <div class="actions">
      <button type="submit">{view.t('ratings.save')}</button>
    </div>
  </PostForm>
);

/** A score up to the criterion's max: a number field that still takes what was typed when refused. */
const ScoreField: FC<{ view: View; form: RefusedForm; criterion: Criterion & { kind: 'score' } }> = ({
  view,
  form,
  criterion,
}) => {
  const name = field(criterion.id, 'score');
  const id = idOf(name);
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={id}>
        {view.t('ratings.scoreOf')} {criterion.max}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        min={0}
        max={criterion.max}
        step="any"
        inputmode="decimal"
        value={form.values[name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span class="error" id={`${id}-error`}>
          {view.say(error)}
        </span>
      )}
    </div>
  );
};
