/**
 * Audit records as a table a person reads: when (Vietnam's clock), who (a link to all they did),
 * what, to which record (a link to its whole history), and the fields that changed. Long changes
 * fold away so one admission does not push the rest of the log off the screen.
 */
import type { FC } from 'hono/jsx';
import type { AuditRecord } from '#shared/domain/audit.ts';
import { ROLES, type Role } from '#shared/domain/roles.ts';
import { formatDateTime } from '../components/format.ts';
import { withQuery } from '../components/pager.tsx';
import type { View } from '../http/view.ts';

export const AUDIT_PATH = '/audit';

/** Changes of more fields than this are folded under a summary. */
const OPEN_FIELDS = 4;
const LONGEST_VALUE = 80;

export const auditLink = (filter: { entityId: string } | { actor: string }) => withQuery(AUDIT_PATH, filter);

export const AuditTable: FC<{ view: View; records: readonly AuditRecord[]; caption: string }> = ({
  view,
  records,
  caption,
}) => (
  <div class="table-wrap">
    <table class="audit-log">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{view.t('audit.colAt')}</th>
          <th scope="col">{view.t('audit.colActor')}</th>
          <th scope="col">{view.t('audit.colAction')}</th>
          <th scope="col">{view.t('audit.colEntity')}</th>
          <th scope="col">{view.t('audit.colChanges')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr>
            <td class="nowrap">{formatDateTime(record.at)}</td>
            <td>
              <a href={auditLink({ actor: record.actor.userId })}>{record.actor.username}</a>
              {isRole(record.actor.role) && (
                <span class="muted"> ({view.t(`audit.role.${record.actor.role}`)})</span>
              )}
            </td>
            <td>{view.t(`audit.action.${record.action}`)}</td>
            <td>
              {view.t(`audit.entity.${record.entityType}`)}{' '}
              <a href={auditLink({ entityId: record.entityId })}>{record.entityId}</a>
            </td>
            <td>
              <Changes view={view} record={record} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

const Changes: FC<{ view: View; record: AuditRecord }> = ({ view, record }) => {
  const names = [...new Set([...Object.keys(record.before ?? {}), ...Object.keys(record.after ?? {})])];
  if (names.length === 0) return null;
  const list = (
    <ul class="changes">
      {names.map((name) => (
        <li>
          <code>{name}</code>: {record.before && <>{shown(record.before[name])} → </>}
          {record.after ? shown(record.after[name]) : '—'}
        </li>
      ))}
    </ul>
  );
  if (names.length <= OPEN_FIELDS) return list;
  return (
    <details>
      <summary>
        {names.length} {view.t('audit.fields')}
      </summary>
      {list}
    </details>
  );
};

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > LONGEST_VALUE ? `${text.slice(0, LONGEST_VALUE - 1)}…` : text;
}
