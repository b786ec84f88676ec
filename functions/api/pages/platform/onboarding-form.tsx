/**
 * The onboarding form: the province, its communes one a line, and the first account of each of
 * its four organizations and its Front (plus, optionally, the Front's staff who edit the map).
 */
import type { FC } from 'hono/jsx';
import { TENANT_KINDS, type TenantKind } from '#shared/domain/organizations.ts';
import {
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  TextAreaField,
  TextField,
} from '../components/forms.tsx';
import type { View } from '../http/view.ts';
import { ADMIN_FIELDS } from './onboarding-input.ts';

export const ONBOARD_PATH = '/platform/provinces/new';

const kindName = (view: View, kind: TenantKind) =>
  kind === 'front' ? view.t('platform.form.frontViewer') : view.t(`front.org.${kind}`);

const FIELD_LABELS = {
  username: 'platform.form.username',
  password: 'platform.form.password',
  displayName: 'platform.form.displayName',
} as const;

const AccountFields: FC<{
  view: View;
  form: FormState;
  prefix: string;
  legend: string;
  required: boolean;
}> = ({ view, form, prefix, legend, required }) => (
  <fieldset class="account-fields">
    <legend>{legend}</legend>
    {ADMIN_FIELDS.map((field) => (
      <TextField
        view={view}
        form={form}
        name={`${prefix}.${field}`}
        label={view.t(FIELD_LABELS[field])}
        type={field === 'password' ? 'password' : 'text'}
        autocomplete={field === 'password' ? 'new-password' : 'off'}
        required={required}
      />
    ))}
  </fieldset>
);

export const OnboardingForm: FC<{ view: View; form: FormState }> = ({ view, form }) => {
  const refused = Object.keys(form.errors).length > 0;
  return (
    <div class="panel">
      <ErrorSummary view={view} form={form} />
      {refused && <Notice kind="warn">{view.t('platform.form.passwordsAgain')}</Notice>}
      <PostForm view={view} action={ONBOARD_PATH}>
        <fieldset>
          <legend>{view.t('platform.form.province')}</legend>
          <TextField
            view={view}
            form={form}
            name="id"
            label={view.t('platform.form.id')}
            hint={view.t('platform.form.idHint')}
            required
          />
          <TextField
            view={view}
            form={form}
            name="code"
            label={view.t('platform.form.code')}
            hint={view.t('platform.form.codeHint')}
            inputmode="numeric"
            required
          />
          <TextField view={view} form={form} name="name" label={view.t('platform.form.name')} required />
          <TextField
            view={view}
            form={form}
            name="validFrom"
            type="date"
            label={view.t('platform.form.validFrom')}
            required
          />
          <TextAreaField
            view={view}
            form={form}
            name="communes"
            label={view.t('platform.form.communes')}
            hint={view.t('platform.form.communesHint')}
            rows={8}
          />
        </fieldset>
        <div class="account-grid">
          {TENANT_KINDS.map((kind) => (
            <AccountFields
              view={view}
              form={form}
              prefix={`admins.${kind}`}
              legend={`${view.t('platform.form.adminOf')} ${kindName(view, kind)}`}
              required
            />
          ))}
          <AccountFields
            view={view}
            form={form}
            prefix="frontAdmin"
            legend={view.t('platform.form.frontAdmin')}
            required={false}
          />
        </div>
        <div class="actions">
          <button type="submit">{view.t('platform.form.submit')}</button>
          <a href="/platform">{view.t('form.cancel')}</a>
        </div>
      </PostForm>
    </div>
  );
};
