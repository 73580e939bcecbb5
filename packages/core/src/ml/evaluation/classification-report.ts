import { MlError } from '../ml-error.js';

/** Precision, recall and F1 of one label or an average of labels. */
export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassMetrics extends PrecisionRecallF1 {
  /** How many items truly have this label. */
  support: number;
}

/** Everything `laoshi eval classification` prints. */
export interface ClassificationReport {
  /** Share of items whose prediction equals the truth (over all items). */
  accuracy: number;
  /** Unweighted mean over labels. */
  macro: PrecisionRecallF1;
  /** From the summed counts of the labels; equals accuracy when the labels cover every item. */
  micro: PrecisionRecallF1;
  /** Mean over labels weighted by support. */
  weighted: PrecisionRecallF1;
  perClass: Record<string, ClassMetrics>;
  labels: string[];
  /** confusion[i][j]: items with true label labels[i] predicted as labels[j]. */
  confusion: number[][];
  /** Number of items. */
  support: number;
}

export interface ClassificationReportOptions {
  /**
   * Labels to report, in this order; default every label seen in either list, sorted. Items whose
   * truth or prediction is outside these are left out of the per-label numbers and the confusion
   * matrix (as scikit-learn does with `labels=`).
   */
  labels?: readonly string[];
}

/** F1 as the harmonic mean; 0 when precision and recall are both 0 (scikit-learn's zero_division=0). */
function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Checks two label lists of equal, non-zero length. */
export function checkLabelLists(yTrue: readonly string[], yPred: readonly string[]): void {
  if (yTrue.length !== yPred.length) throw new MlError(`yTrue and yPred differ in length: ${yTrue.length} and ${yPred.length}`);
  if (yTrue.length === 0) throw new MlError('yTrue and yPred must not be empty');
  [yTrue, yPred].forEach((list, which) => list.forEach((label, i) => {
    if (typeof label !== 'string') throw new MlError(`${which === 0 ? 'yTrue' : 'yPred'}[${i}] must be a string`);
  }));
}

/**
 * Accuracy, per-label precision/recall/F1, macro/micro/weighted averages and the confusion matrix,
 * computed as scikit-learn's classification_report and confusion_matrix define them (0 where a
 * ratio would divide by zero).
 * @example classificationReport(['0', '1', '2', '2', '2'], ['0', '0', '2', '2', '1']).accuracy // 0.6
 */
export function classificationReport(yTrue: readonly string[], yPred: readonly string[], options: ClassificationReportOptions = {}): ClassificationReport {
  checkLabelLists(yTrue, yPred);
  const labels = options.labels ? [...options.labels] : [...new Set([...yTrue, ...yPred])].sort();
  if (new Set(labels).size !== labels.length) throw new MlError('labels must be distinct');
  const index = new Map(labels.map((label, i) => [label, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  const [tp, predicted, support] = [labels.map(() => 0), labels.map(() => 0), labels.map(() => 0)];
  let correct = 0;
  // As scikit-learn counts: a label's predictions and true items include those whose other side
  // is outside the reported labels; only the confusion matrix leaves such items out.
  yTrue.forEach((truth, i) => {
    if (truth === yPred[i]) correct++;
    const [t, p] = [index.get(truth), index.get(yPred[i] as string)];
    if (t !== undefined) support[t]! += 1;
    if (p !== undefined) predicted[p]! += 1;
    if (t !== undefined && p !== undefined) confusion[t]![p]! += 1;
    if (t !== undefined && t === p) tp[t]! += 1;
  });
  const perClass: Record<string, ClassMetrics> = {};
  const rows = labels.map((label, k) => {
    const precision = ratio(tp[k] as number, predicted[k] as number);
    const recall = ratio(tp[k] as number, support[k] as number);
    const row = { precision, recall, f1: f1Of(precision, recall), support: support[k] as number };
    Object.defineProperty(perClass, label, { value: row, enumerable: true, writable: true, configurable: true });
    return row;
  });
  const mean = (pick: (r: ClassMetrics) => number, weight: (r: ClassMetrics) => number) => {
    const total = rows.reduce((s, r) => s + weight(r), 0);
    return ratio(rows.reduce((s, r) => s + pick(r) * weight(r), 0), total);
  };
  const average = (weight: (r: ClassMetrics) => number): PrecisionRecallF1 => ({
    precision: mean((r) => r.precision, weight), recall: mean((r) => r.recall, weight), f1: mean((r) => r.f1, weight),
  });
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const microPrecision = ratio(sum(tp), sum(predicted));
  const microRecall = ratio(sum(tp), sum(support));
  return {
    accuracy: correct / yTrue.length,
    macro: average(() => 1),
    micro: { precision: microPrecision, recall: microRecall, f1: f1Of(microPrecision, microRecall) },
    weighted: average((r) => r.support),
    perClass,
    labels,
    confusion,
    support: yTrue.length,
  };
}

