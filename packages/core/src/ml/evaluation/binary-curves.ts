import { MlError } from '../ml-error.js';

/** ROC curve points, thresholds descending (the first is +Infinity: nothing predicted positive). */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}

/** Precision–recall points as scikit-learn returns them: thresholds ascending, then the (recall 0, precision 1) end. */
export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

function checkBinary(positives: readonly boolean[], scores: readonly number[]): void {
  if (positives.length !== scores.length) throw new MlError(`positives and scores differ in length: ${positives.length} and ${scores.length}`);
  if (positives.length === 0) throw new MlError('positives and scores must not be empty');
  positives.forEach((p, i) => {
    if (typeof p !== 'boolean') throw new MlError(`positives[${i}] must be true or false`);
  });
  scores.forEach((s, i) => {
    if (Number.isNaN(s) || typeof s !== 'number') throw new MlError(`scores[${i}] must be a number, got ${String(s)}`);
  });
}

/**
 * Cumulative true and false positives at each distinct score, highest score first (scikit-learn's
 * _binary_clf_curve): predicting positive from `thresholds[i]` up gives tps[i] and fps[i].
 */
function cumulativeCounts(positives: readonly boolean[], scores: readonly number[]) {
  checkBinary(positives, scores);
  const order = scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const [tps, fps, thresholds]: [number[], number[], number[]] = [[], [], []];
  let [tp, fp] = [0, 0];
  order.forEach((i, rank) => {
    if (positives[i]) tp++;
    else fp++;
    const next = order[rank + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp);
      fps.push(fp);
      thresholds.push(scores[i] as number);
    }
  });
  return { tps, fps, thresholds, positives: tp, negatives: fp };
}

/**
 * The ROC curve of binary scores (every distinct threshold kept, like scikit-learn's roc_curve
 * with drop_intermediate=False). Throws MlError unless both classes occur.
 * @example rocCurve([false, false, true, true], [0.1, 0.4, 0.35, 0.8]).tpr // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(positives: readonly boolean[], scores: readonly number[]): RocCurve {
  const c = cumulativeCounts(positives, scores);
  if (c.positives === 0 || c.negatives === 0) throw new MlError('a ROC curve needs both positive and negative items');
  return {
    fpr: [0, ...c.fps.map((n) => n / c.negatives)],
    tpr: [0, ...c.tps.map((n) => n / c.positives)],
    thresholds: [Infinity, ...c.thresholds],
  };
}

/** Area under the ROC curve (trapezoids, so tied scores count half); null unless both classes occur. */
export function rocAuc(positives: readonly boolean[], scores: readonly number[]): number | null {
  const c = cumulativeCounts(positives, scores);
  if (c.positives === 0 || c.negatives === 0) return null;
  const { fpr, tpr } = rocCurve(positives, scores);
  let area = 0;
  for (let i = 1; i < fpr.length; i++) area += ((fpr[i] as number) - (fpr[i - 1] as number)) * ((tpr[i] as number) + (tpr[i - 1] as number)) / 2;
  return area;
}

/**
 * Precision and recall at every distinct threshold (scikit-learn's precision_recall_curve).
 * With no positive item recall is 1 throughout, as there.
 */
export function precisionRecallCurve(positives: readonly boolean[], scores: readonly number[]): PrecisionRecallCurve {
  const c = cumulativeCounts(positives, scores);
  const precision = c.tps.map((tp, i) => tp / (tp + (c.fps[i] as number)));
  const recall = c.tps.map((tp) => (c.positives === 0 ? 1 : tp / c.positives));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: [...c.thresholds].reverse() };
}

/**
 * Average precision, the step-wise area under the precision–recall curve: Σ (Rₙ − Rₙ₋₁)·Pₙ over
 * thresholds from the highest (scikit-learn's average_precision_score; no interpolation). Null
 * when no item is positive.
 * @example averagePrecision([false, false, true, true], [0.1, 0.4, 0.35, 0.8]) // 0.8333…
 */
export function averagePrecision(positives: readonly boolean[], scores: readonly number[]): number | null {
  const c = cumulativeCounts(positives, scores);
  if (c.positives === 0) return null;
  let [sum, previousRecall] = [0, 0];
  c.tps.forEach((tp, i) => {
    const recall = tp / c.positives;
    sum += (recall - previousRecall) * (tp / (tp + (c.fps[i] as number)));
    previousRecall = recall;
  });
  return sum;
}
