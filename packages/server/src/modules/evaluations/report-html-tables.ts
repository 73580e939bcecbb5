import type { EvaluationRunReport, SliceHeadline } from '@laoshi/core';
import { count, delta, duration, html, metric, utcTime, type Html, type HtmlPart } from './report-html-format.js';
import { headlineName, type ReportDict } from './report-html-i18n.js';

/** A table: header cells, then rows whose first cell is a row header. Numeric cells align right. */
export function table(className: string, head: readonly HtmlPart[], rows: readonly (readonly HtmlPart[])[]): Html {
  const body = rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td>${cell}</td>`)}</tr>`);
  return html`<div class="table-wrap"><table class="${className}"><thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** What was evaluated, against what, and how long it took. */
export function metadataList(report: EvaluationRunReport, t: ReportDict): Html {
  const entries: [string, HtmlPart][] = [
    [t.source, html`<span class="source-label">${report.source.label}</span> <span class="muted">(${t.sourceKind[report.source.kind] ?? report.source.kind})</span>`],
    [t.kind, t.kinds[report.kind] ?? report.kind],
    [t.reference, t.references[report.reference] ?? report.reference],
    [t.control, html`<code>${report.fromName}</code>`],
    [t.items, count(report.items)],
    [t.withoutPrediction, count(report.withoutPrediction)],
    [t.withoutReference, count(report.withoutReference)],
    [t.computedAt, utcTime(report.computedAt)],
    [t.duration, duration(report.durationMs)],
  ];
  return html`<dl class="meta">${entries.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** One card per headline number; with `baseline`, each card also shows its change from it. */
export function headlineCards(headline: SliceHeadline, t: ReportDict, baseline?: SliceHeadline): Html {
  const cards = Object.entries(headline).map(([name, value]) => {
    const change = baseline ? delta(baseline[name], value) : null;
    return html`<div class="card" data-metric="${name}"><div class="card-name">${headlineName(t, name)}</div><div class="card-value">${metric(value)}</div>${change ? html`<div class="delta ${change.tone}">${t.delta} ${change.text}</div>` : ''}</div>`;
  });
  return html`<div class="cards">${cards}</div>`;
}

/** Two runs' headline numbers in one table, with b − a per metric highlighted. */
export function headlineComparison(a: { title: string; report: EvaluationRunReport }, b: { title: string; report: EvaluationRunReport }, t: ReportDict): Html {
  const names = [...new Set([...Object.keys(a.report.headline), ...Object.keys(b.report.headline)])];
  const rows = names.map((name) => {
    const change = delta(a.report.headline[name], b.report.headline[name]);
    return [headlineName(t, name), metric(a.report.headline[name]), metric(b.report.headline[name]), html`<span class="delta ${change.tone}">${change.text}</span>`];
  });
  return html`<section class="comparison"><h2>${t.headlineComparison}</h2>${table('numbers compare-table', [t.metric, a.title, b.title, `${t.delta} (${b.title} − ${a.title})`], rows)}</section>`;
}
