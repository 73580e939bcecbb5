import { averagePrecision, precisionRecallCurve } from './binary-curves.js';
import { classificationReport } from './classification-report.js';
import type { ClassificationRunMetrics, PrCurve, SliceHeadline } from './evaluation-run-report.js';
import { finiteOrNull, firstChoice, itemsOf, type EvaluationSample, type PredictedResult } from './run-inputs.js';

/** One classified task: the reference class, the predicted one and what the model was sure of. */
export interface ClassifiedTask {
  sample: EvaluationSample;
  truth: string;
  predicted: string;
  /** The prediction's confidence in its class (region score, else prediction score); null when it gave none. */
  confidence: number | null;
  probabilities: PredictedResult['probabilities'];
}

export interface ClassificationPrepared {
  tasks: ClassifiedTask[];
  /** Tasks with a reference class but no predicted class on the control. */
  withoutPrediction: EvaluationSample[];
  /** Tasks whose reference gives no class on the control (with a prediction: counted as without reference). */
  withoutReference: EvaluationSample[];
}

function confidenceOf(prediction: PredictedResult, fromName: string): number | null {
  const own = itemsOf(prediction.result, fromName, ['choices']).find((item) => typeof item.score === 'number' && Number.isFinite(item.score))?.score;
  if (typeof own === 'number') return own;
  return prediction.score !== null && Number.isFinite(prediction.score) ? prediction.score : null;
}

/** Pairs each task's reference class with its predicted class on a choices control (first choice of each). */
export function prepareClassification(samples: readonly EvaluationSample[], fromName: string): ClassificationPrepared {
  const out: ClassificationPrepared = { tasks: [], withoutPrediction: [], withoutReference: [] };
  for (const sample of samples) {
    const truth = firstChoice(sample.reference, fromName);
    if (truth === null) {
      out.withoutReference.push(sample);
      continue;
    }
    const predicted = sample.prediction ? firstChoice(sample.prediction.result, fromName) : null;
    if (predicted === null || !sample.prediction) {
      out.withoutPrediction.push(sample);
      continue;
    }
    out.tasks.push({ sample, truth, predicted, confidence: confidenceOf(sample.prediction, fromName), probabilities: sample.prediction.probabilities ?? null });
  }
  return out;
}

/** The labels to report: the control's, in config order, that occur; then any other that occurs, sorted. */
export function classificationLabels(tasks: readonly ClassifiedTask[], configLabels: readonly string[] = []): string[] {
  const seen = new Set(tasks.flatMap((t) => [t.truth, t.predicted]));
  const known = configLabels.filter((l) => seen.has(l));
  const extra = [...seen].filter((l) => !configLabels.includes(l)).sort();
  return [...known, ...extra];
}

/**
 * The score of `label` for a task, one-vs-rest: the model's probability when it gave them;
 * otherwise its confidence for the class it predicted and the rest, (1 − confidence), shared
 * evenly by the other labels (exact for two labels; an assumption beyond). No confidence counts as 1.
 */
function labelScore(task: ClassifiedTask, label: string, labelCount: number): number {
  const p = task.probabilities;
  if (p) {
    const k = p.labels.indexOf(label);
    const value = k === -1 ? undefined : p.values[k];
    if (value !== undefined && Number.isFinite(value)) return value;
  }
  const confidence = Math.min(1, Math.max(0, task.confidence ?? 1));
  if (task.predicted === label) return confidence;
  return labelCount > 1 ? (1 - confidence) / (labelCount - 1) : 0;
}

/** At most `max` points of a curve, evenly spaced by index, keeping both ends. */
export function thinCurve(curve: PrCurve, max = 200): PrCurve {
  const n = curve.recall.length;
  if (n <= max) return curve;
  const picks = Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1)));
  return { recall: picks.map((i) => curve.recall[i]!), precision: picks.map((i) => curve.precision[i]!) };
}

/** Classification metrics of some tasks: scikit-learn's report, and one-vs-rest PR curves and AP when predictions carry scores. */
export function classificationMetrics(tasks: readonly ClassifiedTask[], labels: readonly string[]): ClassificationRunMetrics {
  const report = classificationReport(tasks.map((t) => t.truth), tasks.map((t) => t.predicted), { labels });
  const scored = tasks.some((t) => t.confidence !== null || (t.probabilities && t.probabilities.values.length > 0));
  if (!scored) return { report, prCurves: null, averagePrecision: null };
  const prCurves: Record<string, PrCurve> = {};
  const ap: Record<string, number | null> = {};
  for (const label of labels) {
    const positives = tasks.map((t) => t.truth === label);
    const scores = tasks.map((t) => labelScore(t, label, labels.length));
    const curve = precisionRecallCurve(positives, scores);
    // scikit-learn's order is recall descending; the report's is ascending.
    const define = (target: Record<string, unknown>, value: unknown) => Object.defineProperty(target, label, { value, enumerable: true, writable: true, configurable: true });
    define(prCurves, thinCurve({ recall: [...curve.recall].reverse(), precision: [...curve.precision].reverse() }));
    define(ap, finiteOrNull(averagePrecision(positives, scores)));
  }
  return { report, prCurves, averagePrecision: ap };
}

/** accuracy, macroF1, weightedF1. */
export function classificationHeadline(metrics: ClassificationRunMetrics): SliceHeadline {
  const r = metrics.report;
  return { accuracy: finiteOrNull(r.accuracy), macroF1: finiteOrNull(r.macro.f1), weightedF1: finiteOrNull(r.weighted.f1) };
}
