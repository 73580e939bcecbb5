// The shapes of the model routes' answers (packages/server/src/modules/models/model-schemas.ts).

export type QueueOrder = 'sequential' | 'random' | 'least-confidence' | 'margin' | 'entropy';
export const QUEUE_ORDERS: readonly QueueOrder[] = ['sequential', 'random', 'least-confidence', 'margin', 'entropy'];

export interface Backend {
  id: number;
  projectId: number;
  title: string;
  url: string;
  authHeader: string | null;
  accessToken: string | null;
  extraParams: Record<string, unknown>;
  interactive: boolean;
  modelVersion: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  lastCheckedAt: string | null;
}

export interface ConnectionTest {
  ok: boolean;
  health: string | null;
  modelVersion: string | null;
  error: { code: string; message: string } | null;
  backend: Backend;
}

export interface CurvePoint {
  epoch: number;
  trainLoss: number | null;
  trainAccuracy: number | null;
  validationLoss: number | null;
  validationAccuracy: number | null;
}

export interface ModelVersion {
  id: number;
  kind: 'text-classifier' | 'image-classifier';
  number: number;
  name: string;
  status: 'training' | 'ready' | 'failed';
  jobId: number | null;
  fromName: string;
  labels: string[];
  params: Record<string, unknown>;
  metrics: { final?: CurvePoint | null; trainExamples?: number; validationExamples?: number } | null;
  curve: CurvePoint[];
  validationTasks: number;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ModelFile {
  id: number;
  fileName: string;
  size: number;
  meta: { height: number; width: number; featureSize: number | null };
}

export interface Job {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null };
  message: string | null;
  result: unknown;
  error: string | null;
}

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  accuracy: number;
  macro: PrecisionRecallF1;
  micro: PrecisionRecallF1;
  weighted: PrecisionRecallF1;
  perClass: Record<string, PrecisionRecallF1 & { support: number }>;
  labels: string[];
  confusion: number[][];
  support: number;
}

export interface SliceGap {
  best: { slice: string | null; value: number };
  worst: { slice: string | null; value: number };
  gap: number;
}

export interface EvaluationSection {
  items: number;
  report: ClassificationReport;
  binary: { positiveLabel: string; rocAuc: number | null; averagePrecision: number | null } | null;
  calibration: { expectedCalibrationError: number; maxCalibrationError: number; bins: { lower: number; upper: number; count: number; accuracy: number | null; confidence: number | null }[] };
  slices: { slices: { slice: string | null; support: number; report: ClassificationReport }[]; gaps: { accuracy: SliceGap | null; macroF1: SliceGap | null; weightedF1: SliceGap | null } } | null;
}

export interface Evaluation {
  sliceBy: string | null;
  validation: EvaluationSection | null;
  annotations: EvaluationSection | null;
}

export interface QueuePreview {
  order: QueueOrder;
  seed: number;
  items: { taskId: number; score: number | null; modelVersion: string | null; label: string | null; probability: number | null; data: Record<string, unknown> }[];
}

export const FINISHED: readonly Job['status'][] = ['succeeded', 'failed', 'cancelled'];

/** A number as a short fixed-point text ("0.934"), or "—". */
export const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
