import { validateLabelConfig, type LabelConfig } from '@laoshi/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ConfigBuilder } from '../config-builder/config-builder.js';
import { toDraft, type Draft } from '../config-builder/config-draft.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useProject } from './project-context.js';

/** Managers change the title, description, overlap and label config, or delete the project. */
export function ProjectSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { project, reload } = useProject();
  const [title, setTitle] = useState(project.title);
  const [description, setDescription] = useState(project.description);
  const [overlap, setOverlap] = useState(project.overlap);
  const [draft, setDraft] = useState<Draft>(() => toDraft(project.labelConfig));
  const [config, setConfig] = useState<LabelConfig | null>(() => {
    const v = validateLabelConfig(project.labelConfig);
    return v.ok ? v.config : null;
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await api.patch(`/api/projects/${project.id}`, { title, description, overlap, labelConfig: config });
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };

  const remove = async () => {
    if (!window.confirm(t('app.settings.confirmDelete', { title: project.title }))) return;
    try {
      await api.delete(`/api/projects/${project.id}`);
      navigate('/');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="settings">
      <div className="form-row">
        <label>
          {t('app.projects.fieldTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('app.projects.fieldOverlap')}
          <input type="number" min={1} max={100} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} />
        </label>
      </div>
      <label>
        {t('app.projects.fieldDescription')}
        <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ConfigBuilder
        draft={draft}
        onChange={(d, valid) => {
          setDraft(d);
          setConfig(valid);
          setSaved(false);
        }}
      />
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={!config || !title.trim()} onClick={() => void save()}>
          {t('app.settings.save')}
        </button>
        {saved ? <span className="ok-text">{t('app.settings.saved')}</span> : null}
        <button type="button" className="danger" onClick={() => void remove()}>
          {t('app.settings.delete')}
        </button>
      </div>
    </div>
  );
}
