import {
  averagePrecision, calibration, classificationReport, classificationSlices, precisionRecallCurve, rocAuc, rocCurve, sliceValue,
  type CalibrationReport, type ClassificationReport, type ClassificationSlices,
} from '@laoshi/core';
import type { Actor, AppContext } from '../../context.js';
import { badRequest } from '../../errors.js';
import { scopeModelVersion, toModelVersionView, type ModelVersionView } from './model-version-repository.js';
import { versionPredictor } from './model-version-service.js';
import { labeledTasks, type LabeledTask } from './training-data.js';

export interface EvaluationQuery {
  /** A dotted path into the task data ("region", "meta.region"); a path starting "meta." falls back to the task's meta. */
  sliceBy?: string;
  /** Slices with fewer items are left out of the best–worst gaps. Default 1. */
  minSupport?: number;
  /** For two-label models: the label whose probability is the ROC/PR score. Default the model's second label. */
  positiveLabel?: string;
  /** Calibration bins. Default 10. */
  bins?: number;
}

/** Curves with ±Infinity thresholds written as null (JSON has no Infinity). */
type Finite<T> = { [K in keyof T]: T[K] extends number[] ? (number | null)[] : T[K] };

export interface BinaryEvaluation {
  positiveLabel: string;
  rocAuc: number | null;
  averagePrecision: number | null;
  roc: Finite<ReturnType<typeof rocCurve>> | null;
  pr: Finite<ReturnType<typeof precisionRecallCurve>>;
}

export interface EvaluationSection {
  items: number;
  report: ClassificationReport;
  binary: BinaryEvaluation | null;
  calibration: CalibrationReport;
  slices: ClassificationSlices | null;
}

export interface Evaluation {
  modelVersion: ModelVersionView;
  sliceBy: string | null;
  /** The examples held out from training (with their labels today). Null when none were held out or none is labelled any more. */
  validation: EvaluationSection | null;
  /** Every task with an accepted or submitted (not rejected) label; includes the training examples. */
  annotations: EvaluationSection | null;
}

interface Scored {
  task: LabeledTask;
  predicted: string;
  probabilities: number[];
}

const finite = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? x : null));

/** The slice of a task: a path into its data, or for "meta.…" its meta when the data has no such field. */
function sliceOf(task: LabeledTask, field: string): string | null {
  const fromData = sliceValue(task.data, field);
  if (fromData !== null || !field.startsWith('meta.')) return fromData;
  return sliceValue(task.meta, field.slice('meta.'.length));
}

function section(scored: readonly Scored[], labels: readonly string[], query: EvaluationQuery): EvaluationSection | null {
  if (scored.length === 0) return null;
  const yTrue = scored.map((s) => s.task.label);
  const yPred = scored.map((s) => s.predicted);
  const report = classificationReport(yTrue, yPred, { labels });
  const confidences = scored.map((s) => Math.min(1, Math.max(0, Math.max(...s.probabilities))));
  let binary: BinaryEvaluation | null = null;
  if (labels.length === 2) {
    const positiveLabel = query.positiveLabel ?? labels[1]!;
    const k = labels.indexOf(positiveLabel);
    const positives = yTrue.map((y) => y === positiveLabel);
    const scores = scored.map((s) => s.probabilities[k] ?? 0);
    const both = positives.includes(true) && positives.includes(false);
    const roc = both ? rocCurve(positives, scores) : null;
    const pr = precisionRecallCurve(positives, scores);
    binary = {
      positiveLabel, rocAuc: rocAuc(positives, scores), averagePrecision: averagePrecision(positives, scores),
      roc: roc && { fpr: roc.fpr, tpr: roc.tpr, thresholds: finite(roc.thresholds) }, pr: { precision: pr.precision, recall: pr.recall, thresholds: finite(pr.thresholds) },
    };
  }
  const field = query.sliceBy;
  const slices = field === undefined ? null : classificationSlices(scored.map((s, i) => ({ yTrue: yTrue[i]!, yPred: yPred[i]!, slice: sliceOf(s.task, field) })), { labels, minSupport: query.minSupport ?? 1 });
  return { items: scored.length, report, binary, calibration: calibration(confidences, yPred.map((p, i) => p === yTrue[i]), { bins: query.bins ?? 10 }), slices };
}

/**
 * Evaluates a ready model version (managers): on its validation split and on every labelled task
 * of the project — classification report, confusion matrix, ROC/PR for two labels, calibration,
 * and the same metrics per slice of a task data field (fairness).
 */
export async function evaluateModelVersion(ctx: AppContext, actor: Actor, versionId: number, query: EvaluationQuery): Promise<Evaluation> {
  const { version } = await scopeModelVersion(ctx, actor, versionId, 'manager');
  const predictor = await versionPredictor(ctx, version);
  try {
    const labels = predictor.model.linear.labels;
    if (query.positiveLabel !== undefined && !labels.includes(query.positiveLabel)) throw badRequest(`positiveLabel: "${query.positiveLabel}" is not one of the model's labels (${labels.join(', ')})`, 'positiveLabel');
    const target = { fromName: version.from_name, toName: version.to_name, objectType: 'text' as const, dataKey: '', labels: [...labels] };
    const tasks = (await labeledTasks(ctx, version.project_id, target)).filter((t) => labels.includes(t.label));
    const scored: Scored[] = [];
    for (const task of tasks) {
      const p = await predictor.predict({ id: task.taskId, data: task.data, meta: task.meta });
      if (p) scored.push({ task, predicted: p.label, probabilities: p.probabilities });
    }
    const held = new Set(JSON.parse(version.validation_task_ids) as number[]);
    return {
      modelVersion: toModelVersionView(version),
      sliceBy: query.sliceBy ?? null,
      validation: section(scored.filter((s) => held.has(s.task.taskId)), labels, query),
      annotations: section(scored, labels, query),
    };
  } finally {
    await predictor.close();
  }
}
