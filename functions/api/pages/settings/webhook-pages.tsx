/**
 * An organization's webhook endpoints, for its admin (the Front's staff: figures only): the list,
 * a form to add one (its secret shown in the answer to the form, once, never in a URL), and each
 * endpoint's page (webhook-endpoint-page.tsx) — the same use cases and schemas as /api/v1/webhooks.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  createEndpointSchema,
  type EndpointView,
  type EndpointWithSecret,
} from '#shared/domain/webhooks/endpoint.ts';
import {
  createEndpoint,
  listEndpoints,
  replayDelivery,
  sendTestEvent,
} from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, webhookWorkspace } from '../../http/workspaces.ts';
import { EMPTY_FORM, ErrorSummary, type FormState, Notice, PostForm } from '../components/forms.tsx';
import { RecordTable } from '../components/record-table.tsx';
import { createFromForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { deleteFromForm, endpointPage, rotateFromForm, updateFromForm } from './webhook-endpoint-page.tsx';
import { EndpointFields, endpointInput, eventTypesFor, statusWord } from './webhook-form.tsx';
import { endpointPath, WEBHOOKS_PATH } from './webhook-paths.ts';

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
    .post(`${WEBHOOKS_PATH}/:id/edit`, (c) => updateFromForm(c, deps))
    .post(`${WEBHOOKS_PATH}/:id/rotate-secret`, (c) => rotateFromForm(c, deps))
    .post(`${WEBHOOKS_PATH}/:id/delete`, (c) => deleteFromForm(c, deps))
    .post(`${WEBHOOKS_PATH}/:id/test`, async (c) => {
      await sendTestEvent(webhookWorkspace(c, deps), changeContext(c), c.req.param('id'));
      return c.redirect(endpointPath(c.req.param('id'), '?tested=1'), 303);
    })
    .post(`${WEBHOOKS_PATH}/:id/deliveries/:deliveryId/replay`, async (c) => {
      const { id, deliveryId } = c.req.param();
      await replayDelivery(webhookWorkspace(c, deps), changeContext(c), id, deliveryId);
      return c.redirect(endpointPath(id, '?replayed=1'), 303);
    });
}

interface ListState {
  readonly form: FormState;
  readonly created?: EndpointWithSecret;
  readonly status?: 200 | 400;
}

async function listPage(c: Context<AppEnv>, deps: AppDependencies, state: ListState) {
  const endpoints = await listEndpoints(webhookWorkspace(c, deps), c.get('principal'));
  return renderPage(c, { title: (view) => view.t('webhooks.title'), status: state.status ?? 200 }, (view) => (
    <>
      <p class="muted">{view.t('webhooks.intro')}</p>
      {c.req.query('deleted') !== undefined && <Notice kind="ok">{view.t('webhooks.deleted')}</Notice>}
      {state.created && (
        <Notice kind="warn">
          {view.t('webhooks.created')} <code class="secret">{state.created.secret}</code>
        </Notice>
      )}
      <EndpointTable view={view} endpoints={endpoints} />
      <section aria-labelledby="create-webhook" class="panel narrow">
        <h2 id="create-webhook">{view.t('webhooks.create')}</h2>
        <ErrorSummary view={view} form={state.form} />
        <PostForm view={view} action={WEBHOOKS_PATH}>
          <EndpointFields view={view} form={state.form} eventTypes={eventTypesFor(c)} />
          <div class="actions">
            <button type="submit">{view.t('webhooks.create')}</button>
          </div>
        </PostForm>
      </section>
    </>
  ));
}

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
