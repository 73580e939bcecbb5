import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import type { GoldScore, GoldTask } from './quality-types.js';
import { percent } from './region-names.js';

/** Gold tasks with their mean scores, and every scored submission (managers); a gold mark can be removed here. */
export function GoldPanel({ projectId, names }: { projectId: number; names: ReadonlyMap<number, string> }) {
  const { t } = useTranslation();
  const api = useApi();
  const gold = useAsync((signal) => api.get<GoldTask[]>(`/api/projects/${projectId}/gold`, { signal }), [api, projectId]);
  const scores = useAsync((signal) => api.get<Page<GoldScore>>(`/api/projects/${projectId}/gold/scores?limit=200`, { signal }), [api, projectId]);
  const [error, setError] = useState<unknown>(null);
  const unmark = async (annotationId: number) => {
    setError(null);
    try {
      await api.delete(`/api/annotations/${annotationId}/gold`);
      gold.reload();
      scores.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" data-testid="gold-panel">
      <h2>{t('quality.gold.title')}</h2>
      <p className="muted small">{t('quality.gold.help')}</p>
      <ErrorText error={gold.error ?? scores.error ?? error} />
      {gold.data && gold.data.length === 0 ? <p className="muted">{t('quality.gold.none')}</p> : null}
      {gold.data && gold.data.length > 0 ? (
        <table className="table" data-testid="gold-tasks">
          <thead>
            <tr>
              <th>{t('quality.gold.task')}</th>
              <th>{t('quality.gold.scored')}</th>
              <th>{t('quality.gold.meanScore')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {gold.data.map((g) => (
              <tr key={g.taskId}>
                <td>
                  <Link to={`/projects/${projectId}/tasks/${g.taskId}?annotation=${g.annotationId}`}>#{g.taskId}</Link>
                </td>
                <td className="num">{g.scored}</td>
                <td className="num">{percent(g.meanScore)}</td>
                <td>
                  <button type="button" className="link-button danger small" onClick={() => void unmark(g.annotationId)}>
                    {t('quality.gold.unmark')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {scores.data && scores.data.items.length > 0 ? (
        <>
          <h3>{t('quality.gold.scores')}</h3>
          <table className="table" data-testid="gold-scores">
            <thead>
              <tr>
                <th>{t('quality.gold.annotator')}</th>
                <th>{t('quality.gold.task')}</th>
                <th>{t('quality.gold.score')}</th>
                <th>{t('quality.gold.controls')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.data.items.map((s) => (
                <tr key={s.annotationId}>
                  <td>{names.get(s.userId) ?? `#${s.userId}`}</td>
                  <td>
                    <Link to={`/projects/${projectId}/tasks/${s.taskId}?annotation=${s.annotationId}`}>#{s.taskId}</Link>
                  </td>
                  <td className="num">{percent(s.score)}</td>
                  <td className="small muted">{s.controls.map((c) => `${String(c.fromName)} ${String(c.metric)} ${typeof c.score === 'number' ? percent(c.score, 0) : '—'}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {scores.data.nextCursor ? <p className="small muted">{t('quality.gold.more')}</p> : null}
        </>
      ) : null}
    </section>
  );
}
