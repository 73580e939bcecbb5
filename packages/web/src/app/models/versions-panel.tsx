import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { EvaluationReport } from './evaluation-report.js';
import { JobProgress } from './job-progress.js';
import { LearningCurveChart } from './learning-curve-chart.js';
import { fmt, type ModelVersion } from './model-types.js';
import { useJob } from './use-job.js';

/** Every model version of the project; one opens with its learning curve and evaluation report. */
export function VersionsPanel({ projectId, refresh }: { projectId: number; refresh: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data: versions, error } = useAsync((signal) => api.get<ModelVersion[]>(`/api/projects/${projectId}/model-versions`, { signal }), [api, projectId, refresh]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [predictJob, setPredictJob] = useState<number | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const { job } = useJob(predictJob);
  const open = versions?.find((v) => v.id === openId) ?? null;

  const predict = async (v: ModelVersion) => {
    setActionError(null);
    try {
      setPredictJob((await api.post<{ jobId: number }>(`/api/model-versions/${v.id}/predict`, {})).jobId);
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <section className="card model-section" data-testid="model-versions">
      <h3>{t('models.versions.title')}</h3>
      <ErrorText error={error} />
      {versions?.length === 0 ? <p className="muted">{t('models.versions.empty')}</p> : null}
      {versions && versions.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('models.versions.name')}</th>
              <th>{t('models.versions.status')}</th>
              <th>{t('models.versions.examples')}</th>
              <th>{t('models.versions.validationAccuracy')}</th>
              <th>{t('models.versions.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} className={`clickable${v.id === openId ? ' selected' : ''}`} tabIndex={0} onClick={() => setOpenId(v.id === openId ? null : v.id)} data-testid={`version-${v.number}`}>
                <td>
                  {v.name}
                  <div className="muted small">{t(`models.kinds.${v.kind}`)}</div>
                </td>
                <td>{v.status === 'failed' ? <span className="error">{v.error ?? t('models.versions.failed')}</span> : t(`models.versions.statuses.${v.status}`)}</td>
                <td className="num">{(v.metrics?.trainExamples ?? 0) + (v.metrics?.validationExamples ?? 0) || '—'}</td>
                <td className="num">{fmt(v.metrics?.final?.validationAccuracy)}</td>
                <td className="small">{new Date(v.createdAt).toLocaleString()}</td>
                <td>
                  <button type="button" disabled={v.status !== 'ready'} onClick={(e) => { e.stopPropagation(); void predict(v); }}>
                    {t('models.versions.predict')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorText error={actionError} />
      {predictJob !== null ? <JobProgress job={job} label={t('models.versions.predict')} /> : null}
      {open ? (
        <div className="version-detail">
          <h4>{open.name}</h4>
          <p className="muted small">{t('models.versions.params', { params: Object.entries(open.params).filter(([k]) => ['learningRate', 'epochs', 'l2', 'validationSplit', 'seed'].includes(k)).map(([k, v]) => `${k}=${String(v)}`).join(', ') })}</p>
          <LearningCurveChart curve={open.curve} />
          {open.status === 'ready' ? <EvaluationReport versionId={open.id} /> : null}
        </div>
      ) : null}
    </section>
  );
}
