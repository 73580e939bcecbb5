import { validateLabelConfig, type LabelConfig } from '@laoshi/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ConfigBuilder } from '../config-builder/config-builder.js';
import { toDraft, type Draft } from '../config-builder/config-draft.js';
import { CONFIG_TEMPLATES } from '../config-builder/config-templates.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';

/** Creates a project: title, overlap, and a label config made with the builder. */
export function NewProjectPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [overlap, setOverlap] = useState(1);
  const [draft, setDraft] = useState<Draft>(() => toDraft(CONFIG_TEMPLATES[0]!.config));
  const [config, setConfig] = useState<LabelConfig | null>(() => {
    const v = validateLabelConfig(CONFIG_TEMPLATES[0]!.config);
    return v.ok ? v.config : null;
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { id } = await api.post<{ id: number }>('/api/projects', { title, description, overlap, labelConfig: config ?? draft });
      navigate(`/projects/${id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="new-project" onSubmit={(e) => void submit(e)}>
      <div className="page-head">
        <h1>{t('app.projects.new')}</h1>
        <button type="submit" className="primary" disabled={busy || !config || !title.trim()} data-testid="create-project">
          {t('app.projects.create')}
        </button>
      </div>
      <div className="form-row">
        <label>
          {t('app.projects.fieldTitle')}
          <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('app.projects.fieldOverlap')}
          <input name="overlap" type="number" min={1} max={100} value={overlap} onChange={(e) => setOverlap(Number(e.target.value))} />
        </label>
      </div>
      <label>
        {t('app.projects.fieldDescription')}
        <textarea name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorText error={error} />
      <ConfigBuilder
        draft={draft}
        onChange={(d, valid) => {
          setDraft(d);
          setConfig(valid);
        }}
      />
    </form>
  );
}
