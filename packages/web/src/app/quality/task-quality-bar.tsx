import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import type { GoldTask, TaskWorkflow } from './quality-types.js';
import { useMemberNames } from './use-member-names.js';

/**
 * Above a task page for reviewers and managers: the task's workflow state, each annotation's
 * review state, gold marks (managers mark or unmark an accepted annotation) and the way to
 * the adjudication view.
 */
export function TaskQualityBar({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const { nameOf } = useMemberNames(project.id);
  const manager = project.role === 'manager';
  const workflow = useAsync((signal) => api.get<TaskWorkflow>(`/api/tasks/${taskId}/workflow`, { signal }), [api, taskId]);
  const gold = useAsync((signal) => (manager ? api.get<GoldTask[]>(`/api/projects/${project.id}/gold`, { signal }) : Promise.resolve([])), [api, project.id, manager]);
  const [error, setError] = useState<unknown>(null);
  const goldId = gold.data?.find((g) => g.taskId === taskId)?.annotationId ?? null;
  const toggleGold = async (annotationId: number) => {
    setError(null);
    try {
      if (goldId === annotationId) await api.delete(`/api/annotations/${annotationId}/gold`);
      else await api.post(`/api/annotations/${annotationId}/gold`);
      gold.reload();
    } catch (err) {
      setError(err);
    }
  };
  if (!workflow.data) return <ErrorText error={workflow.error} />;
  const submitted = workflow.data.annotations.filter((a) => !a.draft);
  return (
    <div className="task-quality-bar" data-testid="task-quality-bar">
      <span className={`badge state-${workflow.data.state}`} data-testid="task-state">
        {t(`quality.taskStates.${workflow.data.state}`)}
      </span>
      {submitted.map((a) => (
        <span key={a.id} className="quality-chip" data-testid="task-annotation" data-annotation-id={a.id}>
          #{a.id} {a.source === 'consensus' ? t('quality.adjudicate.consensus') : nameOf(a.completedBy)} · {t(`quality.states.${a.reviewState}`)}
          {goldId === a.id ? <span className="gold-star" title={t('quality.gold.isGold')}> ★</span> : null}
          {manager && a.reviewState === 'accepted' && (goldId === null || goldId === a.id) ? (
            <button type="button" className="link-button small" onClick={() => void toggleGold(a.id)} data-testid="toggle-gold">
              {goldId === a.id ? t('quality.gold.unmark') : t('quality.gold.mark')}
            </button>
          ) : null}
        </span>
      ))}
      {submitted.length > 1 ? (
        <Link className="small" to={`/projects/${project.id}/adjudicate/${taskId}`}>
          {t('quality.agreement.adjudicate')}
        </Link>
      ) : null}
      <ErrorText error={error ?? gold.error} />
    </div>
  );
}
