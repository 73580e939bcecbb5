import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../session/session-context.js';
import { useAsync } from '../ui/use-async.js';
import type { ReworkItem } from './quality-types.js';
import { CommentList } from './review-comments.js';
import { regionNames } from './region-names.js';

// The queue hands rework out before new tasks; this list follows it without the queue telling it.
const REFRESH_MS = 10_000;

/**
 * What reviewers said about the caller's rejected work: each rejected annotation waiting for
 * rework with the reason and the comments pinned to its regions. Shown above the labeling
 * queue (all of them) and on a task page (that task's only).
 */
export function ReworkNotice({ projectId, taskId }: { projectId: number; taskId?: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const rework = useAsync((signal) => api.get<ReworkItem[]>(`/api/projects/${projectId}/rework`, { signal }), [api, projectId]);
  const { reload } = rework;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    window.addEventListener('focus', reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);
  const items = (rework.data ?? []).filter((r) => taskId === undefined || r.taskId === taskId);
  if (items.length === 0) return null;
  return (
    <section className="rework-notice banner warn" role="status" data-testid="rework-notice">
      <strong>{t('quality.rework.title', { count: items.length })}</strong>
      <ul>
        {items.map((r) => (
          <li key={r.annotationId} data-testid="rework-item" data-task-id={r.taskId}>
            <span>
              {taskId === undefined ? (
                <Link to={`/projects/${projectId}/tasks/${r.taskId}`}>{t('quality.rework.task', { task: r.taskId })}</Link>
              ) : (
                t('quality.rework.task', { task: r.taskId })
              )}
              {r.rejection ? ` · ${t('quality.rework.by', { name: r.rejection.reviewerName || `#${r.rejection.reviewerId}` })}` : ''}
            </span>
            {r.rejection ? (
              <>
                <p className="review-reason" data-testid="rework-reason">
                  {r.rejection.reason}
                </p>
                <CommentList comments={r.rejection.comments} names={regionNames(r.result)} editor={null} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
