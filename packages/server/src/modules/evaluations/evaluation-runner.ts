import { MlError, evaluateRun, type EvaluationKind, type EvaluationReference, type EvaluationSample } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import { LaoshiError } from '../../errors.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { loadReferences, loadTasks, sliceOf, taskImageSize } from './evaluation-data.js';
import { runPredictions, type PredictionPlan } from './evaluation-predictions.js';
import { reportKey } from './evaluation-repository.js';
import type { EvaluationTarget } from './evaluation-targets.js';
import type { EvaluationSourceView } from './evaluation-types.js';

/** Everything a run's job needs, checked when the run was asked for. */
export interface RunPlan {
  runId: number;
  projectId: number;
  kind: EvaluationKind;
  reference: EvaluationReference;
  target: EvaluationTarget;
  source: EvaluationSourceView;
  sliceBy: string | null;
  minSupport: number;
  iouType?: 'bbox' | 'segm';
  nerMatch?: 'exact' | 'overlap';
  predictions: PredictionPlan;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

function stopIfCancelled(job: JobHandle): void {
  if (job.signal.aborted) throw job.signal.reason instanceof Error ? job.signal.reason : new Error('cancelled');
}

async function evaluate(ctx: AppContext, job: JobHandle, plan: RunPlan): Promise<{ items: number }> {
  const db = ctx.db.kysely;
  await db.updateTable('evaluation_runs').set({ status: 'running' }).where('id', '=', plan.runId).where('status', '=', 'queued').execute();
  job.progress(0, null, `reading the ${plan.reference} annotations`);
  const references = await loadReferences(ctx, plan.projectId, plan.reference);
  const tasks = await loadTasks(ctx, plan.projectId, [...references.keys()]);
  stopIfCancelled(job);
  job.progress(0, references.size, 'reading the predictions');
  const side = { projectId: plan.projectId, references, tasks };
  const predictions = await runPredictions(ctx, job, plan.predictions, plan.target, side);
  stopIfCancelled(job);
  const withoutReference = predictions.unknownTasks + [...predictions.byTask.keys()].filter((id) => !references.has(id)).length;
  const samples: EvaluationSample[] = [...references].flatMap(([taskId, reference]) => {
    const task = tasks.get(taskId);
    if (!task) return [];
    return [{
      taskId, reference, prediction: predictions.byTask.get(taskId) ?? null, imageSize: taskImageSize(task, reference),
      slice: plan.sliceBy ? sliceOf(task, plan.sliceBy) : null,
    }];
  });
  job.progress(references.size, references.size, 'computing the metrics');
  await yieldToRequests();
  let outcome: ReturnType<typeof evaluateRun>;
  try {
    outcome = evaluateRun({
      kind: plan.kind, reference: plan.reference, fromName: plan.target.fromName, source: { kind: plan.source.kind, label: plan.source.label },
      samples, withoutReference, labels: plan.target.labels, sliceBy: plan.sliceBy, minSupport: plan.minSupport,
      ...(plan.iouType ? { iouType: plan.iouType } : {}), ...(plan.nerMatch ? { nerMatch: plan.nerMatch } : {}), now: ctx.now,
    });
  } catch (err) {
    if (err instanceof MlError) throw new LaoshiError(422, 'LAOSHI_VALIDATION', err.message);
    throw err;
  }
  stopIfCancelled(job);
  const warnings = [...predictions.warnings, ...outcome.warnings];
  if (plan.target.multiple) warnings.unshift(`control "${plan.target.fromName}" allows several choices; each task was evaluated on its first choice`);
  const key = reportKey(plan.projectId, plan.runId);
  await ctx.blobs.put(key, Buffer.from(JSON.stringify(outcome.report)), { contentType: 'application/json' });
  const updated = await db
    .updateTable('evaluation_runs')
    .set({ status: 'done', report_key: key, headline: JSON.stringify(outcome.report.headline), items: outcome.report.items, warnings: JSON.stringify(warnings), error: null, finished_at: ctx.now() })
    .where('id', '=', plan.runId)
    .executeTakeFirst();
  // Deleted while it ran: its report has no row to belong to.
  if (updated.numUpdatedRows === 0n) await ctx.blobs.delete(key);
  return { items: outcome.report.items };
}

/** Text safe to store as a failed run's error: our own errors as they are, anything else hidden. */
function failureText(err: unknown, job: JobHandle): string {
  if (job.signal.aborted) return 'cancelled';
  if (err instanceof LaoshiError) return err.message;
  if (err instanceof Error && (err.name === 'FormatError' || err.name === 'MlError' || err.name === 'GeometryError')) return err.message;
  return `internal error in job ${job.id}; see the server log`;
}

/** The job of a run: reads references and predictions, computes the report, stores it; a failure is kept on the run. */
export async function runEvaluationJob(ctx: AppContext, job: JobHandle, plan: RunPlan): Promise<{ evaluationId: number; items: number }> {
  try {
    const { items } = await evaluate(ctx, job, plan);
    return { evaluationId: plan.runId, items };
  } catch (err) {
    await ctx.db.kysely.updateTable('evaluation_runs').set({ status: 'failed', error: failureText(err, job), finished_at: ctx.now() }).where('id', '=', plan.runId).execute();
    // The job fails with a message the job runner shows (it hides errors it does not know).
    if (err instanceof LaoshiError || job.signal.aborted) throw err;
    const text = failureText(err, job);
    throw text.startsWith('internal error') ? err : new LaoshiError(422, 'LAOSHI_VALIDATION', text);
  }
}
