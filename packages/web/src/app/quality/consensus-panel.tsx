import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';

interface ConsensusOutcome {
  tasks: number;
  stored: { taskId: number; id: number }[];
  skipped: { taskId: number; reason: string }[];
}

/** Runs consensus over the whole project (managers): majority vote or Dawid–Skene, stored as annotations or predictions. */
export function ConsensusPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [method, setMethod] = useState<'majority' | 'dawid-skene'>('majority');
  const [storeAs, setStoreAs] = useState<'annotation' | 'prediction'>('annotation');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<ConsensusOutcome | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await api.post<ConsensusOutcome>(`/api/projects/${projectId}/consensus`, { method, storeAs }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>{t('quality.consensus.title')}</h2>
      <p className="muted small">{t('quality.consensus.help')}</p>
      <div className="actions">
        <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)} aria-label={t('quality.consensus.method')}>
          <option value="majority">{t('quality.consensus.majority')}</option>
          <option value="dawid-skene">{t('quality.consensus.dawidSkene')}</option>
        </select>
        <select value={storeAs} onChange={(e) => setStoreAs(e.target.value as typeof storeAs)} aria-label={t('quality.consensus.storeAs')}>
          <option value="annotation">{t('quality.consensus.asAnnotation')}</option>
          <option value="prediction">{t('quality.consensus.asPrediction')}</option>
        </select>
        <button type="button" disabled={busy} onClick={() => void run()}>
          {t('quality.consensus.run')}
        </button>
      </div>
      <ErrorText error={error} />
      {outcome ? <p className="ok-text">{t('quality.consensus.done', { stored: outcome.stored.length, tasks: outcome.tasks, skipped: outcome.skipped.length })}</p> : null}
    </section>
  );
}
