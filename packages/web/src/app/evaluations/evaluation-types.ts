// The shapes of the evaluation routes' answers (packages/server/src/modules/evaluations/evaluation-types.ts).
import type { EvaluationKind, EvaluationReference, EvaluationRunReport } from '@laoshi/core';

export type { EvaluationKind, EvaluationReference, EvaluationRunReport };

export type EvaluationStatus = 'queued' | 'running' | 'done' | 'failed';
export type SourceKind = 'model-version' | 'predictions' | 'file';

export interface EvaluationRunView {
  id: number;
  projectId: number;
  name: string;
  kind: EvaluationKind;
  reference: EvaluationReference;
  fromName: string;
  source: { kind: SourceKind; label: string; modelVersionId?: number | null; modelVersion?: string | null; fileName?: string | null };
  sliceBy: string | null;
  status: EvaluationStatus;
  jobId: number | null;
  error: string | null;
  warnings: string[];
  headline: Record<string, number | null> | null;
  items: number | null;
  createdAt: string;
  createdBy: number;
  finishedAt: string | null;
}

export type EvaluationRunDetail = EvaluationRunView & { report: EvaluationRunReport | null };

export interface EvaluationOptions {
  controls: { fromName: string; type: string; kinds: EvaluationKind[] }[];
  /** model_version strings of the stored predictions, with how many each has. */
  modelVersions: { modelVersion: string; predictions: number }[];
  /** Ready built-in classifiers; `fromName` is the control they predict. */
  builtinVersions: { id: number; name: string; fromName: string }[];
  /** Task-data keys (and "meta.…") seen in a sample of the tasks: slice field suggestions. */
  sliceFields: string[];
}

/** What POST /api/projects/:id/evaluations takes (the file route takes the same fields, minus `source`, as form fields). */
export interface NewEvaluation {
  name?: string;
  source: { kind: 'model-version'; modelVersionId: number } | { kind: 'predictions'; modelVersion: string };
  reference: EvaluationReference;
  fromName?: string;
  kind?: EvaluationKind;
  sliceBy?: string;
  minSupport?: number;
  iouType?: 'bbox' | 'segm';
  nerMatch?: 'exact' | 'overlap';
}

export const isFinished = (status: EvaluationStatus): boolean => status === 'done' || status === 'failed';

/** The headline metrics of a kind, in the order the report shows them (the server names them the same). */
export const HEADLINE_METRICS: Record<EvaluationKind, readonly string[]> = {
  classification: ['accuracy', 'macroF1', 'weightedF1'],
  detection: ['AP', 'AP50', 'AR100'],
  segmentation: ['AP', 'AP50', 'AR100'],
  ner: ['precision', 'recall', 'f1'],
};

/** The headline's metric names: the known ones of the kind first, then any other the server sent. */
export function headlineKeys(kind: EvaluationKind, headline: Record<string, number | null> | null | undefined): string[] {
  const known = HEADLINE_METRICS[kind];
  return [...known.filter((k) => !headline || k in headline), ...Object.keys(headline ?? {}).filter((k) => !known.includes(k))];
}

/** COCO's 12 numbers in the order pycocotools prints them. */
export const COCO_KEYS = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'] as const;

/** A metric as text: three decimals, "—" for null, and for COCO's -1 (no ground truth in that range). */
export const fmtMetric = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) || x === -1 ? '—' : x.toFixed(digits));

/** A difference with its sign ("+0.120", "−0.045"), or "—". */
export function fmtDelta(a: number | null | undefined, b: number | null | undefined, digits = 3): string {
  if (a === null || a === undefined || b === null || b === undefined || a === -1 || b === -1) return '—';
  const d = b - a;
  const text = Math.abs(d).toFixed(digits);
  return d > 0 && Number(text) !== 0 ? `+${text}` : d < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A PR curve from COCO's precision at 101 recall points (0, 0.01, …, 1), leaving out the -1s. */
export function cocoPrCurve(precision: readonly number[]): { recall: number[]; precision: number[] } {
  const out = { recall: [] as number[], precision: [] as number[] };
  precision.forEach((p, i) => {
    if (p < 0) return;
    out.recall.push(i / (precision.length - 1 || 1));
    out.precision.push(p);
  });
  return out;
}

/** A headline metric's name in the user's language ("macroF1" → "Macro F1"); unknown names as they are. */
export const metricLabel = (t: (key: string, options: { defaultValue: string }) => string, key: string): string => t(`evaluations.metrics.${key}`, { defaultValue: key });
