import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router-dom';
import type { Project } from '../api/api-types.js';
import { ProjectContext } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';

/** The labeling screens get the project but none of the project page's chrome: the editor takes the room. */
export function LabelingOutlet() {
  const { t } = useTranslation();
  const api = useApi();
  const id = Number(useParams().projectId);
  const { data: project, error, reload } = useAsync((signal) => api.get<Project>(`/api/projects/${id}`, { signal }), [api, id]);
  if (error) return <ErrorText error={error} />;
  if (!project) return <p className="muted">{t('app.loading')}</p>;
  return (
    <ProjectContext.Provider value={{ project, reload }}>
      <div className="labeling">
        <div className="labeling-head">
          <Link to={`/projects/${project.id}`} className="muted small-link">
            ← {project.title}
          </Link>
        </div>
        <Outlet />
      </div>
    </ProjectContext.Provider>
  );
}
