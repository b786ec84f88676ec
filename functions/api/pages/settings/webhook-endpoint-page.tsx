/**
 * One webhook endpoint's page (/settings/webhooks/:id), for its admin: its settings as a form
 * carrying the version it was read at, its secret rotated (the new one shown in the answer, once),
 * its deletion behind a "Tôi hiểu …" box, and its deliveries with a test event and replays. Every
 * form goes through the use case the API calls, which decides who may; a refused form is drawn
 * again with what was typed and the reason beside the field, and nothing is written.
 */
import type { Context } from 'hono';
import { DomainError } from '#shared/domain/errors.ts';
import type { Message } from '#shared/domain/messages.ts';
import { uiText } from '#shared/domain/ui-text/index.ts';
import {
  type EndpointView,
  type EndpointWithSecret,
  updateEndpointSchema,
} from '#shared/domain/webhooks/endpoint.ts';
import {
  deleteEndpoint,
  listDeliveries,
  readEndpoint,
  rotateSecret,
  updateEndpoint,
} from '#shared/domain/webhooks/webhook-endpoints.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, webhookWorkspace } from '../../http/workspaces.ts';
import { formatDateTime } from '../components/format.ts';
import {
  AgreeForm,
  agreed,
  CheckField,
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  notAgreed,
  PostForm,
} from '../components/forms.tsx';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { type FormValues, formValues, formVersion, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { DeliveryTable } from './webhook-deliveries.tsx';
import { EndpointFields, endpointInput, eventTypesFor, statusWord } from './webhook-form.tsx';
import { endpointPath, WEBHOOKS_PATH } from './webhook-paths.ts';

const DELIVERIES_SHOWN = 50;

/** What the page draws beyond the endpoint as stored: a refused form, a stale version, a new secret. */
interface PageState {
  readonly edit?: FormState;
  readonly remove?: FormState;
  readonly message?: Message;
  readonly stale?: boolean;
  readonly rotated?: EndpointWithSecret;
  readonly status?: FormStatus;
}

/** The form as the endpoint stands: what an edit starts from. */
const valuesOf = (endpoint: EndpointView): FormValues => ({
  url: endpoint.url,
  description: endpoint.description,
  version: String(endpoint.version),
  ...(endpoint.enabled && { enabled: 'yes' }),
  ...Object.fromEntries(endpoint.eventTypes.map((type) => [`event.${type}`, 'yes'])),
});

const idParam = (c: Context<AppEnv>) => c.req.param('id') ?? '';

export async function endpointPage(c: Context<AppEnv>, deps: AppDependencies, state: PageState = {}) {
  const ws = webhookWorkspace(c, deps);
  const id = idParam(c);
  const endpoint = await readEndpoint(ws, c.get('principal'), id);
  const deliveries = await listDeliveries(ws, c.get('principal'), id, { limit: DELIVERIES_SHOWN });
  // A stale form shows what is stored now, with the version to save over it.
  const edit = !state.stale && state.edit ? state.edit : { values: valuesOf(endpoint), errors: {} };
  const version = String(endpoint.version);
  return renderPage(c, { title: () => endpoint.url, status: state.status ?? 200 }, (view) => (
    <>
      <p>
        <a href={WEBHOOKS_PATH}>{view.t('webhooks.back')}</a>
      </p>
      {c.req.query('saved') !== undefined && <Notice kind="ok">{view.t('form.saved')}</Notice>}
      {c.req.query('tested') !== undefined && <Notice kind="ok">{view.t('webhooks.testQueued')}</Notice>}
      {c.req.query('replayed') !== undefined && <Notice kind="ok">{view.t('webhooks.replayQueued')}</Notice>}
      {state.stale && (
        <div class="notice warn" role="alert">
          {view.t('form.staleVersion')}
        </div>
      )}
      {state.rotated && <Rotated view={view} rotated={state.rotated} />}
      {!state.edit && !state.remove && state.message && (
        <Notice kind="error">{view.say(state.message)}</Notice>
      )}
      <p>
        {endpoint.description} · {endpoint.eventTypes.join(', ')} · {statusWord(view, endpoint)}
      </p>
      <section aria-labelledby="edit-webhook" class="panel narrow">
        <h2 id="edit-webhook">{view.t('webhooks.edit')}</h2>
        <ErrorSummary
          view={view}
          form={edit}
          message={state.edit && state.message && view.say(state.message)}
        />
        <PostForm view={view} action={endpointPath(id, '/edit')}>
          <input type="hidden" name="version" value={edit.values.version ?? version} />
          <EndpointFields view={view} form={edit} eventTypes={eventTypesFor(c)} />
          <CheckField view={view} form={edit} name="enabled" label={view.t('webhooks.enabledBox')} />
          <div class="actions">
            <button type="submit">{view.t('form.save')}</button>
          </div>
        </PostForm>
      </section>
      <section aria-labelledby="rotate-secret" class="panel narrow">
        <h2 id="rotate-secret">{view.t('webhooks.rotate')}</h2>
        <p class="muted">{view.t('webhooks.rotateHint')}</p>
        <PostForm view={view} action={endpointPath(id, '/rotate-secret')}>
          <input type="hidden" name="version" value={version} />
          <div class="actions">
            <button type="submit" class="secondary">
              {view.t('webhooks.rotate')}
            </button>
          </div>
        </PostForm>
      </section>
      <h2>{view.t('webhooks.deliveries')}</h2>
      <PostForm view={view} action={endpointPath(id, '/test')}>
        <div class="actions">
          <button type="submit">{view.t('webhooks.sendTest')}</button>
        </div>
      </PostForm>
      <DeliveryTable view={view} endpointId={id} deliveries={deliveries.items} />
      <section aria-labelledby="delete-webhook" class="panel narrow">
        <h2 id="delete-webhook">{view.t('webhooks.delete')}</h2>
        <AgreeForm
          view={view}
          action={endpointPath(id, '/delete')}
          form={state.remove ?? EMPTY_FORM}
          idPrefix="delete"
          agree={view.t('webhooks.deleteAgree')}
          submit={view.t('webhooks.delete')}
        >
          <ErrorSummary
            view={view}
            form={state.remove ?? EMPTY_FORM}
            message={state.remove && state.message && view.say(state.message)}
          />
          <input type="hidden" name="version" value={version} />
        </AgreeForm>
      </section>
    </>
  ));
}

const Rotated = ({ view, rotated }: { view: View; rotated: EndpointWithSecret }) => (
  <Notice kind="warn">
    {view.t('webhooks.rotated')} <code class="secret">{rotated.secret}</code>
    {rotated.previousSecretValidUntil && (
      <>
        <br />
        {view.t('webhooks.previousValidUntil')} {formatDateTime(rotated.previousSecretValidUntil)}.
      </>
    )}
  </Notice>
);

/**
 * A use case's refusal drawn on the page: a version someone else moved on (412, the stored
 * values to review), a reason beside the fields of the form that was sent, or on top for a form
 * with no fields (the rotation); who may not ask, or what does not exist, is an error page.
 */
function refused(
  c: Context<AppEnv>,
  deps: AppDependencies,
  error: unknown,
  form?: { readonly which: 'edit' | 'remove'; readonly values: FormValues },
) {
  if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED')
    return endpointPage(c, deps, { stale: true, status: 412 });
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  const { message, status } = refusal;
  if (!form) return endpointPage(c, deps, { message, status });
  return endpointPage(c, deps, {
    [form.which]: { values: form.values, errors: refusal.errors },
    message,
    status,
  });
}

export async function updateFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const submitted = await readForm(c, updateEndpointSchema, (values) => ({
    ...endpointInput(values),
    enabled: values.enabled === 'yes',
  }));
  if (!submitted.ok) return endpointPage(c, deps, { edit: submitted, status: 400 });
  const ws = webhookWorkspace(c, deps);
  try {
    await updateEndpoint(ws, changeContext(c), idParam(c), submitted.data, formVersion(submitted.values));
    return c.redirect(endpointPath(idParam(c), '?saved=1'), 303);
  } catch (error) {
    return refused(c, deps, error, { which: 'edit', values: submitted.values });
  }
}

/** The new secret is drawn in the answer to the form, never put in a URL. */
export async function rotateFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const values = await formValues(c);
  try {
    const rotated = await rotateSecret(
      webhookWorkspace(c, deps),
      changeContext(c),
      idParam(c),
      formVersion(values),
    );
    return endpointPage(c, deps, { rotated });
  } catch (error) {
    return refused(c, deps, error);
  }
}

export async function deleteFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const values = await formValues(c);
  if (!agreed(values))
    return endpointPage(c, deps, {
      remove: { values, errors: notAgreed(uiText['webhooks.deleteAgreeMissing']) },
      status: 400,
    });
  try {
    await deleteEndpoint(webhookWorkspace(c, deps), changeContext(c), idParam(c), formVersion(values));
    return c.redirect(`${WEBHOOKS_PATH}?deleted=1`, 303);
  } catch (error) {
    return refused(c, deps, error, { which: 'remove', values });
  }
}
