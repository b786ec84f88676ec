/** Members: admission, reading, editing, status, transfers, introductions to the Party, lists and search. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { seesSensitiveFields } from '#shared/domain/access/member-access.ts';
import { resolvedFromField } from '#shared/domain/admin-units/resolve-unit.ts';
import type { ChangeContext } from '#shared/domain/audit.ts';
import type { IdempotentCall } from '#shared/domain/idempotency.ts';
import { acceptTransfer, admitMember } from '#shared/domain/members/admission.ts';
import { listIncomingTransfers } from '#shared/domain/members/incoming-transfers.ts';
import {
  admitMemberSchema,
  type Member,
  memberEventSchema,
  memberStatusSchema,
  memberSummarySchema,
  memberViewSchema,
  statusChangeSchema,
  transferOutSchema,
  transferSchema,
  updateMemberSchema,
  viewOf,
} from '#shared/domain/members/member.ts';
import {
  changeStatus,
  transferMember,
  transferOut,
  updateMember,
} from '#shared/domain/members/member-changes.ts';
import {
  comingOfAge,
  getMember,
  listMembers,
  memberHistory,
  readNationalId,
} from '#shared/domain/members/member-queries.ts';
import type { MemberWorkspace } from '#shared/domain/members/member-workspace.ts';
import { similarNamesField } from '#shared/domain/members/search.ts';
import { acceptTransferSchema, incomingTransferSchema } from '#shared/domain/members/transfers.ts';
import { decidePartyIntroduction, introduceToParty } from '#shared/domain/party/party-changes.ts';
import {
  introduceToPartySchema,
  type PartyOutcomeRequest,
  partyIntroductionEntrySchema,
  partyOutcomeSchema,
} from '#shared/domain/party/party-introduction.ts';
import {
  listPartyIntroductions,
  partyIntroductionListQuerySchema,
} from '#shared/domain/party/party-queries.ts';
import type { AppDependencies, AppEnv } from '../app-env.ts';
import { etagOf, ifMatchVersion } from '../http/etag.ts';
import { idempotent } from '../http/idempotency.ts';
import {
  bearerSecurity,
  changeResponses,
  errorResponses,
  idempotencyKeyHeader,
  ifMatchHeader,
  json,
  jsonBody,
  pageQuerySchema,
  pageSchema,
} from '../http/openapi.ts';
import { resourceRoutes } from '../http/resource-routes.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, memberWorkspace } from '../http/workspaces.ts';

const tags = ['members'];
const idParam = z.object({ id: z.string().min(1).max(64) });
const members = resourceRoutes({ path: '/api/v1/members', tags, item: memberViewSchema, idParam });
const memberResponse = members.itemResponse;

const ADMISSION_EXAMPLE = {
  fullName: 'Nguyễn Văn An',
  gender: 'male',
  birthDate: '1980-05-04',
  nationalId: '087080012345',
  phone: '0912345678',
  joinedAt: '2020-01-15',
  branchId: 'b-28261-01',
} as const;

const admit = createRoute({
  method: 'post',
  path: '/api/v1/members',
  operationId: 'admitMember',
  tags,
  summary: 'Admit a member / Kết nạp hội viên',
  security: bearerSecurity,
  request: { headers: idempotencyKeyHeader, ...jsonBody(admitMemberSchema, ADMISSION_EXAMPLE) },
  responses: { 201: memberResponse('Admitted'), ...errorResponses, ...changeResponses },
});

/** What a list of members is filtered by, besides its paging; an export takes the same (member-exports.ts). */
export const memberFilterQuery = {
  q: z.string().max(100).optional(),
  unitId: z.string().max(64).optional(),
  branchId: z.string().max(64).optional(),
  status: memberStatusSchema.optional(),
};

const list = members.list({
  operationId: 'listMembers',
  summary: 'List or search members, in Vietnamese name order / Danh sách, tìm kiếm hội viên',
  description:
    'q: a name as officers type it, case and diacritics ignored — the whole name family-first, the middle and given names, or the given name alone, the last word possibly cut short, optionally a birth year ("Ánh 1985"); a word one letter off (a letter missing, two swapped) is found after the exact matches. Ranked: the whole name, then the typed words ending the name, then more words, then starts, then near forms; ties in Vietnamese order, namesakes oldest first. Digits: a phone (0…, +84…, spaced) or card number prefix, letters allowed in a card number; 12 digits: a national id. unitId covers the whole subtree; an old commune’s code or name, or a unit a reorganization closed, lists the unit in force it became (said in resolvedFrom). Without status, current members (active, away, lapsed). A page may hold fewer than limit items while more follow: continue with nextCursor.',
  query: memberFilterQuery,
  items: memberSummarySchema,
  page: 'A page of members',
  pageFields: { resolvedFrom: resolvedFromField, similarNames: similarNamesField },
});

const comingOfAgeRoute = createRoute({
  method: 'get',
  path: '/api/v1/members/coming-of-age',
  operationId: 'listMembersComingOfAge',
  tags,
  summary: 'Members turning 30 in a year (Youth Union) / Đoàn viên đến tuổi trưởng thành Đoàn',
  security: bearerSecurity,
  request: {
    query: pageQuerySchema.extend({
      year: z.coerce.number().int().min(1900).max(2399),
      unitId: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: json(pageSchema(memberSummarySchema, { resolvedFrom: resolvedFromField }), 'A page of members'),
    ...errorResponses,
  },
});

const read = members.read({
  operationId: 'getMember',
  summary: 'One member / Hồ sơ hội viên',
  description: 'The member',
});

const update = createRoute({
  method: 'patch',
  path: '/api/v1/members/{id}',
  operationId: 'updateMember',
  tags,
  summary: 'Edit a member (If-Match required) / Sửa hồ sơ hội viên',
  security: bearerSecurity,
  request: { params: idParam, headers: ifMatchHeader(true), ...jsonBody(updateMemberSchema) },
  responses: { 200: memberResponse('Edited'), ...errorResponses, ...changeResponses },
});

const history = createRoute({
  method: 'get',
  path: '/api/v1/members/{id}/history',
  operationId: 'getMemberHistory',
  tags,
  summary: 'A member’s history, oldest first / Quá trình sinh hoạt',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: json(z.object({ items: z.array(memberEventSchema) }), 'The events'), ...errorResponses },
});

const nationalId = createRoute({
  method: 'get',
  path: '/api/v1/members/{id}/national-id',
  operationId: 'getMemberNationalId',
  tags,
  summary: 'The full national id number (audited) / Số CCCD đầy đủ (ghi nhật ký)',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: json(z.object({ nationalId: z.string().nullable() }), 'The number'), ...errorResponses },
});

const postChange = <T extends z.ZodType>(
  operationId: string,
  path: string,
  summary: string,
  body: T,
  params: z.ZodObject<{ id: z.ZodString }> = idParam,
  description?: string,
) =>
  createRoute({
    method: 'post',
    path: `/api/v1/members/{id}/${path}`,
    operationId,
    tags,
    summary,
    ...(description && { description }),
    security: bearerSecurity,
    request: {
      params,
      headers: idempotencyKeyHeader.extend(ifMatchHeader(false).shape),
      ...jsonBody(body),
    },
    responses: { 200: memberResponse('Changed'), ...errorResponses, ...changeResponses },
  });

const status = postChange(
  'changeMemberStatus',
  'status',
  'Change status / Chuyển trạng thái sinh hoạt',
  statusChangeSchema,
);
const transfer = postChange(
  'transferMember',
  'transfer',
  'Move to another branch / Chuyển chi hội, chi đoàn',
  transferSchema,
);
const transferOutRoute = postChange(
  'transferMemberOut',
  'transfer-out',
  'Transfer out of the organization / Chuyển sinh hoạt ra ngoài tổ chức',
  transferOutSchema,
);

const SENSITIVE =
  'Party membership is sensitive (Decree 356/2025): only organization admins and unit officers, for members in their scope.';
const introduce = postChange(
  'introduceMemberToParty',
  'party-introductions',
  'Introduce to the Party / Giới thiệu cho Đảng xem xét, kết nạp',
  introduceToPartySchema,
  idParam,
  `Records an introduction of the member, made by their branch; refused while one is pending or when the member is a Party member. ${SENSITIVE}`,
);
const introductionParam = idParam.extend({ introductionId: z.string().min(1).max(64) });
const partyOutcome = postChange(
  'decidePartyIntroduction',
  'party-introductions/{introductionId}/outcome',
  'The outcome of an introduction / Kết quả giới thiệu cho Đảng',
  partyOutcomeSchema,
  introductionParam,
  `Admitted (the member becomes a Party member), not admitted, or withdrawn by the branch; once. ${SENSITIVE}`,
);
const partyList = createRoute({
  method: 'get',
  path: '/api/v1/party-introductions',
  operationId: 'listPartyIntroductions',
  tags,
  summary: 'Who was introduced to the Party in a year / Danh sách giới thiệu cho Đảng',
  description: `By commune, then Vietnamese name order; unitId covers the subtree. Everyone else reads the counts in the figures. ${SENSITIVE}`,
  security: bearerSecurity,
  request: { query: partyIntroductionListQuerySchema },
  responses: {
    200: json(pageSchema(partyIntroductionEntrySchema), 'A page of introductions'),
    ...errorResponses,
  },
});

const incoming = createRoute({
  method: 'get',
  path: '/api/v1/incoming-transfers',
  operationId: 'listIncomingTransfers',
  tags,
  summary: 'Pending transfers into this organization / Hồ sơ chuyển đến chờ tiếp nhận',
  security: bearerSecurity,
  request: { query: pageQuerySchema },
  responses: { 200: json(pageSchema(incomingTransferSchema), 'A page of transfers'), ...errorResponses },
});

const accept = createRoute({
  method: 'post',
  path: '/api/v1/incoming-transfers/{id}/accept',
  operationId: 'acceptIncomingTransfer',
  tags,
  summary: 'Accept an incoming transfer into a branch / Tiếp nhận hội viên chuyển đến',
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyKeyHeader, ...jsonBody(acceptTransferSchema) },
  responses: { 201: memberResponse('Admitted'), ...errorResponses, ...changeResponses },
});

export function memberRoutes(deps: AppDependencies) {
  const render = (c: Context<AppEnv>, status: number) => (member: Member) => ({
    status,
    body: viewOf(member, seesSensitiveFields(c.get('principal'))),
    headers: { etag: etagOf(member.version), location: `/api/v1/members/${member.id}` },
  });

  /** A status change or transfer: against If-Match, made once per Idempotency-Key, answered with the member. */
  const memberChange =
    <Body, Params extends { id: string } = { id: string }>(
      apply: (
        ws: MemberWorkspace,
        ctx: ChangeContext,
        id: string,
        body: Body,
        version: number | undefined,
        call: IdempotentCall<Member> | undefined,
        params: Params,
      ) => Promise<Member>,
    ) =>
    async (c: Context<AppEnv, string, { out: { param: Params; json: Body } }>) => {
      const ws = memberWorkspace(c, deps);
      const [params, body, version] = [c.req.valid('param'), c.req.valid('json'), ifMatchVersion(c)];
      return idempotent(c, render(c, 200), (call) =>
        apply(ws, changeContext(c), params.id, body, version, call, params),
      ) as never;
    };

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(admit, async (c) => {
      const ws = memberWorkspace(c, deps);
      const input = c.req.valid('json');
      return idempotent(c, render(c, 201), (call) => admitMember(ws, changeContext(c), input, call)) as never;
    })
    .openapi(list, async (c) => {
      const page = await listMembers(memberWorkspace(c, deps), c.get('principal'), c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(comingOfAgeRoute, async (c) => {
      const page = await comingOfAge(memberWorkspace(c, deps), c.get('principal'), c.req.valid('query'));
      return c.json(page, 200);
    })
    .openapi(read, async (c) => {
      const member = await getMember(memberWorkspace(c, deps), c.get('principal'), c.req.valid('param').id);
      return c.json(viewOf(member, seesSensitiveFields(c.get('principal'))), 200, {
        etag: etagOf(member.version),
      });
    })
    .openapi(update, async (c) => {
      const member = await updateMember(
        memberWorkspace(c, deps),
        changeContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      return c.json(viewOf(member, seesSensitiveFields(c.get('principal'))), 200, {
        etag: etagOf(member.version),
      });
    })
    .openapi(history, async (c) => {
      const items = await memberHistory(
        memberWorkspace(c, deps),
        c.get('principal'),
        c.req.valid('param').id,
      );
      return c.json({ items }, 200);
    })
    .openapi(nationalId, async (c) => {
      const number = await readNationalId(
        memberWorkspace(c, deps),
        changeContext(c),
        c.req.valid('param').id,
      );
      return c.json({ nationalId: number }, 200);
    })
    .openapi(status, memberChange(changeStatus))
    .openapi(transfer, memberChange(transferMember))
    .openapi(transferOutRoute, memberChange(transferOut))
    .openapi(introduce, memberChange(introduceToParty))
    .openapi(
      partyOutcome,
      memberChange<PartyOutcomeRequest, { id: string; introductionId: string }>(
        (ws, ctx, id, outcome, version, call, { introductionId }) =>
          decidePartyIntroduction(ws, ctx, id, introductionId, outcome, version, call),
      ),
    )
    .openapi(partyList, async (c) => {
      const page = await listPartyIntroductions(
        memberWorkspace(c, deps),
        c.get('principal'),
        c.req.valid('query'),
      );
      return c.json(page, 200);
    })
    .openapi(incoming, async (c) => {
      const page = await listIncomingTransfers(
        memberWorkspace(c, deps),
        c.get('principal'),
        c.req.valid('query'),
      );
      return c.json(page, 200);
    })
    .openapi(accept, async (c) => {
      const ws = memberWorkspace(c, deps);
      const { id } = c.req.valid('param');
      const into = c.req.valid('json');
      return idempotent(c, render(c, 201), (call) =>
        acceptTransfer(ws, changeContext(c), id, into, call),
      ) as never;
    });
}
