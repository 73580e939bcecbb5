import { MlError } from '../ml-error.js';
import type {
  EvaluationKind, EvaluationReference, EvaluationRunReport, EvaluationSlice, EvaluationSlices, RunMetrics, SliceHeadline,
} from './evaluation-run-report.js';
import { classificationHeadline, classificationLabels, classificationMetrics, prepareClassification } from './run-classification.js';
import { detectionCategories, detectionHeadline, detectionMetrics, prepareDetection, type IouType } from './run-detection.js';
import type { EvaluationSample } from './run-inputs.js';
import { nerHeadline, nerMetrics, prepareNer, type NerMatch } from './run-ner.js';
import { groupBySlice } from './slices.js';

export interface EvaluationRunInput {
  kind: EvaluationKind;
  reference: EvaluationReference;
  fromName: string;
  source: EvaluationRunReport['source'];
  /** Every task with a reference annotation, with its prediction or null. */
  samples: readonly EvaluationSample[];
  /** Predictions on tasks without a reference, counted by the caller (they are ignored). */
  withoutReference?: number;
  /** The control's labels in config order (the report's label and category order). */
  labels?: readonly string[];
  /** Detection: 'bbox' (default for detection) or 'segm' (default for segmentation). */
  iouType?: IouType;
  /** NER: 'exact' (default) or 'overlap'. */
  nerMatch?: NerMatch;
  /** The task-data path of the slices (the samples carry their values); none: no slices. */
  sliceBy?: string | null;
  /** Slices with fewer tasks are left out of the gaps. Default 1. */
  minSupport?: number;
  /** Clock for computedAt and durationMs. */
  now?: () => number;
}

export interface EvaluationRunOutcome {
  report: EvaluationRunReport;
  /** What the caller should tell the user (regions left out, sizes missing…). */
  warnings: string[];
}

/** Metrics and headline of a group of samples: the kind-specific part, given once per run. */
interface KindEvaluator {
  /** Samples that are evaluated (with their slice). */
  evaluated: readonly EvaluationSample[];
  items: number;
  withoutPrediction: number;
  withoutReference: number;
  warnings: string[];
  metricsOf(samples: readonly EvaluationSample[]): RunMetrics;
  headlineOf(metrics: RunMetrics): SliceHeadline;
}

function classificationEvaluator(input: EvaluationRunInput): KindEvaluator {
  const prepared = prepareClassification(input.samples, input.fromName);
  const labels = classificationLabels(prepared.tasks, input.labels);
  const bySample = new Map(prepared.tasks.map((t) => [t.sample, t]));
  return {
    evaluated: prepared.tasks.map((t) => t.sample),
    items: prepared.tasks.length,
    withoutPrediction: prepared.withoutPrediction.length,
    withoutReference: prepared.withoutReference.filter((s) => s.prediction !== null).length,
    warnings: [],
    metricsOf: (samples) => ({ classification: classificationMetrics(samples.map((s) => bySample.get(s)!), labels) }),
    headlineOf: (m) => classificationHeadline(m.classification!),
  };
}

function detectionEvaluator(input: EvaluationRunInput): KindEvaluator {
  const iouType = input.iouType ?? (input.kind === 'segmentation' ? 'segm' : 'bbox');
  const prepared = prepareDetection(input.samples, input.fromName, iouType);
  const categories = detectionCategories(prepared.images, input.labels);
  const bySample = new Map(prepared.images.map((i) => [i.sample, i]));
  const { withoutSize, unlabelled, badPolygons } = prepared.notes;
  const warnings = [
    withoutSize > 0 ? `${withoutSize} task(s) have no image size (original_width/original_height): their regions were compared in percent of the image, so AP is right but APs/APm/APl and ARs/ARm/ARl are not meaningful` : '',
    unlabelled > 0 ? `${unlabelled} region(s) without a label were left out` : '',
    badPolygons > 0 ? `${badPolygons} polygon(s) that cross themselves or have fewer than 3 points were left out` : '',
  ].filter(Boolean);
  return {
    evaluated: prepared.images.map((i) => i.sample),
    items: prepared.images.length - prepared.withoutPrediction,
    withoutPrediction: prepared.withoutPrediction,
    withoutReference: 0,
    warnings,
    metricsOf: (samples) => ({ detection: detectionMetrics(samples.map((s) => bySample.get(s)!), categories, iouType) }),
    headlineOf: (m) => detectionHeadline(m.detection!),
  };
}

function nerEvaluator(input: EvaluationRunInput): KindEvaluator {
  const match = input.nerMatch ?? 'exact';
  const prepared = prepareNer(input.samples, input.fromName);
  const bySample = new Map(prepared.tasks.map((t) => [t.sample, t]));
  return {
    evaluated: prepared.tasks.map((t) => t.sample),
    items: prepared.tasks.length - prepared.withoutPrediction,
    withoutPrediction: prepared.withoutPrediction,
    withoutReference: 0,
    warnings: [],
    metricsOf: (samples) => ({ ner: nerMetrics(samples.map((s) => bySample.get(s)!), input.fromName, match) }),
    headlineOf: (m) => nerHeadline(m.ner!),
  };
}

/** Slice values in a stable order: text ascending, "no value" last. */
function sliceOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function slicesOf(evaluator: KindEvaluator, field: string, minSupport: number): EvaluationSlices {
  const groups = [...groupBySlice(evaluator.evaluated, (s) => s.slice ?? null)].sort((x, y) => sliceOrder(x[0], y[0]));
  const slices = groups.map(([value, samples]): EvaluationSlice => {
    const metrics = evaluator.metricsOf(samples);
    return { value, items: samples.length, headline: evaluator.headlineOf(metrics), metrics };
  });
  const names = [...new Set(slices.flatMap((s) => Object.keys(s.headline)))];
  const gaps: EvaluationSlices['gaps'] = {};
  for (const name of names) {
    const eligible = slices.filter((s) => s.items >= minSupport && typeof s.headline[name] === 'number');
    let gap: EvaluationSlices['gaps'][string] = null;
    if (eligible.length > 0) {
      let [best, worst] = [eligible[0]!, eligible[0]!];
      for (const s of eligible) {
        if (s.headline[name]! > best.headline[name]!) best = s;
        if (s.headline[name]! < worst.headline[name]!) worst = s;
      }
      gap = { best: best.value, worst: worst.value, gap: best.headline[name]! - worst.headline[name]! };
    }
    Object.defineProperty(gaps, name, { value: gap, enumerable: true, writable: true, configurable: true });
  }
  return { field, slices, gaps, minSupport };
}

/**
 * One evaluation run (算法测试): a model's predictions against the reference annotations of a
 * control — classification (scikit-learn's report, PR curves), detection or segmentation (the 12
 * COCO numbers) or NER (span P/R/F1) — over every task and per slice, with the best–worst gap of
 * each headline metric. Throws MlError when nothing can be evaluated.
 * @example evaluateRun({ kind: 'classification', reference: 'accepted', fromName: 'sentiment', source, samples }).report.headline.accuracy
 */
export function evaluateRun(input: EvaluationRunInput): EvaluationRunOutcome {
  const now = input.now ?? Date.now;
  const started = now();
  const minSupport = input.minSupport ?? 1;
  if (!Number.isInteger(minSupport) || minSupport < 1) throw new MlError(`minSupport must be a positive integer, got ${minSupport}`);
  const evaluator = input.kind === 'classification' ? classificationEvaluator(input) : input.kind === 'ner' ? nerEvaluator(input) : detectionEvaluator(input);
  if (evaluator.evaluated.length === 0) {
    throw new MlError(input.kind === 'classification'
      ? `nothing to evaluate: no task has both a reference class and a predicted class on "${input.fromName}" (${input.samples.length} task(s) with a reference, ${evaluator.withoutPrediction} of them without a prediction)`
      : `nothing to evaluate: no task has a ${input.reference} reference annotation`);
  }
  const metrics = evaluator.metricsOf(evaluator.evaluated);
  const slices = input.sliceBy ? slicesOf(evaluator, input.sliceBy, minSupport) : null;
  const report: EvaluationRunReport = {
    kind: input.kind,
    reference: input.reference,
    fromName: input.fromName,
    source: input.source,
    items: evaluator.items,
    withoutPrediction: evaluator.withoutPrediction,
    withoutReference: (input.withoutReference ?? 0) + evaluator.withoutReference,
    headline: evaluator.headlineOf(metrics),
    metrics,
    slices,
    computedAt: 0,
    durationMs: 0,
  };
  const finished = now();
  report.computedAt = finished;
  report.durationMs = Math.max(0, finished - started);
  return { report, warnings: evaluator.warnings };
}
