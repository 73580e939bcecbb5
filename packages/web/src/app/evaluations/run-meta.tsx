import { useTranslation } from 'react-i18next';
import type { EvaluationRunView } from './evaluation-types.js';

/** What a run compared: source, reference, control, kind and slice field (every value rendered as text). */
export function RunMeta({ run }: { run: EvaluationRunView }) {
  const { t } = useTranslation();
  return (
    <p className="muted small run-meta" data-testid="run-meta">
      <span>{t(`evaluations.source.${run.source.kind}`)}: </span>
      <strong>{run.source.label}</strong>
      <span> · {t(`evaluations.reference.${run.reference}`)}</span>
      <span> · {t(`evaluations.kinds.${run.kind}`)}</span>
      <span> · {t('evaluations.control')}: {run.fromName}</span>
      {run.sliceBy ? <span> · {t('evaluations.sliceBy')}: {run.sliceBy}</span> : null}
      <span> · {new Date(run.createdAt).toLocaleString()}</span>
    </p>
  );
}

/** The run's warnings (labels the config does not know, tasks left out…), as the server wrote them. */
export function Warnings({ warnings }: { warnings: readonly string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="banner warn" role="status" data-testid="evaluation-warnings">
      <strong>{t('evaluations.warnings')}</strong>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
