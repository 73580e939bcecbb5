import type { EvaluationKind, EvaluationReference, EvaluationRunReport, SliceHeadline } from '@laoshi/core';

// The shapes of the evaluation routes' answers and bodies, free of server code so the web app can
// mirror them (packages/web/src/app/evaluations/evaluation-types.ts).

export type { EvaluationKind, EvaluationReference, EvaluationRunReport, SliceHeadline };

export type EvaluationStatus = 'queued' | 'running' | 'done' | 'failed';

export type EvaluationSourceKind = 'model-version' | 'predictions' | 'file';

/** What was evaluated: a built-in model version, stored predictions of a model_version, or an uploaded file. */
export interface EvaluationSourceView {
  kind: EvaluationSourceKind;
  /** For titles: the version's name, the model_version string or the file name. */
  label: string;
  modelVersionId?: number | null;
  modelVersion?: string | null;
  fileName?: string | null;
}

export interface EvaluationRunView {
  id: number;
  projectId: number;
  name: string;
  kind: EvaluationKind;
  reference: EvaluationReference;
  fromName: string;
  source: EvaluationSourceView;
  sliceBy: string | null;
  status: EvaluationStatus;
  jobId: number | null;
  /** Why the run failed; null otherwise. */
  error: string | null;
  /** Things the user should know about a finished run (unknown task ids, regions left out…). */
  warnings: string[];
  headline: SliceHeadline | null;
  /** Tasks with both a reference and a prediction; null until done. */
  items: number | null;
  createdAt: string;
  createdBy: number;
  finishedAt: string | null;
}

export type EvaluationRunDetail = EvaluationRunView & { report: EvaluationRunReport | null };

/** Where predictions come from in POST /api/projects/:id/evaluations (the file route has its own). */
export type EvaluationSourceBody = { kind: 'model-version'; modelVersionId: number } | { kind: 'predictions'; modelVersion: string };

/** The options of a run, shared by the JSON route and the file route (form fields there). */
export interface EvaluationOptionsBody {
  name?: string;
  reference: EvaluationReference;
  /** The control to evaluate; default the first control that fits `kind` (or any). */
  fromName?: string;
  /** Default inferred from the control: choices → classification, rectanglelabels → detection, polygonlabels → segmentation, labels on text → ner. */
  kind?: EvaluationKind;
  /** A dotted task-data path; "meta.x" falls back to the task's meta. */
  sliceBy?: string;
  /** Slices with fewer tasks are left out of the gaps. Default 1. */
  minSupport?: number;
  /** Detection/segmentation only; default bbox for detection, segm for segmentation. */
  iouType?: 'bbox' | 'segm';
  /** NER only; default exact. */
  nerMatch?: 'exact' | 'overlap';
}

export type NewEvaluationBody = EvaluationOptionsBody & { source: EvaluationSourceBody };

/** GET /api/projects/:id/evaluations/options: what the "new evaluation" form offers. */
export interface EvaluationOptionsView {
  controls: { fromName: string; type: string; kinds: EvaluationKind[] }[];
  /** model_version strings of the project's stored predictions, with how many predictions each has. */
  modelVersions: { modelVersion: string; predictions: number }[];
  /** Ready built-in model versions (classifiers). */
  builtinVersions: { id: number; name: string; fromName: string }[];
  /** Task data keys (and "meta.…" keys) seen in a sample of the project's tasks. */
  sliceFields: string[];
}
