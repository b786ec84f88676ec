/**
 * Map editing granted to, or taken back from, an organization admin of a province, through the
 * same use case as PUT/DELETE /api/v1/platform/provinces/{id}/map-editors/{username}. The API puts
 * the username in the path; a form without JavaScript cannot, so one form names the account and
 * its two buttons say which way. A refusal writes nothing: the use case checks before it writes.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { DomainError } from '#shared/domain/errors.ts';
import { setMapEditor } from '#shared/domain/map-editors.ts';
import { errorMessages } from '#shared/domain/messages.ts';
import { readProvince } from '#shared/domain/platform-provinces.ts';
import { AccountRepository } from '#shared/store/repositories/accounts.ts';
import { ProvinceRepository } from '#shared/store/repositories/provinces.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext } from '../../http/workspaces.ts';
import {
  EMPTY_FORM,
  ErrorSummary,
  type FormState,
  Notice,
  PostForm,
  TextField,
} from '../components/forms.tsx';
import { readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';

const CHANGES = ['grant', 'revoke'] as const;
const changeSchema = z.object({ username: z.string().trim().min(1).max(64), change: z.enum(CHANGES) });

export const provincePath = (id: string) => `/platform/provinces/${encodeURIComponent(id)}`;

export function mapEditorPages(deps: AppDependencies) {
  const provinces = new ProvinceRepository(deps.table);
  const accounts = new AccountRepository(deps.table);
  const page = async (c: Context<AppEnv>, form: FormState, status: 200 | 400 | 404 = 200) => {
    const province = await readProvince(provinces, c.get('principal'), c.req.param('id') ?? '');
    const done = CHANGES.find((change) => c.req.query(change) !== undefined);
    return renderPage(c, { title: province.name, status }, (view) => (
      <div class="panel narrow">
        <h2>{view.t('platform.mapEditors')}</h2>
        <p class="muted">{view.t('platform.mapEditors.intro')}</p>
        {done && (
          <Notice kind="ok">
            {view.t(`platform.mapEditors.done.${done}`)} {c.req.query(done)}
          </Notice>
        )}
        <ErrorSummary view={view} form={form} />
        <PostForm view={view} action={`${provincePath(province.id)}/map-editors`}>
          <TextField
            view={view}
            form={form}
            name="username"
            label={view.t('platform.mapEditors.username')}
            autocomplete="off"
            required
          />
          <div class="actions">
            <button type="submit" name="change" value="grant">
              {view.t('platform.mapEditors.grant')}
            </button>
            <button type="submit" name="change" value="revoke">
              {view.t('platform.mapEditors.revoke')}
            </button>
            <a href="/platform">{view.t('form.cancel')}</a>
          </div>
        </PostForm>
      </div>
    ));
  };
  return new Hono<AppEnv>()
    .get('/platform/provinces/:id', (c) => page(c, EMPTY_FORM))
    .post('/platform/provinces/:id/map-editors', async (c) => {
      const form = await readForm(c, changeSchema);
      if (!form.ok) return page(c, { values: form.values, errors: form.errors }, 400);
      const { username, change } = form.data;
      const provinceId = c.req.param('id');
      try {
        await setMapEditor(
          { accounts, provinces },
          changeContext(c),
          { provinceId, username },
          change === 'grant',
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'MAP_EDITOR_NOT_GRANTABLE') throw error;
        const username = errorMessages.MAP_EDITOR_NOT_GRANTABLE.detail(error.params);
        return page(c, { values: form.values, errors: { username } }, 404);
      }
      return c.redirect(`${provincePath(provinceId)}?${change}=${encodeURIComponent(username)}`, 303);
    });
}
