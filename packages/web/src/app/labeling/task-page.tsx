import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useProject } from '../project/project-context.js';
import { useApi, useUser } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useDraftStore } from './draft-store-context.js';
import { useLabelingShared } from './labeling-context.js';
import { LabelingWorkspace } from './labeling-workspace.js';
import { loadTask, type LoadedTask } from './task-loader.js';

/**
 * One task by its URL (/projects/:id/tasks/:taskId, shareable). Annotators edit their own annotation;
 * reviewers and managers pick any annotation of the task (?annotation=id) or add their own.
 */
export function TaskPage() {
  const { t } = useTranslation();
  const api = useApi();
  const store = useDraftStore();
  const user = useUser();
  const navigate = useNavigate();
  const { project } = useProject();
  const shared = useLabelingShared();
  // Read when a task loads; a reloaded project (same config) must not load the task again.
  const config = useRef(project.labelConfig);
  config.current = project.labelConfig;
  const taskId = Number(useParams().taskId);
  const [params, setParams] = useSearchParams();
  const annotationParam = params.get('annotation');
  const [loaded, setLoaded] = useState<LoadedTask | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    loadTask(api, store, user.id, taskId, {
      annotationId: annotationParam ? Number(annotationParam) : undefined,
      task: shared?.takeOpeningTask(taskId),
      images: shared ? { loader: shared.images, config: config.current } : undefined,
    })
      .then((l) => (live ? setLoaded(l) : l.saver.dispose()))
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [api, store, user.id, taskId, annotationParam, shared]);

  useEffect(() => () => loaded?.saver.dispose(), [loaded]);

  if (error) return <ErrorText error={error} />;
  if (!loaded) return <p className="muted">{t('app.loading')}</p>;
  const others = loaded.task.annotations.filter((a) => !a.draft || a.completedBy === user.id);
  const editingOthers = loaded.annotation !== null && loaded.annotation.completedBy !== user.id;
  return (
    <div>
      {others.length > 0 && project.role !== 'annotator' ? (
        <div className="annotation-picker">
          <span className="muted">{t('app.label.annotations')}</span>
          {others.map((a) => (
            <button key={a.id} type="button" className={loaded.annotation?.id === a.id ? 'small active' : 'small'} onClick={() => setParams({ annotation: String(a.id) })}>
              #{a.id} {a.completedBy === user.id ? t('app.label.mine') : ''}
            </button>
          ))}
        </div>
      ) : null}
      <LabelingWorkspace
        config={project.labelConfig}
        loaded={loaded}
        submitLabel={loaded.annotation && !loaded.annotation.draft ? t('app.label.update') : t('app.label.submit')}
        onSubmitted={() => navigate(editingOthers ? `/projects/${project.id}/data` : `/projects/${project.id}/label`)}
      />
    </div>
  );
}
