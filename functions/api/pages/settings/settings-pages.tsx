/**
 * The admission rules: every officer reads them (they admit by them), the organization's admins
 * change them with the same use case and schema as PUT /api/v1/settings/eligibility. The API takes
 * the whole rule set with no version, so neither does the form: the last save wins.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { type EligibilityRules, eligibilityRulesSchema } from '#shared/domain/members/eligibility.ts';
import { readEligibilityRules, saveEligibilityRules } from '#shared/domain/members/eligibility-settings.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace } from '../../http/workspaces.ts';
import {
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  SelectField,
  TextField,
} from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { type FieldErrors, type FormValues, readForm, typedNumber } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { API_KEYS_PATH, apiKeyPages } from './api-key-pages.tsx';
import { figuresAdminPages } from './figures-admin.tsx';
import { webhookPages } from './webhook-pages.tsx';
import { WEBHOOKS_PATH } from './webhook-paths.ts';

const SETTINGS_PATH = '/settings';
const ANYONE = 'any';
const GENDER_CHOICES = [ANYONE, 'female', 'male'] as const;

const mayChangeRules = allows((principal) => requireRole(principal, 'org_admin'));

export function settingsPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(SETTINGS_PATH, async (c) => {
      const rules = await readEligibilityRules(memberWorkspace(c, deps), c.get('principal'));
      const saved = c.req.query('saved') !== undefined;
      return settingsPage(c, rules, { values: valuesOf(rules), errors: {} }, { saved });
    })
    .post(SETTINGS_PATH, async (c) => {
      const form = await readForm(c, eligibilityRulesSchema, rulesInput);
      if (!form.ok) {
        const rules = await readEligibilityRules(memberWorkspace(c, deps), c.get('principal'));
        return settingsPage(
          c,
          rules,
          { values: form.values, errors: onFields(form.errors) },
          { status: 400 },
        );
      }
      await saveEligibilityRules(memberWorkspace(c, deps), changeContext(c), form.data);
      return c.redirect(`${SETTINGS_PATH}?saved=1`, 303);
    })
    .route('/', figuresAdminPages(deps))
    .route('/', apiKeyPages(deps))
    .route('/', webhookPages(deps));
}

/** The rules as the form shows them; a rule naming both genders lets anyone in, as null does. */
function valuesOf(rules: EligibilityRules): FormValues {
  return {
    minAge: String(rules.minAge),
    maxAge: rules.maxAge === null ? '' : String(rules.maxAge),
    genders: rules.genders?.length === 1 ? (rules.genders[0] ?? ANYONE) : ANYONE,
    requiresMilitaryService: rules.requiresMilitaryService ? 'yes' : 'no',
  };
}

/** The form's strings as the API's body; what cannot be read goes through for the schema to refuse. */
function rulesInput(values: FormValues): unknown {
  const { minAge, maxAge, genders, requiresMilitaryService: military } = values;
  return {
    minAge: typedNumber(minAge),
    maxAge: maxAge?.trim() ? typedNumber(maxAge) : null,
    genders: genders === ANYONE ? null : genders === undefined ? undefined : [genders],
    requiresMilitaryService: military === 'yes' ? true : military === 'no' ? false : military,
  };
}

/** A refused gender (`genders.0`) is shown beside the one field that chose it. */
function onFields(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path.replace(/\..*$/, ''), message]),
  );
}

interface PageOptions {
  readonly saved?: boolean;
  readonly status?: 200 | 400;
}

function settingsPage(c: Context<AppEnv>, rules: EligibilityRules, form: FormState, options: PageOptions) {
  return renderPage(
    c,
    { title: (view) => view.t('settings.title'), status: options.status ?? 200 },
    (view) => (
      <>
        <p class="muted">{view.t('settings.intro')}</p>
        {options.saved && <Notice kind="ok">{view.t('settings.saved')}</Notice>}
        {view.principal && mayChangeRules(view.principal) ? (
          <>
            <RulesForm view={view} form={form} />
            <p>
              <a href="/settings/figures">{view.t('figuresAdmin.title')}</a>
            </p>
            <p>
              <a href={API_KEYS_PATH}>{view.t('apiKeys.title')}</a>
            </p>
            <p>
              <a href={WEBHOOKS_PATH}>{view.t('webhooks.title')}</a>
            </p>
          </>
        ) : (
          <RulesFacts view={view} rules={rules} />
        )}
      </>
    ),
  );
}

const RulesForm = ({ view, form }: { view: View; form: FormState }) => (
  <div class="panel narrow">
    <ErrorSummary view={view} form={form} />
    <PostForm view={view} action={SETTINGS_PATH}>
      <TextField
        view={view}
        form={form}
        name="minAge"
        label={view.t('settings.minAge')}
        hint={view.t('settings.ageHint')}
        inputmode="numeric"
        required
      />
      <TextField
        view={view}
        form={form}
        name="maxAge"
        label={view.t('settings.maxAge')}
        hint={view.t('settings.maxAgeHint')}
        inputmode="numeric"
      />
      <SelectField
        view={view}
        form={form}
        name="genders"
        label={view.t('settings.genders')}
        options={GENDER_CHOICES.map((value) => ({ value, label: view.t(`settings.genders.${value}`) }))}
        required
      />
      <SelectField
        view={view}
        form={form}
        name="requiresMilitaryService"
        label={view.t('settings.military')}
        options={[
          { value: 'no', label: view.t('settings.no') },
          { value: 'yes', label: view.t('settings.yes') },
        ]}
        required
      />
      <div class="actions">
        <button type="submit">{view.t('form.save')}</button>
      </div>
    </PostForm>
  </div>
);

const RulesFacts = ({ view, rules }: { view: View; rules: EligibilityRules }) => {
  const { genders } = valuesOf(rules);
  return (
    <div class="panel">
      <dl class="facts">
        <dt>{view.t('settings.minAge')}</dt>
        <dd>{rules.minAge}</dd>
        <dt>{view.t('settings.maxAge')}</dt>
        <dd>{rules.maxAge ?? view.t('settings.noLimit')}</dd>
        <dt>{view.t('settings.genders')}</dt>
        <dd>{view.t(`settings.genders.${genders as (typeof GENDER_CHOICES)[number]}`)}</dd>
        <dt>{view.t('settings.military')}</dt>
        <dd>{view.t(rules.requiresMilitaryService ? 'settings.yes' : 'settings.no')}</dd>
      </dl>
      <p class="muted">{view.t('settings.readOnly')}</p>
    </div>
  );
};
