import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvaluationsPanel } from '../evaluations/evaluations-panel.js';
import { useProject } from '../project/project-context.js';
import { ActiveLearningPanel } from './active-learning-panel.js';
import { BackendsPanel } from './backends-panel.js';
import { TrainingPanel } from './training-panel.js';
import { VersionsPanel } from './versions-panel.js';
import './models.css';

/** The project's "Models" tab (managers): backends, built-in training, versions with evaluation, evaluation runs, queue order. */
export function ModelsTab() {
  const { t } = useTranslation();
  const { project } = useProject();
  const [refresh, setRefresh] = useState(0);
  if (project.role !== 'manager') return <p className="muted">{t('models.managersOnly')}</p>;
  return (
    <div className="models-tab" data-testid="models-tab">
      <BackendsPanel projectId={project.id} />
      <TrainingPanel projectId={project.id} onTrained={() => setRefresh((n) => n + 1)} />
      <VersionsPanel projectId={project.id} refresh={refresh} />
      <EvaluationsPanel projectId={project.id} refresh={refresh} />
      <ActiveLearningPanel projectId={project.id} />
    </div>
  );
}
