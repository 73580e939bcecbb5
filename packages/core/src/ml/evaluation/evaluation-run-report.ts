import type { ClassificationReport } from './classification-report.js';
import type { CocoSummary } from './coco-detection.js';

/**
 * The stored result of one evaluation run (算法测试): a model's predictions, or an imported
 * prediction file, against a project's accepted or gold annotations. The server computes it,
 * the report page draws it, and the self-contained HTML export renders it. Every number is
 * finite or null (JSON has no NaN or Infinity).
 */
export type EvaluationKind = 'classification' | 'detection' | 'segmentation' | 'ner';

/** What the predictions are compared with. */
export type EvaluationReference = 'accepted' | 'gold';

/** One point list of a precision–recall curve (recall ascending). */
export interface PrCurve {
  recall: number[];
  precision: number[];
}

export interface ClassificationRunMetrics {
  report: ClassificationReport;
  /** Per label, one-vs-rest over the prediction scores; null where the predictions carry no scores. */
  prCurves: Record<string, PrCurve> | null;
  /** Per label, one-vs-rest average precision; null without scores. */
  averagePrecision: Record<string, number | null> | null;
}

export interface DetectionRunMetrics {
  iouType: 'bbox' | 'segm';
  /** The 12 COCO numbers. */
  summary: CocoSummary;
  perCategory: Record<string, CocoSummary>;
  /** Per category: interpolated precision at COCO's 101 recall points (0, 0.01, …, 1), IoU 0.5, all areas, 100 detections; -1 where undefined. */
  precisionAt50: Record<string, number[]>;
}

export interface SpanCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Predicted spans that match a reference span. */
  truePositives: number;
  /** Predicted spans with no match. */
  falsePositives: number;
  /** Reference spans with no match. */
  falseNegatives: number;
}

export interface NerRunMetrics {
  /** 'exact': same start, end and label (seqeval / CoNLL). */
  match: 'exact' | 'overlap';
  micro: SpanCounts;
  macro: { precision: number | null; recall: number | null; f1: number | null };
  perLabel: Record<string, SpanCounts>;
}

/** The metrics of one run (or one slice of it); exactly one of the three is set, by `kind`. */
export interface RunMetrics {
  classification?: ClassificationRunMetrics;
  detection?: DetectionRunMetrics;
  ner?: NerRunMetrics;
}

/** The headline numbers of a slice, named so a chart can draw bars of any of them. */
export interface SliceHeadline {
  /** classification: accuracy, macroF1, weightedF1; detection/segmentation: AP, AP50, AR100; ner: precision, recall, f1. */
  [metric: string]: number | null;
}

export interface EvaluationSlice {
  /** The field's value; null for tasks without it. */
  value: string | null;
  /** Tasks in the slice. */
  items: number;
  headline: SliceHeadline;
  metrics: RunMetrics;
}

export interface EvaluationSlices {
  /** The task-data path ("region", "meta.device"). */
  field: string;
  slices: EvaluationSlice[];
  /** Per headline metric: best and worst slice (among slices with ≥ minSupport items) and the gap. */
  gaps: Record<string, { best: string | null; worst: string | null; gap: number } | null>;
  minSupport: number;
}

export interface EvaluationRunReport {
  kind: EvaluationKind;
  reference: EvaluationReference;
  /** The control compared (from_name of the label config). */
  fromName: string;
  /** What was evaluated, for the report's title: a model version name or a file name. */
  source: { kind: 'model-version' | 'predictions' | 'file'; label: string };
  /** Tasks with both a reference and a prediction (these are evaluated). */
  items: number;
  /** Tasks with a reference but no prediction (counted as all-missed for detection and NER, left out for classification). */
  withoutPrediction: number;
  /** Predictions on tasks with no reference (ignored). */
  withoutReference: number;
  /** The headline numbers of the whole run (same names as the slices'). */
  headline: SliceHeadline;
  metrics: RunMetrics;
  slices: EvaluationSlices | null;
  computedAt: number;
  /** Milliseconds the computation took. */
  durationMs: number;
}
