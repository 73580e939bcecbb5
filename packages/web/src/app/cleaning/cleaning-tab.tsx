import { useTranslation } from 'react-i18next';
import { useProject } from '../project/project-context.js';
import { DuplicatesPanel } from './duplicates-panel.js';
import { PiiPanel } from './pii-panel.js';
import { SourceStoragePanel } from './source-storage-panel.js';
import './cleaning.css';

/** The project's "Cleaning" tab (managers): duplicates with "keep one", personal data scan and redaction, S3 sources. */
export function CleaningTab() {
  const { t } = useTranslation();
  const { project } = useProject();
  if (project.role !== 'manager') return <p className="muted">{t('cleaning.managersOnly')}</p>;
  return (
    <div className="cleaning-tab" data-testid="cleaning-tab">
      <DuplicatesPanel projectId={project.id} />
      <PiiPanel projectId={project.id} />
      <SourceStoragePanel projectId={project.id} />
    </div>
  );
}
