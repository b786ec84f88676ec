/**
 * Importing a member list: an officer sends their spreadsheet to be checked — what importing it
 * would refuse, row by row, from checkImport as POST /api/v1/imports/check answers it, nothing
 * written — or imported, through importMembers as POST /api/v1/imports does, which refuses a file
 * with a row in error and shows the check instead. A file past the request's 10 MB is sent by the
 * page's script straight to the file store and imported by the worker, as
 * POST /api/v1/imports/uploads and …/start do; its page follows it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { checkImport, type ImportCheck } from '#shared/domain/members/import/check-import.ts';
import { UPLOAD_MAX_BYTES } from '#shared/domain/members/import/import-files.ts';
import { type ImportProgressView, importProgress } from '#shared/domain/members/import/import-progress.ts';
import { type ImportResult, importIdOf, importMembers } from '#shared/domain/members/import/run-import.ts';
import { beginUploadedImport, startImportUpload } from '#shared/domain/members/import/upload-import.ts';
import { fieldMessageOf } from '#shared/domain/messages.ts';
import { XLSX_CONTENT_TYPE } from '#shared/exports/xlsx-stream.ts';
import { tenantMemberLoad } from '#shared/figures/member-load.ts';
import { readTable } from '#shared/imports/read-table.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { annotatedImportResponse } from '../../http/annotated-import.ts';
import { IMPORT_TEMPLATE_FILE, importTemplateResponse } from '../../http/import-template.ts';
import { MAX_FILE_BYTES } from '../../http/json-body.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, importWorkspace } from '../../http/workspaces.ts';
import { formatCount, formatDateTime } from '../components/format.ts';
import { EMPTY_FORM, FileField, type FormState, PostForm, SelectField } from '../components/forms.tsx';
import { type FieldOfCode, refusalOf } from '../http/form-refusal.ts';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { unitChoices } from './member-places.ts';

export const IMPORT_CHECK_PATH = '/members/import';

/** A file that cannot be read, or lacks columns, is said beside the file field. */
const FILE_REFUSALS: FieldOfCode = {
  IMPORT_COLUMNS_MISSING: 'file',
  IMPORT_NOT_UTF8: 'file',
  IMPORT_UNREADABLE: 'file',
};

export function importCheckPages(deps: AppDependencies) {
  const page = async (c: Context<AppEnv>, form: FormState, outcome?: Outcome) => {
    const units = await unitChoices(c, form.values.unitId);
    const refused = Object.keys(form.errors).length > 0;
    // The import's id is known before it is sent, so its progress can be watched while it runs.
    const key = randomUUID();
    const progress = `${IMPORT_CHECK_PATH}/${importIdOf(c.get('tenantTable').tenant, key, '')}`;
    return renderPage(
      c,
      { title: (view) => view.t('imports.title'), status: refused ? 400 : 200 },
      (view) => (
        <>
          <p>{view.t('imports.intro')}</p>
          <p>
            <a href={`${IMPORT_CHECK_PATH}/${IMPORT_TEMPLATE_FILE}`} download>
              {view.t('imports.template')}
            </a>
          </p>
          <PostForm
            view={view}
            action={IMPORT_CHECK_PATH}
            enctype="multipart/form-data"
            class="stack panel"
            progress={progress}
            upload={{
              action: `${IMPORT_CHECK_PATH}/uploads`,
              over: MAX_FILE_BYTES,
              sending: view.t('imports.uploading'),
              failed: view.t('imports.uploadFailed'),
            }}
          >
            <input type="hidden" name="key" value={key} />
            <FileField
              view={view}
              form={form}
              name="file"
              label={view.t('imports.file')}
              hint={view.t('imports.fileHint')}
              accept=".xlsx,.csv"
              required
            />
            {units.length > 0 && (
              <SelectField
                view={view}
                form={form}
                name="unitId"
                label={view.t('imports.unit')}
                hint={view.t('imports.unitHint')}
                options={units}
                empty={view.t('imports.unitAll')}
              />
            )}
            <p class="actions">
              <button type="submit" name="action" value="check">
                {view.t('imports.submit')}
              </button>{' '}
              <button type="submit" name="action" value="import" class="secondary">
                {view.t('imports.import')}
              </button>{' '}
              <button type="submit" name="action" value="annotate" class="secondary">
                {view.t('imports.annotate')}
              </button>
            </p>
          </PostForm>
          {outcome?.imported && <ImportDone view={view} result={outcome.imported} />}
          {outcome?.check && (
            <CheckResult view={view} check={outcome.check} refusedImport={outcome.refusedImport} />
          )}
        </>
      ),
    );
  };

  return (
    new Hono<AppEnv>()
      .get(IMPORT_CHECK_PATH, (c) => {
        requireMemberWriter(c.get('principal'));
        return page(c, EMPTY_FORM);
      })
      .post(IMPORT_CHECK_PATH, async (c) => {
        // A browser always sends a form's length; API Gateway refuses more than 10 MB before us.
        if (Number(c.req.header('content-length') ?? 0) > MAX_FILE_BYTES)
          throw new DomainError('BODY_TOO_LARGE', { limit: String(MAX_FILE_BYTES) });
        const body = await c.req.parseBody();
        const values = { unitId: typeof body.unitId === 'string' ? body.unitId : '' };
        const file = body.file;
        if (!(file instanceof File) || file.size === 0)
          return page(c, { values, errors: { file: fieldMessageOf('required') } });
        const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
        const unitId = values.unitId || undefined;
        try {
          const table = await readTable(new Uint8Array(await file.arrayBuffer()), format);
          const ws = importWorkspace(c, deps);
          const check = await checkImport(ws, c.get('principal'), table, c.get('now'), unitId);
          if (body.action === 'annotate') return annotatedImportResponse(c, table, check);
          const errors = check.problems.some((problem) => problem.severity === 'error');
          if (body.action !== 'import' || errors)
            return page(c, { values, errors: {} }, { check, refusedImport: body.action === 'import' });
          const imported = await importMembers(ws, changeContext(c), table, {
            unitId,
            idempotencyKey: typeof body.key === 'string' && UUID.test(body.key) ? body.key : undefined,
            load: tenantMemberLoad(deps.table, c.get('tenantTable')),
          });
          return page(c, { values: {}, errors: {} }, { imported });
        } catch (error) {
          const refusal = refusalOf(error, FILE_REFUSALS);
          if (!refusal) throw error;
          return page(c, { values, errors: refusal.errors });
        }
      })
      // The page's script asks here for a link to send a large file by (enhance.ts).
      .post(`${IMPORT_CHECK_PATH}/uploads`, async (c) => {
        const asked = uploadForm.safeParse(await c.req.parseBody());
        if (!asked.success) throw validationError(asked.error, 'body');
        const format = asked.data.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
        const started = await startImportUpload(importWorkspace(c, deps), changeContext(c), {
          format,
          contentType: format === 'csv' ? 'text/csv' : XLSX_CONTENT_TYPE,
          size: asked.data.size,
          unitId: asked.data.unitId || undefined,
        });
        return c.json(
          { upload: started.upload, start: `${IMPORT_CHECK_PATH}/${started.import.id}/start` },
          201,
        );
      })
      .post(`${IMPORT_CHECK_PATH}/:id/start`, async (c) => {
        const ws = importWorkspace(c, deps);
        const begun = await beginUploadedImport(ws, changeContext(c), c.req.param('id'));
        if (begun.queue)
          await deps.fileJobs.send({ kind: 'member-import', tenantId: ws.tenant, id: begun.import.id });
        return c.redirect(`${IMPORT_CHECK_PATH}/${begun.import.id}`, 303);
      })
      .get(`${IMPORT_CHECK_PATH}/${IMPORT_TEMPLATE_FILE}`, (c) => importTemplateResponse(c))
      .get(`${IMPORT_CHECK_PATH}/:id`, async (c) => {
        const view = viewOf(c);
        const partial = c.req.query('partial') === '1';
        const progress = await importProgress(
          importWorkspace(c, deps),
          c.get('principal'),
          c.req.param('id'),
          c.get('now'),
        ).catch((error: unknown) => {
          // Polled while the file is still being checked, before the import records anything.
          if (partial && error instanceof DomainError && error.code === 'IMPORT_NOT_FOUND') return undefined;
          throw error;
        });
        if (partial)
          return c.html(
            progress ? (
              <Progress view={view} progress={progress} heading />
            ) : (
              <p>{view.t('imports.checking')}</p>
            ),
          );
        // An uploaded file's import runs in the worker: its page follows it until it ends.
        const following = progress?.upload && progress.state === 'running' && !progress.stalled;
        return renderPage(
          c,
          {
            title: (v) => v.t('imports.progressTitle'),
            ...(following && { refreshSeconds: REFRESH_SECONDS }),
          },
          (v) => (
            <>
              {progress && <Progress view={v} progress={progress} />}
              <p>
                <a href={c.req.path}>{v.t('imports.refresh')}</a> ·{' '}
                <a href={IMPORT_CHECK_PATH}>{v.t('imports.title')}</a>
              </p>
            </>
          ),
        );
      })
  );
}

/** Seconds between two loads of a running upload's page. */
const REFRESH_SECONDS = 2;

/** What the script sends for an upload link: the file's name (its format) and exact size. */
const uploadForm = z.object({
  name: z.string().min(1).max(255),
  size: z.coerce.number().int().min(1).max(UPLOAD_MAX_BYTES),
  unitId: z.string().max(64).optional(),
});

/** A UUID, as the form's key is: anything else sent as a key is not taken as one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An import's progress: on its own page, or under the form that sent it (`heading`). */
const Progress = ({
  view,
  progress,
  heading,
}: {
  view: View;
  progress: ImportProgressView;
  heading?: boolean;
}) => {
  // Rows are counted once the file is read: an upload waiting or refused has none to show.
  const counting = progress.state === 'running' || progress.state === 'done';
  return (
    <section aria-label={view.t('imports.progressTitle')} class="panel stack">
      {heading && <h2>{view.t('imports.progressTitle')}</h2>}
      {counting && (
        <p>
          <label for="import-progress-bar">
            {view.t('imports.progress')} {formatCount(progress.processed, view.lang)} {view.t('imports.of')}{' '}
            {formatCount(progress.rows, view.lang)}
          </label>{' '}
          <progress id="import-progress-bar" max={Math.max(progress.rows, 1)} value={progress.processed}>
            {formatCount(progress.processed, view.lang)}
          </progress>
        </p>
      )}
      <ProgressState view={view} progress={progress} />
      {counting && (
        <p>
          {view.t('imports.created')} <strong>{formatCount(progress.created, view.lang)}</strong> ·{' '}
          {view.t('imports.updated')} <strong>{formatCount(progress.updated, view.lang)}</strong> ·{' '}
          {view.t('imports.unchanged')} <strong>{formatCount(progress.unchanged, view.lang)}</strong>
        </p>
      )}
      <p>
        {view.t('imports.startedBy')} {progress.by.username} · {view.t('imports.lastProgress')}{' '}
        {formatDateTime(progress.updatedAt)}
      </p>
    </section>
  );
};

/** Where an import is: waiting for its file, running or stalled, finished, or refused with its file annotated. */
const ProgressState = ({ view, progress }: { view: View; progress: ImportProgressView }) => {
  if (progress.state === 'done')
    return (
      <p>
        <strong>{view.t('imports.finished')}</strong>
      </p>
    );
  if (progress.state === 'uploading') return <p>{view.t('imports.waitingForFile')}</p>;
  if (progress.state === 'refused')
    return (
      <>
        <p role="alert">
          <strong>{view.t('imports.uploadRefused')}</strong>{' '}
          {view.lang === 'en' ? progress.refusal?.messageEn : progress.refusal?.message}
        </p>
        {progress.checked && (
          <p>
            <a class="button" href={progress.checked.url} download>
              {view.t('imports.checkedFile')}
            </a>
          </p>
        )}
      </>
    );
  if (!progress.stalled) return <p>{view.t('imports.running')}</p>;
  if (!progress.upload)
    return (
      <p>
        <strong>{view.t('imports.stalled')}</strong>
      </p>
    );
  return (
    <PostForm view={view} action={`${IMPORT_CHECK_PATH}/${progress.id}/start`} class="stack">
      <p>
        <strong>{view.t('imports.stalledUpload')}</strong>
      </p>
      <p>
        <button type="submit">{view.t('imports.resume')}</button>
      </p>
    </PostForm>
  );
};

/** What the form's button led to: the file checked (and an import refused for its errors), or imported. */
interface Outcome {
  readonly check?: ImportCheck;
  readonly refusedImport?: boolean;
  readonly imported?: ImportResult;
}

const ImportDone = ({ view, result }: { view: View; result: ImportResult }) => (
  <section aria-labelledby="import-done">
    <h2 id="import-done">{view.t('imports.done')}</h2>
    <p class="panel" role="status">
      {view.t('imports.created')} <strong>{formatCount(result.created, view.lang)}</strong> ·{' '}
      {view.t('imports.updated')} <strong>{formatCount(result.updated, view.lang)}</strong> ·{' '}
      {view.t('imports.unchanged')} <strong>{formatCount(result.unchanged, view.lang)}</strong> ·{' '}
      <a href={`${IMPORT_CHECK_PATH}/${result.id}`}>{view.t('imports.seeProgress')}</a>
    </p>
    {result.warnings.length > 0 && <ProblemTable view={view} problems={result.warnings} />}
  </section>
);

const CheckResult = ({
  view,
  check,
  refusedImport,
}: {
  view: View;
  check: ImportCheck;
  refusedImport?: boolean | undefined;
}) => (
  <section aria-labelledby="check-result">
    <h2 id="check-result">{view.t('imports.result')}</h2>
    <p class="panel" role={refusedImport ? 'alert' : undefined}>
      {refusedImport && <strong>{view.t('imports.refused')} </strong>}
      {view.t('imports.rows')} <strong>{formatCount(check.rows, view.lang)}</strong> ·{' '}
      {view.t('imports.ready')} <strong>{formatCount(check.ready, view.lang)}</strong> ·{' '}
      {view.t('imports.notWritten')}
    </p>
    {check.problems.length === 0 ? (
      <p class="panel">{view.t('imports.noProblem')}</p>
    ) : (
      <ProblemTable view={view} problems={check.problems} />
    )}
  </section>
);

const ProblemTable = ({ view, problems }: { view: View; problems: ImportCheck['problems'] }) => (
  <div class="table-wrap">
    <table>
      <caption>{view.t('imports.problems')}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {view.t('imports.row')}
          </th>
          <th scope="col">{view.t('imports.column')}</th>
          <th scope="col">{view.t('imports.problem')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((problem) => (
          <tr>
            <td class="num">{problem.row}</td>
            <td>{problem.column ?? '—'}</td>
            <td>
              {problem.severity === 'warning' && <strong>{view.t('imports.warning')} </strong>}
              {view.say(fieldMessageOf(problem.code))}
              {problem.sameAsRow !== undefined && ` (${view.t('imports.row')} ${problem.sameAsRow})`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
