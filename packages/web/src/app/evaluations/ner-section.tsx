import { useTranslation } from 'react-i18next';
import type { NerRunMetrics, SpanCounts } from '@laoshi/core';
import { fmtMetric } from './evaluation-types.js';

/** NER: span precision, recall and F1 (micro over all spans, macro over labels) and per label, with the counts behind them. */
export function NerSection({ metrics }: { metrics: NerRunMetrics }) {
  const { t } = useTranslation();
  const counts = (c: SpanCounts | null) => (
    <>
      <td className="num">{c ? c.truePositives : ''}</td>
      <td className="num">{c ? c.falsePositives : ''}</td>
      <td className="num">{c ? c.falseNegatives : ''}</td>
    </>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('evaluations.report.precision')}</th>
        <th scope="col">{t('evaluations.report.recall')}</th>
        <th scope="col">F1</th>
        <th scope="col" title={t('evaluations.report.tpHelp')}>TP</th>
        <th scope="col" title={t('evaluations.report.fpHelp')}>FP</th>
        <th scope="col" title={t('evaluations.report.fnHelp')}>FN</th>
      </tr>
    </thead>
  );
  return (
    <section className="report-section" data-testid="ner-section">
      <h3>{t('evaluations.report.spans')}</h3>
      <p className="muted small">{t(`evaluations.nerMatch.${metrics.match}`)}</p>
      <table className="table" data-testid="ner-averages">
        {head(t('evaluations.report.average'))}
        <tbody>
          <tr data-testid="ner-row" data-label="micro">
            <th scope="row">{t('evaluations.report.micro')}</th>
            <td className="num">{fmtMetric(metrics.micro.precision)}</td>
            <td className="num">{fmtMetric(metrics.micro.recall)}</td>
            <td className="num">{fmtMetric(metrics.micro.f1)}</td>
            {counts(metrics.micro)}
          </tr>
          <tr data-testid="ner-row" data-label="macro">
            <th scope="row">{t('evaluations.report.macro')}</th>
            <td className="num">{fmtMetric(metrics.macro.precision)}</td>
            <td className="num">{fmtMetric(metrics.macro.recall)}</td>
            <td className="num">{fmtMetric(metrics.macro.f1)}</td>
            {counts(null)}
          </tr>
        </tbody>
      </table>
      <h3>{t('evaluations.report.perLabel')}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="ner-per-label">
          {head(t('evaluations.report.label'))}
          <tbody>
            {Object.entries(metrics.perLabel).map(([label, c]) => (
              <tr key={label} data-testid="ner-label-row" data-label={label}>
                <th scope="row">{label}</th>
                <td className="num">{fmtMetric(c.precision)}</td>
                <td className="num">{fmtMetric(c.recall)}</td>
                <td className="num">{fmtMetric(c.f1)}</td>
                {counts(c)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
