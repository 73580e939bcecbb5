import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../ui/progress-bar.js';
import type { Job } from './model-types.js';

/** A job's live progress bar and state, or its error when it failed. */
export function JobProgress({ job, label }: { job: Job | null; label: string }) {
  const { t } = useTranslation();
  if (!job) return <p className="muted small">{t('models.job.starting')}</p>;
  return (
    <div className="model-job" data-testid="model-job" data-status={job.status}>
      <ProgressBar done={job.progress.done} total={job.progress.total} label={label} />
      <span className="muted small">
        {t(`models.job.status.${job.status}`)}
        {job.message ? ` · ${job.message}` : ''}
      </span>
      {job.error ? (
        <p className="error" role="alert">
          {job.error}
        </p>
      ) : null}
    </div>
  );
}
