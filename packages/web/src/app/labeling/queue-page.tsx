import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/api-client.js';
import { useProject } from '../project/project-context.js';
import { useApi, useUser } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useDraftStore } from './draft-store-context.js';
import { useLabelingShared } from './labeling-context.js';
import { LabelingWorkspace } from './labeling-workspace.js';
import { fetchNextTask, loadTask, type LoadedTask } from './task-loader.js';

type View = { kind: 'loading' } | { kind: 'task'; loaded: LoadedTask } | { kind: 'done' } | { kind: 'error'; error: unknown };

/**
 * The annotator's queue: one task after another. While a task is open the next one is already fetched
 * (and its images loaded), so Enter shows it at once.
 */
export function QueuePage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useDraftStore();
  const user = useUser();
  const navigate = useNavigate();
  const { project, reload } = useProject();
  const shared = useLabelingShared();
  // The next task's image is decoded while the annotator works on this one.
  const images = useMemo(() => (shared ? { loader: shared.images, config: project.labelConfig } : undefined), [shared, project.labelConfig]);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [queuedOffline, setQueuedOffline] = useState(0);
  const prefetched = useRef<Promise<LoadedTask | null> | null>(null);
  const alive = useRef(true);

  const prefetch = useCallback(
    (currentId: number) => {
      const p = fetchNextTask(api, project.id, [currentId])
        .then((task) => (task ? loadTask(api, store, user.id, task.id, { images }) : null))
        .catch(() => null); // a failed prefetch only means the next task loads on demand
      prefetched.current = p;
    },
    [api, project.id, store, user.id, images],
  );

  const show = useCallback(
    (loaded: LoadedTask | null) => {
      if (!alive.current) return;
      if (!loaded) {
        setView({ kind: 'done' });
        reload();
        return;
      }
      setView({ kind: 'task', loaded });
      prefetch(loaded.task.id);
    },
    [prefetch, reload],
  );

  const loadNext = useCallback(async () => {
    try {
      const ready = prefetched.current ? await prefetched.current : null;
      prefetched.current = null;
      if (ready) return show({ ...ready, openedAt: Date.now() });
      const task = await fetchNextTask(api, project.id);
      show(task ? await loadTask(api, store, user.id, task.id, { images }) : null);
    } catch (err) {
      if (alive.current) setView({ kind: 'error', error: err });
    }
  }, [api, project.id, show, store, user.id, images]);

  useEffect(() => {
    alive.current = true;
    void loadNext();
    return () => {
      alive.current = false;
    };
  }, [project.id]);

  const onSubmitted = (outcome: 'sent' | 'queued') => {
    if (outcome === 'queued') {
      // Offline: the submission waits in IndexedDB; the next task needs the network anyway.
      setQueuedOffline((n) => n + 1);
      const retry = () => {
        window.removeEventListener('online', retry);
        setQueuedOffline(0);
        if (view.kind === 'task') void view.loaded.saver.flush().then(() => loadNext());
      };
      window.addEventListener('online', retry);
      return;
    }
    if (view.kind === 'task') view.loaded.saver.dispose();
    setView({ kind: 'loading' });
    void loadNext();
  };

  const onSkip = async (reason: string) => {
    if (view.kind !== 'task') return;
    try {
      await api.post(`/api/tasks/${view.loaded.task.id}/skip`, { reason });
      view.loaded.saver.dispose();
      prefetched.current = null;
      setView({ kind: 'loading' });
      void loadNext();
    } catch (err) {
      setView({ kind: 'error', error: err });
    }
  };

  if (view.kind === 'loading') return <p className="muted">{t('app.loading')}</p>;
  if (view.kind === 'error') {
    return (
      <div>
        <ErrorText error={view.error} />
        <button type="button" onClick={() => (setView({ kind: 'loading' }), void loadNext())}>
          {view.error instanceof ApiError && view.error.isNetwork ? t('app.label.retry') : t('app.label.retry')}
        </button>
      </div>
    );
  }
  if (view.kind === 'done') {
    return (
      <div className="card done" data-testid="queue-done">
        <h2>{t('app.label.allDone')}</h2>
        <button type="button" onClick={() => navigate(`/projects/${project.id}`)}>
          {t('app.label.backToProject')}
        </button>
      </div>
    );
  }
  return (
    <>
      {queuedOffline ? (
        <p className="banner warn" role="status" data-testid="offline-banner">
          {t('app.label.queuedOffline')}
        </p>
      ) : null}
      <LabelingWorkspace key={view.loaded.task.id} config={project.labelConfig} loaded={view.loaded} onSubmitted={onSubmitted} onSkip={(r) => void onSkip(r)} submitLabel={t('app.label.submit')} />
      <p className="muted small">
        <Link to={`/projects/${project.id}/tasks/${view.loaded.task.id}`}>{t('app.label.permalink')}</Link>
      </p>
    </>
  );
}
