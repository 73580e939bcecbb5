import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../ui/progress-bar.js';
import type { JobView } from './job-watch.js';

/** A job's live progress, its outcome, and a cancel button while it runs. */
export function JobStatus({ job, onCancel }: { job: JobView; onCancel?(): void }) {
  const { t } = useTranslation();
  return (
    <div className="job-status" data-testid="job-status" data-status={job.status}>
      <div className="job-line">
        <span className={`badge ${job.status === 'succeeded' ? 'ok' : ''}`}>{t(`app.jobs.${job.status}`)}</span>
        {job.message ? <span className="muted small">{job.message}</span> : null}
        {onCancel && (job.status === 'running' || job.status === 'queued') ? (
          <button type="button" className="small" onClick={onCancel}>
            {t('app.jobs.cancel')}
          </button>
        ) : null}
      </div>
      <ProgressBar done={job.progress.done} total={job.progress.total} label={t(`app.jobs.${job.status}`)} />
      {job.error ? (
        <p className="error" role="alert">
          {job.error}
        </p>
      ) : null}
    </div>
  );
}
