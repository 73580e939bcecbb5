import { count, html, shorten, textWidth, type Html } from './report-html-format.js';
import type { ReportDict } from './report-html-i18n.js';

// Charts are inline SVG built here, so the exported file needs no script, font or image.
// Coordinates are rounded to 0.1px: that keeps files small and loses nothing visible.
const px = (n: number): string => String(Math.round(n * 10) / 10);

/** Longest label, in pixels at 12px, after shortening to 18 characters. */
const labelSpace = (labels: readonly string[]): number => Math.max(24, ...labels.map((l) => textWidth(shorten(l, 18))));

/** White → blue as `share` goes 0 → 1. */
function shade(share: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  return `rgb(${mix(255, 29)},${mix(255, 78)},${mix(255, 216)})`;
}

/**
 * The confusion matrix as a heat map: one cell per (true, predicted) pair with its count, shaded
 * by the share of its row so small classes are as readable as large ones.
 */
export function confusionMatrixSvg(labels: readonly string[], confusion: readonly (readonly number[])[], t: ReportDict): Html {
  const n = labels.length;
  const cell = Math.max(16, Math.min(44, Math.floor(420 / Math.max(n, 1))));
  const space = labelSpace(labels) + 8;
  const [left, top] = [space + 22, space + 22];
  const [width, height] = [left + n * cell + 4, top + n * cell + 4];
  const digits = Math.max(1, ...confusion.flat().map((c) => String(c).length));
  const fontSize = Math.min(12, (cell * 0.85) / (digits * 0.62));
  const cells = labels.map((trueLabel, i) => {
    const row = confusion[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    return labels.map((predicted, j) => {
      const value = row[j] ?? 0;
      const share = total === 0 ? 0 : value / total;
      const [x, y] = [left + j * cell, top + i * cell];
      return html`<g class="cm-cell" data-row="${i}" data-col="${j}"><title>${trueLabel} → ${predicted}: ${count(value)} (${(share * 100).toFixed(1)}%)</title><rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${shade(share)}"${i === j ? html` class="diag"` : ''}/><text class="cm-count${share > 0.55 ? ' on-dark' : ''}" x="${px(x + cell / 2)}" y="${px(y + cell / 2)}" font-size="${px(fontSize)}">${count(value)}</text></g>`;
    });
  });
  const rowLabels = labels.map((label, i) =>
    html`<text class="axis-label" x="${left - 6}" y="${px(top + i * cell + cell / 2)}" text-anchor="end" dominant-baseline="central"><title>${label}</title>${shorten(label, 18)}</text>`);
  const colLabels = labels.map((label, j) => {
    const [x, y] = [px(left + j * cell + cell / 2), top - 6];
    return html`<text class="axis-label" x="${x}" y="${y}" transform="rotate(-90 ${x} ${y})" dominant-baseline="central"><title>${label}</title>${shorten(label, 18)}</text>`;
  });
  return html`<svg class="chart confusion" role="img" aria-label="${t.confusion}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<text class="axis-title" x="${px(left + (n * cell) / 2)}" y="14" text-anchor="middle">${t.predictedLabel}</text>
<text class="axis-title" x="14" y="${px(top + (n * cell) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${px(top + (n * cell) / 2)})">${t.trueLabel}</text>
${rowLabels}${colLabels}${cells}
</svg>`;
}

/** One curve of a precision–recall chart; `points` are [recall, precision] pairs. */
export interface ChartCurve {
  name: string;
  points: readonly (readonly [number, number])[];
  /** Shown after the name in the legend (e.g. its average precision). */
  note: string;
}

const PLOT = { left: 46, top: 10, width: 320, height: 240, bottom: 40, right: 12 };

/** Polyline points in pixels, without consecutive points that land on the same pixel. */
export function curvePoints(points: readonly (readonly [number, number])[]): string[] {
  const out: string[] = [];
  for (const [recall, precision] of points) {
    const point = `${px(PLOT.left + recall * PLOT.width)},${px(PLOT.top + (1 - precision) * PLOT.height)}`;
    if (out[out.length - 1] !== point) out.push(point);
  }
  return out;
}

/** Precision (y) over recall (x), both 0–1, one coloured polyline per curve, with an HTML legend. */
export function prChartSvg(curves: readonly ChartCurve[], t: ReportDict): Html {
  const width = PLOT.left + PLOT.width + PLOT.right;
  const height = PLOT.top + PLOT.height + PLOT.bottom;
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const grid = ticks.map((v) => {
    const [x, y] = [px(PLOT.left + v * PLOT.width), px(PLOT.top + (1 - v) * PLOT.height)];
    return html`<line class="grid" x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y}" y2="${y}"/><line class="grid" x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${PLOT.top + PLOT.height}"/><text class="tick" x="${PLOT.left - 6}" y="${y}" text-anchor="end" dominant-baseline="central">${v.toFixed(1)}</text><text class="tick" x="${x}" y="${PLOT.top + PLOT.height + 14}" text-anchor="middle">${v.toFixed(1)}</text>`;
  });
  const lines = curves.map((curve, i) => {
    const points = curvePoints(curve.points);
    return points.length === 0 ? '' : html`<polyline class="pr-curve ${seriesClass(i)}" data-series="${i}" points="${points.join(' ')}"><title>${curve.name}</title></polyline>`;
  });
  const legend = curves.map((curve, i) =>
    html`<li><span class="swatch ${seriesClass(i)}"></span><span class="legend-name">${curve.name}</span> <span class="legend-note">${curve.note}</span></li>`);
  return html`<figure class="pr"><svg class="chart pr-chart" role="img" aria-label="${t.precision} / ${t.recall}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${grid}<rect class="frame" x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}"/>
<text class="axis-title" x="${PLOT.left + PLOT.width / 2}" y="${height - 6}" text-anchor="middle">${t.recall}</text>
<text class="axis-title" x="12" y="${PLOT.top + PLOT.height / 2}" text-anchor="middle" transform="rotate(-90 12 ${PLOT.top + PLOT.height / 2})">${t.precision}</text>
${lines}
</svg><ul class="legend">${legend}</ul></figure>`;
}

/** Ten colours, then the same ten dashed, then dotted: series stay apart for up to 30 curves. */
export const seriesClass = (i: number): string => `s${i % 10}${i >= 10 ? ` d${Math.min(2, Math.floor(i / 10))}` : ''}`;
