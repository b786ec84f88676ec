/**
 * A branch's review sheet as one form: a row per current member in name order, a box to tick
 * for confirming them as they stand, and a fold with a change of status (new status, where they
 * work when away, the reason, the date). Two buttons send it: the ticked members, or everyone not
 * yet reviewed; changes go with either. Field names carry the member id (`status.<id>`), so a
 * refusal of a row (`confirm.3.reason`) lands beside that member's field.
 */
import type { FC } from 'hono/jsx';
import { canFollow } from '#shared/domain/members/lifecycle.ts';
import type { MemberStatus } from '#shared/domain/members/member.ts';
import { type BranchReviewSheet, REVIEWED_STATUSES } from '#shared/domain/review/member-review.ts';
import type { UiTextKey } from '#shared/domain/ui-text/index.ts';
import { idOf, PostForm, SelectField, TextField } from '../components/forms.tsx';
import { TableWrap } from '../components/table-wrap.tsx';
import type { FieldErrors, FormValues } from '../http/forms.ts';
import type { View } from '../http/view.ts';
import { Refused, type RefusedForm } from '../members/member-parts.tsx';

export const ACTIONS = ['selected', 'rest'] as const;
type Row = BranchReviewSheet['members'][number];

/** A change's fields, each named `<part>.<memberId>`. */
const CHANGE_PARTS = ['status', 'awayPlace', 'reason', 'effectiveDate'] as const;
const field = (part: (typeof CHANGE_PARTS)[number] | 'pick', memberId: string) => `${part}.${memberId}`;

/**
 * What an API client would send for this form: a row with a new status is a change, a ticked
 * row a confirmation as it stands; the second button also confirms everyone else not reviewed.
 * Answers the member id of each row sent, to put the refusal of a row beside its fields.
 */
export function confirmInput(sheet: BranchReviewSheet, values: FormValues) {
  const rows: string[] = [];
  // Typed as the form sent it: the API's schema judges the statuses.
  const confirm = sheet.members.flatMap(({ memberId, status }): Record<string, string | undefined>[] => {
    const value = (part: (typeof CHANGE_PARTS)[number]) => values[field(part, memberId)]?.trim() || undefined;
    const changed = value('status');
    if (!changed && values[field('pick', memberId)] !== 'yes') return [];
    rows.push(memberId);
    if (!changed) return [{ memberId, status }];
    return [
      {
        memberId,
        status: changed,
        awayPlace: value('awayPlace'),
        reason: value('reason'),
        effectiveDate: value('effectiveDate'),
      },
    ];
  });
  return { input: { confirm, confirmRest: values.action === 'rest' }, rows };
}

/** A refusal's `confirm.<row>.<part>` as the field of that member on this form. */
export function rowErrors(errors: FieldErrors, rows: readonly string[]): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const [, index, part] = /^confirm\.(\d+)\.(\w+)$/.exec(path) ?? [];
      const memberId = rows[Number(index)];
      if (!memberId || !part) return [path, message];
      return [`${part === 'memberId' ? 'status' : part}.${memberId}`, message];
    }),
  );
}

/** The change's text fields under its status, in the order they are filled in. */
const CHANGE_TEXTS: readonly {
  part: (typeof CHANGE_PARTS)[number];
  label: UiTextKey;
  type: 'text' | 'date';
  hint?: UiTextKey;
}[] = [
  { part: 'awayPlace', label: 'members.field.awayPlace', type: 'text' },
  { part: 'reason', label: 'reviews.reason', type: 'text' },
  {
    part: 'effectiveDate',
    label: 'members.field.effectiveDate',
    type: 'date',
    hint: 'reviews.effectiveDateHint',
  },
];

const statusWord = (view: View, status: MemberStatus) => view.t(`members.status.${status}`);

export const SheetForm: FC<{
  view: View;
  sheet: BranchReviewSheet;
  form: RefusedForm;
  action: string;
  youth: boolean;
}> = ({ view, sheet, form, action, youth }) => (
  <PostForm view={view} action={action} class="stack review-sheet">
    <Refused view={view} form={form} />
    <p class="muted">{view.t('reviews.howTo')}</p>
    <SheetButtons view={view} />
    <SheetFrame view={view}>
      {sheet.members.map((row) => (
        <FormRow view={view} row={row} form={form} youth={youth} />
      ))}
    </SheetFrame>
    <SheetButtons view={view} />
  </PostForm>
);

/** Above and below the rows: sixty members down, the buttons are still at hand. */
const SheetButtons: FC<{ view: View }> = ({ view }) => (
  <div class="actions">
    <button type="submit" name="action" value="selected">
      {view.t('reviews.confirmSelected')}
    </button>
    <button type="submit" name="action" value="rest" class="secondary">
      {view.t('reviews.confirmRest')}
    </button>
  </div>
);

const FormRow: FC<{ view: View; row: Row; form: RefusedForm; youth: boolean }> = ({
  view,
  row,
  form,
  youth,
}) => {
  const { memberId } = row;
  const pick = field('pick', memberId);
  const touched = CHANGE_PARTS.some(
    (part) => form.errors[field(part, memberId)] || form.values[field(part, memberId)],
  );
  const options = REVIEWED_STATUSES.filter(
    (status) => canFollow(row.status, status) && (status !== 'graduated' || youth),
  ).map((status) => ({ value: status, label: statusWord(view, status) }));
  const error = form.errors[field('status', memberId)];
  return (
    <tr>
      <th scope="row">
        {row.reviewed ? (
          <span class="check">{row.fullName}</span>
        ) : (
          <label class="check" for={idOf(pick, 'r')}>
            <input
              id={idOf(pick, 'r')}
              type="checkbox"
              name={pick}
              value="yes"
              checked={form.values[pick] === 'yes'}
            />
            <span>
              {row.fullName}
              <span class="sr-only">: {view.t('reviews.pick')}</span>
            </span>
          </label>
        )}
      </th>
      <StatusCells view={view} row={row} />
      <td>
        <details open={touched || Boolean(error)}>
          <summary>
            {view.t('reviews.change')}
            <span class="sr-only">: {row.fullName}</span>
          </summary>
          <div class="stack review-change">
            <SelectField
              view={view}
              form={form}
              idPrefix="r"
              name={field('status', memberId)}
              label={view.t('reviews.newStatus')}
              options={options}
              empty={view.t('reviews.keepStatus')}
            />
            {CHANGE_TEXTS.map(({ part, label, type, hint }) => (
              <TextField
                view={view}
                form={form}
                idPrefix="r"
                name={field(part, memberId)}
                label={view.t(label)}
                type={type}
                hint={hint && view.t(hint)}
              />
            ))}
          </div>
        </details>
      </td>
    </tr>
  );
};

/** A member's status as it stands, and whether the campaign has confirmed it. */
const StatusCells: FC<{ view: View; row: Row }> = ({ view, row }) => (
  <>
    <td>
      {statusWord(view, row.status)}
      {row.awayPlace && <span class="muted"> · {row.awayPlace}</span>}
    </td>
    <td>
      <span class={row.reviewed ? 'badge done' : 'badge'}>
        {view.t(row.reviewed ? 'reviews.isReviewed' : 'reviews.notReviewed')}
      </span>
      {row.reviewed && row.confirmation?.changed && (
        <span class="muted"> · {view.t('reviews.wasChanged')}</span>
      )}
    </td>
  </>
);

const SheetFrame: FC<{ view: View; writer?: boolean; children: unknown }> = ({
  view,
  writer = true,
  children,
}) => (
  <TableWrap label={view.t('reviews.sheetCaption')}>
    <table class="stacked review-rows">
      <caption>{view.t('reviews.sheetCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('reviews.member')}</th>
          <th scope="col">{view.t('reviews.currentStatus')}</th>
          <th scope="col">{view.t('reviews.reviewState')}</th>
          {writer && <th scope="col">{view.t('reviews.change')}</th>}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </TableWrap>
);

/** The sheet as it stands, for whoever reads it, or once the campaign is closed. */
export const SheetTable: FC<{ view: View; sheet: BranchReviewSheet }> = ({ view, sheet }) => (
  <SheetFrame view={view} writer={false}>
    {sheet.members.map((row) => (
      <tr>
        <th scope="row">
          <a href={`/members/${encodeURIComponent(row.memberId)}`}>{row.fullName}</a>
        </th>
        <StatusCells view={view} row={row} />
      </tr>
    ))}
  </SheetFrame>
);
