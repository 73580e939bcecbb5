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
export {
  firstChoice, itemsOf, regionScore, type EvaluationSample, type PredictedResult,
} from './run-inputs.js';
export { classificationHeadline, classificationMetrics, prepareClassification, type ClassifiedTask } from './run-classification.js';
export { detectionHeadline, detectionMetrics, prepareDetection, type DetectionImage, type IouType } from './run-detection.js';
export { nerHeadline, nerMetrics, prepareNer, type NerMatch, type NerTask } from './run-ner.js';
export { evaluateRun, type EvaluationRunInput, type EvaluationRunOutcome } from './run-report.js';
export {
  isJsonLinesName, parsePredictionFile, type CocoId, type CocoResult, type FilePrediction, type PredictionFile,
} from './prediction-file.js';
export { cocoResultsToRegions, type CocoTarget, type CocoTaskPredictions } from './coco-results.js';
