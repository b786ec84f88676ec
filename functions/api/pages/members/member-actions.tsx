/**
 * The actions posted from a member's page: a status change, a move to another branch, a transfer
 * out, an introduction to the Party and its outcome, each made once per drawn form and answered
 * with a 303 back to the member; refused, the member's page comes back with that form open and
 * its messages beside its fields. And the audited reveal of the national id, whose number is
 * shown in its answer only.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { ChangeContext } from '#shared/domain/audit.ts';
import type { IdempotentCall } from '#shared/domain/idempotency.ts';
import {
  type Member,
  statusChangeSchema,
  transferOutSchema,
  transferSchema,
} from '#shared/domain/members/member.ts';
import { changeStatus, transferMember, transferOut } from '#shared/domain/members/member-changes.ts';
import { readNationalId } from '#shared/domain/members/member-queries.ts';
import type { MemberWorkspace } from '#shared/domain/members/member-workspace.ts';
import { decidePartyIntroduction, introduceToParty } from '#shared/domain/party/party-changes.ts';
import { introduceToPartySchema, partyOutcomeSchema } from '#shared/domain/party/party-introduction.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace } from '../../http/workspaces.ts';
import { type FieldOfCode, refusalOf } from '../http/form-refusal.ts';
import { type FormValues, filled, readForm } from '../http/forms.ts';
import type { PartyForm } from '../party/party-section.tsx';
import type { MemberAction } from './member-action-forms.tsx';
import { renderMember } from './member-detail.tsx';
import { changeOnce } from './submit-once.tsx';

type Change<Body> = (
  ws: MemberWorkspace,
  ctx: ChangeContext,
  id: string,
  body: Body,
  version: number | undefined,
  call: IdempotentCall<Member> | undefined,
  /** The path's other parameters (the introduction an outcome answers). */
  params: Record<string, string>,
) => Promise<Member>;

export function memberActionPages(deps: AppDependencies) {
  const action =
    <S extends z.ZodType>(
      name: MemberAction | PartyForm,
      schema: S,
      toInput: (values: FormValues) => unknown,
      apply: Change<z.output<S>>,
      fieldOf: FieldOfCode,
    ) =>
    async (c: Context<AppEnv>) => {
      const id = c.req.param('id') as string;
      const form = await readForm(c, schema, toInput);
      if (!form.ok)
        return renderMember(c, deps, id, {
          status: 400,
          forms: { [name]: { values: form.values, errors: form.errors } },
        });
      try {
        const ws = memberWorkspace(c, deps);
        const location = await changeOnce(c, form.values, (call) =>
          apply(ws, changeContext(c), id, form.data, undefined, call, c.req.param()),
        );
        return c.redirect(location, 303);
      } catch (error) {
        const refusal = refusalOf(error, fieldOf);
        if (!refusal) throw error;
        const sentBack = { values: form.values, errors: refusal.errors, message: refusal.message };
        return renderMember(c, deps, id, { status: refusal.status, forms: { [name]: sentBack } });
      }
    };

  return new Hono<AppEnv>()
    .post(
      '/members/:id/status',
      action(
        'status',
        statusChangeSchema,
        (values) => filled(values, ['status', 'reason', 'effectiveDate', 'awayPlace']),
        changeStatus,
        { INVALID_STATUS_TRANSITION: 'status', CANNOT_GRADUATE: 'status', USE_TRANSFER_OUT: 'status' },
      ),
    )
    .post(
      '/members/:id/move',
      action(
        'move',
        transferSchema,
        (values) => filled(values, ['toBranchId', 'reason', 'effectiveDate']),
        transferMember,
        { SAME_BRANCH: 'toBranchId', BRANCH_CLOSED: 'toBranchId' },
      ),
    )
    .post(
      '/members/:id/transfer-out',
      action(
        'transferOut',
        transferOutSchema,
        (values) => ({
          ...filled(values, ['reason', 'effectiveDate']),
          destination: Object.fromEntries(
            Object.entries(
              filled(values, ['destination.description', 'destination.tenantId', 'destination.unitId']),
            ).map(([name, value]) => [name.slice('destination.'.length), value]),
          ),
        }),
        transferOut,
        { INVALID_STATUS_TRANSITION: 'destination.description' },
      ),
    )
    .post(
      '/members/:id/party-introductions',
      action(
        'partyIntroduce',
        introduceToPartySchema,
        (values) => filled(values, ['introducedOn', 'decisionNumber', 'note']),
        introduceToParty,
        { PARTY_INTRODUCTION_PENDING: 'introducedOn', PARTY_MEMBER_ALREADY: 'introducedOn' },
      ),
    )
    .post(
      '/members/:id/party-introductions/:introductionId/outcome',
      action(
        'partyOutcome',
        partyOutcomeSchema,
        (values) => filled(values, ['state', 'decidedOn', 'note']),
        (ws, ctx, id, outcome, version, call, params) =>
          decidePartyIntroduction(ws, ctx, id, params.introductionId ?? '', outcome, version, call),
        { PARTY_INTRODUCTION_DECIDED: 'state' },
      ),
    )
    .post('/members/:id/national-id', async (c) => {
      const id = c.req.param('id');
      const number = await readNationalId(memberWorkspace(c, deps), changeContext(c), id);
      return renderMember(c, deps, id, { revealed: number });
    });
}
