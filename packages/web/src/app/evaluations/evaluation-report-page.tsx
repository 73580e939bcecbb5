import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import type { EvaluationRunDetail } from './evaluation-types.js';
import { ReportView } from './report-view.js';
import { RunMeta, Warnings } from './run-meta.js';
import { RunStatus } from './run-status.js';
import './evaluations.css';

/** /projects/:projectId/evaluations/:evalId — one run's report, with live progress while it runs and its JSON and HTML downloads. */
export function EvaluationReportPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const params = useParams();
  const projectId = Number(params.projectId);
  const id = Number(params.evalId);
  const { data: run, error, reload } = useAsync((signal) => api.get<EvaluationRunDetail>(`/api/evaluations/${id}`, { signal }), [api, id]);
  const finished = useCallback(() => reload(), [reload]);
  return (
    <div className="evaluation-page" data-testid="evaluation-report-page">
      <Link to={`/projects/${projectId}/models`} className="muted small-link">
        ← {t('evaluations.backToModels')}
      </Link>
      <ErrorText error={error} />
      {!run && !error ? <p className="muted">{t('evaluations.loading')}</p> : null}
      {run ? (
        <>
          <div className="page-head">
            <div>
              <h2 data-testid="evaluation-name">{run.name}</h2>
              <RunMeta run={run} />
            </div>
            {run.status === 'done' ? (
              <div className="actions">
                <a className="button" href={`/api/evaluations/${run.id}/report.json`} download data-testid="download-json">
                  {t('evaluations.downloadJson')}
                </a>
                <a className="button" href={`/api/evaluations/${run.id}/report.html?lang=${encodeURIComponent(i18n.language)}`} download data-testid="download-html">
                  {t('evaluations.downloadHtml')}
                </a>
              </div>
            ) : null}
          </div>
          {run.status !== 'done' ? <RunStatus run={run} onFinished={finished} /> : null}
          <Warnings warnings={run.warnings} />
          {run.report ? <ReportView report={run.report} /> : null}
        </>
      ) : null}
    </div>
  );
}
