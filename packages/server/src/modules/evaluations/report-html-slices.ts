import type { EvaluationSlice, EvaluationSlices } from '@laoshi/core';
import { count, html, isShown, metric, shorten, textWidth, type Html } from './report-html-format.js';
import { headlineName, type ReportDict } from './report-html-i18n.js';

const BAR = { width: 260, row: 24, valueSpace: 52 };
const px = (n: number): string => String(Math.round(n * 10) / 10);

const sliceName = (value: string | null, t: ReportDict): string => value ?? t.noValue;

/** The headline metrics the slices report, in the order they first appear. */
function sliceMetrics(slices: readonly EvaluationSlice[], gaps: EvaluationSlices['gaps']): string[] {
  return [...new Set([...slices.flatMap((s) => Object.keys(s.headline)), ...Object.keys(gaps)])];
}

/** Slices by value (null last), so two runs list them in the same order. */
const byValue = (a: EvaluationSlice, b: EvaluationSlice): number =>
  a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1;

/** Horizontal bars, one per slice, of one headline metric (0–1); best and worst slices marked. */
function sliceBarsSvg(sliced: EvaluationSlices, name: string, t: ReportDict): Html {
  const gap = sliced.gaps[name] ?? null;
  const slices = [...sliced.slices].sort(byValue);
  const labels = slices.map((s) => `${shorten(sliceName(s.value, t), 18)} · n=${count(s.items)}`);
  const labelWidth = Math.max(60, ...labels.map(textWidth)) + 10;
  const width = labelWidth + BAR.width + BAR.valueSpace;
  const height = slices.length * BAR.row + 4;
  const rows = slices.map((slice, i) => {
    const value = slice.headline[name];
    const y = i * BAR.row + 2;
    const tone = [
      gap !== null && slice.value === gap.best ? 'best' : '',
      gap !== null && slice.value === gap.worst ? 'worst' : '',
      slice.items < sliced.minSupport ? 'thin' : '',
    ].filter(Boolean).join(' ');
    const barWidth = isShown(value) ? Math.max(0, Math.min(1, value)) * BAR.width : 0;
    return html`<g class="slice-bar${tone ? ` ${tone}` : ''}" data-slice="${i}"><title>${sliceName(slice.value, t)}: ${metric(value)} (n=${count(slice.items)})</title><text class="axis-label" x="${labelWidth - 8}" y="${px(y + BAR.row / 2)}" text-anchor="end" dominant-baseline="central">${labels[i]}</text><rect class="track" x="${labelWidth}" y="${y + 4}" width="${BAR.width}" height="${BAR.row - 8}"/><rect class="bar" x="${labelWidth}" y="${y + 4}" width="${px(barWidth)}" height="${BAR.row - 8}"/><text class="bar-value" x="${px(labelWidth + BAR.width + 6)}" y="${px(y + BAR.row / 2)}" dominant-baseline="central">${metric(value)}</text></g>`;
  });
  return html`<svg class="chart slice-chart" role="img" aria-label="${headlineName(t, name)}" data-metric="${name}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows}</svg>`;
}

/** "Gap (best − worst): 0.250 — best: north (0.900), worst: south (0.650)". */
function gapLine(sliced: EvaluationSlices, name: string, t: ReportDict): Html {
  const gap = sliced.gaps[name] ?? null;
  if (gap === null) return html`<p class="gap">${t.gap}: ${t.noGap}</p>`;
  const valueOf = (value: string | null) => sliced.slices.find((s) => s.value === value)?.headline[name] ?? null;
  return html`<p class="gap"><strong>${t.gap}: <span class="gap-value">${metric(gap.gap)}</span></strong> — ${t.best}: <span class="slice-name">${sliceName(gap.best, t)}</span> (${metric(valueOf(gap.best))}), ${t.worst}: <span class="slice-name">${sliceName(gap.worst, t)}</span> (${metric(valueOf(gap.worst))})</p>`;
}

/** The slices section: per headline metric, a bar per slice and the best–worst gap. */
export function slicesSection(sliced: EvaluationSlices, t: ReportDict): Html {
  const charts = sliceMetrics(sliced.slices, sliced.gaps).map((name) =>
    html`<figure class="slice-metric"><figcaption>${headlineName(t, name)}</figcaption>${sliceBarsSvg(sliced, name, t)}${gapLine(sliced, name, t)}</figure>`);
  return html`<section class="slices"><h3>${t.slices(sliced.field)}</h3><p class="note">${t.sliceNote(sliced.minSupport)}</p><div class="slice-grid">${charts}</div></section>`;
}
