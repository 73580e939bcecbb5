import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router-dom';
import { createImageCache, workerImageLoader } from '../../editor-ui/index.js';
import type { Project, TaskDetail } from '../api/api-types.js';
import { ProjectContext } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { LabelingContext, type LabelingShared } from './labeling-context.js';

/** The labeling screens get the project but none of the project page's chrome: the editor takes the room. */
export function LabelingOutlet() {
  const { t } = useTranslation();
  const api = useApi();
  const params = useParams();
  const id = Number(params.projectId);
  const { data: project, error, reload } = useAsync((signal) => api.get<Project>(`/api/projects/${id}`, { signal }), [api, id]);
  // One image worker for the project's labeling screens; it keeps the open and the next task's images.
  const [worker] = useState(() => workerImageLoader());
  useEffect(() => () => worker.close(), [worker]);
  // A task opened by its URL is fetched now, beside the project, instead of once the project is here.
  const [opening] = useState(() => {
    const taskId = Number(params.taskId);
    if (!Number.isInteger(taskId)) return null;
    const task = api.get<TaskDetail>(`/api/tasks/${taskId}`);
    task.catch(() => undefined); // the task page reports a failure when it takes the task
    return { taskId, task };
  });
  const shared = useMemo<LabelingShared>(() => {
    let unclaimed = opening;
    return {
      images: createImageCache(3, worker),
      takeOpeningTask(taskId) {
        const found = unclaimed?.taskId === taskId ? unclaimed.task : null;
        unclaimed = null;
        return found;
      },
    };
  }, [opening, worker]);
  if (error) return <ErrorText error={error} />;
  if (!project) return <p className="muted">{t('app.loading')}</p>;
  return (
    <ProjectContext.Provider value={{ project, reload }}>
      <LabelingContext.Provider value={shared}>
        <div className="labeling">
          <div className="labeling-head">
            <Link to={`/projects/${project.id}`} className="muted small-link">
              ← {project.title}
            </Link>
          </div>
          <Outlet />
        </div>
      </LabelingContext.Provider>
    </ProjectContext.Provider>
  );
}
