/** Hamlet proposals on the province's map: officers propose, map editors accept or reject. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  acceptProposal,
  listProposals,
  proposeHamlet,
  rejectProposal,
} from '#shared/domain/map-proposal-changes.ts';
import {
  acceptedProposalSchema,
  acceptProposalSchema,
  hamletProposalSchema,
  PROPOSAL_STATUSES,
  proposalOutcomeSchema,
  proposeHamletSchema,
  rejectProposalSchema,
} from '#shared/domain/map-proposals.ts';
import type { AppEnv } from '../app-env.ts';
import {
  bearerSecurity,
  conflictResponse,
  errorResponses,
  json,
  jsonBody,
  pageQuerySchema,
  pageSchema,
} from '../http/openapi.ts';
import { validationHook } from '../http/validation.ts';
import { changeContext, mapWorkspace } from '../http/workspaces.ts';

const tags = ['map'];
const path = '/api/v1/map/proposals';
const idParam = z.object({ id: z.string().max(64) });

const propose = createRoute({
  method: 'post',
  path,
  operationId: 'proposeHamlet',
  tags,
  summary: 'Propose a hamlet for the province’s map / Đề xuất thêm ấp, khóm',
  description:
    'A hamlet of the same name (without diacritics, any case) already in the commune is answered as it is; a pending proposal of it is joined; else a new proposal waits for a map editor.',
  security: bearerSecurity,
  request: jsonBody(proposeHamletSchema),
  responses: {
    200: json(proposalOutcomeSchema, 'The hamlet exists, or the caller joined the pending proposal'),
    201: json(proposalOutcomeSchema, 'A new proposal'),
    ...errorResponses,
  },
});

const list = createRoute({
  method: 'get',
  path,
  operationId: 'listMapProposals',
  tags,
  summary: 'Hamlet proposals by date / Danh sách đề xuất ấp, khóm',
  description:
    'Map editors see the whole province’s; others those of their organization (an officer’s, within their scope).',
  security: bearerSecurity,
  request: { query: pageQuerySchema.extend({ status: z.enum(PROPOSAL_STATUSES).default('pending') }) },
  responses: { 200: json(pageSchema(hamletProposalSchema), 'A page of proposals'), ...errorResponses },
});

const accept = createRoute({
  method: 'post',
  path: `${path}/{id}/accept`,
  operationId: 'acceptMapProposal',
  tags,
  summary: 'Accept a proposal: the hamlet is added to the map / Chấp thuận đề xuất',
  security: bearerSecurity,
  request: { params: idParam, ...jsonBody(acceptProposalSchema) },
  responses: {
    200: json(acceptedProposalSchema, 'The accepted proposal and its hamlet'),
    ...errorResponses,
    ...conflictResponse,
  },
});

const reject = createRoute({
  method: 'post',
  path: `${path}/{id}/reject`,
  operationId: 'rejectMapProposal',
  tags,
  summary: 'Reject a proposal, with the reason / Từ chối đề xuất',
  security: bearerSecurity,
  request: { params: idParam, ...jsonBody(rejectProposalSchema) },
  responses: {
    200: json(hamletProposalSchema, 'The rejected proposal'),
    ...errorResponses,
    ...conflictResponse,
  },
});

export function mapProposalRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(propose, async (c) => {
      const outcome = await proposeHamlet(mapWorkspace(c), changeContext(c), c.req.valid('json'));
      return c.json(outcome, outcome.status === 'proposed' ? 201 : 200);
    })
    .openapi(list, async (c) =>
      c.json(await listProposals(mapWorkspace(c), c.get('principal'), c.req.valid('query')), 200),
    )
    .openapi(accept, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await acceptProposal(mapWorkspace(c), changeContext(c), id, c.req.valid('json')), 200);
    })
    .openapi(reject, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await rejectProposal(mapWorkspace(c), changeContext(c), id, c.req.valid('json')), 200);
    });
}
