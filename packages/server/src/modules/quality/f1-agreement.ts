import { GeometryError, regionF1, spanF1, taskF1, type PairwiseF1, type RegionF1Result } from '@laoshi/core';
import type { SubmittedAnnotation } from './analysis-data.js';
import type { AgreementCore, Disagreement } from './agreement-types.js';
import type { ControlInfo } from './control-answers.js';

interface Counts {
  matched: number;
  count: number;
}

const f1 = (c: Counts): number | null => (c.count > 0 ? (2 * c.matched) / c.count : null);

function add(map: Map<string, Counts>, key: string, matched: number, count: number): void {
  const c = map.get(key) ?? { matched: 0, count: 0 };
  c.matched += matched;
  c.count += count;
  map.set(key, c);
}

/**
 * Region (boxes, polygons: IoU-matched) or span (NER) agreement of a control over every task with
 * two or more annotations: the matching counts of every pair of annotators on every task, summed,
 * give a micro F1 overall, per label and per pair; a task's disagreement is 1 − its own micro F1.
 * A task whose shapes cannot be measured (a self-crossing polygon) is left out and counted.
 */
export function f1Agreement(byTask: ReadonlyMap<number, SubmittedAnnotation[]>, control: ControlInfo, options: { threshold: number; spanMatch: 'exact' | 'overlap' }): AgreementCore & { skipped: number } {
  const compare: PairwiseF1 =
    control.kind === 'span'
      ? (a, b) => spanF1(a, b, { match: options.spanMatch, fromName: control.name })
      : (a, b) => regionF1(a, b, { threshold: options.threshold, fromName: control.name });
  const total: Counts = { matched: 0, count: 0 };
  const labels = new Map<string, Counts>();
  const support = new Map<string, number>();
  const pairs = new Map<string, Counts & { items: number }>();
  const annotators = new Set<number>();
  const disagreements: Disagreement[] = [];
  let [items, pairable, skipped] = [0, 0, 0];
  for (const [taskId, list] of byTask) {
    if (list.length < 2) continue;
    let result: ReturnType<typeof taskF1>;
    try {
      result = taskF1(list.map((a) => ({ annotator: String(a.userId), result: a.result })), compare);
    } catch (err) {
      if (!(err instanceof GeometryError)) throw err;
      skipped += 1;
      continue;
    }
    items += 1;
    pairable += list.length;
    for (const a of list) annotators.add(a.userId);
    for (const l of result.labels) add(labels, l.label, l.matched, l.countA + l.countB);
    total.matched += result.matched;
    total.count += result.countA + result.countB;
    for (const { annotators: [a, b], result: r } of result.pairs) {
      const key = Number(a) < Number(b) ? `${a}:${b}` : `${b}:${a}`;
      const p = pairs.get(key) ?? { matched: 0, count: 0, items: 0 };
      p.matched += r.matched;
      p.count += r.countA + r.countB;
      p.items += 1;
      pairs.set(key, p);
    }
    // Support: the regions each annotator drew per label on the task.
    for (const a of list) for (const l of regionsPerLabel(compare, a.result)) support.set(l.label, (support.get(l.label) ?? 0) + l.countA);
    const taskValue = Number.isNaN(result.f1) ? 1 : result.f1;
    disagreements.push({ taskId, annotationIds: list.map((a) => a.id), annotators: list.map((a) => a.userId), disagreement: 1 - taskValue });
  }
  const note = items === 0 ? 'no task has two or more annotations of this control' : skipped > 0 ? `${skipped} task(s) left out: a polygon crosses itself` : undefined;
  return {
    value: f1(total),
    items,
    raters: annotators.size,
    pairable,
    ...(note ? { note } : {}),
    aggregate: 'micro-f1',
    perLabel: [...labels].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([label, c]) => ({ label, value: f1(c), support: support.get(label) ?? 0 })),
    pairs: [...pairs].map(([key, p]) => {
      const [a, b] = key.split(':').map(Number) as [number, number];
      return { annotators: [a, b] as [number, number], value: f1(p), items: p.items };
    }).sort((x, y) => x.annotators[0] - y.annotators[0] || x.annotators[1] - y.annotators[1]),
    disagreements,
    annotatorIds: [...annotators].sort((a, b) => a - b),
    skipped,
  };
}

/** The per-label region counts of one result, from comparing it with nothing. */
function regionsPerLabel(compare: PairwiseF1, result: SubmittedAnnotation['result']): RegionF1Result['labels'] {
  return compare(result, []).labels;
}
