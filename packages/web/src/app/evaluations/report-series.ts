import type { EvaluationRunReport, PrCurve } from '@laoshi/core';
import { cocoPrCurve } from './evaluation-types.js';

/** A report's PR curves by label or category: classification's one-vs-rest curves, detection's precision at IoU 0.5; none for NER. */
export function curvesOf(report: EvaluationRunReport): Record<string, PrCurve> {
  const { classification, detection } = report.metrics;
  if (classification?.prCurves) return classification.prCurves;
  if (detection) return Object.fromEntries(Object.entries(detection.precisionAt50).map(([k, p]) => [k, cocoPrCurve(p)]).filter(([, c]) => (c as PrCurve).recall.length > 0));
  return {};
}

/** The per-label number a comparison lines up: F1 for classification and NER, AP for detection and segmentation. */
export function perLabelMetric(report: EvaluationRunReport): { metric: 'f1' | 'AP'; values: Record<string, number | null> } {
  const { classification, detection, ner } = report.metrics;
  if (classification) return { metric: 'f1', values: Object.fromEntries(Object.entries(classification.report.perClass).map(([k, v]) => [k, v.f1])) };
  if (detection) return { metric: 'AP', values: Object.fromEntries(Object.entries(detection.perCategory).map(([k, v]) => [k, v.AP])) };
  if (ner) return { metric: 'f1', values: Object.fromEntries(Object.entries(ner.perLabel).map(([k, v]) => [k, v.f1])) };
  return { metric: 'f1', values: {} };
}

/** Labels of both in a stable order: A's first, then B's new ones. */
export function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}
