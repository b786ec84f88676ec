/**
 * A branch's yearly member ratings on one page: every current member a row with their rating,
 * the same use cases as GET/PUT /api/v1/branches/{id}/member-ratings/{year}. A writer sets each
 * row, or fills every row not yet rated at once and corrects the few that differ — a branch of
 * sixty done in a minute. Rows left empty keep what they had; a refused sheet writes nothing.
 */
import type { Context } from 'hono';
import type { PropsWithChildren } from 'hono/jsx';
import { z } from 'zod';
import { requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { MEMBER_RATING_LEVELS } from '#shared/domain/members/member.ts';
import {
  type BranchMemberRatings,
  branchMemberRatings,
  rateMembers,
  rateMembersSchema,
  ratingYearSchema,
} from '#shared/domain/members/member-ratings.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { validationError } from '../../http/validation.ts';
import { changeContext, memberWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { idOf, Notice, type Option, PostForm, SelectField } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { TableWrap } from '../components/table-wrap.tsx';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { type FieldErrors, formValues, readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { branchHref, branchIdParam } from './branch-paths.ts';

const LEVEL_FIELD = 'level.';
const FILL_FIELD = 'fillEmpty';
const YEARS_BACK = 3;

const yearQuerySchema = z.object({ year: ratingYearSchema.optional() });

const ratingsHref = (branchId: string, year: number, done = false) =>
  `${branchHref(branchId, '/member-ratings')}?year=${year}${done ? '&done=1' : ''}`;

export async function memberRatingsPage(c: Context<AppEnv>, deps: AppDependencies) {
  const query = readQuery(c, yearQuerySchema);
  return sheetPage(c, deps, (query.ok && query.data.year) || thisYear(c), query.ok ? undefined : query);
}

export async function rateFromForm(c: Context<AppEnv>, deps: AppDependencies) {
  const id = branchIdParam(c);
  const values = await formValues(c);
  const year = ratingYearSchema.safeParse(values.year);
  if (!year.success) return sheetPage(c, deps, thisYear(c), { values, errors: { year: badYear } }, 400);
  const ws = memberWorkspace(c, deps);
  const sheet = await branchMemberRatings(ws, c.get('principal'), id, year.data);
  const ratings = sheet.members.flatMap(({ memberId, level }) => {
    const chosen = values[`${LEVEL_FIELD}${memberId}`] || (level === null ? values[FILL_FIELD] : '') || '';
    return chosen ? [{ memberId, level: chosen }] : [];
  });
  if (ratings.length === 0) return c.redirect(ratingsHref(id, year.data), 303);
  const request = rateMembersSchema.safeParse({ ratings });
  try {
    // A level outside the list is refused by the API's schema, as the API refuses it.
    if (!request.success) throw validationError(request.error, 'json');
    await rateMembers(ws, changeContext(c), id, year.data, request.data);
    return c.redirect(ratingsHref(id, year.data, true), 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const errors: FieldErrors = Object.fromEntries(
      Object.entries(refusal.errors).map(([path, message]) => {
        const row = ratings[Number(path.split('.')[1])];
        return [row ? `${LEVEL_FIELD}${row.memberId}` : path, message];
      }),
    );
    return sheetPage(c, deps, year.data, { values, errors, message: refusal.message }, refusal.status);
  }
}

const badYear = { vi: 'Năm không hợp lệ', en: 'Not a valid year' };

const thisYear = (c: Context<AppEnv>) => Number(vietnamToday(c.get('now')).slice(0, 4));

async function sheetPage(
  c: Context<AppEnv>,
  deps: AppDependencies,
  year: number,
  refused?: RefusedForm,
  status: FormStatus = refused ? 400 : 200,
) {
  const id = branchIdParam(c);
  const principal = c.get('principal');
  const [{ branch }, sheet] = await Promise.all([
    readBranch(treeWorkspace(c), principal, id),
    branchMemberRatings(memberWorkspace(c, deps), principal, id, year),
  ]);
  const writer = allows(requireMemberWriter)(principal) && branch.status === 'active' && year <= thisYear(c);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear(c) - i);
  return renderPage(
    c,
    { title: (view) => `${view.t('memberRatings.title')} · ${branch.name}`, status },
    (view) => (
      <>
        <p class="muted no-print">
          <a href={branchHref(id)}>← {branch.name}</a>
        </p>
        {c.req.query('done') && <Notice kind="ok">{view.t('memberRatings.saved')}</Notice>}
        <form method="get" action={branchHref(id, '/member-ratings')} class="filters panel">
          <SelectField
            view={view}
            form={{ values: { year: String(year) }, errors: {} }}
            name="year"
            label={view.t('memberRatings.year')}
            options={years.map((option) => ({ value: String(option), label: String(option) }))}
          />
          <button type="submit">{view.t('memberRatings.show')}</button>
        </form>
        <Counts view={view} sheet={sheet} />
        {sheet.members.length === 0 ? (
          <p class="panel">{view.t('memberRatings.none')}</p>
        ) : writer ? (
          <SheetForm
            view={view}
            sheet={sheet}
            form={refused ?? { values: {}, errors: {} }}
            action={branchHref(id, '/member-ratings')}
          />
        ) : (
          <SheetTable view={view} sheet={sheet} />
        )}
      </>
    ),
  );
}

const levelOptions = (view: View): Option[] =>
  MEMBER_RATING_LEVELS.map((level) => ({ value: level, label: view.t(`memberRatings.level.${level}`) }));

/** How many of each level, and not yet rated: what the branch's meeting checks before it closes. */
const Counts = ({ view, sheet }: { view: View; sheet: BranchMemberRatings }) => {
  const count = (level: string | null) => sheet.members.filter((member) => member.level === level).length;
  return (
    <dl class="facts panel">
      {MEMBER_RATING_LEVELS.map((level) => (
        <>
          <dt>{view.t(`memberRatings.level.${level}`)}</dt>
          <dd>{count(level)}</dd>
        </>
      ))}
      <dt>{view.t('memberRatings.notRated')}</dt>
      <dd>{count(null)}</dd>
    </dl>
  );
};

const SheetForm = ({
  view,
  sheet,
  form,
  action,
}: {
  view: View;
  sheet: BranchMemberRatings;
  form: RefusedForm;
  action: string;
}) => {
  const options = levelOptions(view);
  return (
    <PostForm view={view} action={action}>
      <Refused view={view} form={form} />
      <input type="hidden" name="year" value={String(sheet.year)} />
      <SelectField
        view={view}
        form={form}
        name={FILL_FIELD}
        label={view.t('memberRatings.fillEmpty')}
        hint={view.t('memberRatings.fillEmptyHint')}
        options={options}
        empty={view.t('memberRatings.keep')}
      />
      <SheetFrame view={view}>
        {sheet.members.map((member) => {
          const name = `${LEVEL_FIELD}${member.memberId}`;
          const id = idOf(name, 'rating');
          const error = form.errors[name];
          const chosen = form.values[name] ?? member.level ?? '';
          return (
            <tr>
              <th scope="row">
                <label for={id}>{member.fullName}</label>
              </th>
              <td>
                <select
                  id={id}
                  name={name}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                >
                  {member.level === null && <option value="">{view.t('memberRatings.notRated')}</option>}
                  {options.map((option) => (
                    <option value={option.value} selected={option.value === chosen}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {error && (
                  <span class="error" id={`${id}-error`}>
                    {view.say(error)}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </SheetFrame>
      <div class="actions">
        <button type="submit">{view.t('memberRatings.save')}</button>
      </div>
    </PostForm>
  );
};

/** The sheet's table, its rows given: inputs to a writer, words to a reader. */
const SheetFrame = ({ view, children }: PropsWithChildren<{ view: View }>) => (
  <TableWrap label={view.t('memberRatings.caption')}>
    <table>
      <caption>{view.t('memberRatings.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('members.field.fullName')}</th>
          <th scope="col">{view.t('memberRatings.level')}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </TableWrap>
);

const SheetTable = ({ view, sheet }: { view: View; sheet: BranchMemberRatings }) => (
  <SheetFrame view={view}>
    {sheet.members.map((member) => (
      <tr>
        <th scope="row">
          <a href={`/members/${encodeURIComponent(member.memberId)}`}>{member.fullName}</a>
        </th>
        <td>
          {member.level ? view.t(`memberRatings.level.${member.level}`) : view.t('memberRatings.notRated')}
        </td>
      </tr>
    ))}
  </SheetFrame>
);
