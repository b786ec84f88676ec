/**
 * An organization's API keys, for its admin: the list with each key's scopes, expiry, last use
 * and state, a form to create one and a button to revoke one — the same use cases and schema as
 * /api/v1/api-keys. A new key's secret is shown in the answer to the form itself, never in a URL
 * (a redirect would put it in the history), and never again.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type ApiKey,
  apiKeyInputSchema,
  type CreatedApiKey,
  isApiKeyUsable,
} from '#shared/domain/api-keys/api-key.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '#shared/domain/api-keys/api-key-changes.ts';
import { API_KEY_SCOPES } from '#shared/domain/api-keys/scopes.ts';
import { everyPage } from '#shared/paging.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { apiKeyWorkspace, changeContext } from '../../http/workspaces.ts';
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
import { TableWrap } from '../components/table-wrap.tsx';
import { createFromForm, type FormValues } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';

export const API_KEYS_PATH = '/settings/api-keys';
const KEYS_PAGE = 200;

export function apiKeyPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get(API_KEYS_PATH, (c) =>
      keysPage(c, deps, { form: EMPTY_FORM, revoked: c.req.query('revoked') !== undefined }),
    )
    .post(API_KEYS_PATH, (c) =>
      createFromForm(
        c,
        apiKeyInputSchema,
        keyInput,
        (input) => createApiKey(apiKeyWorkspace(c, deps), changeContext(c), input),
        (state) => keysPage(c, deps, state),
      ),
    )
    .post(`${API_KEYS_PATH}/:id/revoke`, async (c) => {
      await revokeApiKey(apiKeyWorkspace(c, deps), changeContext(c), c.req.param('id'));
      return c.redirect(`${API_KEYS_PATH}?revoked=1`, 303);
    });
}

/** The form's strings as the API's body: a checkbox per scope, a day that ends at midnight in Vietnam. */
function keyInput(values: FormValues): unknown {
  const day = values.validUntil?.trim() ?? '';
  return {
    description: values.description,
    scopes: checkedOf(values, 'scope', API_KEY_SCOPES),
    validUntil: /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T23:59:59+07:00` : day || undefined,
  };
}

interface PageState {
  readonly form: FormState;
  readonly created?: CreatedApiKey;
  readonly revoked?: boolean;
  readonly status?: 200 | 400;
}

async function keysPage(c: Context<AppEnv>, deps: AppDependencies, state: PageState) {
  const ws = apiKeyWorkspace(c, deps);
  const keys = await everyPage((cursor) => listApiKeys(ws, c.get('principal'), { cursor, limit: KEYS_PAGE }));
  const now = c.get('now');
  return renderPage(c, { title: (view) => view.t('apiKeys.title'), status: state.status ?? 200 }, (view) => (
    <>
      <p class="muted">{view.t('apiKeys.intro')}</p>
      {state.revoked && <Notice kind="ok">{view.t('apiKeys.revoked')}</Notice>}
      {state.created && (
        <Notice kind="warn">
          {view.t('apiKeys.created')} <code class="secret">{state.created.key}</code>
        </Notice>
      )}
      <KeyTable view={view} keys={keys} now={now} />
      <CreateForm view={view} form={state.form} />
    </>
  ));
}

const statusOf = (key: ApiKey, now: Date) =>
  key.revokedAt !== null ? 'revoked' : isApiKeyUsable(key, now) ? 'active' : 'expired';

const KeyTable = ({ view, keys, now }: { view: View; keys: readonly ApiKey[]; now: Date }) =>
  keys.length === 0 ? (
    <p>{view.t('apiKeys.none')}</p>
  ) : (
    <TableWrap label={view.t('apiKeys.title')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{view.t('apiKeys.description')}</th>
            <th scope="col">{view.t('apiKeys.key')}</th>
            <th scope="col">{view.t('apiKeys.scopes')}</th>
            <th scope="col">{view.t('apiKeys.validUntil')}</th>
            <th scope="col">{view.t('apiKeys.lastUsed')}</th>
            <th scope="col">{view.t('apiKeys.status')}</th>
            <th scope="col">
              <span class="sr-only">{view.t('apiKeys.revoke')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr>
              <td>{key.description}</td>
              <td>
                <code>{key.hint}…</code>
              </td>
              <td>{key.scopes.map((scope) => view.t(`apiKeys.scope.${scope}`)).join(', ')}</td>
              <td>{formatDateTime(key.validUntil)}</td>
              <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : view.t('apiKeys.never')}</td>
              <td>{view.t(`apiKeys.status.${statusOf(key, now)}`)}</td>
              <td>
                {key.revokedAt === null && (
                  <PostForm
                    view={view}
                    action={`${API_KEYS_PATH}/${encodeURIComponent(key.id)}/revoke`}
                    confirm={view.t('apiKeys.revokeConfirm')}
                  >
                    <button type="submit" class="secondary">
                      {view.t('apiKeys.revoke')}
                    </button>
                  </PostForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );

const CreateForm = ({ view, form }: { view: View; form: FormState }) => (
  <section aria-labelledby="create-key" class="panel narrow">
    <h2 id="create-key">{view.t('apiKeys.create')}</h2>
    <ErrorSummary view={view} form={form} />
    <PostForm view={view} action={API_KEYS_PATH}>
      <TextField
        view={view}
        form={form}
        name="description"
        label={view.t('apiKeys.description')}
        hint={view.t('apiKeys.descriptionHint')}
        required
      />
      <CheckboxGroup
        view={view}
        form={form}
        name="scopes"
        prefix="scope"
        legend={view.t('apiKeys.scopes')}
        choices={API_KEY_SCOPES.map((scope) => ({
          value: scope,
          label: (
            <>
              {view.t(`apiKeys.scope.${scope}`)} <code>{scope}</code>
            </>
          ),
        }))}
      />
      <TextField
        view={view}
        form={form}
        name="validUntil"
        type="date"
        label={view.t('apiKeys.validUntil')}
        hint={view.t('apiKeys.validUntilHint')}
        required
      />
      <div class="actions">
        <button type="submit">{view.t('apiKeys.create')}</button>
      </div>
    </PostForm>
  </section>
);
