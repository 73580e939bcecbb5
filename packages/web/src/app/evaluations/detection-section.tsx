import { useTranslation } from 'react-i18next';
import type { DetectionRunMetrics } from '@laoshi/core';
import { COCO_KEYS, cocoPrCurve, fmtMetric } from './evaluation-types.js';
import { PALETTE, PrChart, type PrSeries } from './pr-chart.js';

/** Detection and segmentation: COCO's 12 numbers, the same per category, and each category's PR curve at IoU 0.5. */
export function DetectionSection({ metrics }: { metrics: DetectionRunMetrics }) {
  const { t } = useTranslation();
  const categories = Object.keys(metrics.perCategory);
  const series: PrSeries[] = Object.entries(metrics.precisionAt50).flatMap(([category, precision], i) => {
    const curve = cocoPrCurve(precision);
    return curve.recall.length ? [{ key: category, label: `${category} (AP50 ${fmtMetric(metrics.perCategory[category]?.AP50)})`, curve, color: PALETTE[i % PALETTE.length]! }] : [];
  });
  return (
    <section className="report-section" data-testid="detection-section">
      <h3>{t('evaluations.report.coco', { iouType: metrics.iouType })}</h3>
      <dl className="coco-grid" data-testid="coco-summary">
        {COCO_KEYS.map((key) => (
          <div key={key} className="coco-cell" data-testid={`coco-${key}`} data-value={metrics.summary[key]}>
            <dt>
              <span className="coco-key">{key}</span>
              <span className="muted small">{t(`evaluations.coco.${key}`)}</span>
            </dt>
            <dd>{fmtMetric(metrics.summary[key])}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('evaluations.report.cocoUndefined')}</p>
      <h3>{t('evaluations.report.perCategory')}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="per-category-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluations.report.category')}</th>
              {COCO_KEYS.map((key) => (
                <th key={key} scope="col">{key}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category} data-testid="per-category-row" data-label={category}>
                <th scope="row">{category}</th>
                {COCO_KEYS.map((key) => (
                  <td key={key} className="num">{fmtMetric(metrics.perCategory[category]?.[key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('evaluations.report.prCurves')}</h3>
      <PrChart series={series} title={t('evaluations.report.prCurvesPerCategory')} testId="pr-chart" />
    </section>
  );
}
