import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import type { ReviewItem } from './quality-types.js';
import { ReviewWorkspace } from './review-workspace.js';
import { useMemberNames } from './use-member-names.js';
import './quality.css';

type View = { kind: 'loading' } | { kind: 'item'; item: ReviewItem } | { kind: 'empty' } | { kind: 'error'; error: unknown };

/**
 * The reviewer queue (/projects/:id/review): the next submitted annotation, locked for this
 * reviewer, one after another until none waits.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { project, reload } = useProject();
  const { nameOf } = useMemberNames(project.id);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  const loadNext = useCallback(async () => {
    setView({ kind: 'loading' });
    try {
      const item = await api.post<ReviewItem | null>(`/api/projects/${project.id}/review/next`);
      setView(item ? { kind: 'item', item } : { kind: 'empty' });
      if (!item) reload();
    } catch (error) {
      setView({ kind: 'error', error });
    }
  }, [api, project.id, reload]);

  useEffect(() => {
    void loadNext();
  }, [loadNext]);

  const release = async (annotationId: number) => {
    // The lock goes back to the queue; the same annotation would come straight back, so leave.
    await api.delete(`/api/annotations/${annotationId}/review-lock`).catch(() => undefined);
    navigate(`/projects/${project.id}`);
  };

  if (project.role === 'annotator') return <p className="muted">{t('quality.reviewersOnly')}</p>;
  return (
    <div className="review-page">
      {notice ? (
        <p className="banner ok" role="status" data-testid="review-notice">
          {notice}
        </p>
      ) : null}
      {view.kind === 'loading' ? <p className="muted">{t('quality.loading')}</p> : null}
      {view.kind === 'error' ? (
        <div>
          <ErrorText error={view.error} />
          <button type="button" onClick={() => void loadNext()}>
            {t('quality.retry')}
          </button>
        </div>
      ) : null}
      {view.kind === 'empty' ? (
        <div className="card done" data-testid="review-done">
          <h2>{t('quality.review.allDone')}</h2>
          <Link className="button" to={`/projects/${project.id}`}>
            {t('quality.backToProject')}
          </Link>
        </div>
      ) : null}
      {view.kind === 'item' ? (
        <ReviewWorkspace
          key={`${view.item.annotation.id}:${view.item.annotation.version}`}
          item={view.item}
          nameOf={nameOf}
          onDone={(line) => {
            setNotice(line);
            void loadNext();
          }}
          onRelease={() => void release(view.item.annotation.id)}
        />
      ) : null}
    </div>
  );
}
