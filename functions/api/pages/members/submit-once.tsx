/**
 * A member form is submitted once however often it is sent: the form carries a key drawn when it
 * was drawn, and the change runs through the same idempotency records as the API's
 * Idempotency-Key, so a double click admits one member and both answers lead to it.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { IdempotentCall } from '#shared/domain/idempotency.ts';
import type { Member } from '#shared/domain/members/member.ts';
import type { AppEnv } from '../../app-env.ts';
import { once } from '../../http/idempotency.ts';
import type { FormValues } from '../http/forms.ts';

export const ONCE_FIELD = 'once';

/** The key of one drawing of a form; a form drawn again after a refusal keeps its key. */
export const OnceKey: FC<{ values: FormValues }> = ({ values }) => (
  <input type="hidden" name={ONCE_FIELD} value={values[ONCE_FIELD] || randomUUID()} />
);

export const memberPath = (member: Pick<Member, 'id'>) => `/members/${member.id}`;

/** Makes the change once per key and answers where the reader goes next: the member's page. */
export async function changeOnce(
  c: Context<AppEnv>,
  values: FormValues,
  run: (call?: IdempotentCall<Member>) => Promise<Member>,
): Promise<string> {
  const { [ONCE_FIELD]: key, ...request } = values;
  if (!key) return memberPath(await run());
  const answer = await once(
    c,
    key,
    request,
    (member: Member) => ({ status: 303, body: null, headers: { location: memberPath(member) } }),
    run,
  );
  return answer.response.headers.location ?? '/members';
}
