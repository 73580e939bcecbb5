import type { ClassificationRunMetrics, CocoSummary, DetectionRunMetrics, NerRunMetrics, SpanCounts } from '@laoshi/core';
import { confusionMatrixSvg, prChartSvg, type ChartCurve } from './report-html-charts.js';
import { count, html, isShown, metric, type Html } from './report-html-format.js';
import type { ReportDict } from './report-html-i18n.js';
import { table } from './report-html-tables.js';

/** Classification: per-class table, averages, confusion matrix and one-vs-rest PR curves. */
export function classificationSection(m: ClassificationRunMetrics, t: ReportDict): Html {
  const r = m.report;
  const ap = m.averagePrecision;
  const perClass = r.labels.map((label) => {
    const c = r.perClass[label];
    return [label, metric(c?.precision), metric(c?.recall), metric(c?.f1), count(c?.support ?? 0), ...(ap ? [metric(ap[label])] : [])];
  });
  const averages = ([['macro', r.macro], ['micro', r.micro], ['weighted', r.weighted]] as const).map(([name, avg]) =>
    [t[name], metric(avg.precision), metric(avg.recall), metric(avg.f1)]);
  let curves: Html;
  if (m.prCurves === null) curves = html`<p class="note">${t.noScores}</p>`;
  else {
    const prCurves = m.prCurves;
    const series: ChartCurve[] = r.labels.filter((label) => Object.hasOwn(prCurves, label)).map((label) => {
      const curve = prCurves[label]!;
      const points = curve.recall.map((recall, i) => [recall, curve.precision[i] ?? 0] as const).filter(([x, y]) => isShown(x) && isShown(y));
      return { name: label, points, note: ap ? `${t.averagePrecision} ${metric(ap[label])}` : '' };
    });
    curves = prChartSvg(series, t);
  }
  return html`<section class="kind classification">
<div class="pair"><div><h3>${t.averages}</h3><p class="accuracy">${t.accuracy}: <strong>${metric(r.accuracy)}</strong> · n=${count(r.support)}</p>
${table('numbers averages', ['', t.precision, t.recall, t.f1], averages)}</div>
<div><h3>${t.perClass}</h3>${table('numbers per-class', [t.label, t.precision, t.recall, t.f1, t.support, ...(ap ? [t.averagePrecision] : [])], perClass)}</div></div>
<div class="pair"><div><h3>${t.confusion}</h3><p class="note">${t.confusionNote}</p><div class="chart-wrap">${confusionMatrixSvg(r.labels, r.confusion, t)}</div></div>
<div><h3>${t.prCurves}</h3>${curves}</div></div>
</section>`;
}

const COCO_ROWS: readonly [keyof CocoSummary, 'AP' | 'AR', string, 'all' | 'small' | 'medium' | 'large', number][] = [
  ['AP', 'AP', '0.50:0.95', 'all', 100], ['AP50', 'AP', '0.50', 'all', 100], ['AP75', 'AP', '0.75', 'all', 100],
  ['APs', 'AP', '0.50:0.95', 'small', 100], ['APm', 'AP', '0.50:0.95', 'medium', 100], ['APl', 'AP', '0.50:0.95', 'large', 100],
  ['AR1', 'AR', '0.50:0.95', 'all', 1], ['AR10', 'AR', '0.50:0.95', 'all', 10], ['AR100', 'AR', '0.50:0.95', 'all', 100],
  ['ARs', 'AR', '0.50:0.95', 'small', 100], ['ARm', 'AR', '0.50:0.95', 'medium', 100], ['ARl', 'AR', '0.50:0.95', 'large', 100],
];
const COCO_KEYS = COCO_ROWS.map(([key]) => key);

/** Detection and segmentation: the 12 COCO numbers, PR curves at IoU 0.5 and the per-category numbers. */
export function detectionSection(m: DetectionRunMetrics, t: ReportDict): Html {
  const summary = table('numbers coco', [t.metric, t.iou, t.area, t.maxDets, t.value],
    COCO_ROWS.map(([key, _kind, iou, area, maxDets]) => [key, iou, t.areas[area], String(maxDets), metric(m.summary[key])]));
  const categories = Object.keys(m.perCategory);
  const perCategory = table('numbers per-category', [t.category, ...COCO_KEYS],
    categories.map((category) => [category, ...COCO_KEYS.map((key) => metric(m.perCategory[category]?.[key]))]));
  const curveNames = [...new Set([...categories, ...Object.keys(m.precisionAt50)])];
  const series: ChartCurve[] = curveNames.map((category) => {
    // precisionAt50[i] is the precision at recall i/100; -1 (no ground truth) has no point.
    const precisions = m.precisionAt50[category] ?? [];
    const points = precisions.flatMap((p, i) => (isShown(p) ? [[i / 100, p] as const] : []));
    return { name: category, points, note: points.length === 0 ? t.noGroundTruth : `AP50 ${metric(m.perCategory[category]?.AP50)}` };
  });
  return html`<section class="kind detection">
<div class="pair"><div><h3>${t.coco} <span class="muted">(${m.iouType})</span></h3>${summary}</div>
<div><h3>${t.prCurvesDetection}</h3>${prChartSvg(series, t)}</div></div>
<h3>${t.perCategory}</h3>${perCategory}
</section>`;
}

const spanRow = (name: string, s: SpanCounts): string[] =>
  [name, metric(s.precision), metric(s.recall), metric(s.f1), count(s.truePositives), count(s.falsePositives), count(s.falseNegatives)];

/** NER: micro and macro span precision/recall/F1 and the per-label numbers. */
export function nerSection(m: NerRunMetrics, t: ReportDict): Html {
  const head = [t.label, t.precision, t.recall, t.f1, t.truePositives, t.falsePositives, t.falseNegatives];
  const averages = [spanRow(t.micro, m.micro), [t.macro, metric(m.macro.precision), metric(m.macro.recall), metric(m.macro.f1), '', '', '']];
  return html`<section class="kind ner">
<div class="pair"><div><h3>${t.nerSpans}</h3><p class="note">${t.matchModes[m.match] ?? m.match}</p>
${table('numbers averages', ['', ...head.slice(1)], averages)}</div>
<div><h3>${t.perLabel}</h3>${table('numbers per-label', head, Object.entries(m.perLabel).map(([label, s]) => spanRow(label, s)))}</div></div>
</section>`;
}
