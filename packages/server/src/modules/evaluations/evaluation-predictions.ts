import path from 'node:path';
import { cocoResultsToRegions, type CocoId, type PredictedResult } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { choicesResult } from '../models/builtin-predict.js';
import type { ModelVersionRow } from '../models/model-version-repository.js';
import { versionPredictor } from '../models/model-version-service.js';
import type { CheckedFile } from './evaluation-file.js';
import { existingTaskIds, loadProbabilities, loadStoredPredictions, loadTasks, taskImageSize, type TaskFacts } from './evaluation-data.js';
import type { EvaluationTarget } from './evaluation-targets.js';

/** Where a run's predictions come from, decided (and checked) when the run was asked for. */
export type PredictionPlan =
  | { kind: 'stored'; modelVersion: string }
  | { kind: 'builtin'; version: ModelVersionRow }
  | { kind: 'file'; file: CheckedFile };

export interface RunPredictions {
  byTask: Map<number, PredictedResult>;
  /** Task ids of the file that are no task of the project. */
  unknownTasks: number;
  warnings: string[];
}

/** What the predictions are compared with: the tasks that have a reference, with their facts. */
export interface ReferenceSide {
  projectId: number;
  references: Map<number, unknown[]>;
  tasks: Map<number, TaskFacts>;
}

const MAX_LISTED = 20;

/** "a, b, c and 12 more" for the first MAX_LISTED of some ids. */
const listed = (ids: readonly (string | number)[]): string => `${ids.slice(0, MAX_LISTED).map(String).join(', ')}${ids.length > MAX_LISTED ? ` and ${ids.length - MAX_LISTED} more` : ''}`;

/**
 * A built-in version's predictions: those it wrote (with the class probabilities it recorded),
 * or, when it wrote none, its predictor run here on every task with a reference.
 */
async function builtinPredictions(ctx: AppContext, job: JobHandle, version: ModelVersionRow, side: ReferenceSide): Promise<Map<number, PredictedResult>> {
  const stored = await loadStoredPredictions(ctx, version.project_id, version.name);
  const labels = JSON.parse(version.labels) as string[];
  if (stored.size > 0) {
    const probabilities = await loadProbabilities(ctx, version.project_id, version.name);
    for (const [taskId, p] of stored) {
      const probs = probabilities.get(taskId);
      if (probs && probs.labels.length === labels.length && probs.labels.every((l, i) => l === labels[i])) p.probabilities = probs;
    }
    return stored;
  }
  const out = new Map<number, PredictedResult>();
  const predictor = await versionPredictor(ctx, version, job.signal);
  try {
    let done = 0;
    for (const [taskId, task] of side.tasks) {
      if (job.signal.aborted) throw new Error('cancelled');
      const p = await predictor.predict({ id: taskId, data: task.data, meta: task.meta });
      if (p) out.set(taskId, { result: choicesResult(version, p.label), score: p.score, probabilities: { labels: predictor.model.linear.labels, values: p.probabilities } });
      if (++done % 50 === 0) {
        job.progress(done, side.tasks.size, `predicting: ${done}/${side.tasks.size} tasks`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    await predictor.close();
  }
  return out;
}

/** Task ids of the file's tasks that the project does not have. */
async function unknownOf(ctx: AppContext, side: ReferenceSide, ids: readonly number[]): Promise<number[]> {
  const outside = [...new Set(ids.filter((id) => !side.references.has(id)))];
  const existing = await existingTaskIds(ctx, side.projectId, outside);
  return outside.filter((id) => !existing.has(id));
}

/** The task each file name (whole, or its last path segment when that is unique) belongs to. */
async function taskIndex(ctx: AppContext, projectId: number, dataKey: string): Promise<{ find(fileName: string): number | undefined; byCocoId(imageId: CocoId): number | undefined }> {
  const [whole, base] = [new Map<string, number>(), new Map<string, number>()];
  // The image ids a COCO import recorded (meta.coco_image_id), as text so 7 and "7" differ from neither.
  const cocoIds = new Map<string, number>();
  const add = (name: unknown, taskId: number) => {
    if (typeof name !== 'string' || name === '') return;
    whole.set(name, taskId);
    const b = path.posix.basename(name.split('?')[0]!.replace(/\\/g, '/'));
    // -1: the base name is shared by two tasks, so it identifies neither.
    base.set(b, base.has(b) && base.get(b) !== taskId ? -1 : taskId);
  };
  let after = 0;
  for (;;) {
    const rows = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('project_id', '=', projectId).where('id', '>', after).orderBy('id').limit(2000).execute();
    for (const r of rows) {
      const meta = JSON.parse(r.meta) as Record<string, unknown>;
      add(meta.file_name, r.id);
      const cocoId = meta.coco_image_id;
      if ((typeof cocoId === 'number' || typeof cocoId === 'string') && !cocoIds.has(String(cocoId))) cocoIds.set(String(cocoId), r.id);
      add((JSON.parse(r.data) as Record<string, unknown>)[dataKey], r.id);
    }
    if (rows.length < 2000) break;
    after = rows[rows.length - 1]!.id;
  }
  return {
    byCocoId: (imageId) => cocoIds.get(String(imageId)),
    find: (fileName) => {
      const exact = whole.get(fileName);
      if (exact !== undefined) return exact;
      const b = base.get(path.posix.basename(fileName.replace(/\\/g, '/')));
      return b === undefined || b === -1 ? undefined : b;
    },
  };
}

/**
 * COCO detections as each task's regions, sizes from the file or the task. Images by file name when
 * the file lists them; otherwise by the image id a COCO import recorded, and failing that the image
 * id is read as a task id.
 */
async function cocoPredictions(ctx: AppContext, file: Extract<CheckedFile, { format: 'coco' }>, target: EvaluationTarget, side: ReferenceSide, warnings: string[]): Promise<{ byTask: Map<number, PredictedResult>; unknown: number }> {
  const images = file.images;
  const index = await taskIndex(ctx, side.projectId, target.dataKey);
  const taskOf = new Map<CocoId, number | undefined>();
  for (const r of file.results) {
    if (taskOf.has(r.imageId)) continue;
    if (images) {
      const image = images.get(r.imageId);
      taskOf.set(r.imageId, image ? index.find(image.fileName) : undefined);
    } else taskOf.set(r.imageId, index.byCocoId(r.imageId) ?? (typeof r.imageId === 'number' && r.imageId >= 1 ? r.imageId : undefined));
  }
  const ids = [...new Set([...taskOf.values()].filter((id): id is number => id !== undefined))];
  const facts = new Map([...side.tasks, ...await loadTasks(ctx, side.projectId, ids.filter((id) => !side.tasks.has(id)))]);
  const converted = cocoResultsToRegions(file.results, file.categories, { fromName: target.fromName, toName: target.toName, type: target.type as 'rectanglelabels' | 'polygonlabels', labels: target.labels }, (imageId) => {
    const taskId = taskOf.get(imageId);
    const task = taskId === undefined ? undefined : facts.get(taskId);
    if (taskId === undefined || !task) return null;
    const image = images?.get(imageId);
    const size = image?.width && image.height ? { width: image.width, height: image.height } : taskImageSize(task, side.references.get(taskId));
    return { taskId, size };
  });
  if (converted.unknownImages.length > 0) {
    warnings.push(`${converted.unknownImages.length} image id(s) of the file match no task of the project${images ? ' (by file_name)' : ' (by the image ids a COCO import recorded, else as task ids, when the file lists no images)'}: ${listed(converted.unknownImages)}`);
  }
  if (converted.withoutSize.length > 0) warnings.push(`${converted.withoutSize.length} image(s) have no size in the file or the task, so their detections were left out: ${listed(converted.withoutSize)}`);
  if (converted.otherCategories.length > 0) warnings.push(`detections of categories that are not labels of "${target.fromName}" were left out: ${listed(converted.otherCategories)}`);
  // Every image of a known task that the file lists was predicted, even with no detection on it.
  const byTask = new Map<number, PredictedResult>();
  for (const taskId of taskOf.values()) if (taskId !== undefined && facts.has(taskId)) byTask.set(taskId, { result: [], score: null });
  if (images) {
    for (const image of images.values()) {
      const taskId = index.find(image.fileName);
      if (taskId !== undefined && !byTask.has(taskId)) byTask.set(taskId, { result: [], score: null });
    }
  }
  for (const [taskId, regions] of converted.byTask) byTask.set(taskId, { result: regions, score: null });
  return { byTask, unknown: converted.unknownImages.length };
}

/** Reads (or computes) the predictions of a run's source. */
export async function runPredictions(ctx: AppContext, job: JobHandle, plan: PredictionPlan, target: EvaluationTarget, side: ReferenceSide): Promise<RunPredictions> {
  const warnings: string[] = [];
  if (plan.kind === 'stored') return { byTask: await loadStoredPredictions(ctx, side.projectId, plan.modelVersion), unknownTasks: 0, warnings };
  if (plan.kind === 'builtin') return { byTask: await builtinPredictions(ctx, job, plan.version, side), unknownTasks: 0, warnings };
  if (plan.file.format === 'coco') {
    const { byTask, unknown } = await cocoPredictions(ctx, plan.file, target, side, warnings);
    return { byTask, unknownTasks: unknown, warnings };
  }
  // The last line or task of the file wins for a task named twice.
  const byTask = new Map<number, PredictedResult>();
  for (const p of plan.file.predictions) byTask.set(p.taskId, { result: p.result, score: p.score });
  const unknown = await unknownOf(ctx, side, [...byTask.keys()]);
  for (const id of unknown) byTask.delete(id);
  if (unknown.length > 0) warnings.push(`${unknown.length} task id(s) of the file are not tasks of this project: ${listed(unknown)}`);
  // Only the evaluated control's items were kept: a file made for another control has none.
  if (byTask.size > 0 && [...byTask.values()].every((p) => p.result.length === 0)) warnings.push(`no prediction in the file has an item of control "${target.fromName}" (from_name)`);
  return { byTask, unknownTasks: unknown.length, warnings };
}
