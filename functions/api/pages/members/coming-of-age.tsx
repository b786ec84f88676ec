/**
 * Coming of age (trưởng thành Đoàn): the Youth Union's current members turning 30 in a year,
 * in a unit of the reader's scope, from the same use case as GET /api/v1/members/coming-of-age.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { vietnamToday } from '#shared/domain/dates.ts';
import { comingOfAge } from '#shared/domain/members/member-queries.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { memberWorkspace } from '../../http/workspaces.ts';
import { SelectField } from '../components/forms.tsx';
import { Pager } from '../components/pager.tsx';
import { readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { MEMBERS_PER_PAGE, MemberTable } from './member-list.tsx';
import { Refused } from './member-parts.tsx';
import { unitChoices } from './member-places.ts';

const comingOfAgeQuerySchema = z.object({
  year: z.coerce.number().int().min(1900).max(2399).optional(),
  unitId: z.string().max(64).optional(),
  cursor: z.string().max(4096).optional(),
});

/** The years offered: a few back, for the late, and the years ahead an officer plans for. */
const YEARS_BACK = 2;
const YEARS_AHEAD = 5;

export function comingOfAgePages(deps: AppDependencies) {
  return new Hono<AppEnv>().get('/coming-of-age', async (c) => {
    const thisYear = Number(vietnamToday(c.get('now')).slice(0, 4));
    const query = readQuery(c, comingOfAgeQuerySchema);
    const year = (query.ok && query.data.year) || thisYear;
    const [page, units] = await Promise.all([
      query.ok
        ? comingOfAge(memberWorkspace(c, deps), c.get('principal'), {
            ...query.data,
            year,
            limit: MEMBERS_PER_PAGE,
          })
        : Promise.resolve(undefined),
      unitChoices(c, query.values.unitId),
    ]);
    const years = Array.from({ length: YEARS_BACK + YEARS_AHEAD + 1 }, (_, i) => thisYear - YEARS_BACK + i);
    if (!years.includes(year)) years.unshift(year);
    const form = { values: { ...query.values, year: String(year) }, errors: query.ok ? {} : query.errors };
    return renderPage(
      c,
      { title: (view) => view.t('comingOfAge.title'), status: query.ok ? 200 : 400 },
      (view) => (
        <>
          <p class="muted">{view.t('comingOfAge.intro')}</p>
          <form method="get" action="/coming-of-age" class="filters panel">
            <SelectField
              view={view}
              form={form}
              name="year"
              label={view.t('comingOfAge.year')}
              options={years.map((option) => ({ value: String(option), label: String(option) }))}
            />
            {units.length > 0 && (
              <SelectField
                view={view}
                form={form}
                name="unitId"
                label={view.t('members.field.unit')}
                options={units}
                empty={view.t('form.all')}
              />
            )}
            <button type="submit">{view.t('comingOfAge.show')}</button>
          </form>
          <Refused view={view} form={form} />
          {page && page.items.length === 0 && <p class="panel">{view.t('comingOfAge.none')}</p>}
          {page && page.items.length > 0 && (
            <MemberTable view={view} members={page.items} caption="comingOfAge.caption" />
          )}
          {page && <Pager view={view} nextCursor={page.nextCursor} />}
        </>
      ),
    );
  });
}
