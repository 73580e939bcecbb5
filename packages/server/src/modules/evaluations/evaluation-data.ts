import { sliceValue, type EvaluationReference, type ImageSize, type PredictedResult } from '@laoshi/core';
import type { AppContext } from '../../context.js';

// What an evaluation run reads from the database: reference annotations, the tasks they belong to,
// and stored predictions. Everything is read in pages by id, so no query holds a project at once.

const PAGE = 5000;
const CHUNK = 500;

/**
 * Each task's reference result: with 'accepted', the task's accepted annotation (the latest
 * updated one when several were accepted); with 'gold', the task's gold annotation.
 */
export async function loadReferences(ctx: AppContext, projectId: number, reference: EvaluationReference): Promise<Map<number, unknown[]>> {
  const out = new Map<number, { result: string; at: number; id: number }>();
  let after = 0;
  for (;;) {
    const rows = reference === 'gold'
      ? await ctx.db.kysely
        .selectFrom('gold_tasks as g')
        .innerJoin('annotations as a', 'a.id', 'g.annotation_id')
        .select(['a.id', 'a.task_id', 'a.result', 'a.updated_at'])
        .where('g.project_id', '=', projectId)
        .where('a.id', '>', after)
        .orderBy('a.id')
        .limit(PAGE)
        .execute()
      : await ctx.db.kysely
        .selectFrom('annotations as a')
        .select(['a.id', 'a.task_id', 'a.result', 'a.updated_at'])
        .where('a.project_id', '=', projectId)
        .where('a.is_draft', '=', 0)
        .where('a.review_state', '=', 'accepted')
        .where('a.id', '>', after)
        .orderBy('a.id')
        .limit(PAGE)
        .execute();
    for (const r of rows) {
      const seen = out.get(r.task_id);
      if (!seen || r.updated_at > seen.at || (r.updated_at === seen.at && r.id > seen.id)) out.set(r.task_id, { result: r.result, at: r.updated_at, id: r.id });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]).map(([taskId, r]) => [taskId, JSON.parse(r.result) as unknown[]]));
}

export interface TaskFacts {
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** Data and meta of the given tasks of the project (ids of other projects are not returned). */
export async function loadTasks(ctx: AppContext, projectId: number, taskIds: readonly number[]): Promise<Map<number, TaskFacts>> {
  const out = new Map<number, TaskFacts>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const rows = await ctx.db.kysely.selectFrom('tasks').select(['id', 'data', 'meta']).where('project_id', '=', projectId).where('id', 'in', taskIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.id, { data: JSON.parse(r.data) as Record<string, unknown>, meta: JSON.parse(r.meta) as Record<string, unknown> });
  }
  return out;
}

/** Which of these ids are tasks of the project. */
export async function existingTaskIds(ctx: AppContext, projectId: number, taskIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const rows = await ctx.db.kysely.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('id', 'in', taskIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/** Each task's latest stored prediction of a model_version (by creation time, then id). */
export async function loadStoredPredictions(ctx: AppContext, projectId: number, modelVersion: string): Promise<Map<number, PredictedResult>> {
  const latest = new Map<number, { result: string; score: number | null; at: number; id: number }>();
  let after = 0;
  for (;;) {
    const rows = await ctx.db.kysely
      .selectFrom('predictions')
      .select(['id', 'task_id', 'result', 'score', 'created_at'])
      .where('project_id', '=', projectId)
      .where('model_version', '=', modelVersion)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const seen = latest.get(r.task_id);
      if (!seen || r.created_at > seen.at || (r.created_at === seen.at && r.id > seen.id)) latest.set(r.task_id, { result: r.result, score: r.score, at: r.created_at, id: r.id });
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  return new Map([...latest].map(([taskId, p]) => [taskId, { result: JSON.parse(p.result) as unknown[], score: p.score === null ? null : Number(p.score) }]));
}

/** The class probabilities a built-in version recorded for the active-learning order (its latest per task). */
export async function loadProbabilities(ctx: AppContext, projectId: number, modelVersion: string): Promise<Map<number, { labels: string[]; values: number[] }>> {
  const rows = await ctx.db.kysely.selectFrom('task_uncertainty').select(['task_id', 'labels', 'probabilities']).where('project_id', '=', projectId).where('model_version', '=', modelVersion).execute();
  return new Map(rows.map((r) => [r.task_id, { labels: JSON.parse(r.labels) as string[], values: JSON.parse(r.probabilities) as number[] }]));
}

/** The slice of a task: a dotted path into its data; a path starting "meta." falls back to the task's meta (as the model evaluation does). */
export function sliceOf(task: TaskFacts, field: string): string | null {
  const fromData = sliceValue(task.data, field);
  if (fromData !== null || !field.startsWith('meta.')) return fromData;
  return sliceValue(task.meta, field.slice('meta.'.length));
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The image size the task's meta records (imports set original_width/original_height), else from the reference's regions. */
export function taskImageSize(task: TaskFacts | undefined, reference: readonly unknown[] = []): ImageSize | null {
  if (task && positive(task.meta.original_width) && positive(task.meta.original_height)) return { width: task.meta.original_width, height: task.meta.original_height };
  for (const item of reference) {
    const i = item as { original_width?: unknown; original_height?: unknown } | null;
    if (i && positive(i.original_width) && positive(i.original_height)) return { width: i.original_width, height: i.original_height };
  }
  return null;
}
