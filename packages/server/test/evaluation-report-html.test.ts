import { describe, expect, it } from 'vitest';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { ClassificationReport, CocoSummary, EvaluationRunReport, EvaluationSlices, SpanCounts } from '@laoshi/core';
import { LaoshiError } from '../src/errors.js';
import { curvePoints } from '../src/modules/evaluations/report-html-charts.js';
import { renderEvaluationHtml } from '../src/modules/evaluations/report-html.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

// --- a tiny query layer over parse5's tree ---------------------------------------------------
const isElement = (node: Node): node is Element => 'tagName' in node;
function* walk(node: Node): Generator<Node> {
  yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* walk(child);
}
const elements = (root: Node): Element[] => [...walk(root)].filter(isElement);
const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const hasClass = (el: Element, name: string): boolean => (attr(el, 'class') ?? '').split(/\s+/).includes(name);
const find = (root: Node, tag: string, cls?: string): Element[] =>
  elements(root).filter((el) => el.tagName === tag && (cls === undefined || hasClass(el, cls)));
const one = (root: Node, tag: string, cls?: string): Element => {
  const found = find(root, tag, cls);
  expect(found, `one <${tag}${cls ? `.${cls}` : ''}>`).toHaveLength(1);
  return found[0]!;
};
const text = (node: Node): string => [...walk(node)].map((n) => (n.nodeName === '#text' && 'value' in n ? n.value : '')).join('');
/** Text of the node's own text children (leaves out a nested <title>). */
const ownText = (el: Element): string => el.childNodes.map((n) => (n.nodeName === '#text' && 'value' in n ? n.value : '')).join('');
/** The rows of a table as arrays of cell texts (header cell first). */
const rows = (table: Element): string[][] => find(one(table, 'tbody'), 'tr').map((tr) => tr.childNodes.filter(isElement).map(text));
const doc = (htmlText: string) => parse(htmlText);

// --- hand-built reports ------------------------------------------------------------------------
const LABELS = ['cat', 'dog', 'bird'];
const CONFUSION = [[5, 1, 0], [2, 3, 1], [0, 0, 4]];

function classificationReportOf(labels: string[], confusion: number[][]): ClassificationReport {
  const avg = { precision: 0.7123, recall: 0.75, f1: 0.73 };
  return {
    accuracy: 0.75, macro: avg, micro: { precision: 0.75, recall: 0.75, f1: 0.75 }, weighted: { precision: 0.76, recall: 0.75, f1: 0.7449 },
    perClass: Object.fromEntries(labels.map((label, i) => [label, { precision: 0.5 + i / 10, recall: 0.6, f1: 0.55, support: confusion[i]!.reduce((a, b) => a + b, 0) }])),
    labels, confusion, support: 16,
  };
}

const sliceEntry = (value: string | null, items: number, accuracy: number | null) => ({
  value, items, headline: { accuracy, macroF1: accuracy === null ? null : accuracy - 0.1 }, metrics: {},
});

function classificationRun(overrides: Partial<EvaluationRunReport> = {}, labels = LABELS, sliceValues: (string | null)[] = ['north', 'south', null]): EvaluationRunReport {
  const slices: EvaluationSlices = {
    field: 'meta.region', minSupport: 3,
    slices: [sliceEntry(sliceValues[0]!, 8, 0.875), sliceEntry(sliceValues[1]!, 6, 0.5), sliceEntry(sliceValues[2]!, 2, 1)],
    gaps: {
      accuracy: { best: sliceValues[0]!, worst: sliceValues[1]!, gap: 0.375 },
      macroF1: { best: sliceValues[0]!, worst: sliceValues[1]!, gap: 0.375 },
    },
  };
  return {
    kind: 'classification', reference: 'gold', fromName: 'animal', source: { kind: 'model-version', label: 'clf v1' },
    items: 16, withoutPrediction: 2, withoutReference: 1234, headline: { accuracy: 0.75, macroF1: 0.73, weightedF1: 0.7449 },
    metrics: {
      classification: {
        report: classificationReportOf(labels, CONFUSION),
        prCurves: {
          [labels[0]!]: { recall: [0, 0.2, 0.4, 0.8, 1], precision: [1, 1, 0.8, 0.6, 0.5] },
          [labels[1]!]: { recall: [0, 0.5, 1], precision: [1, 0.75, 0.4] },
          [labels[2]!]: { recall: [0, 0.25, 0.5, 0.75], precision: [1, 0.9, 0.7, 0.65] },
        },
        averagePrecision: { [labels[0]!]: 0.81, [labels[1]!]: 0.7, [labels[2]!]: null },
      },
    },
    slices, computedAt: Date.UTC(2025, 0, 2, 3, 4, 5), durationMs: 1530,
    ...overrides,
  };
}

const summaryOf = (base: number): CocoSummary => ({
  AP: base, AP50: base + 0.2, AP75: base + 0.05, APs: -1, APm: base - 0.1, APl: base + 0.1,
  AR1: base - 0.2, AR10: base, AR100: base + 0.1, ARs: -1, ARm: base, ARl: base + 0.15,
});

function detectionRun(): EvaluationRunReport {
  const car = Array.from({ length: 101 }, (_, i) => (i <= 80 ? 1 - i / 200 : 0));
  const truck = Array.from({ length: 101 }, (_, i) => (i < 40 ? 0.9 : -1));
  return {
    kind: 'detection', reference: 'accepted', fromName: 'label', source: { kind: 'file', label: 'results.json' },
    items: 50, withoutPrediction: 0, withoutReference: 0, headline: { AP: 0.4, AP50: 0.6, AR100: 0.5 },
    metrics: {
      detection: {
        iouType: 'bbox', summary: summaryOf(0.4),
        perCategory: { car: summaryOf(0.5), truck: summaryOf(0.3), bus: { ...summaryOf(0), AP: -1, AP50: -1 } },
        precisionAt50: { car, truck, bus: Array.from({ length: 101 }, () => -1) },
      },
    },
    slices: null, computedAt: 0, durationMs: 125_000,
  };
}

const span = (precision: number | null, recall: number | null, tp: number, fp: number, fn: number): SpanCounts =>
  ({ precision, recall, f1: precision === null || recall === null ? null : (2 * precision * recall) / (precision + recall), truePositives: tp, falsePositives: fp, falseNegatives: fn });

function nerRun(): EvaluationRunReport {
  return {
    kind: 'ner', reference: 'gold', fromName: 'entities', source: { kind: 'predictions', label: 'spaCy' },
    items: 10, withoutPrediction: 1, withoutReference: 0, headline: { precision: 0.8, recall: 0.6667, f1: null },
    metrics: {
      ner: {
        match: 'exact', micro: span(0.8, 0.6667, 8, 2, 4), macro: { precision: 0.75, recall: 0.6, f1: 0.6667 },
        perLabel: { PER: span(1, 0.8, 4, 0, 1), LOC: span(null, 0, 0, 0, 3) },
      },
    },
    slices: null, computedAt: 0, durationMs: 40,
  };
}

// --- safety shared by every document -----------------------------------------------------------
function expectSelfContained(htmlText: string): void {
  expect(htmlText).not.toMatch(/https?:\/\/|<script/i);
  const root = doc(htmlText);
  expect(find(root, 'script')).toHaveLength(0);
  expect(find(root, 'style')).toHaveLength(1);
  for (const el of elements(root)) {
    for (const a of el.attrs) {
      expect(a.name, `<${el.tagName}> has an event handler`).not.toMatch(/^on/i);
      expect(['src', 'href', 'xlink:href', 'srcset', 'action', 'background']).not.toContain(a.name);
      expect(a.value).not.toMatch(/:\/\/|^\s*javascript:/i);
    }
    expect(['link', 'img', 'iframe', 'object', 'embed', 'base', 'form', 'image', 'use', 'foreignobject']).not.toContain(el.tagName.toLowerCase());
  }
  const css = text(one(root, 'style'));
  expect(css).not.toMatch(/url\(|@import|@font-face|https?:/i);
  expect(attr(find(root, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!, 'content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
}

describe('renderEvaluationHtml', () => {
  it('draws a classification run: metadata, cards, tables, confusion heat map and PR curves', () => {
    const out = renderEvaluationHtml([{ title: 'Run one', report: classificationRun() }], { lang: 'en' });
    expectSelfContained(out);
    const root = doc(out);
    expect(attr(one(root, 'html'), 'lang')).toBe('en');
    expect(text(one(root, 'h2'))).toBe('Run one');

    const meta = Object.fromEntries(find(root, 'dl', 'meta').flatMap((dl) => find(dl, 'div')).map((d) => [text(one(d, 'dt')), text(one(d, 'dd'))]));
    expect(meta).toMatchObject({
      'Items evaluated': '16', 'Without prediction': '2', 'Without reference': '1,234', Control: 'animal',
      'Compared with': 'gold annotations', Computed: '2025-01-02 03:04:05 UTC', Duration: '1.5 s', 'Task type': 'Classification',
    });
    expect(meta.Evaluated).toBe('clf v1 (model version)');

    const cards = find(root, 'div', 'card').map((c) => [attr(c, 'data-metric'), text(one(c, 'div', 'card-value'))]);
    expect(cards).toEqual([['accuracy', '0.750'], ['macroF1', '0.730'], ['weightedF1', '0.745']]);
    expect(find(root, 'div', 'delta')).toHaveLength(0);

    const perClass = rows(one(root, 'table', 'per-class'));
    expect(perClass.map((r) => r[0])).toEqual(LABELS);
    expect(perClass[1]).toEqual(['dog', '0.600', '0.600', '0.550', '6', '0.700']);
    expect(perClass[2]![5]).toBe('—'); // AP null
    expect(rows(one(root, 'table', 'averages'))[0]).toEqual(['Macro average', '0.712', '0.750', '0.730']);

    // One cell per (true, predicted) pair, holding its count, shaded by the share of its row.
    const cells = find(root, 'g', 'cm-cell');
    expect(cells).toHaveLength(LABELS.length * LABELS.length);
    for (const cell of cells) {
      const [i, j] = [Number(attr(cell, 'data-row')), Number(attr(cell, 'data-col'))];
      expect(ownText(one(cell, 'text'))).toBe(String(CONFUSION[i]![j]));
    }
    const fill = (i: number, j: number) => attr(one(cells.find((c) => attr(c, 'data-row') === String(i) && attr(c, 'data-col') === String(j))!, 'rect'), 'fill');
    expect(fill(2, 2)).toBe('rgb(29,78,216)'); // a row all on the diagonal: full shade
    expect(fill(2, 0)).toBe('rgb(255,255,255)'); // zero: no shade
    expect(fill(1, 0)).not.toBe(fill(0, 1)); // 2 of 6 vs 1 of 6
    const axisLabels = find(one(root, 'svg', 'confusion'), 'text', 'axis-label').map(ownText);
    expect(axisLabels).toEqual([...LABELS, ...LABELS]);
    expect(text(one(root, 'svg', 'confusion'))).toContain('True label');

    // One polyline per label, one point per (recall, precision) pair.
    const lines = find(root, 'polyline', 'pr-curve');
    expect(lines.map((l) => (attr(l, 'points') ?? '').split(' ').length)).toEqual([5, 3, 4]);
    expect(find(one(root, 'ul', 'legend'), 'li').map(text)).toEqual(['cat AP 0.810', 'dog AP 0.700', 'bird AP —']);
  });

  it('draws a bar per slice for each headline metric and states the best–worst gap', () => {
    const report = classificationRun();
    const root = doc(renderEvaluationHtml([{ title: 'r', report }], { lang: 'en' }));
    expect(text(one(root, 'section', 'slices'))).toContain('Slices by “meta.region”');
    const charts = find(root, 'svg', 'slice-chart');
    expect(charts.map((c) => attr(c, 'data-metric'))).toEqual(['accuracy', 'macroF1']);
    for (const chart of charts) {
      const bars = find(chart, 'g', 'slice-bar');
      expect(bars).toHaveLength(3);
      // Sorted by value, the slice without a value last; best, worst and too-small slices marked.
      expect(bars.map((b) => find(b, 'text', 'axis-label').map(ownText)[0])).toEqual(['north · n=8', 'south · n=6', '(no value) · n=2']);
      expect(bars.map((b) => attr(b, 'class'))).toEqual(['slice-bar best', 'slice-bar worst', 'slice-bar thin']);
      const widths = bars.map((b) => Number(attr(one(b, 'rect', 'bar'), 'width')));
      const metricName = attr(chart, 'data-metric')!;
      const [north, south] = report.slices!.slices.map((slice) => slice.headline[metricName]!);
      expect(widths[0]! / widths[1]!).toBeCloseTo(north! / south!, 3);
    }
    const gaps = find(root, 'p', 'gap').map(text);
    expect(gaps[0]).toBe('Gap (best − worst): 0.375 — best: north (0.875), worst: south (0.500)');
  });

  it('draws a detection run: the 12 COCO numbers, per-category table and precisionAt50 curves without -1 points', () => {
    const out = renderEvaluationHtml([{ title: 'det', report: detectionRun() }], { lang: 'en' });
    expectSelfContained(out);
    const root = doc(out);
    const coco = rows(one(root, 'table', 'coco'));
    expect(coco.map((r) => r[0])).toEqual(['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']);
    expect(coco[0]).toEqual(['AP', '0.50:0.95', 'all', '100', '0.400']);
    expect(coco[3]![4]).toBe('—'); // -1: no ground truth in the small range
    expect(coco[6]!.slice(3)).toEqual(['1', '0.200']);

    const perCategory = rows(one(root, 'table', 'per-category'));
    expect(perCategory.map((r) => r[0])).toEqual(['car', 'truck', 'bus']);
    expect(perCategory.every((r) => r.length === 13)).toBe(true);
    expect(perCategory[2]!.slice(1, 3)).toEqual(['—', '—']);

    const lines = find(root, 'polyline', 'pr-curve');
    expect(lines.map((l) => attr(l, 'data-series'))).toEqual(['0', '1']); // bus has no point at all
    const points = lines.map((l) => (attr(l, 'points') ?? '').split(' ').map((p) => p.split(',').map(Number)));
    expect(points[0]).toHaveLength(101);
    expect(points[1]).toHaveLength(40);
    // x is recall i/100 over a 320px plot starting at 46px; y is precision from the top at 10px.
    expect(points[0]![50]).toEqual([46 + 160, 10 + 240 * 0.25]);
    expect(find(one(root, 'ul', 'legend'), 'li').map(text)).toEqual(['car AP50 0.700', 'truck AP50 0.500', 'bus no ground truth']);
    expect(text(root)).toContain('2 min 05 s');
  });

  it('draws an NER run in Chinese with the zh-CN headings and lang', () => {
    const out = renderEvaluationHtml([{ title: '实体模型', report: nerRun() }], { lang: 'zh-CN' });
    expectSelfContained(out);
    const root = doc(out);
    expect(attr(one(root, 'html'), 'lang')).toBe('zh-CN');
    expect(text(one(root, 'h1'))).toBe('评测报告');
    expect(find(root, 'h3').map(text)).toEqual(['主要指标', '实体片段', '各标签指标']);
    expect(text(one(root, 'dl', 'meta'))).toContain('命名实体识别');
    expect(find(root, 'div', 'card-name').map(text)).toEqual(['精确率', '召回率', 'F1']);
    expect(text(find(root, 'div', 'card')[0]!)).toContain('0.800');
    expect(find(root, 'div', 'card-value').map(text)[2]).toBe('—'); // null headline
    const perLabel = rows(one(root, 'table', 'per-label'));
    expect(perLabel).toEqual([['PER', '1.000', '0.800', '0.889', '4', '0', '1'], ['LOC', '—', '0.000', '—', '0', '0', '3']]);
    expect(rows(one(root, 'table', 'averages'))).toEqual([['微平均', '0.800', '0.667', '0.727', '8', '2', '4'], ['宏平均', '0.750', '0.600', '0.667', '', '', '']]);
  });

  it('puts two runs side by side and highlights the change in each headline number', () => {
    const better = classificationRun({ headline: { accuracy: 0.8, macroF1: 0.7, weightedF1: 0.7449 }, source: { kind: 'file', label: 'preds.json' } });
    const out = renderEvaluationHtml([{ title: 'v1', report: classificationRun() }, { title: 'v2', report: better }], { lang: 'en' });
    expectSelfContained(out);
    const root = doc(out);
    expect(attr(one(root, 'body'), 'class')).toBe('compare');
    expect(find(root, 'section', 'run').map((s) => text(one(s, 'h2')))).toEqual(['v1', 'v2']);
    const compare = one(root, 'table', 'compare-table');
    expect(find(one(compare, 'thead'), 'th').map(text)).toEqual(['Metric', 'v1', 'v2', 'Δ (v2 − v1)']);
    expect(rows(compare)).toEqual([
      ['Accuracy', '0.750', '0.800', '+0.050'], ['Macro F1', '0.730', '0.700', '−0.030'], ['Weighted F1', '0.745', '0.745', '±0.000'],
    ]);
    expect(find(compare, 'span', 'delta').map((s) => attr(s, 'class'))).toEqual(['delta up', 'delta down', 'delta same']);
    // The second run's cards carry the change; the first run's do not.
    const [first, second] = find(root, 'section', 'run');
    expect(find(first!, 'div', 'delta')).toHaveLength(0);
    expect(find(second!, 'div', 'delta').map(text)).toEqual(['Δ +0.050', 'Δ −0.030', 'Δ ±0.000']);
  });

  it('escapes hostile labels, slice values, titles and names so they stay text', () => {
    const hostile = ['<script>alert(1)</script>', '"onload="alert(2)', '</style><script>alert(3)</script>'];
    const report = classificationRun({ fromName: '<img src=x onerror=alert(4)>', source: { kind: 'file', label: "' onmouseover='alert(5)" } }, hostile, [hostile[1]!, hostile[2]!, hostile[0]!]);
    const title = '</title><script>alert(6)</script>';
    const out = renderEvaluationHtml([{ title, report }, { title: '"><svg onload=alert(7)>', report }], { lang: 'zh-CN' });
    expectSelfContained(out);
    expect(out).not.toMatch(/<script|<img|<svg onload/i);
    expect(out.match(/<\/style>/g)).toHaveLength(1);
    expect(out.match(/<\/title>/g)?.length).toBe(out.match(/<title>/g)?.length);
    // Each string survives as text, exactly as it was.
    const texts = new Set(elements(doc(out)).map(text));
    for (const s of [...hostile, title, '<img src=x onerror=alert(4)>']) expect(texts.has(s), s).toBe(true);
    const attrs = elements(doc(out)).flatMap((el) => el.attrs.map((a) => a.name));
    expect(attrs.filter((name) => /^on/i.test(name))).toEqual([]);
  });

  it('says so when the predictions carry no scores, and when a run has no metrics', () => {
    const base = classificationRun();
    const noScores = { ...base, metrics: { classification: { ...base.metrics.classification!, prCurves: null, averagePrecision: null } } };
    const root = doc(renderEvaluationHtml([{ title: 'a', report: noScores }], { lang: 'en' }));
    expect(find(root, 'polyline')).toHaveLength(0);
    expect(text(root)).toContain('The predictions carry no scores');
    expect(find(one(root, 'table', 'per-class'), 'th').map(text)).not.toContain('AP');
    const empty = doc(renderEvaluationHtml([{ title: 'b', report: { ...base, metrics: {}, slices: null } }], { lang: 'en' }));
    expect(text(empty)).toContain('This run has no metrics.');
  });

  it('rejects no runs, more than two runs and an unknown language as bad input', () => {
    const run = { title: 'r', report: classificationRun() };
    for (const runs of [[], [run, run, run]]) {
      const error = (() => { try { renderEvaluationHtml(runs, { lang: 'en' }); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(LaoshiError);
      expect(error).toMatchObject({ statusCode: 400, code: 'LAOSHI_VALIDATION', field: 'runs' });
    }
    expect(() => renderEvaluationHtml([run], { lang: 'fr' as 'en' })).toThrow(expect.objectContaining({ field: 'lang', statusCode: 400 }));
  });

  it('drops consecutive PR points that land on the same pixel', () => {
    expect(curvePoints([[0, 1], [0.0001, 1], [0.5, 0.5], [0.5, 0.5], [1, 0]])).toEqual(['46,10', '206,130', '366,250']);
  });
});
