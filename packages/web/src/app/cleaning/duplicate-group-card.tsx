import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DuplicateGroup } from './cleaning-types.js';

/** One group of duplicate tasks: their previews side by side, each with "keep this one". */
export function DuplicateGroupCard({ projectId, group, busy, onKeep }: { projectId: number; group: DuplicateGroup; busy: boolean; onKeep(taskId: number): void }) {
  const { t } = useTranslation();
  return (
    <div className="dup-group" data-testid={`dup-group-${group.id}`} data-kind={group.kind}>
      <div className="dup-group-head">
        <span className="badge">{t(`cleaning.duplicates.kinds.${group.kind}`)}</span>
        <span className="muted small">{t('cleaning.duplicates.similarity', { pct: Math.round(group.similarity * 100) })}</span>
        <span className="muted small">{t('cleaning.duplicates.size', { count: group.size })}</span>
        {group.size > group.tasks.length ? <span className="muted small">{t('cleaning.duplicates.shown', { shown: group.tasks.length })}</span> : null}
      </div>
      <div className="dup-tasks">
        {group.tasks.map((task) => (
          <div key={task.id} className="dup-task" data-testid={`dup-task-${task.id}`}>
            {/* Thumbnails come from our media routes or the task's own https URL; never HTML. */}
            {task.image ? <img src={task.image} alt={t('cleaning.duplicates.imageAlt', { id: task.id })} loading="lazy" referrerPolicy="no-referrer" /> : null}
            {task.preview ? <div className="preview">{task.preview}</div> : null}
            <div className="muted small">
              <Link to={`/projects/${projectId}/tasks/${task.id}`}>#{task.id}</Link> · {t('cleaning.duplicates.annotations', { count: task.annotationCount })}
            </div>
            <button type="button" className="small" disabled={busy} onClick={() => onKeep(task.id)} data-testid={`keep-${task.id}`}>
              {t('cleaning.duplicates.keep')}
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
