/**
 * An organization's webhook endpoints, for its admin (the Front's staff: figures only): the list,
 * a form to add one (its secret shown in the answer to the form, once, never in a URL), and each
 * endpoint's deliveries with their attempts, a button to send a test event and one to send a
 * delivery again — the same use cases and schemas as /api/v1/webhooks.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { DeliveryView } from '#shared/domain/webhooks/delivery.ts';
import {
  createEndpointSchema,
  type EndpointView,
  type EndpointWithSecret,
} from '#shared/domain/webhooks/endpoint.ts';
import { AGGREGATE_EVENT_TYPES, EVENT_TYPES } from '#shared/domain/webhooks/event-catalog.ts';
import {
  createEndpoint,
  listDeliveries,
  listEndpoints,
  readEndpoint,
  replayDelivery,
  sendTestEvent,
} from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, webhookWorkspace } from '../../http/workspaces.ts';
import { formatDateTime } from '../components/format.ts';
import {
  CheckboxGroup,
  checkedOf,
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  TextField,
} from '../components/forms.tsx';
import { RecordTable } from '../components/record-table.tsx';
import { createFromForm, type FormValues } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';

export const WEBHOOKS_PATH = '/settings/webhooks';
const DELIVERIES_SHOWN = 50;
const endpointPath = (id: string) => `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`;

export function webhookPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(WEBHOOKS_PATH, (c) => listPage(c, deps, { form: EMPTY_FORM }))
    .post(WEBHOOKS_PATH, (c) =>
      createFromForm(
        c,
        createEndpointSchema,
        endpointInput,
        (input) => createEndpoint(webhookWorkspace(c, deps), changeContext(c), input),
        (state) => listPage(c, deps, state),
      ),
    )
    .get(`${WEBHOOKS_PATH}/:id`, (c) => endpointPage(c, deps))
    .post(`${WEBHOOKS_PATH}/:id/test`, async (c) => {
      await sendTestEvent(webhookWorkspace(c, deps), changeContext(c), c.req.param('id'));
      return c.redirect(`${endpointPath(c.req.param('id'))}?tested=1`, 303);
    })
    .post(`${WEBHOOKS_PATH}/:id/deliveries/:deliveryId/replay`, async (c) => {
      const { id, deliveryId } = c.req.param();
      await replayDelivery(webhookWorkspace(c, deps), changeContext(c), id, deliveryId);
      return c.redirect(`${endpointPath(id)}?replayed=1`, 303);
    });
}

/** The form's strings as the API's body: a checkbox per event type. */
function endpointInput(values: FormValues): unknown {
  return {
    url: values.url,
    description: values.description ?? '',
    eventTypes: checkedOf(values, 'event', EVENT_TYPES),
  };
}

interface ListState {
  readonly form: FormState;
  readonly created?: EndpointWithSecret;
  readonly status?: 200 | 400;
}

async function listPage(c: Context<AppEnv>, deps: AppDependencies, state: ListState) {
  const endpoints = await listEndpoints(webhookWorkspace(c, deps), c.get('principal'));
  const front = c.get('principal').tenantId.endsWith(':front');
  return renderPage(c, { title: (view) => view.t('webhooks.title'), status: state.status ?? 200 }, (view) => (
    <>
      <p class="muted">{view.t('webhooks.intro')}</p>
      {state.created && (
        <Notice kind="warn">
          {view.t('webhooks.created')} <code class="secret">{state.created.secret}</code>
        </Notice>
      )}
      <EndpointTable view={view} endpoints={endpoints} />
      <CreateForm view={view} form={state.form} eventTypes={front ? AGGREGATE_EVENT_TYPES : EVENT_TYPES} />
    </>
  ));
}

const statusWord = (view: View, endpoint: EndpointView) =>
  endpoint.enabled
    ? view.t('webhooks.enabled')
    : view.t(`webhooks.disabled.${endpoint.disabledReason ?? 'manual'}`);

const EndpointTable = ({ view, endpoints }: { view: View; endpoints: readonly EndpointView[] }) => (
  <RecordTable
    label={view.t('webhooks.title')}
    columns={[
      view.t('webhooks.url'),
      view.t('webhooks.description'),
      view.t('webhooks.eventTypes'),
      view.t('webhooks.status'),
    ]}
    count={endpoints.length}
    empty={view.t('webhooks.none')}
  >
    {endpoints.map((endpoint) => (
      <tr>
        <td>
          <a href={endpointPath(endpoint.id)}>{endpoint.url}</a>
        </td>
        <td>{endpoint.description}</td>
        <td>{endpoint.eventTypes.join(', ')}</td>
        <td>{statusWord(view, endpoint)}</td>
      </tr>
    ))}
  </RecordTable>
);

const CreateForm = ({
  view,
  form,
  eventTypes,
}: {
  view: View;
  form: FormState;
  eventTypes: readonly string[];
}) => (
  <section aria-labelledby="create-webhook" class="panel narrow">
    <h2 id="create-webhook">{view.t('webhooks.create')}</h2>
    <ErrorSummary view={view} form={form} />
    <PostForm view={view} action={WEBHOOKS_PATH}>
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
      <div class="actions">
        <button type="submit">{view.t('webhooks.create')}</button>
      </div>
    </PostForm>
  </section>
);

async function endpointPage(c: Context<AppEnv>, deps: AppDependencies) {
  const ws = webhookWorkspace(c, deps);
  const id = c.req.param('id') ?? '';
  const endpoint = await readEndpoint(ws, c.get('principal'), id);
  const deliveries = await listDeliveries(ws, c.get('principal'), id, { limit: DELIVERIES_SHOWN });
  return renderPage(c, { title: () => endpoint.url }, (view) => (
    <>
      <p>
        <a href={WEBHOOKS_PATH}>{view.t('webhooks.back')}</a>
      </p>
      {c.req.query('tested') !== undefined && <Notice kind="ok">{view.t('webhooks.testQueued')}</Notice>}
      {c.req.query('replayed') !== undefined && <Notice kind="ok">{view.t('webhooks.replayQueued')}</Notice>}
      <p>
        {endpoint.description} · {endpoint.eventTypes.join(', ')} · {statusWord(view, endpoint)}
      </p>
      <PostForm view={view} action={`${endpointPath(id)}/test`}>
        <button type="submit">{view.t('webhooks.sendTest')}</button>
      </PostForm>
      <h2>{view.t('webhooks.deliveries')}</h2>
      <DeliveryTable view={view} endpointId={id} deliveries={deliveries.items} />
    </>
  ));
}

const DeliveryTable = ({
  view,
  endpointId,
  deliveries,
}: {
  view: View;
  endpointId: string;
  deliveries: readonly DeliveryView[];
}) => (
  <RecordTable
    label={view.t('webhooks.deliveries')}
    columns={[
      view.t('webhooks.createdAt'),
      view.t('webhooks.event'),
      view.t('webhooks.status'),
      view.t('webhooks.attempts'),
    ]}
    actions={view.t('webhooks.replay')}
    count={deliveries.length}
    empty={view.t('webhooks.noDeliveries')}
  >
    {deliveries.map((delivery) => (
      <tr>
        <td>{formatDateTime(delivery.createdAt)}</td>
        <td>
          <code>{delivery.type}</code>
        </td>
        <td>{view.t(`webhooks.delivery.${delivery.status}`)}</td>
        <td>
          <ul>
            {delivery.attempts.map((attempt) => (
              <li>
                {formatDateTime(attempt.at)} · {attempt.statusCode ?? attempt.error} · {attempt.durationMs} ms
                {attempt.responseExcerpt && (
                  <>
                    {' · '}
                    <code>{attempt.responseExcerpt.slice(0, 120)}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <PostForm
            view={view}
            action={`${endpointPath(endpointId)}/deliveries/${encodeURIComponent(delivery.id)}/replay`}
          >
            <button type="submit" class="secondary">
              {view.t('webhooks.replay')}
            </button>
          </PostForm>
        </td>
      </tr>
    ))}
  </RecordTable>
);
