import { useTranslation } from 'react-i18next';
import type { ClassificationRunMetrics } from '@laoshi/core';
import { ConfusionHeatmap } from './confusion-heatmap.js';
import { fmtMetric } from './evaluation-types.js';
import { PALETTE, PrChart, type PrSeries } from './pr-chart.js';

/** Classification: the per-class table with the three averages, the confusion heat map and one PR curve per label. */
export function ClassificationSection({ metrics }: { metrics: ClassificationRunMetrics }) {
  const { t } = useTranslation();
  const { report, prCurves, averagePrecision } = metrics;
  const rows = [
    ...report.labels.map((label) => ({ key: `l:${label}`, name: label, average: false, ...report.perClass[label]!, ap: averagePrecision?.[label] ?? null })),
    ...(['macro', 'micro', 'weighted'] as const).map((avg) => ({ key: `a:${avg}`, name: t(`evaluations.report.${avg}`), average: true, ...report[avg], support: report.support, ap: null })),
  ];
  const series: PrSeries[] = prCurves
    ? report.labels.flatMap((label, i) => {
        const curve = prCurves[label];
        if (!curve) return [];
        const ap = averagePrecision?.[label];
        return [{ key: label, label: ap === null || ap === undefined ? label : `${label} (AP ${fmtMetric(ap)})`, curve, color: PALETTE[i % PALETTE.length]! }];
      })
    : [];
  return (
    <section className="report-section" data-testid="classification-section">
      <h3>{t('evaluations.report.perClass')}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="per-class-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluations.report.label')}</th>
              <th scope="col">{t('evaluations.report.precision')}</th>
              <th scope="col">{t('evaluations.report.recall')}</th>
              <th scope="col">F1</th>
              <th scope="col">{t('evaluations.report.support')}</th>
              {averagePrecision ? <th scope="col">AP</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.average ? 'average-row' : undefined} data-testid="per-class-row" data-label={row.name}>
                <th scope="row">{row.name}</th>
                <td className="num">{fmtMetric(row.precision)}</td>
                <td className="num">{fmtMetric(row.recall)}</td>
                <td className="num">{fmtMetric(row.f1)}</td>
                <td className="num">{row.support}</td>
                {averagePrecision ? <td className="num">{row.average ? '' : fmtMetric(row.ap)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small">
        {t('evaluations.report.accuracyLine', { accuracy: fmtMetric(report.accuracy), support: report.support })}
      </p>
      <div className="report-charts">
        <div>
          <h3>{t('evaluations.report.confusion')}</h3>
          <ConfusionHeatmap report={report} />
        </div>
        <div>
          <h3>{t('evaluations.report.prCurves')}</h3>
          {prCurves ? <PrChart series={series} title={t('evaluations.report.prCurvesPerLabel')} testId="pr-chart" /> : <p className="muted small">{t('evaluations.report.noScores')}</p>}
        </div>
      </div>
    </section>
  );
}
