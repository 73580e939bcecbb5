import { useTranslation } from 'react-i18next';
import { JobProgress } from '../models/job-progress.js';
import { useJob } from '../models/use-job.js';
import { isFinished, type EvaluationRunView } from './evaluation-types.js';

/** A run's state; while it is queued or running, its job's live progress (and `onFinished` once the job ends). */
export function RunStatus({ run, onFinished }: { run: EvaluationRunView; onFinished(): void }) {
  const { t } = useTranslation();
  const live = !isFinished(run.status) && run.jobId !== null;
  const { job, error } = useJob(live ? run.jobId : null, () => onFinished());
  return (
    <div className="run-status" data-testid="run-status" data-status={run.status}>
      <span className={`badge status-${run.status}`}>{t(`evaluations.status.${run.status}`)}</span>
      {live ? <JobProgress job={job} label={t('evaluations.status.running')} /> : null}
      {live && error ? <span className="error small">{t('evaluations.jobLost')}</span> : null}
      {run.status === 'failed' && run.error ? (
        <p className="error small" role="alert">
          {run.error}
        </p>
      ) : null}
    </div>
  );
}
