/**
 * The problem responses operations share, declared once as components of the OpenAPI document:
 * each names the error codes its status carries, with an example of each, so an integrator sees
 * every code a 404 or a 409 may hold without the document repeating them under 94 operations.
 */
import { type ErrorCode, errorMessages } from '#shared/domain/messages.ts';
import type { RouteGroup } from '../app-env.ts';
import { PROBLEM_CONTENT_TYPE, problemTypeOf, statusOf } from './problem.ts';

const PROBLEM_RESPONSES = {
  BadRequest: { status: 400, description: 'Invalid input / Dữ liệu không hợp lệ' },
  Unauthorized: { status: 401, description: 'Not signed in / Chưa đăng nhập' },
  Forbidden: { status: 403, description: 'Not allowed / Không có quyền' },
  NotFound: { status: 404, description: 'Not found / Không tìm thấy' },
  Conflict: {
    status: 409,
    description: 'Conflict with the current state / Xung đột với trạng thái hiện tại',
  },
  PreconditionFailed: { status: 412, description: 'Changed meanwhile (If-Match) / Hồ sơ đã bị sửa' },
  Unprocessable: { status: 422, description: 'Understood but refused / Không thể xử lý yêu cầu' },
  PreconditionRequired: { status: 428, description: 'If-Match required / Cần If-Match' },
  TooManyRequests: { status: 429, description: 'Too many requests / Quá nhiều yêu cầu' },
  // A write DynamoDB kept refusing for the moment (a concurrent transaction, throttling): nothing written.
  Busy: {
    status: 503,
    description:
      'Busy, nothing written: send again after Retry-After / Hệ thống bận, chưa lưu: gửi lại sau Retry-After',
  },
} as const;

type ProblemResponseName = keyof typeof PROBLEM_RESPONSES;

/** An operation's response pointing at the shared component. */
export const problemRef = (name: ProblemResponseName) =>
  ({ $ref: `#/components/responses/${name}` }) as const;

const ERROR_CODES = Object.keys(errorMessages) as ErrorCode[];

/** Whatever value a sentence asks for reads "…" in the examples. */
const PLACEHOLDERS = new Proxy({} as Record<string, string>, { get: () => '…' });

/** A problem document as the API would answer `code`. */
function exampleProblem(code: ErrorCode) {
  const entry = errorMessages[code];
  const detail = entry.detail(PLACEHOLDERS);
  return {
    type: problemTypeOf(code),
    code,
    status: statusOf(code),
    title: entry.title.vi,
    detail: detail.vi,
    titleEn: entry.title.en,
    detailEn: detail.en,
    instance: '/api/v1/members/01J9Z8Q4T6W2M5N7P3R1S0V8XY',
    requestId: '6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b',
  };
}

/** Adds every shared problem response to the document's components; `Problem` is their schema. */
export function registerProblemResponses(app: RouteGroup) {
  for (const [name, { status, description }] of Object.entries(PROBLEM_RESPONSES)) {
    const codes = ERROR_CODES.filter((code) => statusOf(code) === status);
    app.openAPIRegistry.registerComponent('responses', name, {
      description: `${description}. Codes / Mã lỗi: ${codes.join(', ')}`,
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: '#/components/schemas/Problem' },
          examples: Object.fromEntries(
            codes.map((code) => [
              code,
              { summary: errorMessages[code].title.en, value: exampleProblem(code) },
            ]),
          ),
        },
      },
    });
  }
}
