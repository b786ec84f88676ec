/**
 * The catalog of webhook events: each type, what it is for, whether it speaks of people or only of
 * figures, and the zod schema of its `data`. The one source for validating subscriptions, for the
 * payloads the outbox builds and for the OpenAPI document.
 */
import { z } from 'zod';
import { memberStatusSchema, memberViewSchema, transferDestinationSchema } from '../members/member.ts';

const id = z.string();

/** A field's value before and after the change; absent fields are null. */
const changeSchema = z.object({ from: z.unknown(), to: z.unknown() });

const memberRef = { memberId: id, branchId: id, unitId: id };

export const EVENT_CATALOG = {
  'member.created': {
    aggregate: false,
    description: 'A member was admitted or transferred in / Kết nạp hoặc nhận chuyển đến một hội viên',
    data: z.object({ ...memberRef, status: memberStatusSchema, member: memberViewSchema }),
  },
  'member.updated': {
    aggregate: false,
    description: 'A member’s fields changed / Sửa thông tin hội viên',
    data: z.object({ ...memberRef, changes: z.record(z.string(), changeSchema) }),
  },
  'member.status_changed': {
    aggregate: false,
    description: 'A member’s status changed / Đổi tình trạng sinh hoạt',
    data: z.object({ ...memberRef, from: memberStatusSchema, to: memberStatusSchema, since: z.string() }),
  },
  'member.transferred': {
    aggregate: false,
    description: 'A member moved to another branch / Chuyển sinh hoạt trong tổ chức',
    data: z.object({ ...memberRef, fromBranchId: id, fromUnitId: id }),
  },
  'member.transferred_out': {
    aggregate: false,
    description: 'A member left for another organization or place / Chuyển sinh hoạt ra ngoài',
    data: z.object({ ...memberRef, destination: transferDestinationSchema.nullable() }),
  },
  'branch.created': {
    aggregate: false,
    description: 'A branch was set up / Thành lập chi hội, chi đoàn',
    data: z.object({ branchId: id, unitId: id, name: z.string(), kind: z.string() }),
  },
  'branch.dissolved': {
    aggregate: false,
    description: 'A branch was dissolved / Giải thể chi hội, chi đoàn',
    data: z.object({ branchId: id, unitId: id, name: z.string() }),
  },
  'branch.rating_approved': {
    aggregate: false,
    description: 'A branch’s yearly rating was approved / Duyệt xếp loại chi hội',
    data: z.object({
      branchId: id,
      unitId: id,
      year: z.number().int(),
      level: z.string(),
      standardMet: z.boolean().nullable(),
    }),
  },
  'unit.target_set': {
    aggregate: true,
    description: 'A unit’s target population was set / Đặt số đối tượng cần tập hợp',
    data: z.object({ tenantId: id, unitId: id, year: z.number().int(), targetPopulation: z.number().int() }),
  },
  'snapshot.taken': {
    aggregate: true,
    description: 'Month-end figures were taken or revised / Chốt hoặc điều chỉnh số liệu cuối kỳ',
    data: z.object({ tenantId: id, date: z.string(), revision: z.number().int() }),
  },
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as [EventType, ...EventType[]];
export const eventTypeSchema = z.enum(EVENT_TYPES).meta({
  id: 'WebhookEventType',
  description: Object.entries(EVENT_CATALOG)
    .map(([type, entry]) => `${type}${entry.aggregate ? ' (aggregate)' : ''}: ${entry.description}`)
    .join('; '),
});

/** Sent by `POST /api/v1/webhooks/{id}/test` only; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** The events that speak of figures, never of a person: the only ones the Front may subscribe to. */
export const AGGREGATE_EVENT_TYPES = EVENT_TYPES.filter((type) => EVENT_CATALOG[type].aggregate);

/** One event type's body: `{ type, timestamp, data }`, per the Standard Webhooks specification. */
function payloadOf<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z
    .object({ type: z.literal(type), timestamp: z.iso.datetime(), data })
    .meta({ id: `WebhookEvent.${type}` });
}

/** The body of every delivery, one shape per type: the documented catalog in the OpenAPI document. */
export const webhookPayloadSchema = z
  .discriminatedUnion('type', [
    ...EVENT_TYPES.map((type) => payloadOf(type, EVENT_CATALOG[type].data)),
    payloadOf(TEST_EVENT_TYPE, z.object({ endpointId: id })),
  ] as unknown as [z.ZodObject, ...z.ZodObject[]])
  .meta({ id: 'WebhookPayload' });

/** A payload as the outbox builds it; each type's data is checked by its own schema in the tests. */
export interface WebhookPayload {
  readonly type: EventType | typeof TEST_EVENT_TYPE;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}
