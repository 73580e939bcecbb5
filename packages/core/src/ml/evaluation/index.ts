export {
  checkLabelLists, classificationReport, type ClassMetrics, type ClassificationReport, type ClassificationReportOptions, type PrecisionRecallF1,
} from './classification-report.js';
export {
  averagePrecision, precisionRecallCurve, rocAuc, rocCurve, type PrecisionRecallCurve, type RocCurve,
} from './binary-curves.js';
export { calibration, type CalibrationBin, type CalibrationReport } from './calibration.js';
export {
  classificationSlices, groupBySlice, sliceGap, sliceValue, type ClassificationSlice, type ClassificationSlices, type SliceGap, type SlicedPrediction,
} from './slices.js';
export { cocoIoU, type DetectedRegion, type GroundTruthRegion } from './coco-matching.js';
export { COCO_IOU_THRESHOLDS, cocoEvaluate, type CocoEvalOptions, type CocoEvaluation, type CocoSummary } from './coco-detection.js';
export type {
  ClassificationRunMetrics, DetectionRunMetrics, EvaluationKind, EvaluationReference, EvaluationRunReport, EvaluationSlice, EvaluationSlices,
  NerRunMetrics, PrCurve, RunMetrics, SliceHeadline, SpanCounts,
} from './evaluation-run-report.js';
