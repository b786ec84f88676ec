/**
 * The audit log, for the organization's admins as GET /api/v1/audit is: one record's history or
 * one user's actions, newest first, paged by the use case's cursor. The API reads exactly one of
 * the two; a page opened with neither shows the reader's own actions, the one trail they surely
 * know the key of.
 */
import { Hono } from 'hono';
import { type AuditTrailQuery, auditTrail } from '#shared/domain/audit-trail.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { treeWorkspace } from '../../http/workspaces.ts';
import { auditQuerySchema } from '../../routes/audit.ts';
import { ErrorSummary, type FormState, TextField } from '../components/forms.tsx';
import { Pager } from '../components/pager.tsx';
import { type FormValues, readQuery, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { AUDIT_PATH, AuditTable } from './audit-table.tsx';

export function auditPages(_deps: AppDependencies) {
  return new Hono<AppEnv>().get(AUDIT_PATH, async (c) => {
    const principal = c.get('principal');
    const ownTrail = (values: FormValues) => {
      const given = withoutEmpty(values);
      return given.entityId || given.actor ? given : { ...given, actor: principal.userId };
    };
    const query = readQuery(c, auditQuerySchema, ownTrail);
    const form: FormState = { values: query.values, errors: query.ok ? {} : query.errors };
    const title = (view: View) => view.t('audit.title');
    if (!query.ok)
      return renderPage(c, { title, status: 400 }, (view) => <AuditFilters view={view} form={form} />);
    // The schema's refinement lets exactly one of entityId and actor through.
    const trail = query.data as AuditTrailQuery;
    const page = await auditTrail(treeWorkspace(c).audit, principal, trail);
    return renderPage(c, { title }, (view) => {
      const caption =
        trail.entityId !== undefined
          ? `${view.t('audit.ofEntity')} ${trail.entityId}`
          : trail.actor === principal.userId
            ? view.t('audit.mine')
            : `${view.t('audit.ofActor')} ${page.items[0]?.actor.username ?? trail.actor}`;
      return (
        <>
          <AuditFilters view={view} form={form} />
          {page.items.length > 0 ? (
            <AuditTable view={view} records={page.items} caption={caption} />
          ) : (
            <p>
              {caption}: {view.t('audit.none')}
            </p>
          )}
          <Pager view={view} nextCursor={page.nextCursor} />
        </>
      );
    });
  });
}

const AuditFilters = ({ view, form }: { view: View; form: FormState }) => (
  <>
    <p class="muted">{view.t('audit.intro')}</p>
    <ErrorSummary view={view} form={form} />
    <form method="get" action={AUDIT_PATH} class="filters" aria-label={view.t('audit.filters')}>
      <TextField
        view={view}
        form={form}
        name="entityId"
        label={view.t('audit.entityId')}
        hint={view.t('audit.entityIdHint')}
      />
      <TextField
        view={view}
        form={form}
        name="actor"
        label={view.t('audit.actor')}
        hint={view.t('audit.actorHint')}
      />
      <div class="actions">
        <button type="submit" class="secondary">
          {view.t('audit.show')}
        </button>
      </div>
    </form>
  </>
);
