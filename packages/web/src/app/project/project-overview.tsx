import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../ui/progress-bar.js';
import { ImportPanel } from './import-panel.js';
import { useProject } from './project-context.js';

/** Counts and progress; managers also import tasks here. */
export function ProjectOverview() {
  const { t } = useTranslation();
  const { project, reload } = useProject();
  const { tasks, labeled } = project.counts;
  return (
    <div className="overview">
      <div className="stats">
        <div className="stat card">
          <span className="stat-value" data-testid="count-tasks">
            {tasks.toLocaleString()}
          </span>
          <span className="stat-label">{t('app.project.tasks')}</span>
        </div>
        <div className="stat card">
          <span className="stat-value" data-testid="count-labeled">
            {labeled.toLocaleString()}
          </span>
          <span className="stat-label">{t('app.project.labeled')}</span>
        </div>
        <div className="stat card">
          <span className="stat-value">{project.overlap}</span>
          <span className="stat-label">{t('app.project.overlap')}</span>
        </div>
        <div className="stat card">
          <span className="stat-value">{t(`app.roles.${project.role}`)}</span>
          <span className="stat-label">{t('app.project.yourRole')}</span>
        </div>
      </div>
      <ProgressBar done={labeled} total={tasks} label={t('app.projects.progress')} />
      {project.description ? <p className="description">{project.description}</p> : null}
      {project.role === 'manager' ? <ImportPanel projectId={project.id} onImported={reload} /> : null}
    </div>
  );
}
