import { useTranslation } from 'react-i18next';
import type { Page } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import type { WebhookDelivery } from './quality-types.js';

/** The latest deliveries of one webhook: event, status, attempts, the endpoint's answer, the next retry. */
export function WebhookDeliveries({ webhookId }: { webhookId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useAsync((signal) => api.get<Page<WebhookDelivery>>(`/api/webhooks/${webhookId}/deliveries?limit=20`, { signal }), [api, webhookId]);
  if (list.error) return <ErrorText error={list.error} />;
  if (!list.data) return <p className="muted small">{t('quality.loading')}</p>;
  if (list.data.items.length === 0) return <p className="muted small">{t('quality.webhooks.noDeliveries')}</p>;
  return (
    <ul className="deliveries small">
      {list.data.items.map((d) => (
        <li key={d.id}>
          <span className={`badge ${d.status === 'succeeded' ? 'ok' : d.status === 'failed' ? 'bad' : ''}`}>{t(`quality.webhooks.status.${d.status}`)}</span> <code>{d.event}</code>{' '}
          {new Date(d.createdAt).toLocaleString()} · {t('quality.webhooks.attempts', { count: d.attempts })}
          {d.responseStatus !== null ? ` · HTTP ${d.responseStatus}` : ''}
          {d.nextAttemptAt ? ` · ${t('quality.webhooks.nextAttempt', { at: new Date(d.nextAttemptAt).toLocaleTimeString() })}` : ''}
          {d.lastError ? <div className="error">{d.lastError}</div> : null}
        </li>
      ))}
    </ul>
  );
}
