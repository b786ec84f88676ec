/**
 * The platform operator's pages: the provinces on the platform with their tenants, and
 * onboarding a province through a form checked by the API's own schema. A refused form writes
 * nothing: the schema refuses before the use case runs, and the use case refuses a taken id or
 * username before it writes.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { requireRole } from '#shared/domain/access/tree-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { listProvinces, onboardProvinceByOperator } from '#shared/domain/platform-provinces.ts';
import { onboardProvinceSchema } from '#shared/domain/provinces.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { EMPTY_FORM, type FormState } from '../components/forms.tsx';
import { readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { mapEditorPages } from './map-editors.tsx';
import { ONBOARD_PATH, OnboardingForm } from './onboarding-form.tsx';
import { conflictErrors, onboardingInput, withCommuneLines, withoutPasswords } from './onboarding-input.ts';
import { ProvinceList } from './province-list.tsx';

function onboardingPage(c: Context<AppEnv>, form: FormState, status: 200 | 400 | 409 = 200) {
  return renderPage(c, { title: (view) => view.t('platform.onboard'), status }, (view) => (
    <OnboardingForm view={view} form={form} />
  ));
}

export function platformPages(deps: AppDependencies) {
  const provinces = new ProvinceRepository(deps.table);
  return new Hono<AppEnv>()
    .get('/platform', async (c) => {
      const all = await listProvinces(provinces, c.get('principal'));
      const onboarded = all.find((province) => province.id === c.req.query('onboarded'));
      return renderPage(c, { title: (view) => view.t('platform.title') }, (view) => (
        <ProvinceList view={view} provinces={all} onboarded={onboarded} />
      ));
    })
    .get(ONBOARD_PATH, (c) => {
      // The form itself reads nothing; it is offered to whom the onboarding use case would let through.
      requireRole(c.get('principal'), 'platform_admin');
      return onboardingPage(c, EMPTY_FORM);
    })
    .post(ONBOARD_PATH, async (c) => {
      const form = await readForm(c, onboardProvinceSchema, onboardingInput);
      const shown = withoutPasswords(form.values);
      if (!form.ok)
        return onboardingPage(c, { values: shown, errors: withCommuneLines(form.errors, form.values) }, 400);
      try {
        const province = await onboardProvinceByOperator(
          provinces,
          c.get('principal'),
          form.data,
          c.get('now'),
        );
        return c.redirect(`/platform?onboarded=${encodeURIComponent(province.id)}`, 303);
      } catch (error) {
        const errors = error instanceof DomainError ? conflictErrors(error, form.values) : null;
        if (!errors) throw error;
        return onboardingPage(c, { values: shown, errors }, 409);
      }
    })
    .route('/', mapEditorPages(deps));
}
