/**
 * An endpoint's fields as a form, shared by adding one and changing one: its address, its
 * description and the events it takes (the Front's staff are offered the aggregate ones only,
 * which the use case enforces too), read back into the API's body by `endpointInput`.
 */
import type { Context } from 'hono';
import type { EndpointView } from '#shared/domain/webhooks/endpoint.ts';
import { AGGREGATE_EVENT_TYPES, EVENT_TYPES } from '#shared/domain/webhooks/event-catalog.ts';
import type { AppEnv } from '../../app-env.ts';
import { CheckboxGroup, checkedOf, type FormState, TextField } from '../components/forms.tsx';
import type { FormValues } from '../http/forms.ts';
import type { View } from '../http/view.ts';

/** The form's strings as the API's body: a checkbox per event type. */
export function endpointInput(values: FormValues) {
  return {
    url: values.url,
    description: values.description ?? '',
    eventTypes: checkedOf(values, 'event', EVENT_TYPES),
  };
}

export const eventTypesFor = (c: Context<AppEnv>): readonly string[] =>
  c.get('principal').tenantId.endsWith(':front') ? AGGREGATE_EVENT_TYPES : EVENT_TYPES;

export const statusWord = (view: View, endpoint: EndpointView) =>
  endpoint.enabled
    ? view.t('webhooks.enabled')
    : view.t(`webhooks.disabled.${endpoint.disabledReason ?? 'manual'}`);

export const EndpointFields = ({
  view,
  form,
  eventTypes,
}: {
  view: View;
  form: FormState;
  eventTypes: readonly string[];
}) => (
  <>
    <TextField view={view} form={form} name="url" label={view.t('webhooks.url')} required />
    <TextField view={view} form={form} name="description" label={view.t('webhooks.description')} />
    <CheckboxGroup
      view={view}
      form={form}
      name="eventTypes"
      prefix="event"
      legend={view.t('webhooks.eventTypes')}
      choices={eventTypes.map((type) => ({ value: type, label: <code>{type}</code> }))}
    />
  </>
);
