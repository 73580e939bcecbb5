import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router-dom';
import type { Project } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { ProjectContext } from './project-context.js';

/** A project's frame: its title, tabs (overview, data, members, settings) and the way into labeling. */
export function ProjectPage() {
  const { t } = useTranslation();
  const api = useApi();
  const id = Number(useParams().projectId);
  const { pathname } = useLocation();
  const { data: project, error, reload } = useAsync((signal) => api.get<Project>(`/api/projects/${id}`, { signal }), [api, id]);
  if (error) return <ErrorText error={error} />;
  if (!project) return <p className="muted">{t('app.loading')}</p>;
  const canReview = project.role !== 'annotator';
  return (
    <ProjectContext.Provider value={{ project, reload }}>
      <section className="project-page">
        <div className="page-head">
          <div>
            <Link to="/" className="muted small-link">
              ← {t('app.nav.projects')}
            </Link>
            <h1 data-testid="project-title">{project.title}</h1>
          </div>
          <div className="actions">
            {canReview ? (
              <Link className="button" to={`/projects/${id}/review`} data-testid="start-review">
                {t('quality.review.open')}
              </Link>
            ) : null}
            <Link className="button primary" to={`/projects/${id}/label`} data-testid="start-labeling">
              {t('app.projects.label')}
            </Link>
          </div>
        </div>
        <nav className="tabs">
          <NavLink end to={`/projects/${id}`} className="tab">
            {t('app.project.overview')}
          </NavLink>
          {canReview ? (
            <NavLink to={`/projects/${id}/data`} className="tab">
              {t('app.project.data')}
            </NavLink>
          ) : null}
          {canReview ? (
            <NavLink to={`/projects/${id}/exports`} className="tab">
              {t('app.project.exports')}
            </NavLink>
          ) : null}
          <NavLink to={`/projects/${id}/members`} className="tab">
            {t('app.project.members')}
          </NavLink>
          {canReview ? (
            <NavLink to={`/projects/${id}/agreement`} className="tab" data-testid="tab-agreement">
              {t('quality.tabs.agreement')}
            </NavLink>
          ) : null}
          {project.role === 'manager' ? (
            <NavLink to={`/projects/${id}/annotators`} className="tab" data-testid="tab-annotators">
              {t('quality.tabs.annotators')}
            </NavLink>
          ) : null}
          {project.role === 'manager' ? (
            <NavLink to={`/projects/${id}/webhooks`} className="tab" data-testid="tab-webhooks">
              {t('quality.tabs.webhooks')}
            </NavLink>
          ) : null}
          {project.role === 'manager' ? (
            <NavLink
              to={`/projects/${id}/models`}
              // The evaluation report and compare pages belong to the Models tab.
              className={({ isActive }) => (isActive || pathname.startsWith(`/projects/${id}/evaluations`) ? 'tab active' : 'tab')}
              data-testid="tab-models"
            >
              {t('models.tab')}
            </NavLink>
          ) : null}
          {project.role === 'manager' ? (
            <NavLink to={`/projects/${id}/cleaning`} className="tab" data-testid="tab-cleaning">
              {t('cleaning.tab')}
            </NavLink>
          ) : null}
          {project.role === 'manager' ? (
            <NavLink to={`/projects/${id}/settings`} className="tab">
              {t('app.project.settings')}
            </NavLink>
          ) : null}
        </nav>
        <Outlet />
      </section>
    </ProjectContext.Provider>
  );
}
