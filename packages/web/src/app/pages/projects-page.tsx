import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page, Project } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { useAsync } from '../ui/use-async.js';

/** Every project the user may see, with its labeling progress. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { data, error, loading } = useAsync((signal) => api.get<Page<Project>>('/api/projects?limit=200', { signal }), [api]);
  return (
    <section>
      <div className="page-head">
        <h1>{t('app.projects.title')}</h1>
        <Link className="button primary" to="/projects/new">
          {t('app.projects.new')}
        </Link>
      </div>
      <ErrorText error={error} />
      {loading && !data ? <p className="muted">{t('app.loading')}</p> : null}
      {data && data.items.length === 0 ? <p className="empty">{t('app.projects.empty')}</p> : null}
      <ul className="project-grid">
        {data?.items.map((p) => (
          <li key={p.id} className="card project-card">
            <Link to={`/projects/${p.id}`} className="project-link">
              <h2>{p.title}</h2>
            </Link>
            {p.description ? <p className="muted clamp">{p.description}</p> : null}
            <ProgressBar done={p.counts.labeled} total={p.counts.tasks} label={t('app.projects.progress')} />
            <div className="project-meta">
              <span className={`role role-${p.role}`}>{t(`app.roles.${p.role}`)}</span>
              <Link to={`/projects/${p.id}/label`} className="button small">
                {t('app.projects.label')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
