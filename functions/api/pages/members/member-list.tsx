/**
 * The members list: search by name (diacritics ignored), phone, card or national id; filters by
 * unit, branch and status; Vietnamese name order and cursor paging, all from listMembers, as
 * GET /api/v1/members answers them. The search form updates the results as one types (`data-live`
 * fetches the results block alone with `?partial=1`); without scripts it is a plain GET form.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { MEMBER_STATUSES, type MemberSummary, memberStatusSchema } from '#shared/domain/members/member.ts';
import { listMembers, type MemberPage } from '#shared/domain/members/member-queries.ts';
import { planSearch } from '#shared/domain/members/search.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { type MemberFileFormat, memberFileResponse } from '../../http/member-file.ts';
import { validationError } from '../../http/validation.ts';
import { memberWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { type FormState, type Option, PostForm, SelectField, TextField } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { Pager, withQuery } from '../components/pager.tsx';
import { scopeUnitId } from '../components/reader-unit.ts';
import { refusalOf } from '../http/form-refusal.ts';
import { readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { IMPORT_CHECK_PATH } from './import-check.tsx';
import { MEMBER_EXPORTS_PATH } from './member-export-pages.tsx';
import { Refused, type RefusedForm, StatusBadge } from './member-parts.tsx';
import { branchChoices, unitChoices } from './member-places.ts';

export const MEMBERS_PER_PAGE = 50;

const RESULTS = 'results';

/** The list's query, as GET /api/v1/members takes it. */
const listQuerySchema = z.object({
  q: z.string().max(100).optional(),
  unitId: z.string().max(64).optional(),
  branchId: z.string().max(64).optional(),
  status: memberStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(MEMBERS_PER_PAGE),
  cursor: z.string().max(4096).optional(),
});

/** The list's filter without its paging: what a download covers. */
const exportQuerySchema = listQuerySchema.omit({ limit: true, cursor: true });

export function memberListPages(deps: AppDependencies) {
  const download = (format: MemberFileFormat) => (c: Context<AppEnv>) => {
    const query = exportQuerySchema.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error, 'query');
    return memberFileResponse(c, deps, format, query.data);
  };
  return new Hono<AppEnv>()
    .get('/members/export.csv', download('csv'))
    .get('/members/export.xlsx', download('xlsx'))
    .get('/members', async (c) => {
      const query = readQuery(c, listQuerySchema);
      const partial = c.req.query('partial') === '1';
      let page: MemberPage | undefined;
      let form: RefusedForm = { values: query.values, errors: query.ok ? {} : query.errors };
      const [found, choices] = await Promise.allSettled([
        query.ok
          ? listMembers(memberWorkspace(c, deps), c.get('principal'), query.data)
          : Promise.resolve(undefined),
        partial ? Promise.resolve(undefined) : filterChoices(c, query.values),
      ]);
      // Whether the reader may list at all is the list's use case's answer, so its refusal comes first.
      if (found.status === 'fulfilled') page = found.value;
      else {
        const refusal = refusalOf(found.reason);
        if (!refusal) throw found.reason;
        form = { values: query.values, errors: refusal.errors, message: refusal.message };
      }
      if (choices.status === 'rejected') throw choices.reason;
      const refused = Object.keys(form.errors).length > 0 || form.message !== undefined;
      // A fragment is put into the page as it stands, so its refusal is said inside it, with a 200.
      if (partial) return c.html(<Results view={viewOf(c)} form={form} page={page} />);
      const writer = allows(requireMemberWriter)(c.get('principal'));
      return renderPage(
        c,
        { title: (view) => view.t('members.list.title'), status: refused ? 400 : 200 },
        (view) => (
          <>
            {writer && (
              <p class="actions">
                <a
                  class="button"
                  href={withQuery('/members/new', { unitId: query.values.unitId || undefined })}
                >
                  {view.t('members.admit.title')}
                </a>{' '}
                <a href={IMPORT_CHECK_PATH}>{view.t('members.import.link')}</a>
              </p>
            )}
            <Filters view={view} form={form} choices={choices.value} />
            <div id={RESULTS}>
              <Results view={view} form={form} page={page} />
            </div>
          </>
        ),
      );
    });
}

interface Choices {
  readonly units: readonly Option[];
  readonly branches: readonly Option[];
}

async function filterChoices(c: Context<AppEnv>, values: Record<string, string>): Promise<Choices> {
  const unitId = values.unitId || scopeUnitId(c.get('principal'));
  const [units, branches] = await Promise.all([unitChoices(c, unitId), branchChoices(c, unitId)]);
  return { units, branches };
}

const Filters = ({ view, form, choices }: { view: View; form: FormState; choices: Choices | undefined }) => (
  <form method="get" action="/members" class="filters panel" data-live={RESULTS}>
    <TextField
      view={view}
      form={form}
      name="q"
      type="search"
      label={view.t('members.list.search')}
      hint={view.t('members.list.searchHint')}
      autocomplete="off"
    />
    {choices && choices.units.length > 0 && (
      <SelectField
        view={view}
        form={form}
        name="unitId"
        label={view.t('members.field.unit')}
        options={choices.units}
        empty={view.t('form.all')}
      />
    )}
    {choices && choices.branches.length > 1 && (
      <SelectField
        view={view}
        form={form}
        name="branchId"
        label={view.t('members.field.branch')}
        options={choices.branches}
        empty={view.t('form.all')}
      />
    )}
    <SelectField
      view={view}
      form={form}
      name="status"
      label={view.t('members.field.status')}
      options={MEMBER_STATUSES.map((status) => ({
        value: status,
        label: view.t(`members.status.${status}`),
      }))}
      empty={view.t('members.list.current')}
    />
    <button type="submit">{view.t('form.search')}</button>
  </form>
);

const Results = ({ view, form, page }: { view: View; form: RefusedForm; page: MemberPage | undefined }) => (
  <>
    <Refused view={view} form={form} />
    {page && page.items.length === 0 && <p class="panel">{view.t('members.list.none')}</p>}
    {page?.nextCursor && <Narrowing view={view} q={form.values.q} />}
    {page?.similarNames && <SimilarNames view={view} names={page.similarNames} />}
    {page && page.items.length > 0 && (
      <MemberTable view={view} members={page.items} caption="members.list.caption" />
    )}
    {page && <Pager view={view} nextCursor={page.nextCursor} />}
    {page && page.items.length > 0 && (
      <Downloads view={view} values={form.values} more={Boolean(page.nextCursor)} />
    )}
  </>
);

/**
 * A name search with more than a page: when namesakes fill it, no order can put the one meant on
 * it (a province has hundreds of "Nguyễn Thị Hương"), so the list says how to tell them apart.
 */
const Narrowing = ({ view, q }: { view: View; q: string | undefined }) => {
  const search = planSearch(q);
  if (search.kind !== 'words') return null;
  return (
    <p class="notice" role="status">
      {view.t(search.birthYear === undefined ? 'members.list.narrow' : 'members.list.narrowByUnit')}
    </p>
  );
};

/** Names one letter from what was typed that the page did not reach, each a search of its own. */
const SimilarNames = ({ view, names }: { view: View; names: readonly string[] }) => (
  <p class="similar">
    {view.t('members.list.similar')}{' '}
    {names.map((name, i) => (
      <>
        {i > 0 && ' · '}
        <a href={withQuery(view.here, { q: name, cursor: undefined, partial: undefined })}>{name}</a>
      </>
    ))}
  </p>
);

/**
 * The whole list as a file, with the filter shown: inside the results, so a live search updates it
 * too. A list of one page is answered at once; a longer one may be a province's, more than a
 * response can hold on AWS (6 MB, 30 s), so its file is prepared and handed by a link.
 */
const Downloads = ({ view, values, more }: { view: View; values: Record<string, string>; more: boolean }) => {
  const filter = {
    q: values.q || undefined,
    unitId: values.unitId || undefined,
    branchId: values.branchId || undefined,
    status: values.status || undefined,
  };
  if (more)
    return (
      <PostForm view={view} action={MEMBER_EXPORTS_PATH} class="downloads">
        {Object.entries(filter).map(
          ([name, value]) => value !== undefined && <input type="hidden" name={name} value={value} />,
        )}
        {view.t('exports.prepare')}{' '}
        <button type="submit" name="format" value="xlsx" class="link">
          {view.t('members.export.xlsx')}
        </button>
        {' · '}
        <button type="submit" name="format" value="csv" class="link">
          {view.t('members.export.csv')}
        </button>
      </PostForm>
    );
  const href = (format: MemberFileFormat) => withQuery(`/members/export.${format}`, filter);
  return (
    <p class="downloads">
      {view.t('members.export.label')}{' '}
      <a href={href('xlsx')} download>
        {view.t('members.export.xlsx')}
      </a>
      {' · '}
      <a href={href('csv')} download>
        {view.t('members.export.csv')}
      </a>
    </p>
  );
};

/** Members as rows, each name a link to the member: the list and the coming-of-age list draw them alike. */
export const MemberTable = ({
  view,
  members,
  caption,
}: {
  view: View;
  members: readonly MemberSummary[];
  caption: 'members.list.caption' | 'comingOfAge.caption';
}) => (
  <div class="table-wrap">
    <table class="member-rows">
      <caption>{view.t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('members.field.fullName')}</th>
          <th scope="col">{view.t('members.field.birthDate')}</th>
          <th scope="col">{view.t('members.field.gender')}</th>
          <th scope="col">{view.t('members.field.status')}</th>
          <th scope="col">{view.t('members.field.phone')}</th>
          <th scope="col">{view.t('members.field.cardNumber')}</th>
          <th scope="col">{view.t('members.field.nationalId')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr>
            <th scope="row">
              <a href={`/members/${member.id}`}>{member.fullName}</a>
            </th>
            <td>{formatDate(member.birthDate)}</td>
            <td>{view.t(`members.gender.${member.gender}`)}</td>
            <td>
              <StatusBadge view={view} status={member.status} />
            </td>
            <td>{member.phone ?? ''}</td>
            <td>{member.cardNumber ?? ''}</td>
            <td>{member.nationalIdMasked ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
