import { useTranslation } from 'react-i18next';
import type { EvaluationRunReport } from '@laoshi/core';
import { ClassificationSection } from './classification-section.js';
import { DetectionSection } from './detection-section.js';
import { fmtMetric, headlineKeys, metricLabel } from './evaluation-types.js';
import { NerSection } from './ner-section.js';
import { SlicesSection } from './slices-section.js';

/** The headline numbers as cards, plus how many tasks were evaluated and left out. */
export function HeadlineCards({ report }: { report: EvaluationRunReport }) {
  const { t } = useTranslation();
  return (
    <div className="stats headline-cards" data-testid="headline-cards">
      {headlineKeys(report.kind, report.headline).map((key) => (
        <div key={key} className="stat card" data-testid={`headline-${key}`} data-value={report.headline[key] ?? ''}>
          <span className="stat-label">{metricLabel(t, key)}</span>
          <span className="stat-value">{fmtMetric(report.headline[key])}</span>
        </div>
      ))}
      <div className="stat card" data-testid="headline-items">
        <span className="stat-label">{t('evaluations.report.itemsEvaluated')}</span>
        <span className="stat-value">{report.items}</span>
        <span className="muted small">
          {t('evaluations.report.leftOut', { withoutPrediction: report.withoutPrediction, withoutReference: report.withoutReference })}
        </span>
      </div>
    </div>
  );
}

/** A whole report: headline, the kind's own tables and charts, and the slices when the run was sliced. */
export function ReportView({ report }: { report: EvaluationRunReport }) {
  const { t } = useTranslation();
  const { classification, detection, ner } = report.metrics;
  return (
    <div className="report-view" data-testid="report-view" data-kind={report.kind}>
      <HeadlineCards report={report} />
      {report.items === 0 ? <p className="banner warn">{t('evaluations.report.noItems')}</p> : null}
      {classification ? <ClassificationSection metrics={classification} /> : null}
      {detection ? <DetectionSection metrics={detection} /> : null}
      {ner ? <NerSection metrics={ner} /> : null}
      {report.slices ? <SlicesSection slices={report.slices} kind={report.kind} /> : null}
      <p className="muted small">{t('evaluations.report.computed', { at: new Date(report.computedAt).toLocaleString(), ms: Math.round(report.durationMs) })}</p>
    </div>
  );
}
