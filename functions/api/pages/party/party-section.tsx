/**
 * A member's introductions to the Party, on the member's page, for the roles that see sensitive
 * fields: every introduction with its outcome, and the form the member's state calls for — the
 * outcome of a pending introduction, or a new introduction of a current member who is not yet a
 * Party member. The forms post to the member's page (party-actions.tsx) and come back here refused.
 */
import type { FC } from 'hono/jsx';
import { isCurrent } from '#shared/domain/members/lifecycle.ts';
import type { Member } from '#shared/domain/members/member.ts';
import { PARTY_OUTCOMES, type PartyIntroduction } from '#shared/domain/party/party-introduction.ts';
import { formatDate } from '../components/format.ts';
import { PostForm, SelectField, TextField } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';
import { memberPath, OnceKey } from '../members/submit-once.tsx';

export const PARTY_FORMS = ['partyIntroduce', 'partyOutcome'] as const;
export type PartyForm = (typeof PARTY_FORMS)[number];

export const introductionsPath = (member: Pick<Member, 'id'>) => `${memberPath(member)}/party-introductions`;

interface SectionProps {
  readonly view: View;
  readonly member: Member;
  /** Whether the reader records introductions of this member (a writer of it). */
  readonly recorder: boolean;
  readonly forms: Partial<Record<PartyForm, RefusedForm>>;
  readonly today: string;
}

export const PartySection: FC<SectionProps> = ({ view, member, recorder, forms, today }) => {
  const introductions = member.partyIntroductions ?? [];
  const pending = introductions.find((introduction) => introduction.state === 'pending');
  const mayIntroduce = !pending && !member.partyMember && isCurrent(member.status);
  // A form refused because the member changed meanwhile (decided, introduced) is no longer drawn:
  // its refusal is said at the top of the section instead.
  const undrawn = [!pending && forms.partyOutcome, !mayIntroduce && forms.partyIntroduce].find(Boolean);
  return (
    <section class="panel member-section" aria-labelledby="party">
      <h2 id="party">{view.t('party.section')}</h2>
      {undrawn && <Refused view={view} form={undrawn} />}
      {introductions.length === 0 ? (
        <p class="muted">{view.t('party.none')}</p>
      ) : (
        <IntroductionTable view={view} introductions={introductions} />
      )}
      {recorder && pending && (
        <OutcomeForm
          view={view}
          action={`${introductionsPath(member)}/${pending.id}/outcome`}
          form={forms.partyOutcome ?? { values: { decidedOn: today }, errors: {} }}
        />
      )}
      {recorder && mayIntroduce && (
        <IntroduceForm
          view={view}
          action={introductionsPath(member)}
          form={forms.partyIntroduce ?? { values: { introducedOn: today }, errors: {} }}
        />
      )}
    </section>
  );
};

const IntroductionTable: FC<{ view: View; introductions: readonly PartyIntroduction[] }> = ({
  view,
  introductions,
}) => (
  <TableWrap label={view.t('party.caption')}>
    <table>
      <caption>{view.t('party.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('party.introducedOn')}</th>
          <th scope="col">{view.t('party.decisionNumber')}</th>
          <th scope="col">{view.t('party.state')}</th>
          <th scope="col">{view.t('party.decidedOn')}</th>
          <th scope="col">{view.t('party.note')}</th>
        </tr>
      </thead>
      <tbody>
        {introductions.map((introduction) => (
          <tr>
            <td>{formatDate(introduction.introducedOn)}</td>
            <td>{introduction.decisionNumber}</td>
            <td>
              <span class="badge">{view.t(`party.state.${introduction.state}`)}</span>
            </td>
            <td>{introduction.decidedOn ? formatDate(introduction.decidedOn) : '—'}</td>
            <td>{[introduction.note, introduction.decisionNote].filter(Boolean).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </TableWrap>
);

const IntroduceForm: FC<{ view: View; action: string; form: RefusedForm }> = ({ view, action, form }) => (
  <details class="panel" open={Object.keys(form.errors).length > 0 || form.message !== undefined}>
    <summary>{view.t('party.introduce')}</summary>
    <PostForm view={view} action={action}>
      <Refused view={view} form={form} />
      <OnceKey values={form.values} />
      <TextField
        view={view}
        form={form}
        idPrefix="party"
        name="introducedOn"
        type="date"
        label={view.t('party.introducedOn')}
        required
      />
      <TextField
        view={view}
        form={form}
        idPrefix="party"
        name="decisionNumber"
        label={view.t('party.decisionNumber')}
        required
      />
      <TextField view={view} form={form} idPrefix="party" name="note" label={view.t('party.note')} />
      <div class="actions">
        <button type="submit">{view.t('party.introduceSubmit')}</button>
      </div>
    </PostForm>
  </details>
);

const OutcomeForm: FC<{ view: View; action: string; form: RefusedForm }> = ({ view, action, form }) => (
  <details class="panel" open>
    <summary>{view.t('party.outcome')}</summary>
    <PostForm view={view} action={action} confirm={view.t('party.outcomeConfirm')}>
      <Refused view={view} form={form} />
      <OnceKey values={form.values} />
      <SelectField
        view={view}
        form={form}
        idPrefix="outcome"
        name="state"
        label={view.t('party.state')}
        options={PARTY_OUTCOMES.map((state) => ({ value: state, label: view.t(`party.state.${state}`) }))}
        empty={view.t('form.choose')}
        required
      />
      <TextField
        view={view}
        form={form}
        idPrefix="outcome"
        name="decidedOn"
        type="date"
        label={view.t('party.decidedOn')}
        required
      />
      <TextField view={view} form={form} idPrefix="outcome" name="note" label={view.t('party.note')} />
      <div class="actions">
        <button type="submit">{view.t('party.outcomeSubmit')}</button>
      </div>
    </PostForm>
  </details>
);
