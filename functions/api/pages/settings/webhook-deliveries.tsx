/** An endpoint's deliveries, newest first, each with its attempts and a button to send it again. */
import type { DeliveryView } from '#shared/domain/webhooks/delivery.ts';
import { formatDateTime } from '../components/format.ts';
import { PostForm } from '../components/forms.tsx';
import { RecordTable } from '../components/record-table.tsx';
import type { View } from '../http/view.ts';
import { endpointPath } from './webhook-paths.ts';

export const DeliveryTable = ({
  view,
  endpointId,
  deliveries,
}: {
  view: View;
  endpointId: string;
  deliveries: readonly DeliveryView[];
}) => (
  <RecordTable
    label={view.t('webhooks.deliveries')}
    columns={[
      view.t('webhooks.createdAt'),
      view.t('webhooks.event'),
      view.t('webhooks.status'),
      view.t('webhooks.attempts'),
    ]}
    actions={view.t('webhooks.replay')}
    count={deliveries.length}
    empty={view.t('webhooks.noDeliveries')}
  >
    {deliveries.map((delivery) => (
      <tr>
        <td>{formatDateTime(delivery.createdAt)}</td>
        <td>
          <code>{delivery.type}</code>
        </td>
        <td>{view.t(`webhooks.delivery.${delivery.status}`)}</td>
        <td>
          <ul>
            {delivery.attempts.map((attempt) => (
              <li>
                {formatDateTime(attempt.at)} · {attempt.statusCode ?? attempt.error} · {attempt.durationMs} ms
                {attempt.responseExcerpt && (
                  <>
                    {' · '}
                    <code>{attempt.responseExcerpt.slice(0, 120)}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <PostForm
            view={view}
            action={endpointPath(endpointId, `/deliveries/${encodeURIComponent(delivery.id)}/replay`)}
          >
            <button type="submit" class="secondary">
              {view.t('webhooks.replay')}
            </button>
          </PostForm>
        </td>
      </tr>
    ))}
  </RecordTable>
);
