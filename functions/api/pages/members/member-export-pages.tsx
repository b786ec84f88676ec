/**
 * A member list too long for one page of the list, as a file prepared by a worker (export-jobs.ts):
 * the list's download buttons post its filter here, and the export's page follows the file —
 * reloading itself while it is written, without a script — until it gives the download link.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  type MemberExportView,
  memberExportStatus,
  startMemberExport,
} from '#shared/domain/members/export-jobs.ts';
import { memberStatusSchema } from '#shared/domain/members/member.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, exportJobWorkspace } from '../../http/workspaces.ts';
import { formatCount } from '../components/format.ts';
import { formValues, withoutEmpty } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';

export const MEMBER_EXPORTS_PATH = '/members/exports';

/** The list's filter and the file's format, as the list's download buttons send them. */
const exportFormSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  q: z.string().max(100).optional(),
  unitId: z.string().max(64).optional(),
  branchId: z.string().max(64).optional(),
  status: memberStatusSchema.optional(),
});

/** Seconds between two reloads of a running export's page. */
const REFRESH_SECONDS = 2;

export function memberExportPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .post(MEMBER_EXPORTS_PATH, async (c) => {
      const form = exportFormSchema.safeParse(withoutEmpty(await formValues(c)));
      if (!form.success) throw validationError(form.error, 'body');
      const { format, ...filter } = form.data;
      const ws = exportJobWorkspace(c, deps);
      const started = await startMemberExport(ws, changeContext(c), { format, filter });
      await deps.fileJobs.send({ kind: 'member-export', tenantId: ws.tenant, id: started.id });
      return c.redirect(`${MEMBER_EXPORTS_PATH}/${started.id}`, 303);
    })
    .get(`${MEMBER_EXPORTS_PATH}/:id`, async (c) => {
      const status = await memberExportStatus(
        exportJobWorkspace(c, deps),
        c.get('principal'),
        c.req.param('id'),
        c.get('now'),
      );
      const following = status.state === 'running' && !status.stalled;
      return renderPage(
        c,
        { title: (v) => v.t('exports.title'), ...(following && { refreshSeconds: REFRESH_SECONDS }) },
        (view) => <ExportStatus view={view} status={status} path={c.req.path} />,
      );
    });
}

const ExportStatus = ({ view, status, path }: { view: View; status: MemberExportView; path: string }) => (
  <section class="panel stack" aria-live="polite">
    {status.state === 'done' && status.download ? (
      <>
        <p>
          <strong>{view.t('exports.done')}</strong> {view.t('exports.rows')}{' '}
          {formatCount(status.rows, view.lang)}
        </p>
        <p>
          <a class="button" href={status.download.url} download>
            {view.t('exports.download')} (.{status.format})
          </a>
        </p>
        <p class="hint">{view.t('exports.linkExpires')}</p>
      </>
    ) : status.state === 'failed' || status.stalled ? (
      <p>
        <strong>{view.t(status.stalled ? 'exports.stalled' : 'exports.failed')}</strong>
      </p>
    ) : (
      <>
        <p>{view.t('exports.running')}</p>
        <p>
          {view.t('exports.rows')} {formatCount(status.rows, view.lang)} ·{' '}
          <a href={path}>{view.t('exports.refresh')}</a>
        </p>
      </>
    )}
    <p>
      <a href="/members">{view.t('exports.back')}</a>
    </p>
  </section>
);
