/**
 * Admitting a member and editing one: the API's own schemas check the form, a refused form comes
 * back with what was typed and each message beside its field, and nothing is written. An edit
 * carries the version it was drawn from; when someone changed the member meanwhile, the form
 * says so and shows the member as it now is.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { requireMemberWriter } from '#shared/domain/access/member-access.ts';
import { DomainError } from '#shared/domain/errors.ts';
import { admitMember } from '#shared/domain/members/admission.ts';
import {
  ADMISSION_STATUSES,
  admitMemberSchema,
  type Member,
  updateMemberSchema,
} from '#shared/domain/members/member.ts';
import { updateMember } from '#shared/domain/members/member-changes.ts';
import { getMember } from '#shared/domain/members/member-queries.ts';
import type { Message } from '#shared/domain/messages.ts';
import type { AppDependencies, AppEnv } from '../../app-env.ts';
import { changeContext, memberWorkspace } from '../../http/workspaces.ts';
import { type FormState, Notice, PostForm, SelectField, TextField } from '../components/forms.tsx';
import { scopeUnitId } from '../components/reader-unit.ts';
import { type FormStatus, refusalOf } from '../http/form-refusal.ts';
import { formVersion, readForm } from '../http/forms.ts';
import { renderPage } from '../http/render.tsx';
import { viewOf } from '../http/view.ts';
import { fieldSetOf, PersonFields, personInput, valuesOf } from './member-fields.tsx';
import { BackTo, Refused } from './member-parts.tsx';
import { branchChoices, unitChoices } from './member-places.ts';
import { BranchField, UnitPicker } from './place-fields.tsx';
import { changeOnce, memberPath, OnceKey } from './submit-once.tsx';

interface Outcome {
  readonly status?: FormStatus;
  readonly message?: Message;
}

export function memberFormPages(deps: AppDependencies) {
  return new Hono<AppEnv>()
    .get('/members/new', async (c) => {
      requireMemberWriter(c.get('principal'));
      const unitId = c.req.query('unitId') || scopeUnitId(c.get('principal'));
      return admitForm(c, { values: unitId ? { unitId } : {}, errors: {} });
    })
    .post('/members/new', async (c) => {
      requireMemberWriter(c.get('principal'));
      const set = fieldSetOf(c.get('principal'));
      const form = await readForm(c, admitMemberSchema, (values) => ({
        ...personInput(values, set, 'admit'),
        ...(values.branchId && { branchId: values.branchId }),
        ...(values.status && { status: values.status }),
        ...(values.awayPlace?.trim() && { awayPlace: values.awayPlace }),
      }));
      if (!form.ok) return admitForm(c, { values: form.values, errors: form.errors }, { status: 400 });
      const ws = memberWorkspace(c, deps);
      try {
        const location = await changeOnce(c, form.values, (call) =>
          admitMember(ws, changeContext(c), form.data, call),
        );
        return c.redirect(location, 303);
      } catch (error) {
        const refusal = refusalOf(error, { NATIONAL_ID_TAKEN: 'nationalId', BRANCH_CLOSED: 'branchId' });
        if (!refusal) throw error;
        // The key went with another submission of this form: this one is new, with a key of its own.
        const values =
          error instanceof DomainError && error.code === 'IDEMPOTENCY_KEY_REUSED'
            ? { ...form.values, once: '' }
            : form.values;
        return admitForm(c, { values, errors: refusal.errors }, refusal);
      }
    })
    .get('/members/:id/edit', async (c) => {
      const member = await getMember(memberWorkspace(c, deps), c.get('principal'), c.req.param('id'));
      requireMemberWriter(c.get('principal'));
      return editForm(c, member, { values: valuesOf(member), errors: {} });
    })
    .post('/members/:id/edit', async (c) => {
      requireMemberWriter(c.get('principal'));
      const ws = memberWorkspace(c, deps);
      const id = c.req.param('id');
      const set = fieldSetOf(c.get('principal'));
      const form = await readForm(c, updateMemberSchema, (values) => personInput(values, set, 'edit'));
      const before = await getMember(ws, c.get('principal'), id);
      if (!form.ok) return editForm(c, before, { values: form.values, errors: form.errors }, { status: 400 });
      try {
        const member = await updateMember(ws, changeContext(c), id, form.data, formVersion(form.values));
        return c.redirect(memberPath(member), 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'PRECONDITION_FAILED') {
          const current = await getMember(ws, c.get('principal'), id);
          return editForm(c, current, { values: valuesOf(current), errors: {} }, { status: 412 });
        }
        const refusal = refusalOf(error, { NATIONAL_ID_TAKEN: 'nationalId' });
        if (!refusal) throw error;
        return editForm(c, before, { values: form.values, errors: refusal.errors }, refusal);
      }
    });
}

async function admitForm(c: Context<AppEnv>, form: FormState, outcome: Outcome = {}) {
  const principal = c.get('principal');
  const unitId = form.values.unitId || undefined;
  // Who spans the organization picks a commune first, then one of its branches.
  const [units, branches] = await Promise.all([
    principal.scope === null ? unitChoices(c, unitId) : Promise.resolve([]),
    branchChoices(c, unitId),
  ]);
  const set = fieldSetOf(principal);
  return renderPage(
    c,
    {
      title: (view) => view.t('members.admit.title'),
      status: outcome.status ?? 200,
      lead: <BackTo view={viewOf(c)} href="/members" label="members.list.title" />,
    },
    (view) => (
      <>
        {units.length > 0 && (
          <UnitPicker
            view={view}
            action="/members/new"
            name="unitId"
            value={unitId ?? ''}
            label="members.admit.unit"
            units={units}
            choose
          />
        )}
        <div class="panel">
          <Refused view={view} form={{ ...form, message: outcome.message }} />
          <PostForm view={view} action="/members/new">
            <OnceKey values={form.values} />
            {unitId && <input type="hidden" name="unitId" value={unitId} />}
            <BranchField view={view} form={form} branches={branches} />
            <PersonFields view={view} form={form} set={set} />
            <SelectField
              view={view}
              form={form}
              name="status"
              label={view.t('members.field.status')}
              options={ADMISSION_STATUSES.map((status) => ({
                value: status,
                label: view.t(`members.status.${status}`),
              }))}
            />
            <TextField
              view={view}
              form={form}
              name="awayPlace"
              label={view.t('members.field.awayPlace')}
              hint={view.t('members.field.awayPlaceHint')}
            />
            <div class="actions">
              <button type="submit">{view.t('members.admit.submit')}</button>
              <a href="/members">{view.t('form.cancel')}</a>
            </div>
          </PostForm>
        </div>
      </>
    ),
  );
}

function editForm(c: Context<AppEnv>, member: Member, form: FormState, outcome: Outcome = {}) {
  const set = fieldSetOf(c.get('principal'));
  const stale = outcome.status === 412;
  return renderPage(
    c,
    {
      title: (view) => `${view.t('members.edit.title')}: ${member.fullName}`,
      status: outcome.status ?? 200,
      lead: <BackTo view={viewOf(c)} href={memberPath(member)} label="members.detail.back" />,
    },
    (view) => (
      <div class="panel">
        {stale && <Notice kind="warn">{view.t('form.staleVersion')}</Notice>}
        <Refused view={view} form={{ ...form, message: outcome.message }} />
        <PostForm view={view} action={`${memberPath(member)}/edit`}>
          <input type="hidden" name="version" value={form.values.version || String(member.version)} />
          <PersonFields
            view={view}
            form={form}
            set={set}
            nationalIdMasked={member.nationalId?.masked ?? null}
          />
          <div class="actions">
            <button type="submit">{view.t('form.save')}</button>
            <a href={memberPath(member)}>{view.t('form.cancel')}</a>
          </div>
        </PostForm>
      </div>
    ),
  );
}
