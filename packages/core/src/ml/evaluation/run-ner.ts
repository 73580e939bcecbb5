import { spanF1 } from '../../metrics/region-agreement/span-f1.js';
import type { ResultItem } from '../../results/result-schema.js';
import type { NerRunMetrics, SliceHeadline, SpanCounts } from './evaluation-run-report.js';
import { itemsOf, type EvaluationSample } from './run-inputs.js';

export type NerMatch = 'exact' | 'overlap';

/** One task's spans on the control: the reference's and the prediction's (none when it has no prediction). */
export interface NerTask {
  sample: EvaluationSample;
  reference: ResultItem[];
  predicted: ResultItem[];
}

export interface NerPrepared {
  tasks: NerTask[];
  /** Tasks with a reference and no prediction: evaluated with no predicted spans (every span missed). */
  withoutPrediction: number;
}

/** `labels` items of the control with numeric offsets (text characters). */
function spansOf(result: readonly unknown[], fromName: string): ResultItem[] {
  return itemsOf(result, fromName, ['labels'])
    .filter((item) => typeof item.value!.start === 'number' && typeof item.value!.end === 'number' && typeof item.to_name === 'string')
    .map((item) => item as unknown as ResultItem);
}

/** Reads every task's reference and predicted spans of a labels control. */
export function prepareNer(samples: readonly EvaluationSample[], fromName: string): NerPrepared {
  let withoutPrediction = 0;
  const tasks = samples.map((sample) => {
    if (!sample.prediction) withoutPrediction++;
    return { sample, reference: spansOf(sample.reference, fromName), predicted: sample.prediction ? spansOf(sample.prediction.result, fromName) : [] };
  });
  return { tasks, withoutPrediction };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function counts(tp: number, fp: number, fn: number): SpanCounts {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { precision, recall, f1: ratio(2 * tp, 2 * tp + fp + fn), truePositives: tp, falsePositives: fp, falseNegatives: fn };
}

/**
 * Span precision, recall and F1 (seqeval / CoNLL): a predicted span is right when a reference
 * span has the same label and the same offsets ('exact') or overlaps it ('overlap'; spans pair
 * one-to-one, most pairs first). Micro from the summed counts; macro is the mean over the labels
 * either side used, an undefined per-label ratio counting as 0 (seqeval's zero_division=0).
 */
export function nerMetrics(tasks: readonly NerTask[], fromName: string, match: NerMatch): NerRunMetrics {
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const task of tasks) {
    if (task.reference.length === 0 && task.predicted.length === 0) continue;
    for (const l of spanF1(task.reference, task.predicted, { match, fromName }).labels) {
      const t = tally.get(l.label) ?? { tp: 0, fp: 0, fn: 0 };
      tally.set(l.label, { tp: t.tp + l.matched, fp: t.fp + l.countB - l.matched, fn: t.fn + l.countA - l.matched });
    }
  }
  const perLabel: Record<string, SpanCounts> = {};
  let [tp, fp, fn] = [0, 0, 0];
  for (const label of [...tally.keys()].sort()) {
    const t = tally.get(label)!;
    Object.defineProperty(perLabel, label, { value: counts(t.tp, t.fp, t.fn), enumerable: true, writable: true, configurable: true });
    [tp, fp, fn] = [tp + t.tp, fp + t.fp, fn + t.fn];
  }
  const labels = Object.values(perLabel);
  const mean = (pick: (c: SpanCounts) => number | null) => (labels.length === 0 ? null : labels.reduce((s, c) => s + (pick(c) ?? 0), 0) / labels.length);
  return {
    match,
    micro: counts(tp, fp, fn),
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
    perLabel,
  };
}

/** precision, recall, f1 (micro). */
export function nerHeadline(metrics: NerRunMetrics): SliceHeadline {
  return { precision: metrics.micro.precision, recall: metrics.micro.recall, f1: metrics.micro.f1 };
}
