/**
 * Form parts every page uses. A field shows what was typed and, when refused, its message right
 * beside it, tied to the input by aria-describedby so a screen reader says it too.
 */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { Message } from '#shared/domain/messages.ts';
import { CSRF_FIELD } from '../http/csrf.ts';
import type { FieldErrors, FormValues } from '../http/forms.ts';
import type { View } from '../http/view.ts';

/** What a form shows: the values to fill in and the messages of a refused submission. */
export interface FormState {
  readonly values: FormValues;
  readonly errors: FieldErrors;
}

export const EMPTY_FORM: FormState = { values: {}, errors: {} };

interface FormProps {
  readonly view: View;
  readonly action: string;
  /** A question asked before submitting (with the script; without it the form just submits). */
  readonly confirm?: string;
  readonly class?: string;
  /** For a form that sends a file. */
  readonly enctype?: 'multipart/form-data';
  /** A page the script shows, refreshed, while the form's long request runs (an import's progress). */
  readonly progress?: string;
  /**
   * Where the script asks for an upload link when the form's file is larger than `over` bytes,
   * to send the file straight to the file store (an import past the request's limit), with what
   * it says meanwhile and when the upload fails.
   */
  readonly upload?: {
    readonly action: string;
    readonly over: number;
    readonly sending: string;
    readonly failed: string;
  };
}

/** A POST form carrying the session's CSRF token. */
export const PostForm: FC<PropsWithChildren<FormProps>> = ({ view, action, confirm, children, ...rest }) => (
  <form
    method="post"
    action={action}
    class={rest.class ?? 'stack'}
    data-confirm={confirm}
    data-progress={rest.progress}
    data-upload={rest.upload?.action}
    data-upload-over={rest.upload?.over}
    data-upload-sending={rest.upload?.sending}
    data-upload-failed={rest.upload?.failed}
    enctype={rest.enctype}
  >
    <input type="hidden" name={CSRF_FIELD} value={view.csrfToken} />
    {children}
  </form>
);

interface FieldProps {
  readonly view: View;
  readonly name: string;
  readonly label: string;
  readonly form: FormState;
  readonly hint?: string;
  readonly required?: boolean;
  /** Keeps ids apart when one page holds several forms with the same field names. */
  readonly idPrefix?: string;
}

/** The id of a field's input, from its name (`address.street` → `f-address-street`). */
export const idOf = (name: string, prefix = 'f') => `${prefix}-${name.replaceAll('.', '-')}`;

function describedBy(name: string, form: FormState, hint?: string, prefix?: string) {
  const id = idOf(name, prefix);
  const ids = [hint && `${id}-hint`, form.errors[name] && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const FieldFrame: FC<PropsWithChildren<FieldProps>> = ({
  view,
  name,
  label,
  form,
  hint,
  required,
  idPrefix,
  children,
}) => (
  <div class="field">
    <label for={idOf(name, idPrefix)}>
      {label} {required && <span class="muted">{view.t('form.required')}</span>}
    </label>
    {hint && (
      <span class="hint" id={`${idOf(name, idPrefix)}-hint`}>
        {hint}
      </span>
    )}
    {children}
    {form.errors[name] && (
      <span class="error" id={`${idOf(name, idPrefix)}-error`}>
        {view.say(form.errors[name])}
      </span>
    )}
  </div>
);

interface InputProps extends FieldProps {
  readonly type?: 'text' | 'date' | 'number' | 'password' | 'search' | 'tel' | 'email';
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'text' | 'tel';
  readonly min?: number;
}

export const TextField: FC<InputProps> = (props) => {
  const { name, form, hint, required, type = 'text', autocomplete, inputmode, min, idPrefix } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={idOf(name, idPrefix)}
        name={name}
        type={type}
        value={form.values[name] ?? ''}
        required={required}
        autocomplete={autocomplete}
        inputmode={inputmode}
        min={min}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, form, hint, idPrefix)}
      />
    </FieldFrame>
  );
};

export interface Option {
  readonly value: string;
  readonly label: string;
}

interface SelectProps extends FieldProps {
  readonly options: readonly Option[];
  /** A first, empty choice ("— Choose —", "All"). */
  readonly empty?: string;
}

/** A file to send: what it may be (`accept`), and its message when refused. */
export const FileField: FC<FieldProps & { readonly accept: string }> = (props) => {
  const { name, form, hint, required, accept, idPrefix } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={idOf(name, idPrefix)}
        name={name}
        type="file"
        accept={accept}
        required={required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, form, hint, idPrefix)}
      />
    </FieldFrame>
  );
};

/**
 * A set of yes/no boxes, one per choice, named `<prefix>.<value>` (read back by `checkedOf`), and
 * the message of the field `name` the set fills when refused.
 */
export const CheckboxGroup: FC<{
  readonly view: View;
  readonly form: FormState;
  readonly name: string;
  readonly prefix: string;
  readonly legend: string;
  readonly choices: readonly { readonly value: string; readonly label: Child }[];
}> = ({ view, form, name, prefix, legend, choices }) => {
  const errorId = `${idOf(name)}-error`;
  return (
    <fieldset class="field" aria-describedby={form.errors[name] ? errorId : undefined}>
      <legend>{legend}</legend>
      {choices.map(({ value, label }) => (
        <label class="check">
          <input
            type="checkbox"
            name={`${prefix}.${value}`}
            value="yes"
            checked={form.values[`${prefix}.${value}`] === 'yes'}
          />{' '}
          {label}
        </label>
      ))}
      {form.errors[name] && (
        <span class="error" id={errorId}>
          {view.say(form.errors[name])}
        </span>
      )}
    </fieldset>
  );
};

/**
 * One yes/no box (`value="yes"`) with its message beside it when refused: a setting that is on or
 * off, or the "Tôi hiểu …" a destructive step asks for.
 */
export const CheckField: FC<{
  readonly view: View;
  readonly form: FormState;
  readonly name: string;
  readonly label: string;
  readonly required?: boolean;
  readonly idPrefix?: string;
}> = ({ view, form, name, label, required, idPrefix }) => {
  const error = form.errors[name];
  const errorId = `${idOf(name, idPrefix)}-error`;
  return (
    <div class="field">
      <label class="check">
        <input
          type="checkbox"
          name={name}
          value="yes"
          checked={form.values[name] === 'yes'}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
        />{' '}
        {label}
      </label>
      {error && (
        <span class="error" id={errorId}>
          {view.say(error)}
        </span>
      )}
    </div>
  );
};

/** The box a destructive step asks to be ticked. */
const AGREE_FIELD = 'agree';
export const agreed = (values: FormValues) => values[AGREE_FIELD] === 'yes';
/** The box's message when it was not ticked. */
export const notAgreed = (message: Message): FieldErrors => ({ [AGREE_FIELD]: message });

/**
 * A destructive step's form, sent only with its "Tôi hiểu …" ticked (its handler checks `agreed`
 * too, as a browser may not); `children` go above the box (a refusal, hidden fields).
 */
export const AgreeForm: FC<
  PropsWithChildren<{
    readonly view: View;
    readonly action: string;
    readonly form: FormState;
    readonly idPrefix: string;
    readonly agree: string;
    readonly submit: string;
  }>
> = ({ view, action, form, idPrefix, agree, submit, children }) => (
  <PostForm view={view} action={action} class="stack agree">
    {children}
    <CheckField view={view} form={form} name={AGREE_FIELD} idPrefix={idPrefix} label={agree} required />
    <div class="actions">
      <button type="submit" class="danger">
        {submit}
      </button>
    </div>
  </PostForm>
);

/** The choices a CheckboxGroup's boxes were ticked for, in the order given. */
export const checkedOf = <T extends string>(values: FormValues, prefix: string, choices: readonly T[]): T[] =>
  choices.filter((value) => values[`${prefix}.${value}`] === 'yes');

export const SelectField: FC<SelectProps> = (props) => {
  const { name, form, hint, required, options, empty, idPrefix } = props;
  const selected = form.values[name] ?? '';
  return (
    <FieldFrame {...props}>
      <select
        id={idOf(name, idPrefix)}
        name={name}
        required={required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, form, hint, idPrefix)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
};

/** Many lines of text: a list pasted from a spreadsheet, one item a line. */
export const TextAreaField: FC<FieldProps & { readonly rows?: number }> = (props) => {
  const { name, form, hint, required, rows = 6, idPrefix } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={idOf(name, idPrefix)}
        name={name}
        rows={rows}
        required={required}
        aria-invalid={form.errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, form, hint, idPrefix)}
      >
        {form.values[name] ?? ''}
      </textarea>
    </FieldFrame>
  );
};

/** Said at the top of a refused form, so the reader knows to look at the marked fields. */
export const ErrorSummary: FC<{ view: View; form: FormState; message?: string }> = ({
  view,
  form,
  message,
}) =>
  Object.keys(form.errors).length > 0 || message ? (
    <div class="notice error" role="alert">
      {message ?? view.t('form.errorSummary')}
    </div>
  ) : null;

export const Notice: FC<PropsWithChildren<{ kind: 'ok' | 'warn' | 'error' }>> = ({ kind, children }) => (
  <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
