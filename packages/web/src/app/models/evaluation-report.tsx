import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { fmt, type ClassificationReport, type Evaluation, type EvaluationSection } from './model-types.js';

/** A model version's evaluation: per-class table, confusion matrix, binary curves' areas, calibration and slices. */
export function EvaluationReport({ versionId }: { versionId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [sliceInput, setSliceInput] = useState('');
  const [sliceBy, setSliceBy] = useState('');
  const [split, setSplit] = useState<'validation' | 'annotations'>('validation');
  const { data, error, loading } = useAsync(
    (signal) => api.get<Evaluation>(`/api/model-versions/${versionId}/evaluation${sliceBy ? `?sliceBy=${encodeURIComponent(sliceBy)}` : ''}`, { signal }),
    [api, versionId, sliceBy],
  );
  const section = data?.[split] ?? null;
  return (
    <div className="evaluation" data-testid="evaluation-report">
      <div className="form-row">
        <label>
          {t('models.eval.split')}
          <select value={split} onChange={(e) => setSplit(e.target.value as typeof split)}>
            <option value="validation">{t('models.eval.validation')}</option>
            <option value="annotations">{t('models.eval.annotations')}</option>
          </select>
        </label>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setSliceBy(sliceInput.trim());
          }}
        >
          <label>
            {t('models.eval.sliceBy')}
            <input value={sliceInput} placeholder="meta.region" onChange={(e) => setSliceInput(e.target.value)} data-testid="eval-slice-by" />
          </label>
          <button type="submit">{t('models.eval.apply')}</button>
        </form>
      </div>
      <ErrorText error={error} />
      {loading && !data ? <p className="muted">{t('models.loading')}</p> : null}
      {data && !section ? <p className="muted">{t('models.eval.noItems')}</p> : null}
      {section ? <Section section={section} /> : null}
    </div>
  );
}

function Section({ section }: { section: EvaluationSection }) {
  const { t } = useTranslation();
  const r = section.report;
  return (
    <>
      <div className="stats">
        <Stat label={t('models.eval.items')} value={String(section.items)} />
        <Stat label={t('models.eval.accuracy')} value={fmt(r.accuracy)} />
        <Stat label={t('models.eval.macroF1')} value={fmt(r.macro.f1)} />
        <Stat label={t('models.eval.weightedF1')} value={fmt(r.weighted.f1)} />
        <Stat label={t('models.eval.ece')} value={fmt(section.calibration.expectedCalibrationError)} />
        {section.binary ? <Stat label={t('models.eval.rocAuc', { label: section.binary.positiveLabel })} value={fmt(section.binary.rocAuc)} /> : null}
        {section.binary ? <Stat label={t('models.eval.averagePrecision')} value={fmt(section.binary.averagePrecision)} /> : null}
      </div>
      <h4>{t('models.eval.perClass')}</h4>
      <PerClassTable report={r} />
      <h4>{t('models.eval.confusion')}</h4>
      <ConfusionMatrix report={r} />
      {section.slices ? (
        <>
          <h4>{t('models.eval.slices')}</h4>
          <table className="table" data-testid="eval-slices">
            <thead>
              <tr>
                <th>{t('models.eval.slice')}</th>
                <th>{t('models.eval.items')}</th>
                <th>{t('models.eval.accuracy')}</th>
                <th>{t('models.eval.macroF1')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {section.slices.slices.map((s) => (
                <tr key={String(s.slice)}>
                  <td>{s.slice ?? t('models.eval.noValue')}</td>
                  <td className="num">{s.support}</td>
                  <td className="num">{fmt(s.report.accuracy)}</td>
                  <td className="num">{fmt(s.report.macro.f1)}</td>
                  <td>
                    <div className="bar" style={{ width: `${Math.round(s.report.accuracy * 100)}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {section.slices.gaps.accuracy ? (
            <p className="small">
              {t('models.eval.gap', {
                gap: fmt(section.slices.gaps.accuracy.gap),
                best: section.slices.gaps.accuracy.best.slice ?? t('models.eval.noValue'),
                worst: section.slices.gaps.accuracy.worst.slice ?? t('models.eval.noValue'),
              })}
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
    </div>
  );
}

function PerClassTable({ report }: { report: ClassificationReport }) {
  const { t } = useTranslation();
  const rows = [
    ...report.labels.map((label) => ({ key: label, name: label, ...report.perClass[label]! })),
    { key: '~macro', name: t('models.eval.macro'), ...report.macro, support: report.support },
    { key: '~weighted', name: t('models.eval.weighted'), ...report.weighted, support: report.support },
  ];
  return (
    <table className="table" data-testid="eval-per-class">
      <thead>
        <tr>
          <th>{t('models.eval.label')}</th>
          <th>{t('models.eval.precision')}</th>
          <th>{t('models.eval.recall')}</th>
          <th>F1</th>
          <th>{t('models.eval.support')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.name}</td>
            <td className="num">{fmt(row.precision)}</td>
            <td className="num">{fmt(row.recall)}</td>
            <td className="num">{fmt(row.f1)}</td>
            <td className="num">{row.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Rows are the truth, columns the prediction; a cell's shade grows with its share of its row. */
function ConfusionMatrix({ report }: { report: ClassificationReport }) {
  const { t } = useTranslation();
  return (
    <table className="table confusion" data-testid="eval-confusion">
      <thead>
        <tr>
          <th>{t('models.eval.truthPredicted')}</th>
          {report.labels.map((l) => <th key={l}>{l}</th>)}
        </tr>
      </thead>
      <tbody>
        {report.confusion.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={report.labels[i]}>
              <th>{report.labels[i]}</th>
              {row.map((n, j) => (
                <td key={report.labels[j]} className="num" style={{ background: `rgba(${i === j ? '22,163,74' : '220,38,38'},${(0.6 * n) / total})` }}>
                  {n}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
