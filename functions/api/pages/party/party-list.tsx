/**
 * Who was introduced to the Party in a year, for the roles that see sensitive fields: the same
 * use case as GET /api/v1/party-introductions, narrowed by unit and outcome, by commune then name.
 * Each name leads to the member, where the outcome is recorded.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { vietnamToday } from '#shared/domain/dates.ts';
import { PARTY_STATES, type PartyIntroductionEntry } from '#shared/domain/party/party-introduction.ts';
import { listPartyIntroductions } from '#shared/domain/party/party-queries.ts';
import { readUnit } from '#shared/domain/unit-queries.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { choicesWorkspace, memberWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { Pager } from '../components/pager.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import { YearFilters, yearsBack } from '../components/year-filters.tsx';
import { readQuery } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import type { View } from '../http/view.ts';
import { Refused } from '../members/member-parts.tsx';
import { unitChoices } from '../members/member-places.ts';
import { memberPath } from '../members/submit-once.tsx';

const PER_PAGE = 50;
/** Introductions are looked back on: this year and the four before it. */
const YEARS_BACK = 4;

const listQuerySchema = z.object({
  year: z.coerce.number().int().min(1930).max(2100).optional(),
  unitId: z.string().max(64).optional(),
  state: z.enum(PARTY_STATES).optional(),
  cursor: z.string().max(4096).optional(),
});

export function partyListPages(deps: AppDependencies) {
  return new Hono<AppEnv>().get('/party', async (c) => {
    const thisYear = Number(vietnamToday(c.get('now')).slice(0, 4));
    const query = readQuery(c, listQuerySchema);
    const year = (query.ok && query.data.year) || thisYear;
    // The use case answers first: whoever may not see who was introduced gets its refusal, not a form.
    const page = query.ok
      ? await listPartyIntroductions(memberWorkspace(c, deps), c.get('principal'), {
          ...query.data,
          year,
          limit: PER_PAGE,
        })
      : undefined;
    const [units, unitNames] = await Promise.all([
      unitChoices(c, query.values.unitId),
      namesOfUnits(c, page?.items ?? []),
    ]);
    const years = yearsBack(thisYear, YEARS_BACK, year);
    const form = { values: { ...query.values, year: String(year) }, errors: query.ok ? {} : query.errors };
    return renderPage(c, { title: (view) => view.t('party.title'), status: query.ok ? 200 : 400 }, (view) => (
      <>
        <p class="muted">{view.t('party.intro')}</p>
        <YearFilters
          view={view}
          action="/party"
          form={form}
          years={years}
          yearLabel={view.t('party.year')}
          units={units}
          unitLabel={view.t('members.field.unit')}
          states={{
            label: view.t('party.state'),
            options: PARTY_STATES.map((state) => ({ value: state, label: view.t(`party.state.${state}`) })),
          }}
          submit={view.t('party.show')}
        />
        <Refused view={view} form={form} />
        {page && page.items.length === 0 && <p class="panel">{view.t('party.noneInYear')}</p>}
        {page && page.items.length > 0 && <Entries view={view} entries={page.items} unitNames={unitNames} />}
        {page && <Pager view={view} nextCursor={page.nextCursor} />}
      </>
    ));
  });
}

/** The names of the units a page of entries names, read as the unit pickers read them. */
async function namesOfUnits(c: Context<AppEnv>, entries: readonly PartyIntroductionEntry[]) {
  const ids = [...new Set(entries.map((entry) => entry.unitId))];
  const named = await Promise.all(
    ids.map(async (id) => {
      const unit = await readUnit(choicesWorkspace(c), c.get('principal'), id).catch(() => undefined);
      return [id, unit?.name ?? id] as const;
    }),
  );
  return new Map(named);
}

const Entries = ({
  view,
  entries,
  unitNames,
}: {
  view: View;
  entries: readonly PartyIntroductionEntry[];
  unitNames: ReadonlyMap<string, string>;
}) => (
  <TableWrap label={view.t('party.listCaption')}>
    <table>
      <caption>{view.t('party.listCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('party.member')}</th>
          <th scope="col">{view.t('members.field.unit')}</th>
          <th scope="col">{view.t('party.introducedOn')}</th>
          <th scope="col">{view.t('party.decisionNumber')}</th>
          <th scope="col">{view.t('party.state')}</th>
          <th scope="col">{view.t('party.decidedOn')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr>
            <th scope="row">
              <a href={memberPath({ id: entry.memberId })}>{entry.fullName}</a>
            </th>
            <td>{unitNames.get(entry.unitId) ?? entry.unitId}</td>
            <td>{formatDate(entry.introducedOn)}</td>
            <td>{entry.decisionNumber}</td>
            <td>
              <span class="badge">{view.t(`party.state.${entry.state}`)}</span>
            </td>
            <td>{entry.decidedOn ? formatDate(entry.decidedOn) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);
