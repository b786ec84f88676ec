/** Small pieces the members pages share: the way back, a status as a badge, a refused form's summary. */
import type { FC } from 'hono/jsx';
import type { MemberStatus } from '#shared/domain/members/member.ts';
import type { Message } from '#shared/domain/messages.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { ErrorSummary, type FormState } from '../components/forms.tsx';
import type { View } from '../http/view.ts';

/** Above the title: the page this one belongs to. */
export const BackTo: FC<{ view: View; href: string; label: UiTextKey }> = ({ view, href, label }) => (
  <p class="muted no-print">
    <a href={href}>← {view.t(label)}</a>
  </p>
);

export const StatusBadge: FC<{ view: View; status: MemberStatus }> = ({ view, status }) => (
  <span class="badge">{view.t(`members.status.${status}`)}</span>
);

/** A form's state with the sentence of the refusal that sent it back, if any. */
export interface RefusedForm extends FormState {
  readonly message?: Message | undefined;
}

export const Refused: FC<{ view: View; form: RefusedForm }> = ({ view, form }) => (
  <ErrorSummary view={view} form={form} message={form.message && view.say(form.message)} />
);
