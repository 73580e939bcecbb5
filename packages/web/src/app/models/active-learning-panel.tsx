import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { QUEUE_ORDERS, fmt, type QueueOrder, type QueuePreview } from './model-types.js';

/** The project's queue order (sequential, random, or the latest model's uncertainty) and the tasks it puts next. */
export function ActiveLearningPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [saved, setSaved] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const { data: preview, error: loadError } = useAsync((signal) => api.get<QueuePreview>(`/api/projects/${projectId}/active-learning/preview?limit=10`, { signal }), [api, projectId, saved]);

  const choose = async (order: QueueOrder, seed?: number) => {
    setError(null);
    try {
      await api.request('PUT', `/api/projects/${projectId}/active-learning`, { body: { order, ...(seed !== undefined ? { seed } : {}) } });
      setSaved((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card model-section" data-testid="active-learning">
      <h3>{t('models.al.title')}</h3>
      <p className="muted small">{t('models.al.help')}</p>
      {preview ? (
        <div className="form-row">
          <label>
            {t('models.al.order')}
            <select value={preview.order} onChange={(e) => void choose(e.target.value as QueueOrder)} data-testid="al-order">
              {QUEUE_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {t(`models.al.orders.${o}`)}
                </option>
              ))}
            </select>
          </label>
          {preview.order === 'random' ? (
            <label>
              {t('models.al.seed')}
              <input type="number" min={0} defaultValue={preview.seed} onBlur={(e) => void choose('random', Number(e.target.value))} />
            </label>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={error ?? loadError} />
      {preview ? (
        <table className="table" data-testid="al-preview">
          <thead>
            <tr>
              <th>{t('models.al.task')}</th>
              <th>{t('models.al.score')}</th>
              <th>{t('models.al.guess')}</th>
              <th>{t('models.al.data')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={item.taskId}>
                <td className="num">#{item.taskId}</td>
                <td className="num">{fmt(item.score)}</td>
                <td>{item.label ? `${item.label} (${fmt(item.probability, 2)})` : '—'}</td>
                <td className="preview">{JSON.stringify(item.data).slice(0, 120)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview?.items.length === 0 ? <p className="muted">{t('models.al.empty')}</p> : null}
    </section>
  );
}
