import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { fmtMetric, headlineKeys, metricLabel, type EvaluationOptions, type EvaluationRunView } from './evaluation-types.js';
import { NewEvaluationForm } from './new-evaluation-form.js';
import { RunStatus } from './run-status.js';
import './evaluations.css';

/**
 * The Models tab's "Evaluations" panel (算法测试): every run of the project, newest first, with
 * live progress and headline numbers; a form for a new run; two runs ticked → Compare.
 */
export function EvaluationsPanel({ projectId, refresh = 0 }: { projectId: number; /** Bumped when a model was trained: the options reload. */ refresh?: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const runs = useAsync((signal) => api.get<{ items: EvaluationRunView[] }>(`/api/projects/${projectId}/evaluations`, { signal }), [api, projectId]);
  const options = useAsync((signal) => api.get<EvaluationOptions>(`/api/projects/${projectId}/evaluations/options`, { signal }), [api, projectId, refresh]);
  const [picked, setPicked] = useState<number[]>([]);
  const [actionError, setActionError] = useState<unknown>(null);
  const reload = runs.reload;
  const finished = useCallback(() => reload(), [reload]);
  const items = runs.data?.items ?? [];

  const toggle = (id: number) =>
    setPicked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id].slice(-2)));

  const remove = async (run: EvaluationRunView) => {
    if (!window.confirm(t('evaluations.confirmDelete', { name: run.name }))) return;
    setActionError(null);
    try {
      await api.delete(`/api/evaluations/${run.id}`);
      setPicked((prev) => prev.filter((x) => x !== run.id));
      reload();
    } catch (err) {
      setActionError(err);
    }
  };

  // The older of the two runs is A, so deltas read "what changed since".
  const compare = () => {
    const [a, b] = [...picked].sort((x, y) => x - y);
    navigate(`/projects/${projectId}/evaluations/compare?a=${a}&b=${b}`);
  };

  return (
    <section className="card model-section evaluations-panel" data-testid="evaluations-panel">
      <h3>{t('evaluations.title')}</h3>
      <p className="muted small">{t('evaluations.help')}</p>
      <ErrorText error={runs.error} />
      {runs.data && items.length === 0 ? <p className="muted">{t('evaluations.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table evaluation-runs" data-testid="evaluation-runs">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('evaluations.pick')}</span>
                </th>
                <th scope="col">{t('evaluations.name')}</th>
                <th scope="col">{t('evaluations.what')}</th>
                <th scope="col">{t('evaluations.statusTitle')}</th>
                <th scope="col">{t('evaluations.headline')}</th>
                <th scope="col">{t('evaluations.created')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <tr key={run.id} data-testid="evaluation-run" data-run-id={run.id} data-status={run.status} className={picked.includes(run.id) ? 'selected' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      checked={picked.includes(run.id)}
                      disabled={run.status !== 'done'}
                      onChange={() => toggle(run.id)}
                      aria-label={t('evaluations.pickRun', { name: run.name })}
                      data-testid="pick-run"
                    />
                  </td>
                  <td>
                    <Link to={`/projects/${projectId}/evaluations/${run.id}`} data-testid="open-run">
                      {run.name}
                    </Link>
                  </td>
                  <td className="small">
                    <div>{run.source.label}</div>
                    <div className="muted">
                      {t(`evaluations.kinds.${run.kind}`)} · {run.fromName} · {t(`evaluations.reference.${run.reference}`)}
                      {run.sliceBy ? ` · ${t('evaluations.sliceBy')}: ${run.sliceBy}` : ''}
                    </div>
                  </td>
                  <td>
                    <RunStatus run={run} onFinished={finished} />
                  </td>
                  <td className="small" data-testid="run-headline">
                    <div className="headline-inline">
                      {run.headline
                        ? headlineKeys(run.kind, run.headline).map((key) => (
                            <span key={key} className="metric-chip">
                              {metricLabel(t, key)} <strong>{fmtMetric(run.headline?.[key])}</strong>
                            </span>
                          ))
                        : '—'}
                    </div>
                  </td>
                  <td className="small">{new Date(run.createdAt).toLocaleString()}</td>
                  <td>
                    <button type="button" className="link-button danger small" onClick={() => void remove(run)} aria-label={t('evaluations.deleteRun', { name: run.name })} data-testid="delete-run">
                      {t('evaluations.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="actions">
          <button type="button" disabled={picked.length !== 2} onClick={compare} data-testid="compare-runs">
            {t('evaluations.compare')}
          </button>
          <span className="muted small">{t('evaluations.compareHelp')}</span>
        </div>
      ) : null}
      <ErrorText error={actionError} />
      <ErrorText error={options.error} />
      {options.data ? (
        <NewEvaluationForm
          projectId={projectId}
          options={options.data}
          onCreated={() => reload()}
        />
      ) : null}
    </section>
  );
}
