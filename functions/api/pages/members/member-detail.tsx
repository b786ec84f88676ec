/**
 * One member: the facts the reader may see (sensitive ones only for who may, the national id
 * masked unless just revealed), the actions a writer may take on a current member, and the
 * member's history. The actions post back here; a refused action draws this page again with its
 * form open and the messages beside its fields.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  requireMemberWriter,
  requireNationalIdReader,
  requireSensitiveReader,
  seesSensitiveFields,
} from '#shared/domain/access/member-access.ts';
import { readBranch } from '#shared/domain/branch-changes.ts';
import { vietnamToday } from '#shared/domain/dates.ts';
import { isCurrent } from '#shared/domain/members/lifecycle.ts';
import { type MemberEvent, type MemberView, viewOf as memberViewOf } from '#shared/domain/members/member.ts';
import { getMember, memberHistory } from '#shared/domain/members/member-queries.ts';
import { organizationOf } from '#shared/domain/organizations.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { memberWorkspace, treeWorkspace } from '../../http/workspaces.ts';
import { formatDate } from '../components/format.ts';
import { Notice, PostForm } from '../components/forms.tsx';
import { allows } from '../components/navigation.ts';
import { renderPage } from '../http/render.tsx';
import { type View, viewOf } from '../http/view.ts';
import { PartySection } from '../party/party-section.tsx';
import { type ActionForms, MemberActions } from './member-action-forms.tsx';
import { BackTo, StatusBadge } from './member-parts.tsx';
import { branchChoices, unitChoices } from './member-places.ts';
import { memberPath } from './submit-once.tsx';

export interface MemberPageState {
  readonly status?: ContentfulStatusCode;
  /** The action forms sent back, by action. */
  readonly forms?: ActionForms;
  /** The full national id number, in the answer to its audited reveal only. */
  readonly revealed?: string | null;
}

export function memberDetailPages(deps: AppDependencies) {
  return new Hono<AppEnv>().get('/members/:id', (c) => renderMember(c, deps, c.req.param('id')));
}

export async function renderMember(
  c: Context<AppEnv>,
  deps: AppDependencies,
  id: string,
  state: MemberPageState = {},
) {
  const principal = c.get('principal');
  const ws = memberWorkspace(c, deps);
  const member = await getMember(ws, principal, id);
  const writable = allows(requireMemberWriter)(principal) && isCurrent(member.status);
  const moveUnit = c.req.query('moveUnit') || member.communeId || member.unitId;
  const [history, { branch, unit }, moveBranches, moveUnits] = await Promise.all([
    memberHistory(ws, principal, id),
    readBranch(treeWorkspace(c), principal, member.branchId),
    writable ? branchChoices(c, moveUnit) : Promise.resolve([]),
    writable && principal.scope === null ? unitChoices(c, moveUnit) : Promise.resolve([]),
  ]);
  const branchNames = await namesOfBranches(c, history);
  const shown = memberViewOf(member, seesSensitiveFields(principal));
  return renderPage(
    c,
    {
      title: member.fullName,
      status: state.status ?? 200,
      lead: <BackTo view={viewOf(c)} href="/members" label="members.list.title" />,
    },
    (view) => (
      <>
        {state.revealed !== undefined && <Notice kind="warn">{view.t('members.nationalId.audited')}</Notice>}
        <section class="panel member-section" aria-labelledby="facts">
          <h2 id="facts">{view.t('members.detail.facts')}</h2>
          <Facts
            view={view}
            member={shown}
            place={`${unit.name} · ${branch.name}`}
            revealed={state.revealed}
          />
          {member.nationalId &&
            allows(requireNationalIdReader)(principal) &&
            state.revealed === undefined && (
              <PostForm
                view={view}
                action={`${memberPath(member)}/national-id`}
                class="actions"
                confirm={view.t('members.nationalId.confirm')}
              >
                <button type="submit" class="secondary">
                  {view.t('members.nationalId.reveal')}
                </button>
              </PostForm>
            )}
        </section>
        {writable && (
          <MemberActions
            view={view}
            member={member}
            forms={state.forms ?? {}}
            moveBranches={moveBranches.filter((option) => option.value !== member.branchId)}
            moveUnits={moveUnits}
            moveUnit={moveUnit}
            today={vietnamToday(c.get('now'))}
            youth={organizationOf(principal.tenantId) === 'youth'}
          />
        )}
        {allows(requireSensitiveReader)(principal) && (
          <PartySection
            view={view}
            member={member}
            recorder={allows(requireMemberWriter)(principal)}
            forms={state.forms ?? {}}
            today={vietnamToday(c.get('now'))}
          />
        )}
        <History view={view} events={history} branchNames={branchNames} />
      </>
    ),
  );
}

/**
 * The names of the branches a history names. A branch the member left may lie outside the
 * reader's scope: its name is not theirs to read, and its id stands in for it.
 */
async function namesOfBranches(c: Context<AppEnv>, history: readonly MemberEvent[]) {
  const ids = new Set(history.flatMap((event) => [event.fromBranchId ?? [], event.toBranchId ?? []].flat()));
  const named = await Promise.all(
    [...ids].map(async (id) => {
      const found = await readBranch(treeWorkspace(c), c.get('principal'), id).catch(() => undefined);
      return [id, found ? found.branch.name : id] as const;
    }),
  );
  return new Map(named);
}

const Facts = ({
  view,
  member,
  place,
  revealed,
}: {
  view: View;
  member: MemberView;
  place: string;
  revealed: string | null | undefined;
}) => {
  const optional = (value: string | null | undefined) => value || '—';
  const rows: [string, Child][] = [
    [view.t('members.field.gender'), view.t(`members.gender.${member.gender}`)],
    [view.t('members.field.birthDate'), formatDate(member.birthDate)],
    [view.t('members.field.nationalId'), revealed ?? optional(member.nationalIdMasked)],
    [view.t('members.field.phone'), optional(member.phone)],
    [view.t('members.field.place'), place],
    [
      view.t('members.field.status'),
      <>
        <StatusBadge view={view} status={member.status} /> {view.t('members.detail.since')}{' '}
        {formatDate(member.statusSince)}
        {member.awayPlace && ` · ${member.awayPlace}`}
        {member.transferredTo && ` · ${member.transferredTo.description}`}
      </>,
    ],
    [view.t('members.field.joinedAt'), formatDate(member.joinedAt)],
    [view.t('members.field.cardNumber'), optional(member.cardNumber)],
    [view.t('members.field.education'), optional(member.education)],
    [view.t('members.field.occupation'), optional(member.occupation)],
    [view.t('members.field.address'), optional(member.address)],
  ];
  if (member.ethnicity !== undefined)
    rows.push([view.t('members.field.ethnicity'), optional(member.ethnicity)]);
  if (member.religion !== undefined) rows.push([view.t('members.field.religion'), optional(member.religion)]);
  if (member.partyMember !== undefined)
    rows.push([
      view.t('members.field.partyMember'),
      view.t(member.partyMember ? 'members.yes' : 'members.no'),
    ]);
  if (member.veteranService)
    rows.push([
      view.t('members.field.service'),
      `${formatDate(member.veteranService.enlistedOn)} – ${formatDate(member.veteranService.dischargedOn)}${member.veteranService.unit ? ` · ${member.veteranService.unit}` : ''}`,
    ]);
  if (member.notes) rows.push([view.t('members.field.notes'), member.notes]);
  return (
    <dl class="facts">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
};

const History = ({
  view,
  events,
  branchNames,
}: {
  view: View;
  events: readonly MemberEvent[];
  branchNames: ReadonlyMap<string, string>;
}) => {
  const branch = (id: string | null) => (id ? (branchNames.get(id) ?? id) : '');
  return (
    <>
      <h2 id="history">{view.t('members.history.title')}</h2>
      {/* On a phone the table scrolls inside its box; with no link in it, the box itself takes focus. */}
      <section class="table-wrap" tabindex={0} aria-labelledby="history">
        <table>
          <caption>{view.t('members.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{view.t('members.history.date')}</th>
              <th scope="col">{view.t('members.history.event')}</th>
              <th scope="col">{view.t('members.field.status')}</th>
              <th scope="col">{view.t('members.history.detail')}</th>
              <th scope="col">{view.t('members.history.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <td>{formatDate(event.effectiveDate)}</td>
                <td>{view.t(`members.event.${event.type}`)}</td>
                <td>{view.t(`members.status.${event.status}`)}</td>
                <td>
                  {[
                    event.fromBranchId && event.toBranchId
                      ? `${branch(event.fromBranchId)} → ${branch(event.toBranchId)}`
                      : branch(event.toBranchId ?? event.fromBranchId),
                    event.awayPlace,
                    event.reason,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>
                  {event.recordedBy.username}, {formatDate(vietnamToday(new Date(event.recordedAt)))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
};
