import type { EvaluationRunReport } from '@laoshi/core';
import { badRequest } from '../../errors.js';
import { html, Html } from './report-html-format.js';
import { reportDict, type ReportDict, type ReportLang } from './report-html-i18n.js';
import { classificationSection, detectionSection, nerSection } from './report-html-kinds.js';
import { slicesSection } from './report-html-slices.js';
import { REPORT_CSS } from './report-html-style.js';
import { headlineCards, headlineComparison, metadataList } from './report-html-tables.js';

/** One run to render and the title it is shown under (e.g. the model version's name). */
export interface TitledRun {
  title: string;
  report: EvaluationRunReport;
}

/** The policy the export is served with, repeated in the file so it holds when opened from disk too. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function kindSection(report: EvaluationRunReport, t: ReportDict): Html {
  const { classification, detection, ner } = report.metrics;
  if (report.kind === 'classification' && classification) return classificationSection(classification, t);
  if ((report.kind === 'detection' || report.kind === 'segmentation') && detection) return detectionSection(detection, t);
  if (report.kind === 'ner' && ner) return nerSection(ner, t);
  return html`<p class="note">${t.noMetrics}</p>`;
}

function runSection(run: TitledRun, index: number, t: ReportDict, baseline?: EvaluationRunReport): Html {
  const { report } = run;
  return html`<section class="run" data-run="${index}">
<h2>${run.title}</h2>
${metadataList(report, t)}
<h3>${t.headline}</h3>${headlineCards(report.headline, t, baseline?.headline)}
${kindSection(report, t)}
${report.slices ? slicesSection(report.slices, t) : ''}
</section>`;
}

/**
 * The evaluation report as one self-contained HTML document: inline CSS, charts as inline SVG, no
 * script and no external resource, every data string escaped. One run gives its full report; two
 * give both side by side, with the headline numbers compared (Δ = second − first).
 * @example renderEvaluationHtml([{ title: 'v3', report }], { lang: 'zh-CN' })
 */
export function renderEvaluationHtml(runs: readonly TitledRun[], options: { lang: ReportLang }): string {
  if (runs.length < 1 || runs.length > 2) throw badRequest(`a report shows one run or compares two, not ${runs.length}`, 'runs');
  if (options.lang !== 'en' && options.lang !== 'zh-CN') throw badRequest('lang must be en or zh-CN', 'lang');
  const t = reportDict(options.lang);
  const [first, second] = runs as [TitledRun, TitledRun | undefined];
  const title = second ? `${t.comparisonTitle}: ${first.title} · ${second.title}` : `${t.documentTitle}: ${first.title}`;
  const document = html`<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Laoshi">
<title>${title}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body class="${second ? 'compare' : 'single'}">
<header class="doc"><h1>${second ? t.comparisonTitle : t.documentTitle}</h1></header>
${second ? headlineComparison(first, second, t) : ''}
<div class="runs">${runs.map((run, i) => runSection(run, i, t, i > 0 ? first.report : undefined))}</div>
<footer>${t.generatedBy}</footer>
</body>
</html>
`;
  return document.text;
}
